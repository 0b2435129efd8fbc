"""Writes of the handover app: bundles, deliveries, acknowledgements, integration tokens.

When a bundle is made:

- a case reaches "vollständig" (casework transition hook, inside that transaction) — or, for a
  Jobcenter that hands over on arrival, the intake's handover job runs after the submission;
- a document becomes ready (documents' ready hook) for a case whose application bundle exists
  already: it gets a bundle of its own ("nachreichung");
- the mailbox announces a message (either way) or a decision whose delivery is settled
  (``mailbox.signals.case_mailbox_changed``) for a case whose application bundle is built: each
  gets a bundle of its own ("nachricht", "bescheid" with the proof of delivery). Those that came
  before go out right after the application bundle is built.

Only for Jobcenters with at least one active transport; the others keep the manual button.
A bundle is built by a durable job (jobs.py); once built, one ``Delivery`` per active transport
is created and the pushing ones queued. The first delivery of the application moves the case to
"übergeben" (casework.services.case_record_handover); every delivery is in the case history.
"""

from __future__ import annotations

import hashlib
import logging
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobcenter.audit import services as audit
from jobcenter.casework import services as casework
from jobcenter.casework.models import Case
from jobcenter.core.jobs import JobRunner, job_done
from jobcenter.documents.models import Upload
from jobcenter.documents.selectors import ready_documents_for_case
from jobcenter.handover import transports as registry
from jobcenter.handover.bundle import build_parts, bundle_uuid
from jobcenter.handover.models import (
    Bundle,
    BundleItem,
    Delivery,
    HandoverSettings,
    JobState,
    Transport,
)
from jobcenter.mailbox import selectors as mailbox
from jobcenter.mailbox.models import Decision, Post
from jobcenter.tenants.models import Jobcenter

logger = logging.getLogger(__name__)
TOKEN_PREFIX = "jco_"  # noqa: S105  # nosec B105  # a prefix, not a secret

# The tasks that run bundle builds and deliveries register here (handover/jobs.py).
RUNNER = JobRunner(prefix="HANDOVER_JOB", label="handover job")


class BundleOutdated(Exception):
    """The build job retries (with backoff) and takes the new document too."""


def settings_for(jobcenter) -> HandoverSettings:
    found = HandoverSettings.objects.filter(jobcenter=jobcenter).first()
    return found or HandoverSettings(jobcenter=jobcenter)


def active_transports(jobcenter):
    return Transport.objects.filter(jobcenter=jobcenter, enabled=True).order_by("pk")


def _create(case, *, upload=None, decision=None, post=None) -> Bundle | None:
    if decision is not None:
        kind = Bundle.Kind.DECISION
    elif post is not None:
        kind = Bundle.Kind.MESSAGE
    else:
        kind = Bundle.Kind.LATER if upload is not None else Bundle.Kind.APPLICATION
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on either way
            bundle = Bundle.objects.create(
                public_id=bundle_uuid(case, upload, decision=decision, post=post),
                jobcenter=case.jobcenter,
                case=case,
                submission=case.submission,
                kind=kind,
                upload=upload,
                decision=decision,
                post=post,
            )
            if upload is not None:
                BundleItem.objects.create(bundle=bundle, case=case, upload=upload)
            RUNNER.enqueue(bundle)
    except IntegrityError:
        return None  # made already, or the document is in another bundle of this case
    return bundle


def bundles_create_for_case(case) -> list[Bundle]:
    """The application bundle of ``case`` (once). Once it is built, documents of the case not
    yet in any bundle get one each. Nothing without an active transport."""
    if not active_transports(case.jobcenter).exists():
        return []
    application = (
        Bundle.objects.select_for_update(of=("self",))
        .filter(case=case, kind=Bundle.Kind.APPLICATION)
        .first()
    )
    if application is None:
        return [b for b in [_create(case)] if b]
    if not application.parts:
        return []  # its build (which waits for this lock) takes every ready document
    return _later_bundles(case)


def _later_bundles(case) -> list[Bundle]:
    taken = BundleItem.objects.filter(case=case).values("upload_id")
    created = []
    for upload in ready_documents_for_case(case).exclude(pk__in=taken):
        if (bundle := _create(case, upload=upload)) is not None:
            created.append(bundle)
    return created + _mailbox_bundles(case)


