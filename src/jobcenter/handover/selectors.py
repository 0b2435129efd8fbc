"""Reads of the handover app: what the pull API offers, what the case page shows, the print."""

from __future__ import annotations

from django.db.models import QuerySet

from jobcenter.handover.models import Bundle, Delivery, JobState, Transport
from jobcenter.handover.services import TOKEN_PREFIX, token_digest


def integration_for_token(token: str) -> Transport | None:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return (
        Transport.objects.select_related("jobcenter")
        .filter(kind=Transport.Kind.API, enabled=True, token_hash=token_digest(token))
        .first()
    )


def offered_bundles(*, transport: Transport, since: int = 0, limit: int = 50) -> list[Delivery]:
    """The offers (deliveries) of built bundles to the integration it has not acknowledged,
    in the order they were offered, after the cursor ``since`` (the offer's ``id``).

    The cursor is the delivery's id, made when the bundle was built and offered — not the
    bundle's id, which is made earlier: a bundle with a low id that finishes late would
    otherwise come after a cursor the client already holds, and be skipped."""
    return list(
        Delivery.objects.filter(
            transport=transport,
            pk__gt=since,
            bundle__jobcenter_id=transport.jobcenter_id,
            bundle__status=JobState.DONE,
        )
        .exclude(status=JobState.DONE)
        .select_related("bundle__submission", "bundle__case")
        .order_by("pk")[:limit]
    )


def bundle_for_integration(*, transport: Transport, public_id) -> Bundle | None:
    """A built bundle of the integration's own Jobcenter offered to it (else None → 404)."""
    return (
        Bundle.objects.select_related("submission", "case")
        .filter(
            jobcenter_id=transport.jobcenter_id,
            status=JobState.DONE,
            public_id=public_id,
            deliveries__transport=transport,
        )
        .first()
    )


def delivery_of(*, transport: Transport, bundle: Bundle) -> Delivery:
    return Delivery.objects.get(transport=transport, bundle=bundle)


def bundles_of_case(case) -> QuerySet[Bundle]:
    return (
        Bundle.objects.filter(case=case)
        .select_related("upload", "decision")
        .prefetch_related("deliveries__transport")
        .order_by("pk")
    )
