"""Reads about Jobcenters; other apps import these, not the models' tables."""

import copy
import time

from django.conf import settings
from django.db.models import Prefetch

from jobcenter.tenants.models import Jobcenter, PostcodeRange


def jobcenter_list() -> list[Jobcenter]:
    ranges = Prefetch("postcode_ranges", queryset=PostcodeRange.objects.order_by("first"))
    return list(Jobcenter.objects.prefetch_related(ranges).order_by("name"))


# Every citizen page reads its Jobcenter by slug, and a Jobcenter's record changes a few times a
# year: each process keeps what it read for JOBCENTER_CACHE_SECONDS, which saves one query on
# every page (about a tenth of a wizard step, docs/PERFORMANCE.md). A save or delete in this
# process clears the entry at once (tenants/apps.py); other processes see it within the period.
# Callers get a copy, so nothing one request sets on it reaches another.
_by_slug: dict[str, tuple[float, Jobcenter]] = {}


def jobcenter_get(*, slug: str) -> Jobcenter | None:
    ttl = settings.JOBCENTER_CACHE_SECONDS
    now = time.monotonic()
    hit = _by_slug.get(slug)
    if hit is not None and now - hit[0] < ttl:
        return copy.copy(hit[1])
    found = Jobcenter.objects.filter(slug=slug).first()
    if found is not None and ttl > 0:
        _by_slug[slug] = (now, copy.copy(found))
    return found


def jobcenter_cache_clear(**_signal_kwargs) -> None:
    _by_slug.clear()


def jobcenter_for_postcode(*, postcode: str) -> Jobcenter | None:
    """The Jobcenter competent for ``postcode``, or None when no range covers it."""
    postcode = postcode.strip()
    if len(postcode) != 5 or not postcode.isdigit():
        return None
    match = (
        PostcodeRange.objects.filter(first__lte=postcode, last__gte=postcode)
        .select_related("jobcenter")
        .first()
    )
    return match.jobcenter if match else None
