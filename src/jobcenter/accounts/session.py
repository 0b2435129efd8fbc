"""The login state of a request and the view decorators: what every audience app's views use.

Not ``services`` (nothing is written) nor ``selectors`` (nothing is read from the database): the
session's login state, the decorators that check it, and the registry of expired-POST keepers.

Login state
    ``assurance_level(request)`` → ``"basic" | "substantial" | "high" | None`` (None = anonymous),
    ``has_second_factor(request)``, ``login_method(request)``, ``identity_data(request)`` (the
    state account's identity claims for prefilling forms), ``audience(request)``,
    ``expiry_clock(expires_at)`` (the "HH:MM" the header says the idle timeout ends the login).
Login strength per function (docs/QUALITY.md §1.2)
    ``meets_assurance(request, minimum)``, the view decorator ``require_assurance(minimum)``, and
    ``change_verification(request)``: the mark stored with a change of bank account or address
    (``identity_verified`` False → the caseworker sees "Identität nicht geprüft").
    ``require_recent_login`` asks for the password (and second factor) again before sensitive
    account changes.
Audience and object-level access
    ``citizen_required``, ``staff_required(*roles)``, ``owned_by``, ``in_jobcenter``,
    ``get_object_for_request_or_404`` (see ``jobcenter.accounts.access``).
Expired POSTs
    ``register_expired_post_keeper(url_name, fn)``: keep a form POST that arrives after the
    session timed out (the wizard keeps the page). A registry keyed by URL name, not a signal:
    exactly one keeper answers for a view. Logins are announced by ``accounts.signals.logged_in``.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from jobcenter.accounts.access import (  # noqa: F401  (re-exported)
    get_object_for_request_or_404,
    has_role,
    in_jobcenter,
    owned_by,
    staff_jobcenter,
    works_on_cases,
)
from jobcenter.accounts.models import Kind

BASIC, SUBSTANTIAL, HIGH = "basic", "substantial", "high"
LEVELS = (BASIC, SUBSTANTIAL, HIGH)
_RANK = {level: rank for rank, level in enumerate(LEVELS)}

SESSION_AUTH = "accounts.auth"  # {"method", "level", "audience", "login_at", "reauth_at"}
SESSION_SEEN = "accounts.seen"  # last activity (epoch seconds)
SESSION_IDENTITY = "accounts.identity"  # claims from the state account, for prefill

# A form POST that arrives after the login timed out would be lost with the session. A view can
# register a keeper for its URL name: ``fn(request, user, **url_kwargs) -> str | None`` runs
# before the logout (the POST's CSRF token already checked), stores what was posted where the
# person finds it again after the next login (e.g. their draft) and returns the address to come
# back to (None: nothing kept).
ExpiredPostKeeper = Callable[..., str | None]
_expired_post_keepers: dict[str, ExpiredPostKeeper] = {}


def register_expired_post_keeper(url_name: str, keeper: ExpiredPostKeeper) -> ExpiredPostKeeper:
    _expired_post_keepers[url_name] = keeper
    return keeper


def expired_post_keeper(url_name: str) -> ExpiredPostKeeper | None:
    return _expired_post_keepers.get(url_name)


# --- login state ----------------------------------------------------------------------------------


def expiry_clock(expires_at: int | None) -> str | None:
    """ "HH:MM" of ``expires_at`` (epoch seconds) in the Jobcenter's time zone (``TIME_ZONE``,
    Europe/Berlin), whatever the browser's: the header's "Ohne Aktivität werden Sie um HH:MM Uhr
    abgemeldet." and the session dialog's answers (status, extend) show the same clock, and the
    script puts the server's answer into the page as it is instead of formatting it itself."""
    if not expires_at:
        return None
    moment = datetime.fromtimestamp(expires_at, tz=UTC)
    return timezone.localtime(moment, timezone.get_default_timezone()).strftime("%H:%M")


def _auth(request) -> dict:
    session = getattr(request, "session", None)
    if session is None or not request.user.is_authenticated:
        return {}
    return session.get(SESSION_AUTH) or {}


