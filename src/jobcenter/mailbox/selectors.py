"""Reads of the mailbox. Citizens see only their own threads and decisions (404 otherwise);
staff only through a case they may see (``casework.selectors.visible_cases``: their Jobcenter,
protected cases only for the protected team)."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import Http404

from jobcenter.casework import selectors as casework
from jobcenter.casework.models import Case
from jobcenter.forms import selectors as forms
from jobcenter.mailbox.models import Attachment, Decision, DeliveryConsent, Post, Thread


def consent_of(user) -> DeliveryConsent | None:
    return DeliveryConsent.objects.filter(user=user).order_by("-at", "-id").first()


def has_consent(user) -> bool:
    found = consent_of(user)
    return bool(found and found.given)


def consent_history(user) -> list[DeliveryConsent]:
    return list(DeliveryConsent.objects.filter(user=user).order_by("-at", "-id")[:20])


def citizen_cases_here(user, jobcenter) -> list:
    """The citizen's current cases at this Jobcenter: what a new message may be about."""
    return [c for c in casework.citizen_cases(user) if c.jobcenter_id == jobcenter.pk]


def _posts():
    return Prefetch(
        "posts",
        queryset=Post.objects.prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.select_related("upload"))
        ).select_related("author"),
    )


def citizen_threads(user, jobcenter) -> list[Thread]:
    return list(
        Thread.objects.filter(citizen=user, case__jobcenter=jobcenter)
        .select_related("case__jobcenter", "case__submission")
        .prefetch_related(_posts())[:100]
    )


