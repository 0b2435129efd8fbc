"""Citizen account pages under /konto/: register, verify, log in and out, password reset,
change e-mail and password, second factor, sessions, delete. Thin: each calls one session.

Anonymous use of the service stays possible everywhere; an account is an offer, not a gate.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth import views as auth_views
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.accounts import flow, passkeys, services, session, state_login
from jobcenter.accounts.forms import (
    CitizenPasswordResetForm,
    DeleteAccountForm,
    EmailChangeForm,
    EnrolForm,
    LoginForm,
    NewPasswordForm,
    OtpForm,
    ReauthForm,
    RegisterForm,
)
from jobcenter.accounts.language import language_choose
from jobcenter.accounts.models import Kind, UserSession
from jobcenter.core.forms import posted

LEVEL_LABELS = {
    session.BASIC: gettext_lazy("normal"),
    session.SUBSTANTIAL: gettext_lazy("substanziell"),
    session.HIGH: gettext_lazy("hoch"),
}


def _next(request, default_name="accounts:overview"):
    return flow.safe_next(
        request, request.POST.get("next") or request.GET.get("next"), reverse(default_name)
    )


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer once an account is locked: what happened and what to do next."""
    staff = request.path.startswith("/backoffice/") or session.audience(request) == "staff"
    minutes = None
    if settings.AXES_COOLOFF_TIME:
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked.html",
        {"staff": staff, "minutes": minutes},
        status=429,
    )


# --- register and verify --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def register(request):
    if session.audience(request) == "citizen":
        return redirect("accounts:overview")
    form = RegisterForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.citizen_register(
            request=request,
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password"],
        )
        request.session["accounts.registered_email"] = form.cleaned_data["email"]
        return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


@require_safe
def register_done(request):
    email = request.session.get("accounts.registered_email")
    return render(request, "accounts/register_done.html", {"email": email})


@require_safe
def verify(request, token):
    user = services.citizen_verify_email(token=token)
    return render(
        request,
        "accounts/verify.html",
        {"ok": user is not None},
        status=200 if user is not None else 400,
    )


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    form = LoginForm(posted(request))
    form.fields["password"].required = False
    if request.method == "POST" and form.is_valid():
        user = services.citizen_find(email=form.cleaned_data["email"])
        if user is not None and user.email_verified_at is None:
            services.citizen_send_verification(request=request, user=user)
        request.session["accounts.registered_email"] = form.cleaned_data["email"]
        return redirect("accounts:register_done")
    return render(request, "accounts/resend.html", {"form": form})


# --- login and logout -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def login(request):
    next_url = _next(request)
    if session.audience(request) == "citizen":
        return redirect(next_url)
    form = LoginForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
        )
        if user is None:
            form.add_error(
                None,
                _(
                    "E-Mail-Adresse oder Passwort stimmen nicht. Bitte prüfen Sie Ihre Eingabe. "
                    "Wenn Sie Ihr Passwort vergessen haben, können Sie ein neues festlegen."
                ),
            )
        elif user.email_verified_at is None:
            form.add_error(
                None,
                _(
                    "Ihre E-Mail-Adresse ist noch nicht bestätigt. Bitte klicken Sie auf den Link "
                    "in der E-Mail, die wir Ihnen geschickt haben – oder fordern Sie einen neuen "
                    "Link an."
                ),
            )
            return render(
                request,
                "accounts/login.html",
                {"form": form, "next": next_url, "unverified": True},
                status=400,
            )
        elif services.has_totp(user) or passkeys.has_passkey(user):
            flow.pending_start(request, user, next_url=next_url)
            return redirect("accounts:login_code")
        else:
            services.login_user(request, user)
            return redirect(next_url)
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "next": next_url,
            "state_login": state_login.active(),
        },
        status=400 if form.errors else 200,
    )


def second_factor_step(request, *, kind: str, login_url: str, done_url: str, template: str):
    """The second login step (a TOTP or recovery code) after the password, for citizens and
    staff alike; the audiences differ only in where they start and land."""
    user, next_url = flow.pending_user(request, kind)
    if user is None:
        messages.info(request, _("Bitte melden Sie sich erneut an."))
        return redirect(login_url)
    form = OtpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if flow.is_locked(request, user):
            return lockout(request)
        device = services.second_factor_verify(user=user, token=form.cleaned_data["otp_token"])
        if device is None:
            flow.second_factor_failed(request, user)
            form.add_error(
                "otp_token",
                _(
                    "Dieser Code stimmt nicht. Bitte geben Sie den aktuellen Code aus Ihrer App "
                    "ein oder einen Ihrer Wiederherstellungscodes."
                ),
            )
        else:
            flow.pending_clear(request)
            services.login_user(request, user, device=device)
            return redirect(next_url or done_url)
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
def login_code(request):
    return second_factor_step(
        request,
        kind=Kind.CITIZEN,
        login_url="accounts:login",
        done_url="accounts:overview",
        template="accounts/login_code.html",
    )


