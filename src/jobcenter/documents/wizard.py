"""Uploads inside the form wizard: the files of a page's ``file`` fields (``FileField``).

The wizard calls two functions (``portal.wizard``): ``annotate_file_fields`` before rendering a
page (each file field lists what was uploaded for it) and ``receive_page_files`` after saving a
page (the files go to the draft as uploads of the field's document type; refusals become the
field's errors, shown like any other error).
"""

from __future__ import annotations

from jobcenter.documents import selectors, services
from jobcenter.documents.models import Upload
from jobcenter.documents.uploads import problems_of


def _file_fields(page_form):
    return [bf for bf in page_form.fields if bf.field.widget == "file"]


def has_file_fields(page_form) -> bool:
    return bool(_file_fields(page_form))


def _document_of(page, field) -> tuple[str, str]:
    document = page.document_for(field)
    if document is not None:
        return document.key, str(document.title)
    return selectors.OTHER, str(field.label)


def annotate_file_fields(page_form, draft) -> None:
    fields = _file_fields(page_form)
    if not fields:
        return
    uploads = list(selectors.uploads_for_draft(draft)) if draft is not None else []
    for bf in fields:
        key, _title = _document_of(page_form.page, bf.field)
        bf.uploads = [u for u in uploads if u.doc_type == key]


def receive_page_files(request, *, draft, page_form) -> bool:
    """Store the page's files with the draft; True if any was refused (errors are on the form)."""
    refused = False
    persons = selectors.persons_of(draft)
    for bf in _file_fields(page_form):
        files = request.FILES.getlist(bf.name)
        problems = problems_of(request)
        if not files and not problems.oversize and not problems.too_many:
            continue
        key, title = _document_of(page_form.page, bf.field)
        try:
            services.upload_receive(
                jobcenter=draft.jobcenter,
                draft=draft,
                files=files,
                doc_type=key,
                doc_title=title,
                person=persons[0] if persons else "",
                user=draft.user,
                channel=Upload.CHANNEL_FORM,
                problems=problems,
            )
        except services.UploadRejected as rejection:
            refused = True
            bf.errors = rejection.messages
            bf.describedby = " ".join(filter(None, [bf.hint_id if bf.hint else "", bf.error_id]))
            page_form.errors[bf.name] = rejection.messages[0]
        request.upload_problems = None  # reported once
    return refused
