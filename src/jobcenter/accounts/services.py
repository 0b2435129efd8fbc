"""Writes of the accounts app: registration, verification, e-mail change, deletion, sessions,
second factor. Views call these; other apps use ``jobcenter.accounts.session`` instead.

E-mail links carry a signed token (``django.core.signing``) that names the account and the
address it was sent to. A link therefore stops working once the address changed, expires after
``ACCOUNT_VERIFY_EMAIL_HOURS`` and reveals nothing without the server's secret key.
"""

import logging
import secrets
from importlib import import_module

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.accounts import session, signals
from jobcenter.accounts.language import language_of, supported
from jobcenter.accounts.models import Kind, Passkey, StaffProfile, UserSession
from jobcenter.core.mail import email_queue

log = logging.getLogger(__name__)

VERIFY_SALT = "jobcenter.accounts.verify-email"
EMAIL_CHANGE_SALT = "jobcenter.accounts.change-email"
RECOVERY_CODE_COUNT = 10
CITIZEN_BACKEND = "jobcenter.accounts.backends.CitizenBackend"
STAFF_BACKEND = "jobcenter.accounts.backends.StaffBackend"


# --- sessions -------------------------------------------------------------------------------------


def login_user(
    request, user, *, method: str = "password", level: str = session.BASIC, device=None
) -> None:
    """Log ``user`` in with a new session id; ``device`` is the confirmed second factor, if any."""
    user._jobcenter_login = {"method": method, "level": level}
    backend = STAFF_BACKEND if user.kind == Kind.STAFF else CITIZEN_BACKEND
    auth.login(request, user, backend=getattr(user, "backend", None) or backend)
    if device is not None:
        otp_login(request, device)


def session_started(request, user) -> None:
    """Bookkeeping after any login: level, times, the server-side session record, login hooks."""
    info = getattr(user, "_jobcenter_login", None) or {"method": "password", "level": session.BASIC}
    now = timezone.now().timestamp()
    request.session[session.SESSION_AUTH] = {
        "method": info["method"],
        "level": info["level"],
        "audience": "staff" if user.kind == Kind.STAFF else "citizen",
        "login_at": now,
        "reauth_at": now,
    }
    request.session[session.SESSION_SEEN] = now
    if info["method"] != "oidc":
        request.session.pop(session.SESSION_IDENTITY, None)
    request.session.save()  # so that the session key exists
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "last_seen_at": timezone.now(),
            "user_agent": request.headers.get("user-agent", "")[:200],
            "method": info["method"],
        },
    )
    signals.logged_in.send(sender=type(user), request=request, user=user)


def session_ended(request) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def sessions_end(*, user, except_key: str | None = None) -> int:
    """End all (or all other) sessions of ``user`` on the server. Returns how many."""
    store = _session_store()
    ended = 0
    for record in UserSession.objects.filter(user=user).exclude(session_key=except_key or ""):
        store(session_key=record.session_key).delete()
        record.delete()
        ended += 1
    return ended


def session_end_one(*, user, session_id: int) -> bool:
    record = UserSession.objects.filter(user=user, pk=session_id).first()
    if record is None:
        return False
    _session_store()(session_key=record.session_key).delete()
    record.delete()
    return True


def _session_key_moved(request, old_key: str | None) -> None:
    """Keep the server-side record of this session after its id changed (``cycle_key``), so
    logout, "end other sessions" and deactivation still find it."""
    request.session.save()
    if old_key and old_key != request.session.session_key:
        UserSession.objects.filter(session_key=old_key).update(
            session_key=request.session.session_key
        )


def mark_reauthenticated(request) -> None:
    """After re-authentication: a new session id (ASVS 7.2.4) and a fresh re-auth time."""
    data = dict(request.session.get(session.SESSION_AUTH) or {})
    data["reauth_at"] = timezone.now().timestamp()
    old_key = request.session.session_key
    request.session.cycle_key()
    request.session[session.SESSION_AUTH] = data
    _session_key_moved(request, old_key)


