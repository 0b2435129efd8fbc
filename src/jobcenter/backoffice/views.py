"""Staff pages: login with password and TOTP (set up on the first login), recovery codes, and the
"Übersicht" landing page. The back-office issue adds inbox, cases and statistics here.

Every view except the login steps is wrapped in ``staff_required``: anonymous → staff login,
citizens and other audiences → 404, and data are always scoped to the staff member's Jobcenter.
"""

from base64 import b32encode

from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.accounts import access, flow, services, session
from jobcenter.accounts.forms import EnrolForm, StaffLoginForm
from jobcenter.accounts.models import Kind, Role, Team
from jobcenter.accounts.views import second_factor_step
from jobcenter.core.forms import posted


def _next(request):
    return flow.safe_next(
        request, request.POST.get("next") or request.GET.get("next"), reverse("backoffice:overview")
    )


@require_http_methods(["GET", "POST"])
def login(request):
    next_url = _next(request)
    if session.audience(request) == "staff" and session.has_second_factor(request):
        return redirect(next_url)
    form = StaffLoginForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            audience="staff",
        )
        if user is None:
            form.add_error(
                None,
                _(
                    "Benutzername oder Passwort stimmen nicht. Bitte prüfen Sie Ihre Eingabe. "
                    "Wenn Sie Ihr Passwort vergessen haben, wenden Sie sich an die Administration "
                    "Ihres Jobcenters."
                ),
            )
        elif not user.is_superuser and getattr(user, "staff_profile", None) is None:
            form.add_error(
                None,
                _(
                    "Ihr Konto ist noch keinem Jobcenter zugeordnet. Bitte wenden Sie sich an die "
                    "Administration Ihres Jobcenters."
                ),
            )
        else:
            flow.pending_start(request, user, next_url=next_url)
            if services.has_totp(user):
                return redirect("backoffice:login_code")
            return redirect("backoffice:enrol")
    return render(
        request,
        "backoffice/login.html",
        {"form": form, "next": next_url},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def login_code(request):
    return second_factor_step(
        request,
        kind=Kind.STAFF,
        login_url="backoffice:login",
        done_url="backoffice:overview",
        template="backoffice/login_code.html",
    )


def _secret(device) -> str:
    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@require_http_methods(["GET", "POST"])
def enrol(request):
    """First login: set up the authenticator app, then log in and show the recovery codes."""
    user, next_url = flow.pending_user(request, Kind.STAFF)
    if user is None or services.has_totp(user):
        return redirect("backoffice:login")
    device = services.totp_enrolment_device(user)
    form = EnrolForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if services.totp_confirm(device=device, token=form.cleaned_data["otp_token"]):
            codes = services.recovery_codes_generate(user=user)
            flow.pending_clear(request)
            services.login_user(request, user, device=device)
            request.session["accounts.recovery_codes"] = codes
            request.session["accounts.after_codes"] = next_url
            return redirect("backoffice:recovery_codes")
        flow.second_factor_failed(request, user)
        form.add_error(
            "otp_token",
            _(
                "Dieser Code stimmt nicht. Bitte prüfen Sie, ob die Uhrzeit Ihres Telefons stimmt, "
                "und geben Sie den aktuellen Code ein."
            ),
        )
    return render(
        request,
        "backoffice/enrol.html",
        {
            "form": form,
            "qr": services.qr_svg(device.config_url),
            "secret": _secret(device),
        },
    )


@require_safe
@session.staff_required
def recovery_codes(request):
    codes = request.session.pop("accounts.recovery_codes", None)
    if codes is None:
        return redirect("backoffice:overview")
    return render(
        request,
        "backoffice/recovery_codes.html",
        {
            "codes": codes,
            "continue_url": request.session.pop("accounts.after_codes", None)
            or reverse("backoffice:overview"),
        },
    )


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("Sie sind abgemeldet."))
    return redirect("backoffice:login")


@require_safe
@session.staff_required
def overview(request):
    profile = getattr(request.user, "staff_profile", None)
    roles = [Role(role).label for role in (profile.roles if profile else [])]
    teams = access.in_jobcenter(request, Team.objects.filter(members__user=request.user))
    return render(
        request,
        "backoffice/overview.html",
        {
            "profile": profile,
            "roles": roles,
            "teams": teams,
            "is_admin": request.user.is_superuser
            or (profile is not None and profile.has_role(Role.ADMINISTRATION)),
            "works_on_cases": session.works_on_cases(request.user),
        },
    )


@require_safe
@session.staff_required
def team_detail(request, pk):
    team = access.get_object_for_request_or_404(
        request, Team.objects.all(), owner_field=None, jobcenter_field="jobcenter", pk=pk
    )
    members = team.members.select_related("user").order_by("user__last_name")
    return render(request, "backoffice/team.html", {"team": team, "members": members})