def audience(request) -> str | None:
    """``"citizen"``, ``"staff"`` or None (anonymous)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if user.kind == Kind.CITIZEN:
        return "citizen"
    if user.kind == Kind.STAFF:
        return "staff"
    return None


def citizen_of(request):
    """The signed-in citizen, or None (staff never fill in citizens' forms)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "kind", "") == "citizen":
        return user
    return None


def assurance_level(request) -> str | None:
    """The assurance level of the current login, None when nobody is logged in.

    Password logins are "basic" (with or without a second factor, see ``has_second_factor``);
    a state account gives the level its identity provider asserted (BundID: username+password →
    basic, ELSTER certificate → substantial, online ID card → high).
    """
    if audience(request) is None:
        return None
    level = _auth(request).get("level", BASIC)
    return level if level in _RANK else BASIC


def has_second_factor(request) -> bool:
    """True when this login was confirmed with a second factor (TOTP or a recovery code)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def login_method(request) -> str | None:
    """``"password"`` or ``"oidc"``, None when anonymous."""
    if audience(request) is None:
        return None
    return _auth(request).get("method", "password")


def identity_data(request) -> dict:
    """Identity claims of a state-account login (given_name, family_name, birthdate, address…).

    Empty for password logins. Only ever filled from a verified ID token / userinfo response.
    """
    if audience(request) != "citizen":
        return {}
    return dict(request.session.get(SESSION_IDENTITY) or {})


def meets_assurance(request, minimum: str = SUBSTANTIAL, *, second_factor_suffices=True) -> bool:
    """Whether the current login is strong enough for a function needing ``minimum``.

    As on the BA's portal, an account with a second factor counts as strong enough for the
    functions that need "substantial" unless ``second_factor_suffices`` is False.
    """
    level = assurance_level(request)
    if level is None:
        return False
    if _RANK[level] >= _RANK[minimum]:
        return True
    return second_factor_suffices and minimum == SUBSTANTIAL and has_second_factor(request)


@dataclass(frozen=True)
class ChangeVerification:
    """How the person who made a change was identified; stored with the change."""

    identity_verified: bool
    assurance_level: str | None
    second_factor: bool
    login_method: str | None
    checked_at: str
    second_factor_kind: str | None = None  # "passkey", "totp" or "recovery"

    def as_dict(self) -> dict:
        return asdict(self)


def change_verification(request, minimum: str = SUBSTANTIAL) -> ChangeVerification:
    """Mark for a change of bank account or address (Veränderungsmitteilung or account).

    The change is always accepted; with ``identity_verified=False`` the caseworker sees that the
    identity behind it was not checked and can verify it before acting on it.
    """
    return ChangeVerification(
        identity_verified=meets_assurance(request, minimum),
        assurance_level=assurance_level(request),
        second_factor=has_second_factor(request),
        login_method=login_method(request),
        checked_at=timezone.now().isoformat(),
        second_factor_kind=second_factor_kind(request),
    )


def second_factor_kind(request) -> str | None:
    """Which second factor confirmed this login: a passkey, the app's code or a recovery code."""
    if not has_second_factor(request):
        return None
    device = getattr(request.user, "otp_device", None)
    name = type(device).__name__ if device is not None else ""
    return {"Passkey": "passkey", "TOTPDevice": "totp", "StaticDevice": "recovery"}.get(name)


def _login_url_for(request) -> str:
    name = "backoffice:login" if request.path.startswith("/backoffice/") else "accounts:login"
    return f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"


def require_assurance(minimum: str = SUBSTANTIAL, *, second_factor_suffices: bool = True):
    """View decorator: only logins of at least ``minimum`` get through.

    Anonymous visitors go to the login; weaker logins see a page that explains how to log in
    more strongly (state account or second factor) and come back afterwards.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if audience(request) is None:
                return redirect(_login_url_for(request))
            if not meets_assurance(request, minimum, second_factor_suffices=second_factor_suffices):
                query = urlencode({"next": request.get_full_path(), "level": minimum})
                return redirect(f"{reverse('accounts:step_up')}?{query}")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def recently_authenticated(request) -> bool:
    data = _auth(request)
    last = max(data.get("reauth_at", 0), data.get("login_at", 0))
    return timezone.now().timestamp() - last <= settings.REAUTH_MAX_AGE_MINUTES * 60


def _back_after_reauth(request) -> str:
    """Where re-authentication returns to: this page, or for a form sent by POST (which cannot
    be repeated by a redirect) the page the form was on."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    from urllib.parse import urlparse

    referer = urlparse(request.headers.get("referer", ""))
    if referer.path and (not referer.netloc or referer.netloc == request.get_host()):
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return reverse(
        "staff_account:overview" if audience(request) == "staff" else "accounts:overview"
    )


def require_recent_login(view):
    """View decorator for every change of login data (e-mail, password, second factor, recovery
    codes, deleting the account), for citizens and staff alike: ask for the password (and the
    second factor, if the account has one) again unless the login or the last re-authentication
    is younger than ``REAUTH_MAX_AGE_MINUTES``; afterwards the person comes back here."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if audience(request) is None:
            return redirect(_login_url_for(request))
        if not recently_authenticated(request):
            return redirect(
                f"{reverse('accounts:reauthenticate')}?"
                + urlencode({"next": _back_after_reauth(request)})
            )
        return view(request, *args, **kwargs)

    wrapper.requires_recent_login = True
    return wrapper


def citizen_required(view):
    """Only logged-in citizens. Anonymous → login page; staff → 404 (wrong audience)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        who = audience(request)
        if who is None:
            return redirect(_login_url_for(request))
        if who != "citizen":
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def staff_required(*roles: str):
    """Only staff with a login confirmed by TOTP (and, if given, one of ``roles``).

    Anonymous → staff login; citizens and staff without the role → 404.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            who = audience(request)
            if who is None or (who == "staff" and not has_second_factor(request)):
                return redirect(
                    f"{reverse('backoffice:login')}?" + urlencode({"next": request.get_full_path()})
                )
            if who != "staff":
                raise Http404
            profile = getattr(request.user, "staff_profile", None)
            if profile is None and not request.user.is_superuser:
                raise Http404
            if roles and not has_role(request.user, *roles):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    if len(roles) == 1 and callable(roles[0]):  # used without parentheses
        view, roles = roles[0], ()
        return decorator(view)
    return decorator
