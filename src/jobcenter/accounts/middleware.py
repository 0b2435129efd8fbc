"""Idle timeout and absolute lifetime of logged-in sessions (ASVS 7.3.1/7.3.2, BSI CON.10.A3).

- Citizens are logged out after ``CITIZEN_SESSION_IDLE_MINUTES`` (15) without a request, staff
  after ``STAFF_SESSION_IDLE_MINUTES`` (60); every login ends after ``SESSION_ABSOLUTE_HOURS``.
- The logout happens on the server (the session is flushed), then the person is sent to the
  login page with ``next`` pointing back, and a message says why. Drafts are saved on every
  page, so nothing entered before the last "Weiter" is lost; a page sent after the timeout is
  kept too where its view registered a keeper (``session.register_expired_post_keeper``: the
  wizard keeps the input in the draft and ``next`` leads back to the page). Pages show when the
  session ends and offer "Sitzung verlängern" (works without JavaScript, see header_links.html).
- ``request.session_expires_at`` (epoch seconds) tells templates when the idle timeout falls.
"""

from urllib.parse import urlencode, urlparse

from django.conf import settings
from django.contrib import auth, messages
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.accounts import session
from jobcenter.accounts.language import german_only, request_language

SEEN_RESOLUTION = 30  # seconds


def idle_seconds(user) -> int:
    minutes = (
        settings.STAFF_SESSION_IDLE_MINUTES
        if user.kind == "staff"
        else settings.CITIZEN_SESSION_IDLE_MINUTES
    )
    return minutes * 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            response = self._check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request, user):
        now = timezone.now().timestamp()
        data = request.session.get(session.SESSION_AUTH) or {}
        seen = request.session.get(session.SESSION_SEEN, data.get("login_at", now))
        login_at = data.get("login_at", now)
        idle = idle_seconds(user)
        status_check = request.path == reverse("accounts:session_status")
        if status_check and (
            now - seen > idle or now - login_at > settings.SESSION_ABSOLUTE_HOURS * 3600
        ):
            # The dialog only asks; logging out here would make the page it then sends (kept
            # for after the login) arrive without its citizen. That request ends the session.
            request.session_expires_at = None
            return None
        if now - seen > idle:
            return self._expire(
                request,
                user,
                _(
                    "Sie wurden nach {minutes} Minuten ohne Aktivität abgemeldet. Ihre bisher "
                    "gespeicherten Angaben sind nicht verloren: Melden Sie sich wieder an, um "
                    "weiterzumachen."
                ).format(minutes=idle // 60),
            )
        if now - login_at > settings.SESSION_ABSOLUTE_HOURS * 3600:
            return self._expire(
                request,
                user,
                _(
                    "Aus Sicherheitsgründen endet jede Anmeldung nach {hours} Stunden. Ihre bisher "
                    "gespeicherten Angaben sind nicht verloren: Melden Sie sich wieder an, um "
                    "weiterzumachen."
                ).format(hours=settings.SESSION_ABSOLUTE_HOURS),
            )
        if not data:  # a session from before this middleware (or force_login in tests)
            request.session[session.SESSION_AUTH] = {
                "method": "password",
                "level": session.BASIC,
                "audience": "staff" if user.kind == "staff" else "citizen",
                "login_at": now,
                "reauth_at": now,
            }
        # Refreshing "last seen" writes the session row; once per half minute is precise enough
        # for a 15-minute timeout and spares the database a write on every request.
        if not status_check and now - seen >= SEEN_RESOLUTION:
            request.session[session.SESSION_SEEN] = now
            seen = now
        request.session_expires_at = int(
            min(seen + idle, login_at + settings.SESSION_ABSOLUTE_HOURS * 3600)
        )
        return None

    def _expire(self, request, user, message):
        staff = user.kind == "staff"
        kept = _keep_post(request, user) if request.method == "POST" else None
        auth.logout(request)  # flushes the session on the server
        if kept:
            message = _(
                "Sie wurden abgemeldet. Was Sie zuletzt eingegeben haben, ist gesichert: Melden "
                "Sie sich wieder an, dann sehen Sie die Seite mit Ihren Eingaben wieder und "
                "können weitermachen."
            )
        messages.warning(request, message)
        if kept:
            target = kept
        elif request.method in ("GET", "HEAD"):
            target = request.get_full_path()
        else:
            target = _referer(request)
        login = reverse("backoffice:login" if staff else "accounts:login")
        if target:
            login = f"{login}?{urlencode({'next': target})}"
        return redirect(login)


def _keep_post(request, user) -> str | None:
    """Let the view's keeper store what was posted (only a genuine POST: CSRF token checked)."""
    from django.middleware.csrf import CsrfViewMiddleware
    from django.urls import Resolver404, resolve

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    keeper = session.expired_post_keeper(match.view_name)
    if keeper is None:
        return None
    if (
        CsrfViewMiddleware(lambda r: None).process_view(
            request, match.func, match.args, match.kwargs
        )
        is not None
    ):
        return None
    return keeper(request, user, **match.kwargs)


def _referer(request) -> str:
    referer = request.headers.get("referer", "")
    parsed = urlparse(referer)
    if parsed.netloc and parsed.netloc != request.get_host():
        return ""
    return parsed.path or ""


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware with the project's order of sources (accounts/language.py):
    German for the back office, then session, account, cookie, browser."""

    def process_request(self, request):
        translation.activate(request_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        # Templates hide the switcher where the language cannot be changed.
        request.language_fixed = german_only(request.path_info)
