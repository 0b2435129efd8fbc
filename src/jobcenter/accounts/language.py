"""The citizen's language: chosen once with the switcher, kept in the session and the account.

Order for a request (``request_language``): the back office, the administration and the API are
German whatever anyone chose (caseworkers read every submission in German); then the choice in
this session, then the signed-in citizen's account, then the language cookie (a choice made before
a logout), then the browser's Accept-Language, then German.

``language_of(user, fallback)`` is the language for e-mails to a person: the account's choice, or
``fallback`` (the language a submission was made in), or German.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

SESSION_KEY = "language"
SOURCE = "de"


def supported(code: str | None) -> str | None:
    """``code`` (or its base language, e.g. ``ar`` for ``ar-SY``) when it is one of LANGUAGES."""
    if not code:
        return None
    codes = {c for c, _name in settings.LANGUAGES}
    code = code.lower()
    if code in codes:
        return code
    base = code.split("-")[0]
    return base if base in codes else None


def german_only(path: str) -> bool:
    return path.startswith(settings.GERMAN_ONLY_PREFIXES)


def request_language(request) -> str:
    if german_only(request.path_info):
        return SOURCE
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    account = (
        user.language if user is not None and user.is_authenticated and user.is_citizen else None
    )
    return (
        supported(session.get(SESSION_KEY) if session is not None else None)
        or supported(account)
        or supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        or supported(translation.get_language_from_request(request))
        or settings.LANGUAGE_CODE
    )


def language_choose(request, code: str) -> str | None:
    """Keep the switcher's choice in the session and, for a signed-in citizen, the account."""
    code = supported(code)
    if code is None:
        return None
    if hasattr(request, "session"):
        request.session[SESSION_KEY] = code
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_citizen and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return code


def language_on_login(request, user) -> None:
    """A choice made before logging in is the newest: it goes to the account. Without one, the
    account's language applies to the session."""
    if not user.is_citizen:
        return
    chosen = supported(request.session.get(SESSION_KEY)) if hasattr(request, "session") else None
    if chosen and chosen != user.language:
        user.language = chosen
        user.save(update_fields=["language"])
    elif not chosen and supported(user.language) and hasattr(request, "session"):
        request.session[SESSION_KEY] = user.language


def language_of(user=None, fallback: str | None = None) -> str:
    """The language to write to ``user`` in: their account's, else ``fallback``, else German."""
    if user is not None and getattr(user, "is_citizen", False):
        chosen = supported(getattr(user, "language", ""))
        if chosen:
            return chosen
    if user is not None and not getattr(user, "is_citizen", True):
        return SOURCE
    return supported(fallback) or SOURCE
