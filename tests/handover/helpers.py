"""Helpers for handover tests: a completed case with documents, running the jobs, API calls."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from jobcenter.casework import services as casework
from jobcenter.casework.models import Case
from jobcenter.documents.models import Upload
from jobcenter.handover import services
from jobcenter.handover.models import Transport
from tests.casework.factories import wba_answers
from tests.documents.corpus import simple_pdf
from tests.intake.factories import drain, make_submission


def add_document(
    submission,
    *,
    doc_type="kontoauszug",
    title="Kontoauszüge",
    person="Kim Musterfrau",
    pages=2,
    channel=Upload.CHANNEL_FORM,
    received_at=None,
) -> Upload:
    """A ready (checked, normalised) document, stored like the documents job stores it."""
    data = simple_pdf(pages)
    upload = Upload(
        jobcenter=submission.jobcenter,
        submission=submission,
        doc_type=doc_type,
        doc_title=title,
        person=person,
        channel=channel,
        received_at=received_at or submission.received_at + dt.timedelta(minutes=1),
        status=Upload.Status.READY,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        ready_at=timezone.now(),
    )
    upload.file = default_storage.save(f"documents/test/{doc_type}.pdf", ContentFile(data))
    upload.save()
    return upload


def make_ready_case(jobcenter, *, user=None, documents=1, **person) -> Case:
    submission = make_submission(jobcenter, answers=wba_answers(**person), user=user)
    for n in range(documents):
        add_document(submission, doc_type=f"nachweis{n}", title=f"Nachweis {n + 1}")
    drain()  # receipt PDF (and the intake's handover job)
    return Case.objects.get(submission=submission)


def complete(case, by=None) -> Case:
    casework.case_transition(case=case, to_state="in_bearbeitung", by=by)
    return casework.case_transition(case=case, to_state="vollstaendig", by=by)


def make_integration(jobcenter, name="E-Akte") -> tuple[Transport, str]:
    return services.integration_create(jobcenter=jobcenter, name=name)


def auth(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def get_json(client, url, token):
    response = client.get(url, **auth(token))
    return response, (
        json.loads(response.content)
        if response["Content-Type"].startswith("application/json")
        else None
    )
