"""Views every part of the site shares: health check and error pages."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
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
    except DatabaseError:
        logger.exception("health check: database unreachable")
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
            "Ihre bisherigen Eingaben sind gespeichert. Bitte versuchen Sie es in einigen Minuten "
            "noch einmal."
        ),
    ),
}


def _error_page(request, status: int) -> HttpResponse:
    title, text = ERROR_TEXTS[status]
    context = {"error_title": title, "error_text": text}
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


def server_error(request):
    # The error may come from the template machinery itself, so fall back to plain text.
    try:
        return _error_page(request, 500)
    except Exception:
        logger.exception("could not render the 500 page")
        return HttpResponseServerError(
            "Ein technischer Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
            content_type="text/plain; charset=utf-8",
        )