@require_POST
def logout_view(request):
    staff = session.audience(request) == "staff"
    logout(request)
    messages.success(request, _("Sie sind abgemeldet."))
    return redirect("backoffice:login" if staff else "accounts:login")


# --- account overview and changes -----------------------------------------------------------------


@require_safe
@session.citizen_required
def overview(request):
    user = request.user
    level = session.assurance_level(request)
    sessions = UserSession.objects.filter(user=user)
    return render(
        request,
        "accounts/overview.html",
        {
            "level_label": LEVEL_LABELS.get(level, level),
            "method": session.login_method(request),
            "second_factor": session.has_second_factor(request),
            "has_totp": services.has_totp(user),
            "identity": session.identity_data(request),
            "sessions": sessions,
            "current_key": request.session.session_key,
            "has_password": user.has_usable_password(),
            "state_login_name": _state_login_name(session.login_method(request)),
        },
    )


def _state_login_name(method) -> str:
    backend = state_login.by_key(method)
    return backend.name if backend is not None else ""


@require_http_methods(["GET", "POST"])
def reauthenticate(request):
    """Confirm it is still you: the password (and the code, if a second factor is set up)."""
    who = session.audience(request)
    if who is None:
        return redirect("accounts:login")
    next_url = _next(request, "backoffice:overview" if who == "staff" else "accounts:overview")
    user = request.user
    if not user.has_usable_password():  # state-account login: log in there again
        backend = state_login.active()
        if backend is not None:
            return redirect(backend.url(next_url))
        raise Http404
    form = ReauthForm(posted(request))
    needs_code = services.has_totp(user)
    if needs_code:
        form.fields["otp_token"] = OtpForm().fields["otp_token"]
    if request.method == "POST" and form.is_valid():
        if flow.is_locked(request, user):
            return lockout(request)
        ok = user.check_password(form.cleaned_data["password"])
        if ok and needs_code:
            ok = (
                services.second_factor_verify(user=user, token=form.cleaned_data["otp_token"])
                is not None
            )
        if ok:
            services.mark_reauthenticated(request)
            return redirect(next_url)
        flow.second_factor_failed(request, user)
        form.add_error(
            None, _("Das Passwort oder der Code stimmt nicht. Bitte versuchen Sie es noch einmal.")
        )
    return render(
        request,
        "accounts/reauthenticate.html",
        {"form": form, "next": next_url, "staff": who == "staff"},
    )


@require_http_methods(["GET", "POST"])
@session.citizen_required
@session.require_recent_login
def password_change(request):
    return password_change_page(request, overview="accounts:overview")


def password_change_page(request, *, overview: str, staff: bool = False):
    """Set a new password (citizens and staff; the callers check who and how recently)."""
    form = NewPasswordForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        ended = services.password_set(request=request, form=form)
        messages.success(
            request,
            _(
                "Ihr Passwort ist geändert. Alle anderen Anmeldungen ({count}) wurden beendet."
            ).format(count=ended),
        )
        return redirect(overview)
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "overview_url": reverse(overview), "staff": staff},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@session.citizen_required
@session.require_recent_login
def email_change(request):
    form = EmailChangeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.citizen_email_change_request(
            request=request, user=request.user, new_email=form.cleaned_data["new_email"]
        )
        return render(
            request, "accounts/email_change_sent.html", {"email": form.cleaned_data["new_email"]}
        )
    return render(request, "accounts/email_change.html", {"form": form})


@require_safe
def email_confirm(request, token):
    user = services.citizen_email_change_confirm(token=token)
    return render(
        request,
        "accounts/email_confirmed.html",
        {"ok": user is not None},
        status=200 if user else 400,
    )


@require_http_methods(["GET", "POST"])
@session.citizen_required
@session.require_recent_login
def delete(request):
    form = DeleteAccountForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(
            request, _("Ihr Konto ist gelöscht. Sie können den Dienst weiterhin ohne Konto nutzen.")
        )
        return redirect("portal:choose")
    return render(request, "accounts/delete.html", {"form": form})