def _mailbox_bundles(case) -> list[Bundle]:
    """A bundle for each message of the case and each decision whose delivery is settled that
    has none yet (the mailbox's own case only: a forwarded case's items stay where they were)."""
    created = []
    for decision in mailbox.settled_decisions(case).filter(bundles__isnull=True):
        if (bundle := _create(case, decision=decision)) is not None:
            created.append(bundle)
    for post in mailbox.case_posts(case).filter(bundles__isnull=True):
        if (bundle := _create(case, post=post)) is not None:
            created.append(bundle)
    return created


def on_mailbox_changed(*, case) -> None:
    """A message or a settled decision (inside that transaction): once the case's application
    bundle is built, it gets a bundle of its own; before that, it waits for that build (which
    takes every one that came before, ``bundle_build``). Not for a forwarded case."""
    if case.state == "weitergeleitet" or not active_transports(case.jobcenter).exists():
        return
    application = (
        Bundle.objects.select_for_update(of=("self",))
        .filter(case=case, kind=Bundle.Kind.APPLICATION)
        .first()
    )
    if application is not None and application.parts:
        _mailbox_bundles(case)


def on_case_transition(*, case, from_state: str, to_state: str) -> None:
    if to_state != "vollstaendig":
        return
    if _record_earlier_handover(case):
        return
    if settings_for(case.jobcenter).trigger != HandoverSettings.Trigger.COMPLETE:
        return
    bundles_create_for_case(case)


def _application_delivered(case) -> Delivery | None:
    return (
        Delivery.objects.filter(
            bundle__case=case, bundle__kind=Bundle.Kind.APPLICATION, status=JobState.DONE
        )
        .select_related("transport")
        .order_by("done_at", "pk")
        .first()
    )


def _record_earlier_handover(case) -> bool:
    """A case completed after its application was handed over (a Jobcenter that hands over on
    arrival): it is handed over now, without a second bundle. Returns whether it was."""
    delivery = _application_delivered(case)
    if delivery is None:
        return False
    with translation.override("de"):  # stored in the history (staff read German)
        text = _("Antrag schon übergeben am %(date)s: %(how)s") % {
            "date": timezone.localtime(delivery.done_at).strftime("%d.%m.%Y %H:%M"),
            "how": str(delivery.transport),
        }
    casework.case_record_handover(case=case, how=text, first=True)
    return True


def submission_arrived(submission) -> None:
    """The intake's handover job: hand over now if the Jobcenter hands over on arrival."""
    with transaction.atomic():
        for case in Case.objects.filter(submission=submission).exclude(state="weitergeleitet"):
            if settings_for(case.jobcenter).trigger == HandoverSettings.Trigger.ARRIVAL:
                bundles_create_for_case(case)


def on_upload_ready(*, upload_id: int) -> None:
    """A document became ready (inside that transaction): once its case's application bundle
    is built, the document gets a bundle of its own; before that, the build takes it. The
    application bundle's row lock orders this against a build that is just finishing."""
    from django.db.models import Exists, OuterRef

    upload = Upload.objects.filter(pk=upload_id, submission__isnull=False).first()
    if upload is None:
        return
    # Only a case whose application bundle exists: a filter across the reverse relation
    # (bundles__upload__isnull) would also match a case without any bundle (the outer join's
    # empty row) and hand over a case that is not complete yet.
    with_application = Bundle.objects.filter(case=OuterRef("pk"), kind=Bundle.Kind.APPLICATION)
    cases = (
        Case.objects.filter(submission_id=upload.submission_id)
        .filter(Exists(with_application))
        .exclude(state="weitergeleitet")
    )
    for case in cases:
        bundles_create_for_case(case)


def _offer(bundle: Bundle, transport: Transport) -> bool:
    """One delivery of a built bundle to a transport (once); queued if the transport pushes."""
    try:
        with transaction.atomic():  # a savepoint: a concurrent build may create it first
            delivery, created = Delivery.objects.get_or_create(bundle=bundle, transport=transport)
            if created and registry.get(transport.kind).pushes:
                RUNNER.enqueue(delivery)
    except IntegrityError:
        return False
    return created