def password_set(*, request, form) -> int:
    """Save a new password from ``form`` (a ``SetPasswordForm`` for ``request.user``).

    This session stays logged in under a new id; every other session of the account ends on the
    server and the account holder is told by e-mail. Returns how many other sessions ended.
    """
    from django.contrib.auth import update_session_auth_hash

    user = form.save()
    old_key = request.session.session_key
    update_session_auth_hash(request, user)  # cycles the session id
    _session_key_moved(request, old_key)
    ended = sessions_end(user=user, except_key=request.session.session_key)
    password_changed_notice(request=request, user=user)
    log.info("accounts: password changed by the account holder (user %s)", user.pk)
    return ended


# --- citizens -------------------------------------------------------------------------------------


def _mail(template: str, to: str, context: dict, *, user=None) -> None:
    """Queue the e-mail (durable and retried, core/mail.py); it commits with the caller's
    transaction. The outbox stores the finished text, so it is written here in the recipient's
    language: their account's choice, else the language of the page they are on."""
    with translation.override(language_of(user, fallback=translation.get_language())):
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{template}.txt", context)
    email_queue(EmailMessage(subject, body, None, [to]), purpose=f"accounts:{template}")


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def citizen_find(*, email: str):
    return get_user_model().objects.filter(kind=Kind.CITIZEN, email__iexact=email.strip()).first()


@transaction.atomic
def citizen_register(*, request, email: str, password: str):
    """Create an unverified citizen account and send the verification link.

    If the address is already registered nothing is created; instead the owner of the address
    gets a note (so the page never reveals which addresses have an account).
    """
    email = get_user_model().objects.normalize_email(email.strip())
    existing = citizen_find(email=email)
    if existing is not None:
        # Hash the password anyway, so the answer takes as long as a real registration and its
        # timing does not reveal that the address has an account.
        make_password(password)
        if existing.email_verified_at is None:
            citizen_send_verification(request=request, user=existing)
        else:
            _mail(
                "already_registered",
                email,
                {
                    "login_url": _absolute(request, reverse("accounts:login")),
                    "reset_url": _absolute(request, reverse("accounts:password_reset")),
                },
                user=existing,
            )
        return None
    user = get_user_model()(
        username=f"c-{secrets.token_hex(8)}",
        email=email,
        kind=Kind.CITIZEN,
        language=supported(translation.get_language()) or "",
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    citizen_send_verification(request=request, user=user)
    return user


def citizen_send_verification(*, request, user) -> None:
    token = signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=VERIFY_SALT)
    _mail(
        "verify",
        user.email,
        {
            "url": _absolute(request, reverse("accounts:verify", kwargs={"token": token})),
            "hours": settings.ACCOUNT_VERIFY_EMAIL_HOURS,
        },
        user=user,
    )


def _unsign(token: str, salt: str) -> dict | None:
    try:
        return signing.loads(token, salt=salt, max_age=settings.ACCOUNT_VERIFY_EMAIL_HOURS * 3600)
    except signing.BadSignature:
        return None


def citizen_verify_email(*, token: str):
    """Confirm the address from a verification link; the account or None if the link is bad."""
    data = _unsign(token, VERIFY_SALT)
    if not data:
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), kind=Kind.CITIZEN).first()
    if user is None or user.email.lower() != data.get("e"):
        return None
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


def citizen_email_change_request(*, request, user, new_email: str) -> None:
    """Send a confirmation link to the new address; the old one is told about the request."""
    new_email = get_user_model().objects.normalize_email(new_email.strip())
    token = signing.dumps(
        {"u": user.pk, "old": user.email.lower(), "new": new_email}, salt=EMAIL_CHANGE_SALT
    )
    _mail(
        "change_email",
        new_email,
        {
            "url": _absolute(request, reverse("accounts:email_confirm", kwargs={"token": token})),
            "hours": settings.ACCOUNT_VERIFY_EMAIL_HOURS,
        },
        user=user,
    )
    if user.email:
        _mail("change_email_notice", user.email, {"new_email": new_email}, user=user)