@require_http_methods(["GET", "POST"])
@session.citizen_required
@session.require_recent_login
def second_factor_setup(request):
    """Optional for citizens: an authenticator app as second factor."""
    device = services.totp_enrolment_device(request.user)
    form = EnrolForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if services.totp_confirm(device=device, token=form.cleaned_data["otp_token"]):
            request.session["accounts.recovery_codes"] = services.recovery_codes_generate(
                user=request.user
            )
            from django_otp import login as otp_login

            otp_login(request, device)
            return redirect("accounts:recovery_codes")
        form.add_error(
            "otp_token",
            _(
                "Dieser Code stimmt nicht. Bitte prüfen Sie, ob die Uhrzeit Ihres Telefons stimmt, "
                "und geben Sie den aktuellen Code ein."
            ),
        )
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "device": device,
            "qr": services.qr_svg(device.config_url),
            "secret": _format_secret(device),
        },
    )


def _format_secret(device) -> str:
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@require_http_methods(["GET", "POST"])
@session.citizen_required
def recovery_codes(request):
    codes = request.session.pop("accounts.recovery_codes", None)
    if codes is None:
        return redirect("accounts:overview")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "staff": False})


@require_http_methods(["GET", "POST"])
@session.citizen_required
@session.require_recent_login
def recovery_codes_renew(request):
    """New recovery codes for the second factor: GET asks (the old ones stop working), POST
    makes them and shows them once."""
    if not services.has_totp(request.user) and not passkeys.has_passkey(request.user):
        return redirect("accounts:overview")
    if request.method == "POST":
        request.session["accounts.recovery_codes"] = services.recovery_codes_generate(
            user=request.user
        )
        return redirect("accounts:recovery_codes")
    return render(
        request,
        "accounts/recovery_codes_renew.html",
        {
            "codes_left": services.recovery_codes_left(request.user),
            "back_url": reverse("accounts:overview"),
        },
    )


@require_POST
@session.citizen_required
@session.require_recent_login
def second_factor_remove(request):
    services.second_factor_remove(user=request.user)
    messages.success(request, _("Der zweite Faktor ist entfernt."))
    return redirect("accounts:overview")


# --- sessions -------------------------------------------------------------------------------------


@require_POST
@session.citizen_required
def sessions_end_others(request):
    ended = services.sessions_end(user=request.user, except_key=request.session.session_key)
    messages.success(request, _("{count} andere Anmeldungen wurden beendet.").format(count=ended))
    return redirect("accounts:overview")


@require_POST
@session.citizen_required
def session_end(request, pk):
    if not services.session_end_one(user=request.user, session_id=pk):
        raise Http404
    messages.success(request, _("Die Anmeldung wurde beendet."))
    return redirect("accounts:overview")


@require_POST
def session_extend(request):
    """ "Sitzung verlängern": any request resets the idle timer; this one just comes back."""
    if request.headers.get("accept", "").startswith("application/json"):
        expires = getattr(request, "session_expires_at", None)
        return JsonResponse({"expires_at": expires, "expires_time": session.expiry_clock(expires)})
    return redirect(flow.safe_next(request, request.POST.get("next"), "/"))


@require_safe
def session_status(request):
    """When the session ends (for the optional JavaScript dialog); does not extend it."""
    expires = getattr(request, "session_expires_at", None)
    return JsonResponse(
        {
            "authenticated": expires is not None,
            "expires_at": expires,
            "expires_time": session.expiry_clock(expires),
            "now": int(timezone.now().timestamp()),
        }
    )


@require_safe
def step_up(request):
    """A function needs a stronger login: explain the ways to get it."""
    level = request.GET.get("level", session.SUBSTANTIAL)
    return render(
        request,
        "accounts/step_up.html",
        {
            "next": _next(request),
            "level_label": LEVEL_LABELS.get(level, level),
            "state_login": state_login.active(),
            "level": level if level in session.LEVELS else session.SUBSTANTIAL,
            "current_label": LEVEL_LABELS.get(session.assurance_level(request) or "", ""),
            "passkey_user": passkeys.step_up_context(request),
        },
    )


# --- password reset (Django's views, our templates and form) -------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = CitizenPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.sessions_end(user=form.user)
        services.password_changed_notice(request=self.request, user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_POST
def set_language(request):
    """The switcher (a plain form, no JavaScript): Django's view sets the cookie and redirects
    to ``next``; the choice is also kept in the session and, when signed in, the account."""
    from django.views.i18n import set_language as django_set_language

    response = django_set_language(request)
    language_choose(request, request.POST.get("language", ""))
    return response
