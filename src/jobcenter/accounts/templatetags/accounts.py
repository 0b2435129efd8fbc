from django import template
from django.conf import settings
from django.utils.html import format_html

from jobcenter.accounts import session

register = template.Library()


@register.simple_tag(takes_context=True)
def login_state(context):
    """Who is logged in and when the session ends, for the header (no database query)."""
    request = context.get("request")
    if request is None:
        return {}
    expires = getattr(request, "session_expires_at", None)
    clock = session.expiry_clock(expires)
    return {
        "audience": session.audience(request),
        "expires_at": expires,
        # The time in its own element: the session script replaces it with the server's answer
        # after "Sitzung verlängern" or a request in another tab; the sentence around it stays
        # in the page's language.
        "expires": format_html('<time id="session-timeout-time">{}</time>', clock)
        if clock
        else None,
        "warning_seconds": settings.SESSION_WARNING_MINUTES * 60,
    }


@register.filter
def works_on_cases(user) -> bool:
    """``{% if request.user|works_on_cases %}``: the casework links only for those who may open
    them (the same check as the casework views)."""
    return session.works_on_cases(user)