def transports_catch_up(jobcenter) -> dict[str, int]:
    """What a Jobcenter missed while it had no active transport, made good once one is active
    (the admin's save of a transport, and ``manage.py sweep_handover``):

    - built bundles without a delivery for an active transport get one;
    - cases that should have been handed over (trigger "vollständig": cases in that state;
      trigger "bei Eingang": every open case) get their application bundle;
    - documents that became ready after the application bundle was built and are in no bundle
      get one each;
    - "vollständig" cases whose application was delivered before they were completed move on
      to "übergeben".
    Idempotent; nothing without an active transport."""
    from django.db.models import Exists, OuterRef

    transports = list(active_transports(jobcenter))
    counts = {"deliveries": 0, "bundles": 0}
    if not transports:
        return counts
    for transport in transports:
        for bundle in (
            Bundle.objects.filter(jobcenter=jobcenter, status=JobState.DONE)
            .exclude(deliveries__transport=transport)
            .order_by("pk")
        ):
            counts["deliveries"] += _offer(bundle, transport)
    if settings_for(jobcenter).trigger == HandoverSettings.Trigger.ARRIVAL:
        due = [
            Case.State.EINGEGANGEN,
            Case.State.IN_BEARBEITUNG,
            Case.State.UNTERLAGEN_ANGEFORDERT,
            Case.State.VOLLSTAENDIG,
        ]
    else:
        due = [Case.State.VOLLSTAENDIG]
    without_bundle = Case.objects.filter(jobcenter=jobcenter, state__in=due).exclude(
        Exists(Bundle.objects.filter(case=OuterRef("pk"), kind=Bundle.Kind.APPLICATION))
    )
    loose = Upload.objects.filter(
        submission=OuterRef("submission"), status=Upload.Status.READY
    ).exclude(pk__in=BundleItem.objects.filter(case=OuterRef(OuterRef("pk"))).values("upload_id"))
    # Messages and settled decisions of the mailbox without a bundle (mailbox.selectors
    # .settled_decisions says which decisions are settled).
    loose_posts = Post.objects.filter(thread__case=OuterRef("pk"), bundles__isnull=True)
    loose_decisions = Decision.objects.filter(case=OuterRef("pk"), bundles__isnull=True).filter(
        mailbox.settled()
    )
    with_loose_documents = (
        Case.objects.filter(
            jobcenter=jobcenter,
            bundles__kind=Bundle.Kind.APPLICATION,
            bundles__status=JobState.DONE,
        )
        .exclude(state=Case.State.WEITERGELEITET)
        .filter(Exists(loose) | Exists(loose_posts) | Exists(loose_decisions))
    )
    for case in (without_bundle | with_loose_documents).distinct().order_by("pk"):
        with transaction.atomic():
            counts["bundles"] += len(bundles_create_for_case(case))
    # Completed after the application had gone out, before completing recorded that.
    delivered = Delivery.objects.filter(
        bundle__case=OuterRef("pk"), bundle__kind=Bundle.Kind.APPLICATION, status=JobState.DONE
    )
    for case in (
        Case.objects.filter(jobcenter=jobcenter, state=Case.State.VOLLSTAENDIG)
        .filter(Exists(delivered))
        .order_by("pk")
    ):
        with transaction.atomic():
            _record_earlier_handover(case)
    return counts


def transports_catch_up_all() -> dict[str, int]:
    total = {"deliveries": 0, "bundles": 0}
    for jobcenter in Jobcenter.objects.filter(transports__enabled=True).distinct():
        for key, value in transports_catch_up(jobcenter).items():
            total[key] += value
    return total


# --- jobs -----------------------------------------------------------------------------------------


def part_path(bundle: Bundle, run: str, name: str) -> str:
    """Each build run stores below a directory of its own: a run never touches the files
    another run recorded (overlapping runs: an admin retry, a re-queued slow build)."""
    return f"handover/{bundle.jobcenter.slug}/{bundle.public_id}/{run}/{name}"


def _store(bundle: Bundle, run: str, name: str, data: bytes) -> str:
    return default_storage.save(part_path(bundle, run, name), ContentFile(data))


def _discard(stored: list[dict]) -> None:
    for info in stored:
        try:
            default_storage.delete(info["path"])
        except OSError:  # pragma: no cover (best effort; the file is not recorded anywhere)
            logger.warning("could not delete unrecorded part %s", info["path"])


def _uploads_for(bundle: Bundle) -> list:
    if bundle.upload_id:
        return [bundle.upload]
    if bundle.kind != Bundle.Kind.APPLICATION:
        return []  # a decision or a message of the mailbox
    taken = BundleItem.objects.filter(case=bundle.case).values("upload_id")
    return list(ready_documents_for_case(bundle.case).exclude(pk__in=taken))


