"""Reads about Jobcenters; other apps import these, not the models' tables."""

from django.db.models import Prefetch

from jobcenter.tenants.models import Jobcenter, PostcodeRange


def jobcenter_list() -> list[Jobcenter]:
    ranges = Prefetch("postcode_ranges", queryset=PostcodeRange.objects.order_by("first"))
    return list(Jobcenter.objects.prefetch_related(ranges).order_by("name"))


def jobcenter_get(*, slug: str) -> Jobcenter | None:
    return Jobcenter.objects.filter(slug=slug).first()


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
