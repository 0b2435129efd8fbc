"""The steps between "password correct" and "logged in", shared by citizens and staff.

After the password check the account is *pending*: the session remembers it for at most
``PENDING_SECONDS`` while the second factor is asked for (or, for staff on their first login,
set up). Only then does ``services.login_user`` log in with a new session id. A wrong code counts
as a failed login for django-axes, so guessing codes locks the account like guessing passwords.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from jobcenter.accounts.models import Kind

PENDING = "accounts.pending"
PENDING_SECONDS = 5 * 60


def safe_next(request, candidate: str | None, default: str) -> str:
    # Only a path or a URL of this site: ``redirect()`` would look anything else ("0", "index")
    # up as a view name and fail with a server error.
    if not candidate or not candidate.startswith(("/", "http://", "https://")):
        return default
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def pending_start(request, user, *, next_url: str) -> None:
    request.session[PENDING] = {
        "user": user.pk,
        "kind": user.kind,
        "at": timezone.now().timestamp(),
        "next": next_url,
    }


def pending_user(request, kind: str):
    data = request.session.get(PENDING)
    if not data or data.get("kind") != kind:
        return None, None
    if timezone.now().timestamp() - data.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=data["user"], kind=kind, is_active=True).first()
    return user, data.get("next")


def pending_clear(request) -> None:
    request.session.pop(PENDING, None)


def credentials_for(user) -> dict:
    if user.kind == Kind.CITIZEN:
        return {"email": user.email}
    return {"username": user.username}


def second_factor_failed(request, user) -> None:
    """Count a wrong code as a failed login (django-axes listens to this signal)."""
    user_login_failed.send(sender=__name__, credentials=credentials_for(user), request=request)


def is_locked(request, user) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, credentials_for(user))
