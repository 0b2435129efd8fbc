"""Reads of the handover app: what the pull API offers, what the case page shows, the print."""

from __future__ import annotations

from django.db.models import QuerySet

from jobcenter.handover.models import Bundle, Delivery, JobState, Transport


def integration_for_token(token: str) -> Transport | None:
    from jobcenter.handover.services import TOKEN_PREFIX, token_digest

    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return (Transport.objects.select_related("jobcenter")
            .filter(kind=Transport.Kind.API, enabled=True, token_hash=token_digest(token))
            .first())


def offered_bundles(*, transport: Transport, since: int = 0, limit: int = 50) -> list[Bundle]:
    """Built bundles of the integration's Jobcenter it has not acknowledged, oldest first,
    after the cursor ``since`` (the bundle's ``id``)."""
    acknowledged = Delivery.objects.filter(transport=transport, status=JobState.DONE)
    return list(Bundle.objects.filter(
        jobcenter_id=transport.jobcenter_id, status=JobState.DONE, pk__gt=since,
        deliveries__transport=transport)
        .exclude(pk__in=acknowledged.values("bundle_id"))
        .select_related("submission", "case").order_by("pk")[:limit])


def bundle_for_integration(*, transport: Transport, public_id) -> Bundle | None:
    """A built bundle of the integration's own Jobcenter offered to it (else None → 404)."""
    return (Bundle.objects.select_related("submission", "case")
            .filter(jobcenter_id=transport.jobcenter_id, status=JobState.DONE,
                    public_id=public_id, deliveries__transport=transport).first())


def delivery_of(*, transport: Transport, bundle: Bundle) -> Delivery:
    return Delivery.objects.get(transport=transport, bundle=bundle)


def bundles_of_case(case) -> QuerySet[Bundle]:
    return (Bundle.objects.filter(case=case).select_related("upload")
            .prefetch_related("deliveries__transport").order_by("pk"))
