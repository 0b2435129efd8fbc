"""The state-account logins behind one interface: an operator switches by configuration.

Each backend (OpenID Connect for Land portals, SAML 2.0 for BundID) registers here with the URL
that starts its login; the login, step-up and re-authentication pages ask ``active()`` which one
to offer. ``STATE_LOGIN`` picks one by key; empty means the first that is switched on (SAML before
OIDC). Both end in ``identity_user()``: one account per issuer + subject, never by e-mail.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from jobcenter.accounts.models import Kind, OidcIdentity


@dataclass(frozen=True)
class StateLogin:
    key: str  # what STATE_LOGIN names, and the login method kept in the session
    url_name: str  # starts the login; takes ?next= and ?level=
    is_enabled: Callable[[], bool]
    display_name: Callable[[], str]

    @property
    def name(self) -> str:
        return self.display_name()

    def url(self, next_url: str = "", level: str = "") -> str:
        query = {k: v for k, v in (("next", next_url), ("level", level)) if v}
        return reverse(self.url_name) + (f"?{urlencode(query)}" if query else "")


_registry: dict[str, StateLogin] = {}


def register(backend: StateLogin) -> StateLogin:
    _registry[backend.key] = backend
    return backend


def active() -> StateLogin | None:
    """The state-account login to offer, None when none is configured."""
    if settings.STATE_LOGIN:
        backend = _registry.get(settings.STATE_LOGIN)
        return backend if backend is not None and backend.is_enabled() else None
    return next((b for b in _registry.values() if b.is_enabled()), None)


register(
    StateLogin(
        key="saml",
        url_name="accounts:saml_login",
        is_enabled=lambda: settings.SAML_ENABLED,
        display_name=lambda: settings.SAML_PROVIDER_NAME,
    )
)
register(
    StateLogin(
        key="oidc",
        url_name="accounts:oidc_login",
        is_enabled=lambda: settings.OIDC_ENABLED,
        display_name=lambda: settings.OIDC_PROVIDER_NAME,
    )
)


def identity_user(*, issuer: str, subject: str, claims: dict, level: str):
    """The citizen account linked to ``issuer`` + ``subject``, created on the first login.

    An e-mail address asserted by the provider is taken over only when no other citizen account
    uses it, so it can never take over an existing password account. None for non-citizens."""
    user_model = get_user_model()
    identity = (
        OidcIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    )
    if identity is None:
        email = (claims.get("email") or "").strip()
        taken = email and user_model.objects.filter(kind=Kind.CITIZEN, email__iexact=email).exists()
        user = user_model(
            username=f"o-{secrets.token_hex(8)}",
            kind=Kind.CITIZEN,
            email="" if taken else email,
            first_name=(claims.get("given_name") or "")[:150],
            last_name=(claims.get("family_name") or "")[:150],
        )
        user.set_unusable_password()
        user.save()
        identity = OidcIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    user = identity.user
    if user.kind != Kind.CITIZEN:
        return None
    identity.last_assurance_level = level
    identity.last_login_at = timezone.now()
    identity.save(update_fields=["last_assurance_level", "last_login_at"])
    return user


def by_key(key) -> StateLogin | None:
    return _registry.get(key or "")
