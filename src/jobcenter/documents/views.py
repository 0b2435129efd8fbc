"""Citizen pages: "Unterlagen nachreichen", uploads with a form, downloads; the staff download.

- ``start``: find the application by reference number and birth date (anyone) or pick it from
  the account (signed-in citizens). A match is remembered in the session for this application
  only; after ``MAX_ATTEMPTS`` wrong tries the session may not try again.
- ``submission_upload``: the personal checklist of the application and the upload form. Reached
  by the owner's account or the session's match; everyone else gets 404.
- ``draft_upload``: the same while the form is still being filled in (the wizard's draft of
  this browser or account); the uploads go with the submission on "Absenden".
- Downloads (``citizen_download``, ``staff_download``) deliver only the normalised PDF of a
  ready upload, as an attachment with ``nosniff``; staff only of the competent Jobcenter.

Without JavaScript the upload is a plain multipart form; ``documents/upload.js`` adds a progress
bar. Every page carries personal data: ``Cache-Control: no-store``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.accounts.session import citizen_of
from jobcenter.audit import services as audit
from jobcenter.casework import selectors as casework
from jobcenter.documents import selectors, services
from jobcenter.documents.casework import requested_documents
from jobcenter.documents.forms import FindSubmissionForm
from jobcenter.documents.models import Upload
from jobcenter.documents.uploads import problems_of
from jobcenter.forms import selectors as forms
from jobcenter.intake import selectors as intake
from jobcenter.tenants.decorators import with_jobcenter

if TYPE_CHECKING:
    from jobcenter.intake.models import Submission

logger = logging.getLogger(__name__)
FIELD = "dateien"


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@with_jobcenter
def start(request):
    citizen = citizen_of(request)
    # Received here or forwarded here (§ 16 SGB I).
    here = casework.submissions_here(request.jobcenter)
    own = list(here.filter(user=citizen).order_by("-received_at")[:20]) if citizen else []
    if request.method == "POST":
        form = FindSubmissionForm(request.POST)
        if form.is_valid():
            try:
                submission = services.upload_grant(
                    request.session,
                    jobcenter=request.jobcenter,
                    submissions=here,
                    reference=form.cleaned_data["eingangsnummer"],
                    birth_date=form.cleaned_data["geburtsdatum"],
                )
            except services.UploadGrantLocked:
                form.add_error(
                    None,
                    _(
                        "Zu viele Versuche. Bitte versuchen Sie es in einer Stunde noch einmal, "
                        "melden Sie sich mit Ihrem Konto an oder wenden Sie sich an Ihr Jobcenter."
                    ),
                )
            else:
                if submission is not None:
                    return redirect(_upload_url(request, submission))
                form.add_error(
                    None,
                    _(
                        "Wir haben keinen Antrag mit dieser Eingangsnummer und diesem Geburtsdatum "
                        "gefunden. Bitte prüfen Sie beide Angaben."
                    ),
                )
    else:
        form = FindSubmissionForm(
            initial={"eingangsnummer": request.GET.get("eingangsnummer", "")[:24]}
        )
    rows = []
    for submission in own:
        definition = forms.get(submission.form_ident)
        rows.append(
            {
                "submission": submission,
                "url": _upload_url(request, submission),
                "title": definition.title if definition else submission.form_key,
            }
        )
    return render(request, "documents/start.html", {"form": form, "own": rows})


def _upload_url(request, submission) -> str:
    return reverse(
        "documents:upload",
        kwargs={"jobcenter": request.jobcenter.slug, "public_id": submission.public_id},
    )


def _submission_for(request, public_id) -> Submission:
    submission = (
        casework.submissions_here(request.jobcenter)
        .select_related("jobcenter", "user")
        .filter(public_id=public_id)
        .first()
    )
    if submission is None:
        raise Http404
    citizen = citizen_of(request)
    if citizen is not None and submission.user_id == citizen.pk:
        return submission
    if str(public_id) in request.session.get(services.GRANTS, []) and not (
        request.user.is_authenticated and citizen is None
    ):
        return submission
    raise Http404


def _receive(request, *, needed, persons, jobcenter=None, **owner):
    """Validate the choices and receive the files: (upload, errors by field)."""
    choices = dict(selectors.document_choices(needed))
    doc_type = request.POST.get("art", "")
    person = request.POST.get("person", "")
    errors: dict[str, list[str]] = {}
    if doc_type not in choices:
        errors["art"] = [_("Bitte wählen Sie aus, um welchen Nachweis es sich handelt.")]
    if len(persons) > 1 and person not in persons:
        errors["person"] = [_("Bitte wählen Sie aus, zu welcher Person der Nachweis gehört.")]
    if len(persons) == 1:
        person = persons[0]
    files = request.FILES.getlist(FIELD)
    if errors:
        return None, errors
    try:
        upload = services.upload_receive(
            jobcenter=jobcenter or request.jobcenter,
            files=files,
            doc_type=doc_type,
            doc_title=str(choices[doc_type]),
            person=person,
            user=citizen_of(request),
            problems=problems_of(request),
            **owner,
        )
    except services.UploadRejected as refused:
        return None, {FIELD: refused.messages}
    return upload, {}


LONG_CHECKLIST = 5


def _page(request, *, template_context, needed, uploads, persons, errors, post):
    checklist = selectors.checklist(needed, uploads)
    wanted = [item for item in checklist if item.needed]
    context = {
        **template_context,
        "checklist": checklist,
        # A long list (a family's Erstantrag: a dozen documents) opens on request; a count
        # above it says how far the citizen is.
        "checklist_long": len(checklist) > LONG_CHECKLIST,
        "checklist_arrived": sum(1 for item in wanted if item.arrived),
        "checklist_total": len(wanted),
        "uploads": uploads,
        "choices": selectors.document_choices(needed),
        "persons": persons,
        "errors": errors,
        "error_list": [
            (field, message) for field, messages in errors.items() for message in messages
        ],
        "chosen": post.get("art", "") or template_context.get("preselect", ""),
        "chosen_person": post.get("person", ""),
        "field": FIELD,
        "max_mb": settings.DOCUMENTS_MAX_FILE_MB,
        "max_files": settings.DOCUMENTS_MAX_FILES,
        "accept": "application/pdf,image/jpeg,image/png,image/tiff,image/heic,image/heif,"
        ".pdf,.jpg,.jpeg,.png,.tif,.tiff,.heic,.heif",
    }
    return render(request, "documents/upload.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@with_jobcenter
def submission_upload(request, public_id):
    submission = _submission_for(request, public_id)
    definition = forms.get(submission.form_ident)
    needed = forms.documents_needed(definition, submission.answers) if definition else []
    # What an open request asks for can be chosen too (and answers the request).
    known = {n.document.key for n in needed}
    needed += [n for n in requested_documents(submission) if n.document.key not in known]
    persons = selectors.persons_of(submission)
    errors = {}
    if request.method == "POST":
        # The upload belongs to the competent Jobcenter (after a forwarding, § 16 SGB I).
        upload, errors = _receive(
            request,
            needed=needed,
            persons=persons,
            jobcenter=casework.competent_jobcenter(submission),
            submission=submission,
            channel=Upload.CHANNEL_LATER,
        )
        if upload is not None:
            return redirect(f"{_upload_url(request, submission)}?neu={upload.public_id}")
    uploads = list(selectors.uploads_for_submission(submission))
    for upload in uploads:
        upload.download_url = (
            reverse(
                "documents:download",
                kwargs={
                    "jobcenter": request.jobcenter.slug,
                    "public_id": submission.public_id,
                    "upload_id": upload.public_id,
                },
            )
            if upload.is_ready
            else ""
        )
    new = request.GET.get("neu", "")
    return _page(
        request,
        template_context={
            "submission": submission,
            "form_title": definition.title if definition else submission.form_key,
            "new": next((u for u in uploads if str(u.public_id) == new), None),
            "preselect": request.GET.get("art", ""),
        },
        needed=needed,
        uploads=uploads,
        persons=persons,
        errors=errors,
        post=request.POST if request.method == "POST" else {},
    )


@require_safe
@never_cache
@with_jobcenter
def citizen_download(request, public_id, upload_id):
    submission = _submission_for(request, public_id)
    upload = Upload.objects.filter(
        submission=submission, public_id=upload_id, status=Upload.Status.READY
    ).first()
    if upload is None or not upload.file:
        raise Http404
    return _file_response(upload)


@require_safe
@never_cache
def staff_download(request, upload_id):
    """The PDF as an attachment; ``?ansicht=1`` shows it in the browser (still sandboxed)."""
    upload, case = selectors.upload_for_staff(request, upload_id)
    inline = request.GET.get("ansicht") == "1"
    # In the log of the Jobcenter whose staff read it (after a forwarding the upload's owner
    # may be the other one).
    audit.record(
        actor=request.user,
        jobcenter=case.jobcenter,
        action=audit.Action.VIEW,
        object_type="upload",
        object_id=upload.public_id,
        summary=("Nachweis angesehen" if inline else "Nachweis heruntergeladen")
        + f": {upload.doc_title}",
    )
    return _file_response(upload, inline=inline)


def _file_response(upload: Upload, *, inline: bool = False) -> FileResponse:
    """Only ever the normalised PDF of a ready upload (never what the browser sent)."""
    date = upload.received_at.strftime("%Y-%m-%d")
    unscanned = upload.unscanned
    # Stored without a virus scan: the file name says so wherever the file ends up.
    mark = "-NICHT-VIRENGEPRUEFT" if unscanned else ""
    filename = f"{slugify(upload.doc_type) or 'dokument'}-{date}{mark}.pdf"
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=not inline,
        filename=filename,
        content_type="application/pdf",
    )
    response["X-Virus-Scan"] = "not-scanned" if unscanned else "clean"
    response["X-Content-Type-Options"] = "nosniff"
    # The view in the browser may sit in a frame of our own case page (the document beside
    # the answers); nothing else may frame it, and it stays sandboxed.
    ancestors = "'self'" if inline else "'none'"
    response["Content-Security-Policy"] = (
        f"default-src 'none'; frame-ancestors {ancestors}; sandbox"
    )
    response["X-Frame-Options"] = "SAMEORIGIN" if inline else "DENY"
    return response


# --- while filling in a form --------------------------------------------------------------------


def _draft_or_none(request, form: str):
    return intake.draft_of(request, forms.form_key_of(form))


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@with_jobcenter
def draft_upload(request, form: str):
    draft = _draft_or_none(request, form)
    if draft is None:
        return redirect("portal:wizard_start", jobcenter=request.jobcenter.slug, form=form)
    definition = forms.get(draft.form_ident)
    if definition is None:
        raise Http404
    needed = forms.documents_needed(definition, draft.answers)
    persons = selectors.persons_of(draft)
    here = reverse(
        "documents:draft_upload", kwargs={"jobcenter": request.jobcenter.slug, "form": form}
    )
    errors = {}
    if request.method == "POST":
        upload, errors = _receive(
            request, needed=needed, persons=persons, draft=draft, channel=Upload.CHANNEL_FORM
        )
        if upload is not None:
            return redirect(f"{here}?neu={upload.public_id}")
    uploads = list(selectors.uploads_for_draft(draft))
    for upload in uploads:
        upload.remove_url = reverse(
            "documents:draft_remove",
            kwargs={
                "jobcenter": request.jobcenter.slug,
                "form": form,
                "upload_id": upload.public_id,
            },
        )
    new = request.GET.get("neu", "")
    return _page(
        request,
        template_context={
            "draft": draft,
            "form_title": definition.title,
            "back_url": reverse(
                "portal:wizard_check", kwargs={"jobcenter": request.jobcenter.slug, "form": form}
            ),
            "new": next((u for u in uploads if str(u.public_id) == new), None),
            "preselect": request.GET.get("art", ""),
        },
        needed=needed,
        uploads=uploads,
        persons=persons,
        errors=errors,
        post=request.POST if request.method == "POST" else {},
    )


@require_POST
@never_cache
@with_jobcenter
def draft_remove(request, form: str, upload_id):
    draft = _draft_or_none(request, form)
    upload = Upload.objects.filter(draft=draft, public_id=upload_id).first() if draft else None
    if upload is None:
        raise Http404
    services.upload_delete_from_draft(upload=upload)
    return redirect("documents:draft_upload", jobcenter=request.jobcenter.slug, form=form)
