"""Login with a state account (BundID or a Land portal) through OpenID Connect.

mozilla-django-oidc does the protocol (authorization code flow, PKCE S256, state, nonce, signature
check against the provider's JWKS). This module adds what a public-sector relying party needs:

- **Configuration by issuer**: the endpoints are read from ``OIDC_ISSUER``'s discovery document
  unless given one by one (``OIDC_OP_*``), so operators set issuer, client id and secret, scopes.
- **Stricter ID token checks** (ASVS 10.5): ``iss`` equals the configured issuer, ``aud`` holds our
  client id, ``exp`` is present, and the userinfo ``sub`` equals the ID token's.
- **The account is keyed on issuer + ``sub``** (``OidcIdentity``), never on the e-mail address,
  so an address asserted by the provider can never take over an existing password account.
- **Assurance level**: the ``acr`` claim is mapped to basic / substantial / high (BundID's
  STORK-QAA levels, the eIDAS LoA URIs, plain words; ``OIDC_ACR_MAP`` adds more). An unknown or
  missing value counts as "basic", never higher.
- **Identity data for prefill**: a fixed list of claims is kept in the session
  (``session.identity_data``), never in the database.
"""

import logging
import time

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from jobcenter.accounts import session
from jobcenter.accounts.models import Kind
from jobcenter.accounts.state_login import identity_user

log = logging.getLogger(__name__)

DEFAULT_ACR_MAP = {
    "basic": session.BASIC,
    "normal": session.BASIC,
    "low": session.BASIC,
    "substantial": session.SUBSTANTIAL,
    "substantiell": session.SUBSTANTIAL,
    "substanziell": session.SUBSTANTIAL,
    "high": session.HIGH,
    "hoch": session.HIGH,
    # BundID (STORK QAA levels: 1/2 = username+password, 3 = ELSTER certificate, 4 = eID)
    "stork-qaa-level-1": session.BASIC,
    "stork-qaa-level-2": session.BASIC,
    "stork-qaa-level-3": session.SUBSTANTIAL,
    "stork-qaa-level-4": session.HIGH,
    # eIDAS levels of assurance
    "http://eidas.europa.eu/loa/low": session.BASIC,
    "http://eidas.europa.eu/loa/substantial": session.SUBSTANTIAL,
    "http://eidas.europa.eu/loa/high": session.HIGH,
}

IDENTITY_CLAIMS = (
    "given_name",
    "family_name",
    "birthdate",
    "birth_name",
    "place_of_birth",
    "nationality",
    "address",
    "email",
    "phone_number",
)

ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",  # nosec B105  # a metadata key
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovery_cache: dict[str, tuple[float, dict]] = {}
DISCOVERY_TTL = 3600


def acr_map() -> dict[str, str]:
    mapping = dict(DEFAULT_ACR_MAP)
    for pair in (settings.OIDC_ACR_MAP or "").split(","):
        if "=" in pair:
            value, level = pair.rsplit("=", 1)
            if level.strip() in session.LEVELS:
                mapping[value.strip().lower()] = level.strip()
    return mapping


def level_from_acr(value) -> str:
    if isinstance(value, list):  # some providers send a list; take the strongest known one
        levels = [level_from_acr(v) for v in value] or [session.BASIC]
        return max(levels, key=session.LEVELS.index)
    return acr_map().get(str(value or "").strip().lower(), session.BASIC)


def provider_config() -> dict:
    """The issuer's discovery document (cached for an hour)."""
    issuer = settings.OIDC_ISSUER
    if not issuer:
        return {}
    cached = _discovery_cache.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_TTL:
        return cached[1]
    response = requests.get(
        f"{issuer}/.well-known/openid-configuration",
        timeout=settings.OIDC_TIMEOUT,
        verify=settings.OIDC_VERIFY_SSL,
    )
    response.raise_for_status()
    config = response.json()
    if config.get("issuer", "").rstrip("/") != issuer:
        raise SuspiciousOperation("OIDC discovery document names another issuer")
    _discovery_cache[issuer] = (time.monotonic(), config)
    return config


def oidc_setting(attr, *args):
    if attr in ENDPOINTS and not getattr(settings, attr, ""):
        return provider_config().get(ENDPOINTS[attr], "")
    return import_from_settings(attr, *args)


def expected_issuer() -> str:
    return settings.OIDC_ISSUER or provider_config().get("issuer", "")


class StateAccountBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        # Django instantiates every backend for every password login and every request of a
        # logged-in user (get_user): read the provider's configuration only when it is needed,
        # so an unreachable provider never breaks password logins or running sessions.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED or request is None or set(kwargs) - {"nonce", "code_verifier"}:
            return None
        super().__init__()  # reads endpoints and client settings (discovery)
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        self._check_id_token(payload)
        user_info = self.get_userinfo(access_token, id_token, payload)
        if str(user_info.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("userinfo sub differs from the ID token")
        claims = {**user_info, **payload}
        level = level_from_acr(
            payload.get(settings.OIDC_ACR_CLAIM) or user_info.get(settings.OIDC_ACR_CLAIM)
        )
        user = self._user_for(claims, level)
        if user is None or not user.is_active:
            return None
        user._jobcenter_login = {"method": "oidc", "level": level}
        self.request.session[session.SESSION_IDENTITY] = {
            key: claims[key] for key in IDENTITY_CLAIMS if claims.get(key)
        }
        return user

    def _check_id_token(self, payload) -> None:
        issuer = expected_issuer()
        if issuer and str(payload.get("iss", "")).rstrip("/") != issuer.rstrip("/"):
            raise SuspiciousOperation("ID token from an unexpected issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token not meant for this client")
        if "exp" not in payload or not payload.get("sub"):
            raise SuspiciousOperation("ID token without exp or sub")

    def _user_for(self, claims, level):
        return identity_user(
            issuer=expected_issuer() or "unknown",
            subject=str(claims["sub"]),
            claims=claims,
            level=level,
        )

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.kind == Kind.CITIZEN else None


class StateAccountLoginView(OIDCAuthenticationRequestView):
    """Start the login at the state account (``?next=`` is kept for the way back)."""

    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_extra_params(self, request):
        params = dict(import_from_settings("OIDC_AUTH_REQUEST_EXTRA_PARAMS", {}))
        if settings.OIDC_ACR_VALUES:
            params["acr_values"] = settings.OIDC_ACR_VALUES
        return params


class StateAccountCallbackView(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            return super().dispatch(request, *args, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as exc:
            log.warning("State account login failed: %s", exc)
            return self.login_failure()

    def login_failure(self):
        messages.error(
            self.request,
            _(
                "Die Anmeldung mit dem Servicekonto hat nicht geklappt. Bitte versuchen Sie es "
                "noch einmal oder melden Sie sich mit E-Mail-Adresse und Passwort an. Sie können "
                "den Antrag auch ohne Anmeldung stellen."
            ),
        )
        return redirect("accounts:login")
