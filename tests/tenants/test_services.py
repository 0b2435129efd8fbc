import pytest
from django.core.exceptions import ValidationError

from jobcenter.tenants.demo import DEMO_JOBCENTERS, seed_jobcenters
from jobcenter.tenants.models import Jobcenter, PostcodeRange
from jobcenter.tenants.services import jobcenter_upsert

pytestmark = pytest.mark.django_db


def test_seeding_twice_creates_nothing_twice():
    seed_jobcenters()
    seed_jobcenters()
    assert Jobcenter.objects.count() == len(DEMO_JOBCENTERS)
    assert PostcodeRange.objects.count() == 3


def test_upsert_replaces_postcode_ranges(jobcenter):
    data = {**DEMO_JOBCENTERS[0], "postcode_ranges": [("00100", "00149")]}
    updated = jobcenter_upsert(**data)
    assert [str(r) for r in updated.postcode_ranges.all()] == ["00100–00149"]


def test_overlapping_ranges_of_two_jobcenters_are_refused(jobcenter, other_jobcenter):
    clash = PostcodeRange(jobcenter=other_jobcenter, first="00190", last="00210")
    with pytest.raises(ValidationError, match="Überschneidet sich"):
        clash.full_clean()


def test_reversed_range_is_refused(jobcenter):
    with pytest.raises(ValidationError):
        PostcodeRange(jobcenter=jobcenter, first="00500", last="00400").full_clean()


@pytest.mark.parametrize("slug", ["admin", "static", "impressum", "healthz"])
def test_reserved_slugs_are_refused(slug):
    data = {**DEMO_JOBCENTERS[0], "slug": slug, "reference_prefix": "XY", "postcode_ranges": []}
    with pytest.raises(ValidationError):
        jobcenter_upsert(**data)


def test_reference_prefix_must_be_capital_letters():
    data = {**DEMO_JOBCENTERS[0], "slug": "neu", "reference_prefix": "mk1", "postcode_ranges": []}
    with pytest.raises(ValidationError):
        jobcenter_upsert(**data)