def citizen_thread(user, public_id, *, jobcenter) -> Thread:
    try:
        return (
            Thread.objects.select_related("case__jobcenter", "case__submission")
            .prefetch_related(_posts())
            .get(public_id=public_id, citizen=user, case__jobcenter=jobcenter)
        )
    except (Thread.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def citizen_decisions(user, jobcenter) -> list[Decision]:
    """Decisions delivered to the mailbox (not those posted as letters)."""
    return list(
        Decision.objects.filter(
            case__submission__user=user,
            case__jobcenter=jobcenter,
            channel=Decision.Channel.MAILBOX,
        ).select_related("case")
    )


def citizen_decision(user, public_id, *, jobcenter) -> Decision:
    try:
        return Decision.objects.select_related("case__jobcenter").get(
            public_id=public_id,
            case__submission__user=user,
            case__jobcenter=jobcenter,
            channel=Decision.Channel.MAILBOX,
        )
    except (Decision.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def case_threads(case) -> list[Thread]:
    return list(Thread.objects.filter(case=case).prefetch_related(_posts()))


def case_decisions(case) -> list[Decision]:
    return list(
        Decision.objects.filter(case=case).select_related("sent_by", "corrects", "posted_by")
    )


def staff_thread(request, public_id) -> Thread:
    try:
        return Thread.objects.select_related("case__jobcenter", "citizen").get(
            public_id=public_id, case__in=casework.visible_cases(request)
        )
    except (Thread.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def staff_decision(request, public_id) -> Decision:
    try:
        return Decision.objects.select_related("case__jobcenter").get(
            public_id=public_id, case__in=casework.visible_cases(request)
        )
    except (Decision.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def decision_choices(case) -> tuple[tuple[str, str], ...]:
    """The quick decisions the case's form declares (``FormDefinition.decision_choices``)."""
    definition = forms.get(case.submission.form_ident)
    return tuple(getattr(definition, "decision_choices", ()) or ()) if definition else ()


def awaiting_answer(request, *, limit: int = 200) -> list[Thread]:
    """Threads of cases the staff member may see whose newest message is the citizen's: the
    mailbox's queue, oldest question first. Also for cases no longer in any work queue (handed
    over, completed): a question there must not go unseen. Not for a forwarded case (the
    citizen cannot write there any more; its older questions stay on its case page)."""
    from django.db.models import OuterRef, Subquery

    newest = Post.objects.filter(thread=OuterRef("pk")).order_by("-created_at", "-pk")
    return list(
        Thread.objects.filter(case__in=casework.visible_cases(request))
        .exclude(case__state=Case.State.WEITERGELEITET)
        .annotate(
            last_direction=Subquery(newest.values("direction")[:1]),
            last_at=Subquery(newest.values("created_at")[:1]),
        )
        .filter(last_direction=Post.Direction.FROM_CITIZEN)
        .select_related("case__team")
        .order_by("last_at", "pk")[:limit]
    )


def to_post(request) -> list[Decision]:
    """Decisions of the staff member's Jobcenter to be sent by post and not yet marked as
    posted: letters (no consent) and decisions not retrieved in time; the longest waiting
    first (a letter since it was made, a flagged one since its flag)."""
    return list(
        Decision.objects.filter(case__in=casework.visible_cases(request), posted_at__isnull=True)
        .filter(Q(channel=Decision.Channel.POST) | Q(post_flagged_at__isnull=False))
        .annotate(waiting_since=Coalesce("post_flagged_at", "sent_at"))
        .select_related("case")
        .order_by("waiting_since", "pk")[:200]
    )


def case_forwarded(case) -> bool:
    """The case went to another Jobcenter (casework's "weitergeleitet")."""
    return case.state == Case.State.WEITERGELEITET


def settled() -> Q:
    """The condition of a decision whose delivery is settled: retrieved from the mailbox before
    any post flag, or gone by post (a letter, or flagged because not retrieved in time) and
    marked as posted. One still waiting in the mailbox, a letter not posted yet, or one flagged
    and not posted yet is not settled (its proof is not complete: the posting time and the day
    it counts as notified are missing; a retrieval after the flag does not settle it: the
    letter goes out all the same and the e-file learns when)."""
    return Q(retrieved_at__isnull=False, post_flagged_at__isnull=True) | Q(posted_at__isnull=False)


def settled_decisions(case):
    """Decisions of ``case`` whose delivery is settled (``settled``): the e-file takes these
    with their proof of delivery."""
    return Decision.objects.filter(case=case).filter(settled()).order_by("sent_at", "pk")


def case_posts(case):
    """Every message of ``case`` either way, oldest first (for the e-file)."""
    return (
        Post.objects.filter(thread__case=case)
        .select_related("thread", "author")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.select_related("upload"))
        )
        .order_by("created_at", "pk")
    )


def consent_at(user, when) -> DeliveryConsent | None:
    """The consent (or withdrawal) in force at ``when``: the newest recorded before it."""
    if user is None:
        return None
    return DeliveryConsent.objects.filter(user=user, at__lte=when).order_by("-at", "-id").first()


def post_record(post: Post) -> dict:
    """What the e-file keeps of one message: who wrote when, on what, the text, the attached
    documents (each travels as a document of its own)."""
    thread = post.thread
    return {
        "message_id": str(post.public_id),
        "thread_id": str(thread.public_id),
        "reference": thread.case.reference,
        "direction": "von_person"
        if post.direction == Post.Direction.FROM_CITIZEN
        else "vom_jobcenter",
        "topic": thread.topic,
        "subject": thread.subject,
        "sent_at": post.created_at.isoformat(),
        "body": post.body,
        "attachments": [
            {"document_id": str(a.upload.public_id), "title": a.upload.doc_title}
            for a in post.attachments.all()
        ],
    }


def proof_of_delivery(decision: Decision) -> dict:
    """What the e-file keeps beside a sent decision: how and when it was delivered, the notice,
    the first retrieval (time, login level) and the day it counts as notified; for a letter or
    one flagged for the post, when it was posted and the day it counts as notified by post."""

    def iso(value):
        return value.isoformat() if value is not None else None

    return {
        "decision_id": str(decision.public_id),
        "reference": decision.case.reference,
        "title": decision.title,
        "sha256": decision.sha256,
        "channel": decision.channel,
        "sent_at": iso(decision.sent_at),
        "notice_sent_at": iso(decision.notice_sent_at),
        "retrieved_at": iso(decision.retrieved_at),
        "retrieved_login_level": decision.retrieved_level or None,
        "notified_on": iso(decision.notified_on),
        "rule": "§ 37 Abs. 2a SGB X: 4. Tag nach Absendung der Benachrichtigung",
        "flagged_for_post_at": iso(decision.post_flagged_at),
        "posted_at": iso(decision.posted_at),
        "notified_on_by_post": iso(decision.notified_by_post_on),
        "rule_by_post": "§ 37 Abs. 2 SGB X: 4. Tag nach Aufgabe zur Post"
        if decision.posted_at
        else None,
        "corrects": str(decision.corrects.public_id) if decision.corrects_id else None,
        "consent": _consent_record(decision),
    }


def _consent_record(decision: Decision) -> dict | None:
    """The consent to electronic delivery in force when the decision was sent (§ 37 Abs. 2a
    Satz 1 SGB X), with its time and login level; ``None`` for a letter."""
    if decision.channel != Decision.Channel.MAILBOX:
        return None
    found = consent_at(decision.case.submission.user, decision.sent_at)
    if found is None or not found.given:
        return {"given_at": None, "login_level": None}
    return {"given_at": found.at.isoformat(), "login_level": found.login_level or None}
