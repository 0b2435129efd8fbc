"""The statistics page of the back office (issue 11), its CSV export and the refresh button.

Only staff with a TOTP-confirmed login and the role Statistik, Teamleitung or Administration;
other staff get 403 (the page exists for every Jobcenter, so there is nothing to hide), and
every figure is of the staff member's own Jobcenter (``access.staff_jobcenter``). The page shows
aggregated counts only — no person — so viewing it is not audited; an export is recorded in the
audit trail with the reason "export".
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from jobcenter.accounts import access, service
from jobcenter.audit import service as audit
from jobcenter.reporting import report, selectors, services
from jobcenter.reporting.access import may_see_statistics

MAX_MONTHS = 60


def statistics_required(view):
    @service.staff_required()
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_see_statistics(request.user):
            raise PermissionDenied
        return view(request, access.staff_jobcenter(request.user), *args, **kwargs)

    return wrapper


FIRST_YEAR, LAST_YEAR = 2000, 2100  # far beyond any data; month arithmetic stays in range
REFRESH_PAUSE = dt.timedelta(minutes=1)


def _month(value: str) -> dt.date | None:
    try:
        month = dt.datetime.strptime(value.strip()[:7], "%Y-%m").date()
    except ValueError:
        return None
    return month if FIRST_YEAR <= month.year <= LAST_YEAR else None


def _period(request) -> tuple[dt.date, dt.date, str]:
    """(first month, last month, error) from ``?von=JJJJ-MM&bis=JJJJ-MM``."""
    first, last = selectors.default_period()
    error = ""
    given_from, given_to = request.GET.get("von", ""), request.GET.get("bis", "")
    if given_from or given_to:
        f = _month(given_from) if given_from else first
        t = _month(given_to) if given_to else last
        if f is None or t is None:
            error = _("Bitte geben Sie Monate als JJJJ-MM zwischen %(first)s und %(last)s an, "
                      "zum Beispiel 2026-01.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        else:
            first, last = min(f, t), max(f, t)
            if len(selectors.months_between(first, last)) > MAX_MONTHS:
                first = selectors.add_months(last, -(MAX_MONTHS - 1))
                error = _("Der Zeitraum ist auf %(n)s Monate begrenzt.") % {"n": MAX_MONTHS}
    return first, last, error


@require_safe
@never_cache
@statistics_required
def statistics(request, jobcenter):
    first, last, error = _period(request)
    data = report.build_report(jobcenter=jobcenter, first=first, last=last)
    query = f"von={first:%Y-%m}&bis={last:%Y-%m}"
    return render(request, "reporting/statistics.html", {
        **data, "jobcenter": jobcenter, "first": first, "last": last, "error": error,
        "query": query,
    })


@require_safe
@never_cache
@statistics_required
def export_csv(request, jobcenter, table: str):
    if table not in report.TABLE_KEYS:
        raise Http404
    first, last, _error = _period(request)
    data = report.build_report(jobcenter=jobcenter, first=first, last=last)
    t = data["tables"][table]
    audit.record(actor=request.user, jobcenter=jobcenter, action=audit.Action.EXPORT,
                 object_type="statistik", object_id=table,
                 summary=f"Statistik exportiert (nur Summen): {t.key} {first:%Y-%m}–{last:%Y-%m}",
                 reason="export")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="statistik-{jobcenter.slug}-{table}-{first:%Y-%m}-{last:%Y-%m}.csv"')
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([t.caption])
    writer.writerow(t.headers)
    writer.writerows(t.rows)
    return response


@require_POST
@statistics_required
def refresh(request, jobcenter):
    # A rebuild reads every case of the Jobcenter: a second click right after it adds nothing.
    built_at = selectors.summary_built_at(jobcenter=jobcenter)
    if built_at and timezone.now() - built_at < REFRESH_PAUSE:
        messages.info(request, _("Die Monatszahlen wurden gerade erst neu berechnet."))
    else:
        services.summary_rebuild(jobcenter=jobcenter)
        messages.success(request, _("Die Monatszahlen sind neu berechnet."))
    response = redirect("reporting:statistics")
    first, last = _month(request.POST.get("von", "")), _month(request.POST.get("bis", ""))
    if first and last:
        response["Location"] += f"?von={first:%Y-%m}&bis={last:%Y-%m}"
    return response
