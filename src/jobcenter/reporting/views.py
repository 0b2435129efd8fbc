"""The statistics page of the back office, its CSV export and the refresh button.

Only staff with a TOTP-confirmed login and the role Statistik, Teamleitung or Administration;
other staff get 403 for the page (it exists for every Jobcenter, so there is nothing to hide) and
404 for the CSV exports, like every other download of data (docs/SECURITY.md), and
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

from jobcenter.accounts import access, session
from jobcenter.audit import services as audit
from jobcenter.reporting import report, selectors, services
from jobcenter.reporting.access import may_see_statistics
from jobcenter.reporting.forms import parse_month, period_form


def statistics_required(view=None, *, refuse=PermissionDenied):
    def decorator(view):
        @session.staff_required()
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not may_see_statistics(request.user):
                raise refuse
            return view(request, access.staff_jobcenter(request.user), *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator


REFRESH_PAUSE = dt.timedelta(minutes=1)


@require_safe
@never_cache
@statistics_required
def statistics(request, jobcenter):
    form, first, last, notice = period_form(request.GET)
    data = report.build_report(jobcenter=jobcenter, first=first, last=last)
    query = f"von={first:%Y-%m}&bis={last:%Y-%m}"
    return render(
        request,
        "reporting/statistics.html",
        {
            **data,
            "jobcenter": jobcenter,
            "first": first,
            "last": last,
            "form": form,
            "notice": notice,
            "query": query,
        },
    )


@require_safe
@never_cache
@statistics_required(refuse=Http404)
def export_csv(request, jobcenter, table: str):
    if table not in report.TABLE_KEYS:
        raise Http404
    _form, first, last, _notice = period_form(request.GET)
    data = report.build_report(jobcenter=jobcenter, first=first, last=last)
    t = data["tables"][table]
    audit.record(
        actor=request.user,
        jobcenter=jobcenter,
        action=audit.Action.EXPORT,
        object_type="statistik",
        object_id=table,
        summary=f"Statistik exportiert (nur Summen): {t.key} {first:%Y-%m}–{last:%Y-%m}",
        reason="export",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="statistik-{jobcenter.slug}-{table}-{first:%Y-%m}-{last:%Y-%m}.csv"'
    )
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
    first, last = parse_month(request.POST.get("von", "")), parse_month(request.POST.get("bis", ""))
    if first and last:
        response["Location"] += f"?von={first:%Y-%m}&bis={last:%Y-%m}"
    return response