def bundle_build(bundle_id: int) -> None:
    """Job handler: build and store the parts (once), then create and queue the deliveries.

    The parts are built outside a transaction (PDF work), then recorded with the bundle row
    locked: if a document became ready meanwhile, the build is redone with it, so the bundle
    holds exactly the documents that were ready when it was recorded and every later one gets
    its own bundle (``on_upload_ready``)."""
    bundle = Bundle.objects.select_related(
        "case__jobcenter",
        "case__customer",
        "case__household",
        "submission",
        "jobcenter",
        "upload",
        "decision__case__submission",
        "post__thread__case",
    ).get(pk=bundle_id)
    if not bundle.parts:
        uploads = _uploads_for(bundle)
        parts = build_parts(bundle, uploads)
        run = secrets.token_hex(8)
        stored = []
        try:
            for p in parts:
                stored.append(
                    {
                        "name": p.name,
                        "path": _store(bundle, run, p.name, p.data),
                        "sha256": p.sha256,
                        "size": len(p.data),
                        "media_type": p.media_type,
                    }
                )
            with transaction.atomic():
                locked = Bundle.objects.select_for_update().get(pk=bundle_id)
                if locked.parts:  # another run recorded first: its files stay, ours go
                    _discard(stored)
                    stored = []
                else:
                    if [u.pk for u in _uploads_for(bundle)] != [u.pk for u in uploads]:
                        raise BundleOutdated("a document became ready while building; built again")
                    if bundle.kind == Bundle.Kind.APPLICATION:
                        BundleItem.objects.bulk_create(
                            [BundleItem(bundle=bundle, case=bundle.case, upload=u) for u in uploads]
                        )
                    locked.parts = stored
                    locked.save(update_fields=["parts", "updated_at"])
                    if bundle.kind == Bundle.Kind.APPLICATION:
                        # The mailbox's messages and settled decisions so far follow it.
                        _mailbox_bundles(bundle.case)
        except BaseException:
            _discard(stored)
            raise
    with transaction.atomic():
        for transport in active_transports(bundle.jobcenter):
            _offer(bundle, transport)
        job_done(bundle)  # with no active transport now: transports_catch_up offers it


def bundle_parts(bundle: Bundle) -> list[tuple[str, bytes]]:
    """The stored parts, in the bundle's order (PDF first, manifest last)."""
    return [(info["name"], bundle_part(bundle, info["name"])) for info in bundle.parts]


def bundle_part(bundle: Bundle, name: str) -> bytes:
    with default_storage.open(bundle.part_info(name)["path"], "rb") as fh:
        return fh.read()


def case_print_pdf(*, case, by) -> bytes:
    """Print on demand: the case as one PDF (cover, receipt with the answers, every ready
    document), built now and not stored; the download is in the audit trail."""
    preview = Bundle(
        public_id=bundle_uuid(case),
        jobcenter=case.jobcenter,
        case=case,
        submission=case.submission,
        kind=Bundle.Kind.APPLICATION,
    )
    uploads = list(ready_documents_for_case(case))
    pdf = build_parts(preview, uploads)[0].data
    audit.record(
        actor=by,
        jobcenter=case.jobcenter,
        action=audit.Action.EXPORT,
        object_type="case",
        object_id=case.public_id,
        summary="Druckfassung heruntergeladen",
    )
    return pdf


def _handed_over(delivery: Delivery, how: str) -> None:
    """Inside a transaction: the delivery is done; the case history says so."""
    bundle = delivery.bundle
    first = (
        bundle.kind == Bundle.Kind.APPLICATION
        and not Delivery.objects.filter(bundle=bundle, status=JobState.DONE)
        .exclude(pk=delivery.pk)
        .exists()
    )
    job_done(delivery)
    with translation.override("de"):  # stored in the history (staff read German)
        if bundle.kind == Bundle.Kind.APPLICATION:
            text = _("Antrag übergeben: %(how)s") % {"how": how}
        elif bundle.kind == Bundle.Kind.DECISION:
            text = _("Bescheid „%(title)s“ mit Zustellnachweis übergeben: %(how)s") % {
                "title": bundle.decision.title,
                "how": how,
            }
        elif bundle.kind == Bundle.Kind.MESSAGE:
            text = _("Nachricht im Postfach übergeben: %(how)s") % {"how": how}
        else:
            text = _("Nachgereichte Unterlage „%(title)s“ übergeben: %(how)s") % {
                "title": bundle.upload.doc_title if bundle.upload_id else "",
                "how": how,
            }
    casework.case_record_handover(case=bundle.case, how=text, first=first)


