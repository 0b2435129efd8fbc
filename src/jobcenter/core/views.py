"""Views every part of the site shares: health check and error pages.

The pages for 500, 503 (database unreachable) and 413 (request too large) render without the
database: no login state in the header (``plain_frame``), nothing read from the session.
"""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # Probed every few seconds: one line per probe, no traceback flooding the log.
        logger.warning("health check: database unreachable (%s)", type(error).__name__)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


ERROR_TEXTS = {
    400: (
        _("Die Anfrage konnte nicht verarbeitet werden"),
        _("Bitte gehen Sie zurück und versuchen Sie es noch einmal."),
    ),
    403: (_("Kein Zugriff"), _("Sie haben keine Berechtigung, diese Seite aufzurufen.")),
    404: (
        _("Seite nicht gefunden"),
        _(
            "Diese Seite gibt es nicht. Vielleicht hat sich die Adresse geändert oder sie wurde "
            "falsch eingegeben."
        ),
    ),
    500: (
        _("Ein technischer Fehler ist aufgetreten"),
        _(
            "Was Sie auf früheren Seiten gespeichert haben, bleibt erhalten. Die Angaben der "
            "Seite, die Sie gerade abgeschickt haben, wurden vielleicht nicht gespeichert: Bitte "
            "gehen Sie zurück, prüfen Sie sie und senden Sie sie noch einmal. Wenn der Fehler "
            "wieder auftritt, versuchen Sie es in einigen Minuten erneut."
        ),
    ),
    413: (
        _("Zu viele Daten auf einmal"),
        _(
            "Die Seite hat mehr Daten geschickt, als wir auf einmal annehmen können. Nichts "
            "davon wurde gespeichert. Bitte gehen Sie zurück, kürzen Sie sehr lange Texte oder "
            "senden Sie weniger oder kleinere Dateien auf einmal."
        ),
    ),
}


def _error_page(request, status: int, *, plain_frame: bool = False) -> HttpResponse:
    title, text = ERROR_TEXTS[status]
    context = {"error_title": title, "error_text": text, "plain_frame": plain_frame}
    return render(request, "errors/_error.html", context, status=status)


def bad_request(request, exception=None):
    return _error_page(request, 400)


def permission_denied(request, exception=None):
    return _error_page(request, 403)


def page_not_found(request, exception=None):
    return _error_page(request, 404)


def csrf_failure(request, reason=""):
    # Mostly an expired session or a form kept open for hours: say so plainly.
    context = {
        "error_title": _("Die Seite ist abgelaufen"),
        "error_text": _(
            "Aus Sicherheitsgründen konnten wir Ihre Eingabe nicht annehmen. Bitte "
            "laden Sie die vorige Seite neu und senden Sie das Formular noch einmal."
        ),
    }
    return render(request, "errors/_error.html", context, status=403)


def request_too_large(request) -> HttpResponse:
    return _error_page(request, 413, plain_frame=True)


def server_error(request):
    # Django calls this while handling the exception, so it is still at hand: a lost database
    # connection is an outage to wait out (503), not a bug.
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return database_unavailable(request, error)
    # The error may come from the template machinery itself, so fall back to plain text.
    try:
        return _error_page(request, 500, plain_frame=True)
    except Exception:
        logger.exception("could not render the 500 page")
        return HttpResponseServerError(
            "Ein technischer Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
            content_type="text/plain; charset=utf-8",
        )


# Posted fields that are never written back into a page: the user types them again.
NOT_REPLAYED = ("csrfmiddlewaretoken", "password", "otp_token")


def _replayable(request) -> tuple[list[tuple[str, str]], bool, bool]:
    """What was posted, to offer it for sending again: (fields, some left out, files lost)."""
    if request.method != "POST":
        return [], False, False
    try:
        posted, files = request.POST, request.FILES
    except Exception:  # an unreadable body: nothing to offer
        return [], False, False
    fields, left_out = [], False
    for name, values in posted.lists():
        if any(part in name.lower() for part in NOT_REPLAYED):
            left_out = left_out or name != "csrfmiddlewaretoken"
            continue
        fields.extend((name, value) for value in values)
    return fields, left_out, bool(files)


def database_unavailable(request, error: Exception) -> HttpResponse:
    """503 while the database is unreachable: nothing is lost, when to try again, and the
    fields just posted in a form that sends them again (no script: strict CSP)."""
    logger.warning(
        "database unavailable: %s %s (%s)", request.method, request.path, type(error).__name__
    )
    retry_after = settings.UNAVAILABLE_RETRY_AFTER_SECONDS
    fields, left_out, files_lost = _replayable(request)
    try:
        response = render(
            request,
            "errors/unavailable.html",
            {
                "plain_frame": True,
                "fields": fields,
                "left_out": left_out,
                "files_lost": files_lost,
                "is_post": request.method == "POST",
                "minutes": max(1, round(retry_after / 60)),
            },
            status=503,
        )
    except Exception:
        logger.warning("could not render the 503 page", exc_info=True)
        response = HttpResponse(
            "Der Dienst ist gerade nicht erreichbar. Bereits gespeicherte Angaben gehen nicht "
            "verloren. Bitte versuchen Sie es in einer Minute noch einmal.",
            content_type="text/plain; charset=utf-8",
            status=503,
        )
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)  # it may hold what was just typed
    response._has_been_logged = True  # logged above, once, without a traceback per layer
    return response
