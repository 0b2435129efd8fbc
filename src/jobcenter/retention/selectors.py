"""Reads of the retention app: the rule in force, and what is due under it.

Each ``due_*`` returns a queryset of the items of one category that are due at the given
cutoff (rules.cutoff) for one Jobcenter; the shredder re-applies the same queryset to one item
under a row lock, so an item that changed meanwhile (a hold placed, a case reopened) is left.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db.models import Max, Min, Q
from django.utils import timezone

from jobcenter.audit.models import AuditEntry
from jobcenter.casework.models import Case, Customer, Household, Message
from jobcenter.documents.models import Upload
from jobcenter.handover.models import Bundle
from jobcenter.intake.models import Draft, Submission
from jobcenter.mailbox.models import Thread
from jobcenter.retention import rules
from jobcenter.retention.models import LegalHold, Restriction, RetentionRule, ShredRun


def rule_for(jobcenter, category: str, doc_type: str = "") -> tuple[rules.Period, str]:
    """(period, action) of a Jobcenter's own rule, else the category's default."""
    spec = rules.CATEGORIES[category]
    if jobcenter is not None and spec.per_jobcenter:
        own = RetentionRule.objects.filter(
            jobcenter=jobcenter, category=category, doc_type=doc_type
        ).first()
        if own is not None:
            return own.as_period, own.action
        if doc_type:
            return rule_for(jobcenter, category)
    if category in ("draft", "draft_secured"):
        return rules.Period(settings.DRAFT_EXPIRY_DAYS, rules.DAYS), spec.default_action
    return spec.default, spec.default_action


# Every wizard page save asks for the draft period; a Jobcenter's rules change rarely. Each
# process keeps the answer for JOBCENTER_CACHE_SECONDS (as tenants.selectors does), a rule saved
# or deleted in this process clears it at once (retention/apps.py).
_draft_days: dict[tuple[int, bool], tuple[float, int]] = {}


def draft_days(jobcenter, *, secured: bool = False) -> int:
    """How many days a draft is kept after its last save (intake shows the date)."""
    key, now = (jobcenter.pk, secured), time.monotonic()
    hit = _draft_days.get(key)
    if hit is not None and now - hit[0] < settings.JOBCENTER_CACHE_SECONDS:
        return hit[1]
    period, _action = rule_for(jobcenter, "draft_secured" if secured else "draft")
    today = timezone.localdate()
    days = (period.add_to(today) - today).days
    _draft_days[key] = (now, days)
    return days


def rules_cache_clear(**_signal_kwargs) -> None:
    _draft_days.clear()


def document_rules(jobcenter) -> list[tuple[str, rules.Period, str]]:
    """The document rules of a Jobcenter: per type first, then the one for every other type."""
    typed = [
        (r.doc_type, r.as_period, r.action)
        for r in RetentionRule.objects.filter(jobcenter=jobcenter, category="document")
        .exclude(doc_type="")
        .order_by("doc_type")
    ]
    period, action = rule_for(jobcenter, "document")
    return [*typed, ("", period, action)]


def rules_table(jobcenter) -> list[dict]:
    rows = []
    for key in rules.ORDER:
        spec = rules.CATEGORIES[key]
        entries = (
            document_rules(jobcenter) if key == "document" else [("", *rule_for(jobcenter, key))]
        )
        for doc_type, period, action in entries:
            rows.append(
                {
                    "category": spec,
                    "doc_type": doc_type,
                    "period": period,
                    "action": dict(rules.ACTIONS)[action],
                    "own": (period, action) != (spec.default, spec.default_action),
                }
            )
    return rows


def active_hold(case) -> LegalHold | None:
    return LegalHold.objects.filter(case=case, released_at=None).first()


def holds_of(case) -> list[LegalHold]:
    return list(LegalHold.objects.filter(case=case).select_related("placed_by", "released_by"))


def restricted_cases():
    """Case ids under § 84 SGB X restriction (casework hides them from staff)."""
    return Restriction.objects.values("case_id")


def _held_submissions():
    held = LegalHold.objects.filter(released_at=None).values("case_id")
    return Case.objects.filter(pk__in=held).values("submission_id")


def _closed_cases(jobcenter, cut):
    """The current (not forwarded) cases of a Jobcenter closed before ``cut``, not held."""

    return Case.objects.filter(
        jobcenter=jobcenter,
        state__in=[Case.State.UEBERGEBEN, Case.State.ZURUECKGEZOGEN],
        state_changed_at__lt=cut,
    ).exclude(submission__in=_held_submissions())


def due_draft(jobcenter, cut, *, secured: bool):
    qs = Draft.objects.filter(
        jobcenter=jobcenter, updated_at__lt=cut, secured_submission__isnull=not secured
    )
    if secured:
        qs = qs.exclude(secured_submission__in=_held_submissions())
    return qs


def due_case(jobcenter, cut):
    return _closed_cases(jobcenter, cut).exclude(pk__in=restricted_cases())


def due_submission(jobcenter, cut):
    """Handed-over submissions (the case software acknowledged the application bundle) whose
    current case belongs to this Jobcenter, not yet anonymised."""

    current = (
        Case.objects.filter(jobcenter=jobcenter)
        .exclude(state=Case.State.WEITERGELEITET)
        .values("submission_id")
    )
    return (
        Submission.objects.filter(pk__in=current)
        .exclude(pk__in=_held_submissions())
        .exclude(answers={})
        .annotate(
            acknowledged=Min("bundles__deliveries__done_at", filter=Q(bundles__kind="antrag"))
        )
        .filter(acknowledged__lt=cut)
    )


def due_documents(jobcenter, cut, doc_type: str, other_types: list[str]):
    qs = Upload.objects.filter(submission__in=_closed_cases(jobcenter, cut).values("submission_id"))
    return qs.filter(doc_type=doc_type) if doc_type else qs.exclude(doc_type__in=other_types)


def due_messages(jobcenter, cut):
    return Message.objects.filter(
        case__submission__in=_closed_cases(jobcenter, cut).values("submission_id")
    )


def due_threads(jobcenter, cut):
    """The mailbox's threads (messages both ways) of cases closed before ``cut``."""
    return Thread.objects.filter(
        case__submission__in=_closed_cases(jobcenter, cut).values("submission_id")
    )


def due_bundles(jobcenter, cut):
    """Bundles with stored files whose every delivery was handed over before ``cut``."""

    return (
        Bundle.objects.filter(jobcenter=jobcenter)
        .exclude(parts=[])
        .exclude(submission__in=_held_submissions())
        .exclude(deliveries__done_at__isnull=True)
        .annotate(last=Max("deliveries__done_at"))
        .filter(last__lt=cut)
    )


def due_customers(jobcenter, cut, *, anonymised_too: bool = True):
    qs = Customer.objects.filter(
        jobcenter=jobcenter, created_at__lt=cut, cases__isnull=True
    ).exclude(memberships__household__cases__isnull=False)
    return qs if anonymised_too else qs.exclude(first_name="", last_name="", birth_date=None)


def due_households(jobcenter, cut):
    return Household.objects.filter(
        jobcenter=jobcenter, created_at__lt=cut, cases__isnull=True
    ).exclude(members__customer__cases__isnull=False)


def due_audit(jobcenter, cut):
    return AuditEntry.objects.filter(jobcenter=jobcenter, at__lt=cut)


def due_outbox(cut):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cut)


def runs(limit: int = 20):
    return list(ShredRun.objects.all()[:limit])
