"""Writes of the documents app: receive an upload, scan it, normalise it, move it on submit.

``upload_receive`` runs in the web request. It checks every file (``checks.check_file``) and
scans it (the configured scanner); if any file fails, nothing is stored and the citizen gets one
message per problem. Accepted files are streamed into storage under ``quarantine/`` and the
``Upload`` row plus its background task are written in one transaction (durable: a crash after
the commit loses nothing). If the scanner is unreachable the files are accepted into quarantine
unscanned (``scan = pending``) and the job scans them later, retrying with backoff until the
scanner answers — fail-closed: nothing is normalised or delivered before it was scanned.

``upload_process`` (the job) scans what is still pending, builds the normalised PDF, stores it
under ``documents/`` and marks the upload ready. It is safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.casework import services as casework
from jobcenter.casework.selectors import competent_jobcenter_of_new
from jobcenter.core.jobs import JobRunner, sweep_stuck
from jobcenter.documents import checks, normalise, signals
from jobcenter.documents.casework import answer_requests
from jobcenter.documents.models import FindAttempt, Upload, UploadFile
from jobcenter.documents.scanners import ScannerUnavailable, get_scanner
from jobcenter.documents.uploads import UploadProblems
from jobcenter.forms import selectors as form_selectors

logger = logging.getLogger(__name__)
Scan = UploadFile.Scan
OTHER = "sonstiges"


class UploadRejected(Exception):
    def __init__(self, problems: Sequence[checks.Rejected]):
        super().__init__("; ".join(p.code for p in problems))
        self.problems = list(problems)

    @property
    def messages(self) -> list[str]:
        return [p.message for p in self.problems]


def _sha256(uploaded) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def quarantine_name(jobcenter) -> str:
    return f"quarantine/{jobcenter.slug}/{uuid.uuid4().hex}"


def document_name(upload: Upload) -> str:
    year = timezone.localtime(upload.received_at).year
    return f"documents/{upload.jobcenter.slug}/{year}/{upload.public_id}.pdf"


def paper_application_register(
    *, scans: Sequence = (), upload_problems: UploadProblems | None = None, **application
):
    """Register a paper application (``casework.services.paper_application_register``, same
    arguments) together with the scan of the paper, all or nothing, so the paper is entered
    once. The scan is stored with the submission; raises ``UploadRejected`` for a refused scan,
    and then nothing is registered."""
    problems = upload_problems
    with transaction.atomic():
        case = casework.paper_application_register(**application)
        if scans or (problems and (problems.oversize or problems.too_many)):
            upload_receive(
                jobcenter=application["jobcenter"],
                files=scans,
                doc_type="papierantrag",
                doc_title=_("Papierantrag (Scan)"),
                person=f"{application['first_name']} {application['last_name']}".strip(),
                submission=case.submission,
                channel=Upload.CHANNEL_FORM,
                problems=problems,
            )
    return case


def upload_receive(
    *,
    jobcenter,
    files: Sequence,
    doc_type: str,
    doc_title: str,
    person: str = "",
    submission=None,
    draft=None,
    user=None,
    channel: str = Upload.CHANNEL_LATER,
    problems: UploadProblems | None = None,
) -> Upload:
    """Check, scan and store one document (one or more files); raise ``UploadRejected``."""
    if (submission is None) == (draft is None):
        raise ValueError("an upload belongs to a draft or to a submission")
    problems = problems or UploadProblems()
    if problems.too_many:
        raise UploadRejected([checks.too_many()])
    rejected = [checks.oversize(name) for name in problems.oversize]
    if not files and not rejected:
        raise UploadRejected(
            [
                checks.Rejected(
                    "no_file",
                    _("Bitte wählen Sie mindestens eine Datei aus oder machen Sie ein Foto."),
                )
            ]
        )
    if len(files) > settings.DOCUMENTS_MAX_FILES:
        raise UploadRejected([checks.too_many()])
    # Files of an allowed type are checked first (a decompression bomb must not reach the
    # scanner, which would decode it); anything else is scanned first, so malware is reported
    # as malware rather than as a wrong type.
    scanner = get_scanner()
    found: list[checks.Checked] = []
    verdicts = []
    for uploaded in files:
        allowed = bool(uploaded.size) and checks.sniff(uploaded) in checks.ALLOWED
        try:
            if allowed:
                found.append(checks.check_file(uploaded))
            verdict = _scan(scanner, uploaded) if uploaded.size else None
            if not allowed:
                checks.check_file(uploaded)  # raises: empty or not an allowed type
        except checks.Rejected as refusal:
            rejected.append(refusal)
            continue
        verdicts.append(verdict)
    if rejected:
        raise UploadRejected(rejected)

    now = timezone.now()
    stored: list[str] = []
    try:
        rows = []
        for position, (uploaded, kind, verdict) in enumerate(
            zip(files, found, verdicts, strict=True)
        ):
            sha = _sha256(uploaded)
            name = default_storage.save(quarantine_name(jobcenter), uploaded)
            stored.append(name)
            if verdict is None:
                scan = Scan.PENDING
            else:
                scan = Scan.CLEAN if verdict.scanned else Scan.UNSCANNED
            rows.append(
                UploadFile(
                    position=position,
                    original_name=(uploaded.name or "")[:255],
                    content_type=kind.content_type,
                    size=uploaded.size,
                    sha256=sha,
                    file=name,
                    scan=scan,
                    scanner=scanner.name if verdict is not None else "",
                    scanned_at=now if verdict is not None else None,
                )
            )
        with transaction.atomic():
            upload = Upload.objects.create(
                jobcenter=jobcenter,
                submission=submission,
                draft=draft,
                user=user,
                doc_type=doc_type[:50],
                doc_title=doc_title[:300],
                person=person[:200],
                channel=channel,
                received_at=now,
            )
            for row in rows:
                row.upload = upload
            UploadFile.objects.bulk_create(rows)
            _enqueue(upload)
            # An open document request is answered only once the upload is scanned and stored
            # (upload_process), not now: while clamd is down it may still be refused.
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    return upload


def _scan(scanner, uploaded):
    """The verdict, None when the scanner is unreachable; ``Rejected`` for malware."""
    uploaded.seek(0)
    try:
        verdict = scanner.scan(uploaded)
    except ScannerUnavailable as exc:
        logger.warning("virus scanner unavailable, upload waits in quarantine: %s", exc)
        return None
    finally:
        uploaded.seek(0)
    if not verdict.clean:
        logger.warning("upload refused: malware %s", verdict.signature)
        raise checks.infected(checks.display_name(uploaded))
    return verdict


# --- the background job -------------------------------------------------------------------


# The upload's status says more than a job state (checking → ready or failed) and it retries for
# as long as the scanner is away, so it uses the runner's queueing, backoff and sweeper only;
# documents/jobs.py registers the task.
RUNNER = JobRunner(prefix="DOCUMENTS_JOB", label="upload")
backoff = RUNNER.backoff


def _enqueue(upload: Upload, *, run_after: dt.datetime | None = None) -> None:
    """Queue the job's task; call inside the transaction that records the upload's state."""
    RUNNER.enqueue(upload, run_after=run_after, only_task=True)


def _fail(upload: Upload, message: str) -> None:
    """Refuse the upload for good: delete its files (nothing of it stays stored)."""
    for item in upload.files.all():
        if item.file:
            default_storage.delete(item.file.name)
    UploadFile.objects.filter(upload=upload).update(file="")
    Upload.objects.filter(pk=upload.pk).update(
        status=Upload.Status.FAILED, last_error=message[:2000], next_attempt_at=None
    )


def upload_process(*, upload_id: int) -> str:
    with transaction.atomic():
        upload = (
            Upload.objects.select_for_update()
            .select_related("jobcenter")
            .filter(pk=upload_id)
            .first()
        )
        if upload is None or upload.status != Upload.Status.CHECKING:
            return "skipped"
        upload.attempts += 1
        # The start of this run: the sweeper counts the check's lease from here, so that a
        # worker dying mid-check delays the upload by one lease, not by the queue's grace.
        upload.next_attempt_at = timezone.now()
        upload.save(update_fields=["attempts", "next_attempt_at"])
    files = list(upload.files.all())

    pending = [f for f in files if f.scan == Scan.PENDING]
    if pending:
        scanner = get_scanner()
        for item in pending:
            try:
                with default_storage.open(item.file.name, "rb") as stream:
                    verdict = scanner.scan(stream)
            except ScannerUnavailable as exc:
                logger.warning(
                    "upload %s: scanner unavailable (attempt %d): %s",
                    upload.pk,
                    upload.attempts,
                    exc,
                )
                with transaction.atomic():
                    Upload.objects.filter(pk=upload.pk).update(last_error=str(exc)[:2000])
                    _enqueue(upload, run_after=timezone.now() + backoff(upload.attempts))
                return "retry"
            if not verdict.clean:
                UploadFile.objects.filter(pk=item.pk).update(
                    scan=Scan.INFECTED,
                    signature=verdict.signature[:200],
                    scanner=scanner.name,
                    scanned_at=timezone.now(),
                )
                _fail(upload, checks.infected(item.original_name).message)
                return "infected"
            item.scan = Scan.CLEAN if verdict.scanned else Scan.UNSCANNED
            item.scanner, item.scanned_at = scanner.name, timezone.now()
            item.save(update_fields=["scan", "scanner", "scanned_at"])

    streams = []
    try:
        for item in files:
            streams.append((item.content_type, default_storage.open(item.file.name, "rb")))
        out, pages = normalise.build_pdf(streams)
    except normalise.NormaliseError as exc:
        logger.warning("upload %s could not be normalised: %s", upload.pk, exc)
        _fail(
            upload,
            _(
                "Eine Datei ist beschädigt und ließ sich nicht verarbeiten. Bitte "
                "laden Sie das Dokument noch einmal hoch."
            ),
        )
        return "failed"
    finally:
        for _type, stream in streams:
            stream.close()
    with out:
        digest = hashlib.sha256()
        while chunk := out.read(1024 * 1024):
            digest.update(chunk)
        size = out.tell()
        out.seek(0)
        name = default_storage.save(document_name(upload), File(out))
    with transaction.atomic():
        won = Upload.objects.filter(pk=upload.pk, status=Upload.Status.CHECKING).update(
            status=Upload.Status.READY,
            file=name,
            size=size,
            sha256=digest.hexdigest(),
            pages=pages,
            ready_at=timezone.now(),
            last_error="",
            next_attempt_at=None,
        )
        if won and upload.submission_id is not None:
            # Scanned and stored: now it answers an open document request for its type (the
            # casework seam; dated when the citizen handed it in).
            answer_requests(upload)
        if won:
            # e.g. the handover of a document sent later
            signals.upload_ready.send(sender=Upload, upload_id=upload.pk)
    if not won:  # another run finished first: keep its file, drop ours
        default_storage.delete(name)
        return "skipped"
    if not settings.DOCUMENTS_KEEP_ORIGINALS:
        for item in files:
            default_storage.delete(item.file.name)
        UploadFile.objects.filter(upload=upload).update(file="")
    return "done"


def uploads_sweep(*, now: dt.datetime | None = None, grace: dt.timedelta | None = None) -> int:
    """Re-queue uploads still being checked whose task will never run: its queue entry was
    lost, or the worker that started the check died (no task waits for the upload and its
    last start or due time lies more than one lease back)."""
    lease = dt.timedelta(seconds=settings.DOCUMENTS_JOB_LEASE_SECONDS)
    return sweep_stuck(
        Upload.objects.all(),
        enqueue=_enqueue,
        now=now or timezone.now(),
        grace=grace if grace is not None else lease,
        pending=[Upload.Status.CHECKING],
        running=[],
        requeue_status=None,
    )


# --- drafts and submissions ---------------------------------------------------------------


def move_draft_uploads(submission, draft) -> None:
    """Submission hook: what was uploaded with the form now belongs to the submission.

    Runs inside the submitting transaction, which has just inserted ``submission``; the receipt
    time of these uploads stays the time they were uploaded, and they count as handed in with
    the application.
    """
    Upload.objects.filter(draft=draft).update(
        draft=None,
        submission=submission,
        jobcenter=competent_jobcenter_of_new(submission),
        user=submission.user,
    )


def upload_delete_from_draft(*, upload: Upload) -> None:
    """The citizen removes a document again before sending the form."""
    if upload.draft_id is None:
        raise ValueError("only uploads of a draft can be removed")
    upload.delete()


# --- "Antrag suchen" without an account ------------------------------------------------


def _find_window() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.DOCUMENTS_FIND_WINDOW_MINUTES)


def find_locked(*, jobcenter, reference: str) -> bool:
    """Too many wrong birth dates for this reference lately (from any session)."""
    return (
        FindAttempt.objects.filter(
            jobcenter=jobcenter, reference=reference[:24], created_at__gte=_find_window()
        ).count()
        >= settings.DOCUMENTS_FIND_MAX_FAILURES
    )


def find_failed(*, jobcenter, reference: str) -> None:
    FindAttempt.objects.filter(created_at__lt=_find_window()).delete()
    FindAttempt.objects.create(jobcenter=jobcenter, reference=reference[:24])


class UploadGrantLocked(Exception):
    """Too many wrong tries (in this session, or for this reference lately from any session)."""


# Session data of the upload grant: the submissions this browser may add documents to, and its
# wrong tries so far.
GRANTS = "documents_submissions"
ATTEMPTS = "documents_find_attempts"
MAX_ATTEMPTS = 8


def upload_grant(session, *, jobcenter, submissions, reference: str, birth_date: dt.date):
    """Let this browser add documents to the submission with ``reference`` (among
    ``submissions``) if ``birth_date`` is the applicant's, as the form engine reads it
    (``Role.BIRTH_DATE``). Returns the submission, or None for a wrong pair (counted);
    raises ``UploadGrantLocked`` after too many wrong tries."""
    attempts = session.get(ATTEMPTS, 0)
    if attempts >= MAX_ATTEMPTS or find_locked(jobcenter=jobcenter, reference=reference):
        raise UploadGrantLocked
    submission = submissions.filter(reference=reference).first()
    facts = (
        form_selectors.applicant_facts(submission.form_ident, submission.answers)
        if submission
        else None
    )
    if facts is not None and facts.birth_date == birth_date:
        session[GRANTS] = [*session.get(GRANTS, []), str(submission.public_id)][-20:]
        session[ATTEMPTS] = 0
        return submission
    session[ATTEMPTS] = attempts + 1
    find_failed(jobcenter=jobcenter, reference=reference)
    return None


# --- retention (called by the retention app's shredder only) ---------------------------------


def uploads_erase(*, uploads) -> list[str]:
    """Delete uploads and their files' rows; returns the stored names (PDF and quarantine) for
    the caller to delete from storage in the same transaction."""
    ids = [u.pk for u in uploads]
    names = [
        name for name in Upload.objects.filter(pk__in=ids).values_list("file", flat=True) if name
    ]
    names += [
        name
        for name in UploadFile.objects.filter(upload__in=ids).values_list("file", flat=True)
        if name
    ]
    # Rows only: the post_delete signal would delete the files at once, even if the caller's
    # transaction then rolls back (the shredder's dry run does); the caller deletes them.
    UploadFile.objects.filter(upload__in=ids)._raw_delete(UploadFile.objects.db)
    Upload.objects.filter(pk__in=ids)._raw_delete(Upload.objects.db)
    return names
