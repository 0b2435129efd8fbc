"""Writes of the retention app: the shredder, legal holds, a Jobcenter's own rules.

The shredder (``shred``) walks every Jobcenter and category in ``rules.ORDER``. For each item
that is due it opens a transaction, locks the item's row (``SELECT … FOR UPDATE SKIP LOCKED`` on
PostgreSQL: a second shredder running at the same time skips it; on SQLite writers queue up),
checks again that it is still due (a hold placed meanwhile, a case reopened), deletes,
anonymises or restricts it through the owning app's service, and deletes its files from the
configured storage (disk or S3) before the commit. A crash between the file deletes and the
commit leaves rows whose files are gone; the next run deletes the rows (deleting a missing file
is no error), so nothing is ever kept beyond its day.

Each category that touched something leaves a ``DeletionRecord`` and an audit entry with the
count and the rule, never what was deleted. The dry run does exactly the same inside a
transaction that is rolled back at the end and deletes no file, so its report is what the real
run would do at the same moment.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.audit import services as audit
from jobcenter.casework import services as casework
from jobcenter.casework.models import Case
from jobcenter.core import mail
from jobcenter.core.jobs import sweep_stuck
from jobcenter.documents import services as documents
from jobcenter.documents.models import Upload
from jobcenter.handover import services as handover
from jobcenter.intake import services as intake
from jobcenter.intake.models import Draft, Submission
from jobcenter.mailbox import services as mailbox
from jobcenter.retention import jobs, rules, selectors
from jobcenter.retention.models import (
    DeletionRecord,
    LegalHold,
    Restriction,
    RetentionRule,
    ShredRun,
)
from jobcenter.tenants.models import Jobcenter

logger = logging.getLogger(__name__)


class RetentionError(Exception):
    """A hold that cannot be placed or released (shown to the member of staff)."""


@dataclass
class _Pass:
    now: dt.datetime
    dry_run: bool
    counts: Counter = field(default_factory=Counter)
    rules: dict = field(default_factory=dict)


class _DryRunDone(Exception):
    pass


# --- the shredder ---------------------------------------------------------------------------------


def shred(
    *, now: dt.datetime | None = None, dry_run: bool = False, run: ShredRun | None = None
) -> ShredRun:
    """One pass over everything that is due at ``now``; returns the run with its report."""
    now = now or timezone.now()
    if run is None:
        run = ShredRun.objects.create(
            dry_run=dry_run, status=ShredRun.Status.RUNNING, started_at=timezone.now()
        )
    state = _Pass(now=now, dry_run=dry_run)
    if dry_run:
        try:
            with transaction.atomic():
                _all(state, run)
                raise _DryRunDone
        except _DryRunDone:
            pass
    else:
        _all(state, run)
    run.report = [
        {
            "jobcenter": slug,
            "category": category,
            "doc_type": doc_type,
            "action": action,
            "count": count,
        }
        for (slug, category, doc_type, action), count in sorted(state.counts.items())
    ]
    run.status, run.done_at, run.lease_until = ShredRun.Status.DONE, timezone.now(), None
    run.save(update_fields=["report", "status", "done_at", "lease_until"])
    return run


def _all(state: _Pass, run: ShredRun) -> None:
    for jobcenter in Jobcenter.objects.order_by("pk"):
        for key in rules.ORDER:
            if rules.CATEGORIES[key].per_jobcenter:
                _category(state, jobcenter, key)
    _platform(state)
    if not state.dry_run:
        _record(state, run)


def _category(state: _Pass, jobcenter, key: str) -> None:
    if key == "document":
        typed = [t for t, _p, _a in selectors.document_rules(jobcenter) if t]
        for doc_type, period, action in selectors.document_rules(jobcenter):
            cut = rules.cutoff(period, state.now)
            _items(
                state,
                jobcenter,
                key,
                action,
                period,
                doc_type,
                selectors.due_documents(jobcenter, cut, doc_type, typed),
                _erase_document,
            )
        return
    period, action = selectors.rule_for(jobcenter, key)
    cut = rules.cutoff(period, state.now)
    if key in ("draft", "draft_secured"):
        # To the minute: the citizen was shown "gespeichert bis <last save + period>".
        days = selectors.draft_days(jobcenter, secured=key == "draft_secured")
        cut = state.now - dt.timedelta(days=days)
    if key == "audit":
        count = audit.entries_erase(jobcenter=jobcenter, before=cut)
        _count(state, jobcenter, key, action, period, "", count)
        return
    for due, handler in _steps(key, action):
        _items(state, jobcenter, key, action, period, "", due(jobcenter, cut), handler)


def _steps(key: str, action: str):
    """What of category ``key`` is due (a function of the Jobcenter and the cut-off) and what
    happens to each item, in order. A generator: each query is made only when its turn comes,
    after the items of the step before are gone."""
    if key in ("draft", "draft_secured"):
        yield partial(selectors.due_draft, secured=key == "draft_secured"), _erase_draft
    elif key == "case":
        yield selectors.due_case, _restrict_case if action == rules.RESTRICT else _erase_case
    elif key == "submission":
        yield selectors.due_submission, _anonymise_submission
    elif key == "message":
        yield selectors.due_messages, _erase_message
        # The mailbox's threads (messages both ways) follow the same rule.
        yield selectors.due_threads, _erase_thread
    elif key == "bundle":
        yield selectors.due_bundles, _erase_bundle_files
    elif key == "customer":
        anonymise = action == rules.ANONYMISE
        yield (
            partial(selectors.due_customers, anonymised_too=not anonymise),
            _anonymise_customer if anonymise else _erase_customer,
        )
    elif key == "household":
        yield selectors.due_households, _erase_household


def _platform(state: _Pass) -> None:
    """Entries and rows that belong to no Jobcenter: platform audit entries, the task queue."""
    period, action = selectors.rule_for(None, "audit")
    count = audit.entries_erase(
        jobcenter=None, before=rules.cutoff(period, state.now), platform=True
    )
    _count(state, None, "audit", action, period, "", count)
    period, action = selectors.rule_for(None, "outbox")
    cut = rules.cutoff(period, state.now)
    with transaction.atomic():
        count = selectors.due_outbox(cut).delete()[0]
        count += mail.emails_erase_finished(before=cut)
    _count(state, None, "outbox", action, period, "", count)


def _items(state: _Pass, jobcenter, key, action, period, doc_type, due, handler) -> None:
    model = due.model
    count = 0
    for pk in list(due.order_by("pk").values_list("pk", flat=True)):
        with transaction.atomic():
            item = model.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if item is None or not due.filter(pk=pk).exists():
                continue  # taken by another shredder, or no longer due
            files: list[str] = []
            handler(item, files)
            if not state.dry_run:
                for name in files:
                    default_storage.delete(name)
            count += 1
    _count(state, jobcenter, key, action, period, doc_type, count)


def _count(state: _Pass, jobcenter, key, action, period, doc_type, count: int) -> None:
    slug = jobcenter.slug if jobcenter is not None else ""
    spec = rules.CATEGORIES[key]
    state.rules[(slug, key, doc_type, action)] = (
        jobcenter,
        f"{spec.label}{f' ({doc_type})' if doc_type else ''}: {period} {_('nach')} {spec.anchor}",
    )
    if count:
        state.counts[(slug, key, doc_type, action)] += count


def _record(state: _Pass, run: ShredRun) -> None:
    for (slug, key, doc_type, action), count in sorted(state.counts.items()):
        jobcenter, rule = state.rules[(slug, key, doc_type, action)]
        with transaction.atomic():
            DeletionRecord.objects.create(
                run=run,
                at=timezone.now(),
                jobcenter=jobcenter,
                category=key,
                doc_type=doc_type,
                action=action,
                rule=str(rule)[:200],
                count=count,
            )
            audit.record(
                actor=None,
                actor_name="Löschlauf",
                jobcenter=jobcenter,
                action=audit.Action.CHANGE,
                object_type="retention",
                object_id=key,
                summary=_("Aufbewahrungsfrist abgelaufen: %(count)s × %(action)s (%(rule)s)")
                % {"count": count, "action": dict(rules.ACTIONS)[action], "rule": rule},
            )


# --- what happens to one item (inside its transaction, the row locked) -------------------------


def _erase_draft(draft, files: list[str]) -> None:
    files += documents.uploads_erase(uploads=list(draft.uploads.all()))
    intake.drafts_erase(drafts=[draft])


def _erase_case(case, files: list[str]) -> None:
    submission = case.submission
    chain = list(Case.objects.filter(submission=submission))  # the case and those forwarded
    uploads = list(Upload.objects.filter(submission=submission))
    files += handover.bundles_erase(
        case_ids=[c.pk for c in chain], upload_ids=[u.pk for u in uploads]
    )
    # The mailbox's threads and decisions (with their PDFs) of every case of the chain.
    files += mailbox.cases_mailbox_erase(cases=chain)
    files += documents.uploads_erase(uploads=uploads)
    casework.cases_erase(cases=chain)
    _erase_submission(submission, files)


def _erase_submission(submission, files: list[str]) -> None:
    """The submission goes with its last case, unless a full application still continues it
    (then it goes with that one's case)."""

    if Case.objects.filter(submission=submission).exists():
        return
    drafts = list(Draft.objects.filter(secured_submission=submission))
    files += documents.uploads_erase(uploads=list(Upload.objects.filter(draft__in=drafts)))
    intake.drafts_erase(drafts=drafts)
    files += documents.uploads_erase(uploads=list(Upload.objects.filter(submission=submission)))
    names = intake.submission_erase(submission=submission)
    if names is None:
        return
    files += names
    if submission.secured_submission_id:
        parent = Submission.objects.filter(pk=submission.secured_submission_id).first()
        if parent is not None:
            _erase_submission(parent, files)


def _restrict_case(case, files: list[str]) -> None:
    Restriction.objects.get_or_create(
        case=case, defaults={"jobcenter": case.jobcenter, "since": timezone.now()}
    )


def _anonymise_submission(submission, files: list[str]) -> None:
    intake.submission_anonymise(submission=submission)


def _erase_document(upload, files: list[str]) -> None:
    files += handover.bundles_erase(upload_ids=[upload.pk])
    files += documents.uploads_erase(uploads=[upload])


def _erase_message(message, files: list[str]) -> None:
    casework.messages_erase(messages=[message])


def _erase_thread(thread, files: list[str]) -> None:
    files += handover.bundles_erase(post_ids=list(thread.posts.values_list("pk", flat=True)))
    files += mailbox.threads_erase(threads=[thread])


def _erase_bundle_files(bundle, files: list[str]) -> None:
    files += handover.bundle_files_erase(bundle=bundle)


def _erase_customer(customer, files: list[str]) -> None:
    casework.customers_erase(customers=[customer])


def _anonymise_customer(customer, files: list[str]) -> None:
    casework.customers_anonymise(customers=[customer])


def _erase_household(household, files: list[str]) -> None:
    casework.households_erase(households=[household])


# --- the daily durable job --------------------------------------------------------------------


def run_schedule(*, now: dt.datetime | None = None) -> ShredRun | None:
    """Queue today's run once (any number of schedulers may call this); ``None`` if today's
    run exists already."""

    today = timezone.localdate(now or timezone.now())
    with transaction.atomic():
        run, created = ShredRun.objects.get_or_create(day=today)
        if not created:
            return None
        run.task_id = str(jobs.run_shred_task.enqueue(run.pk).id)
        run.save(update_fields=["task_id"])
    return run


def run_execute(*, run_id: int, now: dt.datetime | None = None) -> ShredRun | None:
    """Job handler: take the run under a lease, shred, store the report. A duplicate task or a
    run that another worker holds does nothing."""
    now_ = timezone.now()
    with transaction.atomic():
        run = ShredRun.objects.select_for_update(skip_locked=True).filter(pk=run_id).first()
        if run is None or run.status == ShredRun.Status.DONE:
            return None
        if run.status == ShredRun.Status.RUNNING and run.lease_until and run.lease_until > now_:
            return None
        run.status, run.started_at = ShredRun.Status.RUNNING, now_
        run.attempts += 1
        run.lease_until = now_ + dt.timedelta(seconds=settings.RETENTION_LEASE_SECONDS)
        run.save(update_fields=["status", "started_at", "attempts", "lease_until"])
    try:
        return shred(now=now, run=run)
    except Exception as exc:
        logger.exception("retention run %s failed", run.pk)
        ShredRun.objects.filter(pk=run.pk).update(
            status=ShredRun.Status.FAILED, last_error=str(exc)[:2000], lease_until=None
        )
        raise


def runs_sweep(*, now: dt.datetime | None = None) -> int:
    """Queue again the runs whose worker died (lease run out) or whose task was lost."""

    def enqueue(run):
        run.task_id = str(jobs.run_shred_task.enqueue(run.pk).id)
        run.save(update_fields=["status", "lease_until", "task_id"])

    return sweep_stuck(
        ShredRun.objects.filter(dry_run=False),
        enqueue=enqueue,
        now=now or timezone.now(),
        grace=dt.timedelta(minutes=5),
    )


# --- legal hold ---------------------------------------------------------------------------------


def hold_place(*, case, reason: str, by) -> LegalHold:
    """Keep a case (and everything of its application) while an objection or a court case
    runs. The case row is locked, so a shredder working on it either finishes first (then the
    case is gone and this fails) or sees the hold."""

    if reason not in LegalHold.Reason.values:
        raise RetentionError(_("Bitte einen Grund auswählen."))
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case.pk).first()
        if locked is None:
            raise RetentionError(_("Den Vorgang gibt es nicht mehr."))
        if LegalHold.objects.filter(case=case, released_at=None).exists():
            raise RetentionError(_("Der Vorgang ist schon gesperrt."))
        hold = LegalHold.objects.create(
            jobcenter=case.jobcenter,
            case=case,
            reason=reason,
            placed_by=by,
            placed_at=timezone.now(),
        )
        _hold_record(
            case,
            by,
            _("Aufbewahrungssperre gesetzt: %(reason)s") % {"reason": hold.get_reason_display()},
        )
    return hold


def hold_release(*, case, by) -> LegalHold:
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().filter(case=case, released_at=None).first()
        if hold is None:
            raise RetentionError(_("Der Vorgang ist nicht gesperrt."))
        hold.released_at, hold.released_by = timezone.now(), by
        hold.save(update_fields=["released_at", "released_by"])
        _hold_record(
            case,
            by,
            _("Aufbewahrungssperre aufgehoben: %(reason)s") % {"reason": hold.get_reason_display()},
        )
    return hold


def _hold_record(case, by, summary: str) -> None:
    audit.record(
        actor=by,
        jobcenter=case.jobcenter,
        action=audit.Action.CHANGE,
        object_type="case",
        object_id=case.public_id,
        summary=summary,
    )


def rule_set(
    *, jobcenter, category: str, period: int, unit: str, action: str, doc_type: str = ""
) -> RetentionRule:
    rule = RetentionRule.objects.filter(
        jobcenter=jobcenter, category=category, doc_type=doc_type
    ).first() or RetentionRule(jobcenter=jobcenter, category=category, doc_type=doc_type)
    rule.period, rule.unit, rule.action = period, unit, action
    rule.full_clean()
    rule.save()
    return rule