@transaction.atomic
def citizen_email_change_confirm(*, token: str):
    data = _unsign(token, EMAIL_CHANGE_SALT)
    if not data:
        return None
    user = (
        get_user_model()
        .objects.select_for_update()
        .filter(pk=data.get("u"), kind=Kind.CITIZEN)
        .first()
    )
    if user is None or user.email.lower() != data.get("old"):
        return None
    other = citizen_find(email=data["new"])
    if other is not None and other.pk != user.pk:
        return None
    user.email = data["new"]
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email", "email_verified_at"])
    return user


def password_changed_notice(*, request, user) -> None:
    """Tell the account holder at once that the password was changed (BSI CON.10.A1)."""
    if user.email and user.kind == Kind.STAFF:  # staff passwords are reset by administrators
        _mail("password_changed_staff", user.email, {}, user=user)
    elif user.email:
        _mail(
            "password_changed",
            user.email,
            {
                "reset_url": _absolute(request, reverse("accounts:password_reset")),
            },
            user=user,
        )


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete a citizen account: its sessions end, linked state accounts and devices go too."""
    signals.account_deleting.send(sender=type(user), user=user)
    sessions_end(user=user)
    user.delete()


def user_deactivate(*, user) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])  # the post_save receiver ends the sessions
    sessions_end(user=user)


# --- staff ----------------------------------------------------------------------------------------


@transaction.atomic
def staff_create(
    *,
    username: str,
    password: str,
    jobcenter,
    roles: list[str],
    teams=(),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
):
    user = get_user_model()(
        username=username, kind=Kind.STAFF, first_name=first_name, last_name=last_name, email=email
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    profile = StaffProfile.objects.create(user=user, jobcenter=jobcenter, roles=list(roles))
    profile.teams.set(teams)
    return user


# --- second factor --------------------------------------------------------------------------------


def totp_confirmed_devices(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True)


def has_totp(user) -> bool:
    return totp_confirmed_devices(user).exists()


def totp_enrolment_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per account, reused on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


def totp_confirm(*, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token.replace(" ", "")):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True


def recovery_codes_generate(*, user) -> list[str]:
    """New single-use recovery codes; the old ones stop working. They are shown only once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Wiederherstellungscodes")
    device.token_set.all().delete()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        code = StaticToken.random_token()
        device.token_set.create(token=code)
        codes.append(code)
    return codes


def second_factor_verify(*, user, token: str):
    """The device that accepts ``token`` (TOTP first, then a recovery code, which is used up)."""
    token = (token or "").replace(" ", "").strip()
    if not token:
        return None
    if token.isdigit() and len(token) == 6:  # an authenticator code (throttled by django-otp)
        for device in totp_confirmed_devices(user):
            if device.verify_token(token):
                return device
        return None
    for device in StaticDevice.objects.devices_for_user(user, confirmed=True):
        if device.verify_token(token.lower()):
            return device
    return None


def second_factor_replace(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the new authenticator ``device`` with ``token``; the old one stops working.

    On success this session is confirmed with the new device, every other session of the account
    ends (they were confirmed with the old one, which may be lost), the old recovery codes stop
    working and the new ones are returned to be shown once. None if the code is wrong.
    """
    if device.user_id != request.user.pk or not totp_confirm(device=device, token=token):
        return None
    otp_login(request, device)
    codes = recovery_codes_generate(user=request.user)
    sessions_end(user=request.user, except_key=request.session.session_key)
    log.info("accounts: authenticator replaced by the account holder (user %s)", request.user.pk)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_remove(*, user) -> None:
    """Remove the authenticator app; the recovery codes stay while passkeys remain."""
    TOTPDevice.objects.filter(user=user).delete()
    if not Passkey.objects.filter(user=user, confirmed=True).exists():
        StaticDevice.objects.filter(user=user).delete()


def qr_svg(config_url: str) -> str:
    """The authenticator link as an inline SVG QR code (no external image, CSP-safe)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-hidden="true" focusable="false" ', 1)