def delivery_push(delivery_id: int) -> None:
    """Job handler: deliver by folder or HTTP push."""
    delivery = Delivery.objects.select_related(
        "bundle__submission", "bundle__case", "bundle__upload", "bundle__decision", "transport"
    ).get(pk=delivery_id)
    if not delivery.transport.enabled:
        raise registry.DeliveryFailed("transport switched off")
    transport = registry.get(delivery.transport.kind)
    try:
        how = transport.deliver(delivery, bundle_parts(delivery.bundle))
    finally:
        if delivery.response_status is not None:
            Delivery.objects.filter(pk=delivery.pk).update(response_status=delivery.response_status)
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery_id)
        if locked.status != JobState.DONE and how:
            _handed_over(delivery, how)


def _audit_integration(transport: Transport, bundle: Bundle, summary: str) -> None:
    """The pull API's client read social data: in the audit trail, named by the integration
    (it has no user account)."""
    audit.record(
        actor=None,
        actor_name=f"Integration: {transport.name}",
        jobcenter=transport.jobcenter,
        action=audit.Action.EXPORT,
        object_type="case",
        object_id=bundle.case.public_id,
        summary=summary,
        reason="handover",
    )


def part_fetched(*, transport: Transport, bundle: Bundle, name: str) -> None:
    """The pull API's client downloaded a part of a bundle."""
    _audit_integration(
        transport, bundle, f"Übergabepaket-Teil abgerufen: {name} ({bundle.public_id})"
    )


def delivery_acknowledge(*, transport: Transport, bundle: Bundle) -> tuple[Delivery, bool]:
    """The pull API's client confirms it has the bundle. Returns (delivery, new?); a second
    acknowledgement changes nothing."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("bundle__case", "bundle__upload", "bundle__decision")
            .get(bundle=bundle, transport=transport)
        )
        if delivery.status == JobState.DONE:
            return delivery, False
        with translation.override("de"):
            how = _("Abruf-Schnittstelle „%(name)s“ (bestätigt)") % {"name": transport.name}
        _handed_over(delivery, how)
        _audit_integration(
            transport, bundle, f"Übergabepaket abgerufen und bestätigt: {transport.name}"
        )
        delivery.refresh_from_db()
    return delivery, True


# --- integrations (pull API) ------------------------------------------------------------------


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def integration_token_renew(*, transport: Transport, by=None) -> str:
    """A new token for an API integration; returned once, only its SHA-256 is stored. The
    renewal is in the audit trail (never the token)."""
    if transport.kind != Transport.Kind.API:
        raise ValueError("only API integrations have tokens")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    transport.token_hash = token_digest(token)
    transport.token_hint = token[:10]
    transport.save(update_fields=["token_hash", "token_hint"])
    audit.record(
        actor=by,
        jobcenter=transport.jobcenter,
        action=audit.Action.CHANGE,
        object_type="transport",
        object_id=transport.public_id,
        summary=f"Zugangsschlüssel erneuert: {transport.name} ({transport.token_hint}…)",
    )
    return token


def integration_create(*, jobcenter, name: str) -> tuple[Transport, str]:
    transport = Transport.objects.create(jobcenter=jobcenter, kind=Transport.Kind.API, name=name)
    return transport, integration_token_renew(transport=transport)


# --- retention (called by the retention app's shredder only) ---------------------------------


def bundles_erase(*, case_ids=(), upload_ids=(), post_ids=()) -> list[str]:
    """Delete the bundles of these cases, those holding these documents and those of these
    mailbox messages (with their deliveries and items); returns the stored part files for the
    caller to delete."""
    from django.db.models import Q

    bundles = Bundle.objects.filter(
        Q(case__in=list(case_ids)) | Q(upload__in=list(upload_ids)) | Q(post__in=list(post_ids))
    )
    names = [p["path"] for parts in bundles.values_list("parts", flat=True) for p in parts or []]
    # An application bundle that carries one of these documents in its PDF keeps its row (the
    # record of the handover) but loses its files.
    for bundle in (
        Bundle.objects.filter(items__upload__in=list(upload_ids))
        .exclude(pk__in=bundles.values("pk"))
        .distinct()
    ):
        names += bundle_files_erase(bundle=bundle)
    BundleItem.objects.filter(Q(case__in=list(case_ids)) | Q(upload__in=list(upload_ids))).delete()
    Delivery.objects.filter(bundle__in=bundles).delete()
    bundles.delete()
    return names


def bundle_files_erase(*, bundle: Bundle) -> list[str]:
    """Forget the stored parts of a handed-over bundle (the row stays as the record of the
    handover); returns the files for the caller to delete."""
    names = [p["path"] for p in bundle.parts or []]
    Bundle.objects.filter(pk=bundle.pk).update(parts=[])
    return names
