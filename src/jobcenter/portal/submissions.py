"""Citizen views after "Absenden": submit, the receipt page, the receipt PDF, "Meine Anträge".

- ``submit`` (POST from the check page) names the draft by its public id. Submitting is
  idempotent (``intake.services.submission_create``): a double click, a retried POST, the back
  button and a second submit, or a second tab all end on the same receipt page.
- The receipt page and the PDF are reachable two ways: signed-in owners under
  ``antraege/<id>/`` (account check, 404 for everyone else), and everyone who holds the secret
  link (``eingang/<id>/<token>/``, shown after submitting and sent by e-mail), which anonymous
  applicants need. The token is checked in constant time; a wrong one answers 404.
- Every page here carries personal data: ``Cache-Control: no-store`` and ``noindex``.
"""

from __future__ import annotations

import uuid

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from jobcenter.accounts import session as accounts
from jobcenter.accounts.session import citizen_required, get_object_for_request_or_404
from jobcenter.casework import selectors as casework
from jobcenter.forms import service as forms
from jobcenter.intake import selectors
from jobcenter.intake import services as intake
from jobcenter.intake.models import Submission
from jobcenter.portal import step_up
from jobcenter.portal.citizens import SLUG_OF, citizen_of, form_key_of, owner_key
from jobcenter.receipts import selectors as receipts
from jobcenter.tenants.decorators import with_jobcenter

SECURED_FORM = "antrag_gesichert"  # forms/definitions/antrag_gesichert_2026_1.py
STALE = "geaendert"  # on the check page: the draft changed after the page that sent was shown


def link_url(submission: Submission) -> str:
    return reverse(
        "portal:submission_link",
        kwargs={
            "jobcenter": submission.jobcenter.slug,
            "public_id": submission.public_id,
            "token": selectors.receipt_token(submission),
        },
    )


@require_POST
@never_cache
@with_jobcenter
def submit(request, form: str):
    form_key = form_key_of(form)
    try:
        public_id = uuid.UUID(request.POST.get("entwurf", ""))
    except ValueError:
        public_id = None
    draft = public_id and selectors.draft_for_submit(
        jobcenter=request.jobcenter,
        public_id=public_id,
        session_key=owner_key(request),
        user=citizen_of(request),
    )
    if not draft or draft.form_key != form_key:
        return redirect("portal:wizard_start", jobcenter=request.jobcenter.slug, form=form)
    # The revision the check page showed. A POST without one (a page from before it was sent
    # along) is not checked.
    try:
        seen = int(request.POST["revision"])
    except (KeyError, ValueError):
        seen = None
    return submit_draft(request, draft, form=form, seen_revision=seen)


def submit_draft(request, draft, *, form: str | None = None, seen_revision: int | None = None):
    """Send ``draft`` and show its receipt (also straight from a form's last page, e.g.
    "Antrag gesichert", whose page button sends it)."""
    check = reverse(
        "portal:wizard_check",
        kwargs={"jobcenter": request.jobcenter.slug, "form": form or SLUG_OF[draft.form_key]},
    )
    definition = forms.get(draft.form_ident)
    if definition is not None and step_up.draft_needs_step_up(request, definition, draft.answers):
        return redirect(step_up.url(check))
    try:
        submission = intake.submission_create(
            draft=draft,
            language=get_language() or "de",
            user=citizen_of(request),
            identity=accounts.change_verification(request).as_dict(),
            seen_revision=seen_revision,
        )
    except intake.SubmissionStale:
        # Another tab changed answers after this check page was shown: show them first.
        return redirect(f"{check}?{STALE}=1")
    except intake.SubmissionIncomplete:
        return redirect(check)
    return redirect(link_url(submission) + "?neu=1")


