"""Writes about Jobcenters: creating or updating one together with its postcode ranges."""

from django.db import transaction

from jobcenter.tenants.models import Jobcenter, PostcodeRange


@transaction.atomic
def jobcenter_upsert(*, slug: str, postcode_ranges: list[tuple[str, str]], **fields) -> Jobcenter:
    """Create the Jobcenter ``slug`` or bring it up to date; idempotent (used by the demo data)."""
    jobcenter = Jobcenter.objects.filter(slug=slug).first() or Jobcenter(slug=slug)
    for name, value in fields.items():
        setattr(jobcenter, name, value)
    jobcenter.full_clean()
    jobcenter.save()
    wanted = set(postcode_ranges)
    for existing in jobcenter.postcode_ranges.all():
        if (existing.first, existing.last) in wanted:
            wanted.discard((existing.first, existing.last))
        else:
            existing.delete()
    for first, last in sorted(wanted):
        postcode_range = PostcodeRange(jobcenter=jobcenter, first=first, last=last)
        postcode_range.full_clean()
        postcode_range.save()
    return jobcenter
