"""Passkeys (WebAuthn) with py_webauthn: register, log in, confirm a login, rename, remove.

Every ceremony has two halves. ``*_options`` makes a fresh challenge, keeps it in the session
(one per purpose, used once) and returns the options as JSON for ``passkeys.js``; the browser's
answer comes back in a form field and ``register``/``authenticate`` check it against that
challenge, this site's origin and relying-party id (the host name, or ``PASSKEY_RP_ID``).

- A citizen may log in with a passkey alone (it checks its holder with PIN or fingerprint:
  user verification is required then) or use it as the second factor after the password.
- Staff use it as the second factor beside the authenticator app.
Both count as a login confirmed with a second factor (``otp_login``): enough for the functions
that need the level "substanziell" (``session.meets_assurance``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from jobcenter.accounts.models import Kind, Passkey

log = logging.getLogger(__name__)

REGISTER, LOGIN, CONFIRM = "register", "login", "confirm"
_CHALLENGE = "accounts.passkey.{}"
NAME_MAX = 64


class PasskeyError(Exception):
    """The browser's answer did not pass the check (wrong challenge, origin, signature…)."""


def rp_id(request) -> str:
    return settings.PASSKEY_RP_ID or request.get_host().rsplit(":", 1)[0]


def _origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _user_handle(user) -> bytes:
    # Not the primary key itself: the authenticator may show the handle to other sites' code.
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"passkey:{user.pk}".encode(), hashlib.sha256).digest()


def _descriptor(passkey: Passkey) -> PublicKeyCredentialDescriptor:
    transports = []
    for name in passkey.transports or []:
        try:
            transports.append(AuthenticatorTransport(name))
        except ValueError:
            continue
    return PublicKeyCredentialDescriptor(
        id=base64url_to_bytes(passkey.credential_id), transports=transports or None
    )


def passkeys_of(user):
    return Passkey.objects.filter(user=user, confirmed=True)


def has_passkey(user) -> bool:
    return passkeys_of(user).exists()


def _keep_challenge(request, purpose: str, challenge: bytes) -> None:
    request.session[_CHALLENGE.format(purpose)] = bytes_to_base64url(challenge)


def _take_challenge(request, purpose: str) -> bytes:
    kept = request.session.pop(_CHALLENGE.format(purpose), None)
    if not kept:
        raise PasskeyError("no challenge")
    return base64url_to_bytes(kept)


def registration_options(request, user) -> str:
    options = generate_registration_options(
        rp_id=rp_id(request),
        rp_name=settings.PASSKEY_RP_NAME,
        user_id=_user_handle(user),
        user_name=user.email or user.username,
        user_display_name=user.get_full_name() or user.email or user.username,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[_descriptor(p) for p in passkeys_of(user)],
    )
    _keep_challenge(request, REGISTER, options.challenge)
    return options_to_json(options)


def authentication_options(request, purpose: str, user=None) -> str:
    """For ``LOGIN`` (no user yet: any passkey of this site, the browser lets the person pick)
    or ``CONFIRM`` (the passkeys of ``user``)."""
    options = generate_authentication_options(
        rp_id=rp_id(request),
        allow_credentials=[_descriptor(p) for p in passkeys_of(user)] if user else None,
        user_verification=(
            UserVerificationRequirement.REQUIRED
            if purpose == LOGIN
            else UserVerificationRequirement.PREFERRED
        ),
    )
    _keep_challenge(request, purpose, options.challenge)
    return options_to_json(options)


def _parse(credential: str) -> dict:
    try:
        data = json.loads(credential or "")
    except ValueError as error:
        raise PasskeyError("not JSON") from error
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise PasskeyError("no credential id")
    return data


def clean_name(name: str) -> str:
    return " ".join((name or "").split())[:NAME_MAX]


def register(request, user, *, credential: str, name: str) -> Passkey:
    """Check the browser's answer to ``registration_options`` and keep the new passkey; this
    session then counts as confirmed with it. Raises ``PasskeyError``."""
    challenge = _take_challenge(request, REGISTER)
    data = _parse(credential)
    try:
        verified = verify_registration_response(
            credential=data,
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=_origin(request),
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:  # any malformed answer
        log.info("accounts: passkey registration refused (user %s): %s", user.pk, error)
        raise PasskeyError(str(error)) from error
    transports = (data.get("response") or {}).get("transports") or []
    passkey = Passkey.objects.create(
        user=user,
        name=clean_name(name) or settings.PASSKEY_RP_NAME,
        confirmed=True,
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[t for t in transports if isinstance(t, str)][:8],
        user_verified=verified.user_verified,
    )
    otp_login(request, passkey)
    log.info("accounts: passkey %s registered (user %s)", passkey.pk, user.pk)
    return passkey


def authenticate(request, purpose: str, *, credential: str, user=None) -> Passkey:
    """Check the browser's answer to ``authentication_options``: the passkey used, with its
    counter moved on. ``user`` (second factor, confirmation) must own it; a login needs an
    active citizen with a confirmed e-mail and a passkey that checked its holder."""
    challenge = _take_challenge(request, purpose)
    data = _parse(credential)
    passkeys = Passkey.objects.select_related("user").filter(
        credential_id=data["id"], confirmed=True, user__is_active=True
    )
    passkeys = passkeys.filter(user=user) if user is not None else passkeys
    passkey = passkeys.first()
    if passkey is None:
        raise PasskeyError("unknown passkey")
    if purpose == LOGIN and (
        passkey.user.kind != Kind.CITIZEN or passkey.user.email_verified_at is None
    ):
        raise PasskeyError("not a citizen login")
    try:
        verified = verify_authentication_response(
            credential=data,
            expected_challenge=challenge,
            expected_rp_id=rp_id(request),
            expected_origin=_origin(request),
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=purpose == LOGIN,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:  # any malformed answer
        log.info("accounts: passkey %s refused: %s", passkey.pk, error)
        raise PasskeyError(str(error)) from error
    with transaction.atomic():
        updated = Passkey.objects.filter(pk=passkey.pk, sign_count=passkey.sign_count).update(
            sign_count=verified.new_sign_count, last_used_at=timezone.now()
        )
    if not updated:  # the same answer used twice at once
        raise PasskeyError("replayed")
    return passkey


def confirm_session(request, passkey: Passkey) -> None:
    """This login is now confirmed with a second factor (the step-up for "substanziell")."""
    otp_login(request, passkey)


def rename(*, user, pk: int, name: str) -> bool:
    name = clean_name(name)
    return bool(name) and bool(passkeys_of(user).filter(pk=pk).update(name=name))


def remove(*, user, pk: int) -> bool:
    deleted, _ = passkeys_of(user).filter(pk=pk).delete()
    return bool(deleted)


def needs_recovery_codes(user) -> bool:
    """No recovery codes left: a new second factor should come with them."""
    return not StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()


def step_up_context(request) -> dict | None:
    """What the step-up page offers a signed-in citizen: confirm with a passkey, or set one up."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.kind != Kind.CITIZEN:
        return None
    return {"has_passkey": has_passkey(user)}
