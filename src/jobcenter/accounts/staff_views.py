"""Staff self-service under /backoffice/mein-konto/: change the own password, replace the
authenticator app, renew the recovery codes.

Every change needs a recent re-authentication with password and code
(``session.require_recent_login``); a staff password is otherwise only reset by the
administration. Works without JavaScript; the new recovery codes are shown exactly once.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from jobcenter.accounts import services, session
from jobcenter.accounts.forms import EnrolForm
from jobcenter.accounts.views import _format_secret, password_change_page
from jobcenter.core.forms import posted

CODES = "accounts.staff_recovery_codes"


@require_safe
@session.staff_required
def overview(request):
    user = request.user
    profile = getattr(user, "staff_profile", None)
    return render(
        request,
        "accounts/staff/overview.html",
        {
            "profile": profile,
            "codes_left": services.recovery_codes_left(user),
        },
    )


@require_http_methods(["GET", "POST"])
@session.staff_required
@session.require_recent_login
def password_change(request):
    return password_change_page(request, overview="staff_account:overview", staff=True)


@require_http_methods(["GET", "POST"])
@session.staff_required
@session.require_recent_login
def authenticator_replace(request):
    """A new authenticator app: scan the new key, confirm with a code; the old app stops working."""
    device = services.totp_enrolment_device(request.user)
    form = EnrolForm(posted(request))
    if request.method == "POST" and form.is_valid():
        codes = services.second_factor_replace(
            request=request, device=device, token=form.cleaned_data["otp_token"]
        )
        if codes is not None:
            request.session[CODES] = codes
            messages.success(
                request,
                _(
                    "Die neue Authenticator-App ist eingerichtet. Die alte App und die alten "
                    "Wiederherstellungscodes gelten nicht mehr."
                ),
            )
            return redirect("staff_account:recovery_codes")
        form.add_error(
            "otp_token",
            _(
                "Dieser Code stimmt nicht. Bitte prüfen Sie, ob die Uhrzeit Ihres Telefons stimmt, "
                "und geben Sie den aktuellen Code aus der neuen App ein."
            ),
        )
    return render(
        request,
        "accounts/staff/authenticator_replace.html",
        {
            "form": form,
            "qr": services.qr_svg(device.config_url),
            "secret": _format_secret(device),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@session.staff_required
@session.require_recent_login
def recovery_codes_renew(request):
    """GET asks for confirmation (the old codes stop working), POST makes the new codes."""
    if request.method == "POST":
        request.session[CODES] = services.recovery_codes_generate(user=request.user)
        return redirect("staff_account:recovery_codes")
    return render(
        request,
        "accounts/recovery_codes_renew.html",
        {
            "codes_left": services.recovery_codes_left(request.user),
            "back_url": reverse("staff_account:overview"),
        },
    )


@require_safe
@session.staff_required
def recovery_codes(request):
    """The new codes, once: reloading the page shows them no more."""
    codes = request.session.pop(CODES, None)
    if codes is None:
        return redirect("staff_account:overview")
    return render(request, "accounts/staff/recovery_codes.html", {"codes": codes})
