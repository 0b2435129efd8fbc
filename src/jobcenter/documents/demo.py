"""Synthetic uploads for `make run` (development only): the documents the demo's online
applicants sent with or after their application (casework.demo creates the cases first).

Each is a one-page PDF that says it is synthetic; they go through ``upload_receive`` and the
worker checks and stores them like any upload. Running it twice creates nothing twice.
"""

from __future__ import annotations

import random

from django.core.files.uploadedfile import SimpleUploadedFile

from jobcenter.casework import selectors
from jobcenter.casework.models import Case
from jobcenter.documents.models import Upload
from jobcenter.documents.services import upload_receive
from jobcenter.forms import selectors as form_engine

DEMO_UPLOADS = 24  # a few dozen small PDFs: the worker checks them within seconds of the start


def _demo_pdf(title: str, name: str) -> bytes:
    """A one-page synthetic "scan" that names the document and the person."""
    import io

    import img2pdf
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(["DEMO – synthetisches Dokument", title, name]):
        draw.text((120, 160 + row * 80), text, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return img2pdf.convert(buffer.getvalue())


def seed_uploads(jobcenter) -> int:
    """Documents the online applicants sent: for most cases whose answers call for some, all
    of them (such a case lacks nothing: "Vollständig" is one click), for others all but one.
    They are checked and stored by the worker like any upload; returns how many."""
    if Upload.objects.filter(jobcenter=jobcenter, submission__isnull=False).exists():
        return 0  # seeded before (or documents arrived since): a second run adds none
    rng = random.Random(44)  # noqa: S311  # nosec B311  # same synthetic demo each time
    done = 0
    candidates = (
        Case.objects.filter(jobcenter=jobcenter, channel="online", state__in=selectors.OPEN_STATES)
        .exclude(state=Case.State.UNTERLAGEN_ANGEFORDERT)
        .select_related("submission")
        .order_by("received_at", "id")
    )
    for case in candidates:
        definition = form_engine.get(case.submission.form_ident)
        needs = (
            form_engine.documents_needed(definition, case.submission.answers) if definition else []
        )
        if not needs or rng.random() < 0.3:
            continue
        keep_back = 1 if len(needs) > 1 and rng.random() < 0.4 else 0
        name = f"{case.first_name} {case.last_name}"
        for need in needs[: len(needs) - keep_back]:
            upload_receive(
                jobcenter=jobcenter,
                submission=case.submission,
                files=[
                    SimpleUploadedFile(
                        f"{need.document.key}.pdf",
                        _demo_pdf(need.title, name),
                        content_type="application/pdf",
                    )
                ],
                doc_type=need.document.key,
                doc_title=need.title,
                person=name,
            )
            done += 1
        if done >= DEMO_UPLOADS:
            break
    return done
