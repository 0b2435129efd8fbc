"""The caseworker's daily tools: the work queues ("Meine Fälle", the team's queue) sorted by
what is due, the "next case" flow through a queue, and the letter for applicants without an
account.

A queue is named by ``liste`` (``selectors.QUEUES``) and optionally narrowed by ``status``; the
case page carries both in its links and forms so that, after finishing an action, the
caseworker lands on the next case of the same list (``next_case_redirect``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from jobcenter.accounts import access, session
from jobcenter.audit import services as audit
from jobcenter.backoffice import forms
from jobcenter.casework import letters, selectors

if TYPE_CHECKING:
    from jobcenter.casework.models import Case

CASE_ROLES = access.CASE_ROLES


def queue_params(source) -> dict[str, str]:
    """``liste`` and ``status`` of the queue a case was opened from (GET or POST), or {}."""
    key = source.get("liste", "")
    if key not in selectors.QUEUES:
        return {}
    params = {"liste": key}
    state = source.get("status", "")
    if state in selectors.OPEN_STATES:
        params["status"] = state
    return params


def queue_fields(request) -> dict[str, str]:
    """The queue a page was reached from (GET) or posted from (POST), with the case that comes
    next (``weiter``), for the hidden fields of a form that leads on (_queue_fields.html)."""
    source = request.POST if request.method == "POST" else request.GET
    params = queue_params(source)
    following = source.get("weiter", "")
    if params and _uuid(following):
        params["weiter"] = following
    return params


def case_url(case: Case, params: dict[str, str]) -> str:
    url = reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    return f"{url}?{urlencode(params)}" if params else url


def next_case_redirect(request, case: Case):
    """Where a finishing action (status change, request, withdrawal, forwarding) goes: the case
    that followed ``case`` in the queue it was opened from, when it still may be seen; else
    None (the caller stays on the case)."""
    params = queue_params(request.POST)
    following = request.POST.get("weiter", "")
    if not params or not following:
        return None
    found = (
        selectors.queue_cases(request, params["liste"]).filter(public_id=_uuid(following)).first()
        if _uuid(following)
        else None
    )
    if found is None:
        return None
    return redirect(case_url(found, params))


def _uuid(value: str):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def case_queue_context(request, case: Case) -> dict:
    """The queue bar of the case page: previous/next case and the hidden fields of its forms.

    Opened from a queue (``liste`` in the URL): previous/next within that queue. Opened from
    elsewhere (the inbox, a search, a link): the caseworker's own queue ("Meine Fälle") if the
    case is in it; if not, no previous/next and the forms lead back to the case, not on into a
    queue the case was never part of."""
    params = queue_params(request.GET)
    key = params.get("liste", "meine")
    neighbours = selectors.queue_neighbours(
        request, key, case, state=params.get("status", ""), came_from_queue=bool(params)
    )
    in_queue = neighbours.came_from_queue or neighbours.position is not None
    carried = {"liste": key, **({"status": neighbours.state} if neighbours.state else {})}
    fields = dict(carried) if in_queue else {}
    if neighbours.next is not None:
        fields["weiter"] = str(neighbours.next.public_id)
    return {
        "queue": neighbours,
        "queue_fields": fields,
        "queue_query": urlencode(fields),
        "next_url": case_url(neighbours.next, carried) if neighbours.next else "",
        "previous_url": case_url(neighbours.previous, carried) if neighbours.previous else "",
        "queue_url": f"{reverse('backoffice:queue')}?{urlencode(carried)}",
    }


@require_safe
@never_cache
@session.staff_required(*CASE_ROLES)
def queue(request):
    if access.staff_jobcenter(request.user) is None:
        from django.http import Http404

        raise Http404
    key = selectors.queue_key(request.GET.get("liste", ""))
    work = selectors.work_queue(request, key, state=request.GET.get("status", ""))
    titles = dict(forms.form_choices())
    carried = {"liste": work.key, **({"status": work.state} if work.state else {})}
    rows = [
        {
            "entry": entry,
            "case": entry.case,
            "form_title": titles.get(entry.case.form_key, entry.case.form_key),
            "url": case_url(entry.case, carried),
        }
        for entry in work.entries
    ]
    audit.record(
        actor=request.user,
        jobcenter=access.staff_jobcenter(request.user),
        action=audit.Action.VIEW,
        object_type="queue",
        object_id=work.key,
        summary=f"Arbeitsvorrat „{work.label}“ angesehen ({len(rows)} Vorgänge)",
    )
    return render(
        request,
        "backoffice/queue.html",
        {
            "work": work,
            "rows": rows,
            "queues": [
                (k, str(label), work.queue_totals[k]) for k, label in selectors.QUEUES.items()
            ],
            "target_days": selectors.QUEUE_TARGET_DAYS,
        },
    )


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@never_cache
@session.staff_required(*CASE_ROLES)
def request_letter(request, public_id):
    """The printable letter of a document request (for a person without an online account)."""
    document_request = selectors.request_for_staff(request, public_id)
    case = document_request.case
    audit.record(
        actor=request.user,
        jobcenter=case.jobcenter,
        action=audit.Action.VIEW,
        object_type="case",
        object_id=case.public_id,
        summary="Brief zur Anforderung von Unterlagen erstellt (PDF)",
    )
    return pdf_response(
        letters.render_request_letter(document_request),
        f"Anforderung-{case.reference}.pdf",
    )