def _application_date(submission: Submission) -> dict:
    """For "Antrag gesichert" and the Erstantrag that completes it: from when the application
    counts (the first of the month it was secured in, § 37 (2) SGB II) and how to go on."""
    found = selectors.application_date(submission)
    if found is None or found.secured is None:
        return {}
    return {
        "secured": submission.form_key == SECURED_FORM,
        "secured_reference": found.secured.reference,
        "applies_from": found.applies_from,
        "continue_url": reverse(
            "portal:wizard_start",
            kwargs={"jobcenter": submission.jobcenter.slug, "form": SLUG_OF["erstantrag"]},
        ),
    }


def _receipt_context(submission: Submission, *, download_url: str, just_sent: bool) -> dict:
    definition = forms.get(submission.form_ident)
    return {
        **_application_date(submission),
        "submission": submission,
        "form_title": definition.title if definition else submission.form_key,
        "notice": bool(definition and definition.is_notice),
        "receipt": selectors.receipt_of(submission),
        "download_url": download_url,
        # What arrived and what is still missing: the same list as the check page and the PDF.
        **receipts.documents_of(submission),
        "just_sent": just_sent,
    }


def _download(submission: Submission):
    receipt = selectors.receipt_of(submission)
    if receipt is None:
        raise Http404
    return FileResponse(
        receipt.file.open("rb"),
        as_attachment=True,
        filename=f"Eingangsbestaetigung-{submission.reference}.pdf",
        content_type="application/pdf",
    )


def _by_token(request, public_id, token) -> Submission:
    submission = selectors.submission_for_token(public_id=public_id, token=token)
    if submission is None or submission.jobcenter_id != request.jobcenter.pk:
        raise Http404
    return submission


@require_safe
@never_cache
@with_jobcenter
def submission_link(request, public_id, token: str):
    submission = _by_token(request, public_id, token)
    download = reverse(
        "portal:submission_link_pdf",
        kwargs={"jobcenter": request.jobcenter.slug, "public_id": public_id, "token": token},
    )
    return render(
        request,
        "portal/submissions/receipt.html",
        _receipt_context(
            submission, download_url=download, just_sent=request.GET.get("neu") == "1"
        ),
    )


@require_safe
@never_cache
@with_jobcenter
def submission_link_pdf(request, public_id, token: str):
    return _download(_by_token(request, public_id, token))


def _owned(request, public_id) -> Submission:
    return get_object_for_request_or_404(
        request,
        Submission.objects.select_related("jobcenter", "receipt"),
        owner_field="user",
        jobcenter_field=None,
        public_id=public_id,
        jobcenter=request.jobcenter,
    )


@require_safe
@never_cache
@with_jobcenter
@citizen_required
def submission_detail(request, public_id):
    submission = _owned(request, public_id)
    download = reverse(
        "portal:submission_pdf",
        kwargs={"jobcenter": request.jobcenter.slug, "public_id": public_id},
    )
    return render(
        request,
        "portal/submissions/receipt.html",
        _receipt_context(submission, download_url=download, just_sent=False),
    )


@require_safe
@never_cache
@with_jobcenter
@citizen_required
def submission_pdf(request, public_id):
    return _download(_owned(request, public_id))


@require_safe
@never_cache
@with_jobcenter
@citizen_required
def my_submissions(request):
    """ "Meine Anträge": everything this account has sent, newest first, in every Jobcenter."""
    statuses = casework.citizen_statuses(request.user)
    rows = []
    for submission in selectors.submissions_of_user(user=request.user):
        definition = forms.get(submission.form_ident)
        kwargs = {"jobcenter": submission.jobcenter.slug, "public_id": submission.public_id}
        receipt = getattr(submission, "receipt", None)
        rows.append(
            {
                "submission": submission,
                "title": definition.title if definition else submission.form_key,
                "url": reverse("portal:submission_detail", kwargs=kwargs),
                "pdf_url": reverse("portal:submission_pdf", kwargs=kwargs) if receipt else "",
                "status": statuses.get(submission.pk, ""),
            }
        )
    return render(request, "portal/submissions/list.html", {"rows": rows})
