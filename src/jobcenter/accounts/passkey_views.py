"""Passkey pages for citizens (/konto/…) and staff (/backoffice/mein-konto/…): the list with
register, rename and remove; the passkey login; the passkey as second login step; confirming
a login with a passkey (the step-up to "substanziell").

Each ceremony is one form: ``passkeys.js`` POSTs it to the ``…/optionen/`` address for the
challenge (JSON), asks the browser's authenticator and sends the form with its answer. Without
JavaScript the page says that passkeys need it; the other ways to log in stay.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.accounts import flow, passkeys, services, session
from jobcenter.accounts.models import Kind
from jobcenter.accounts.views import lockout
from jobcenter.core.forms import posted

CODES = "accounts.passkey_codes"  # {"codes": [...], "next": url}: shown once after registering


class NameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name des Passkeys"),
        max_length=passkeys.NAME_MAX,
        help_text=gettext_lazy("Damit Sie ihn wiedererkennen, zum Beispiel „Mein Telefon“."),
        error_messages={"required": gettext_lazy("Bitte geben Sie einen Namen ein.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def _options(json_text: str) -> JsonResponse:
    response = JsonResponse({}, status=200)
    response.content = json_text.encode()
    return response


def _audience_urls(staff: bool) -> dict:
    prefix = "staff_account" if staff else "accounts"
    return {
        "manage": f"{prefix}:passkeys",
        "options": f"{prefix}:passkey_options",
        "register": f"{prefix}:passkey_register",
        "rename": f"{prefix}:passkey_rename",
        "remove": f"{prefix}:passkey_remove",
        "overview": "staff_account:overview" if staff else "accounts:overview",
    }


def _check(view_staff: bool):
    """The audience guard of the management pages (recent login for every change)."""

    def decorator(view):
        guarded = session.require_recent_login(view)
        return session.staff_required(guarded) if view_staff else session.citizen_required(guarded)

    return decorator


# --- manage: list, register, rename, remove -------------------------------------------------------


def _manage(request, *, staff: bool):
    urls = _audience_urls(staff)
    return render(
        request,
        "accounts/passkeys/manage.html",
        {
            "passkeys": passkeys.passkeys_of(request.user),
            "form": NameForm(initial={"name": ""}),
            "urls": urls,
            "staff": staff,
            "next": flow.safe_next(request, request.GET.get("next"), ""),
        },
    )


def _register_options(request):
    return _options(passkeys.registration_options(request, request.user))


def _register(request, *, staff: bool):
    urls = _audience_urls(staff)
    next_url = flow.safe_next(request, request.POST.get("next"), reverse(urls["manage"]))
    try:
        passkeys.register(
            request,
            request.user,
            credential=request.POST.get("credential", ""),
            name=request.POST.get("name", ""),
        )
    except passkeys.PasskeyError:
        messages.error(
            request,
            _("Der Passkey konnte nicht eingerichtet werden. Bitte versuchen Sie es noch einmal."),
        )
        return redirect(urls["manage"])
    messages.success(request, _("Der Passkey ist eingerichtet."))
    if not staff and passkeys.needs_recovery_codes(request.user):
        codes = services.recovery_codes_generate(user=request.user)
        request.session[CODES] = {"codes": codes, "next": next_url}
        return redirect("accounts:passkey_codes")
    return redirect(next_url)


def _rename(request, pk: int, *, staff: bool):
    urls = _audience_urls(staff)
    passkey = passkeys.passkeys_of(request.user).filter(pk=pk).first()
    if passkey is None:
        raise Http404
    form = NameForm(posted(request), initial={"name": passkey.name})
    if request.method == "POST" and form.is_valid():
        passkeys.rename(user=request.user, pk=pk, name=form.cleaned_data["name"])
        messages.success(request, _("Der Passkey ist umbenannt."))
        return redirect(urls["manage"])
    return render(
        request,
        "accounts/passkeys/rename.html",
        {"form": form, "passkey": passkey, "urls": urls, "staff": staff},
        status=400 if form.errors else 200,
    )


def _remove(request, pk: int, *, staff: bool):
    urls = _audience_urls(staff)
    if not passkeys.remove(user=request.user, pk=pk):
        raise Http404
    messages.success(request, _("Der Passkey ist entfernt."))
    return redirect(urls["manage"])


def _audience_views(*, staff: bool):
    """The passkey list and its actions, the same for citizens (/konto/) and staff
    (/backoffice/mein-konto/); ``staff`` picks the login check, the addresses and the page frame."""
    check = _check(view_staff=staff)

    @require_safe
    @never_cache
    @check
    def manage(request):
        return _manage(request, staff=staff)

    @require_POST
    @check
    def register_options(request):
        return _register_options(request)

    @require_POST
    @check
    def register(request):
        return _register(request, staff=staff)

    @require_http_methods(["GET", "POST"])
    @check
    def rename(request, pk):
        return _rename(request, pk, staff=staff)

    @require_POST
    @check
    def remove(request, pk):
        return _remove(request, pk, staff=staff)

    return manage, register_options, register, rename, remove


manage, register_options, register, rename, remove = _audience_views(staff=False)
staff_manage, staff_register_options, staff_register, staff_rename, staff_remove = _audience_views(
    staff=True
)


@require_safe
@never_cache
@session.citizen_required
def codes(request):
    """The recovery codes made with the first passkey, shown once; then back where the citizen
    came from (e.g. the form page that asked for the step-up)."""
    kept = request.session.pop(CODES, None)
    if not kept:
        return redirect("accounts:passkeys")
    return render(
        request,
        "accounts/passkeys/codes.html",
        {"codes": kept["codes"], "next": kept.get("next") or reverse("accounts:overview")},
    )


# --- log in with a passkey (citizens) -------------------------------------------------------------


@require_POST
def login_options(request):
    return _options(passkeys.authentication_options(request, passkeys.LOGIN))


@require_POST
def login(request):
    next_url = flow.safe_next(request, request.POST.get("next"), reverse("accounts:overview"))
    try:
        passkey = passkeys.authenticate(
            request, passkeys.LOGIN, credential=request.POST.get("credential", "")
        )
    except passkeys.PasskeyError:
        messages.error(
            request,
            _(
                "Die Anmeldung mit dem Passkey hat nicht geklappt. Bitte versuchen Sie es noch "
                "einmal oder melden Sie sich mit E-Mail-Adresse und Passwort an."
            ),
        )
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")
    services.login_user(request, passkey.user, method="passkey", device=passkey)
    return redirect(next_url)


# --- the passkey as second login step (citizens and staff) ----------------------------------------


def _pending(request, kind: str):
    user, next_url = flow.pending_user(request, kind)
    if user is None:
        raise Http404
    return user, next_url


def _second_factor_options(request, kind: str):
    user, _next = _pending(request, kind)
    return _options(passkeys.authentication_options(request, passkeys.CONFIRM, user))


def _second_factor(request, kind: str, *, code_url: str, done_url: str):
    user, next_url = flow.pending_user(request, kind)
    if user is None:
        return redirect(code_url)
    if flow.is_locked(request, user):
        return lockout(request)
    try:
        passkey = passkeys.authenticate(
            request, passkeys.CONFIRM, credential=request.POST.get("credential", ""), user=user
        )
    except passkeys.PasskeyError:
        flow.second_factor_failed(request, user)
        messages.error(
            request,
            _(
                "Der Passkey wurde nicht erkannt. Bitte versuchen Sie es noch einmal oder geben "
                "Sie einen Code ein."
            ),
        )
        return redirect(code_url)
    flow.pending_clear(request)
    services.login_user(request, user, device=passkey)
    return redirect(next_url or done_url)


@require_POST
def citizen_second_factor_options(request):
    return _second_factor_options(request, Kind.CITIZEN)


@require_POST
def citizen_second_factor(request):
    return _second_factor(
        request, Kind.CITIZEN, code_url="accounts:login_code", done_url="accounts:overview"
    )


@require_POST
def staff_second_factor_options(request):
    return _second_factor_options(request, Kind.STAFF)


@require_POST
def staff_second_factor(request):
    return _second_factor(
        request, Kind.STAFF, code_url="backoffice:login_code", done_url="backoffice:overview"
    )


# --- confirm this login with a passkey (step-up) --------------------------------------------------


@require_POST
@session.citizen_required
def confirm_options(request):
    return _options(passkeys.authentication_options(request, passkeys.CONFIRM, request.user))


@require_POST
@session.citizen_required
def confirm(request):
    next_url = flow.safe_next(request, request.POST.get("next"), reverse("accounts:overview"))
    try:
        passkey = passkeys.authenticate(
            request,
            passkeys.CONFIRM,
            credential=request.POST.get("credential", ""),
            user=request.user,
        )
    except passkeys.PasskeyError:
        messages.error(
            request, _("Der Passkey wurde nicht erkannt. Bitte versuchen Sie es noch einmal.")
        )
        return redirect(f"{reverse('accounts:step_up')}?{urlencode({'next': next_url})}")
    passkeys.confirm_session(request, passkey)
    return redirect(next_url)
