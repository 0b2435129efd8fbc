import pytest

from jobcenter.tenants.selectors import jobcenter_for_postcode, jobcenter_get, jobcenter_list

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("postcode", "slug"),
    [
        ("00100", "musterkreis"),
        ("00199", "musterkreis"),
        ("00200", "beispielstadt"),
        ("00249", "beispielstadt"),
        ("00250", "beispielstadt"),
        (" 00299 ", "beispielstadt"),
    ],
)
def test_postcode_routes_to_the_competent_jobcenter(demo_jobcenters, postcode, slug):
    assert jobcenter_for_postcode(postcode=postcode).slug == slug


@pytest.mark.parametrize("postcode", ["00099", "00300", "99999", "", "0010", "001000", "abcde"])
def test_postcode_outside_every_range_finds_none(demo_jobcenters, postcode):
    assert jobcenter_for_postcode(postcode=postcode) is None


def test_jobcenter_list_is_sorted_and_prefetches_ranges(demo_jobcenters, django_assert_num_queries):
    with django_assert_num_queries(2):
        jobcenters = jobcenter_list()
        ranges = [[str(r) for r in j.postcode_ranges.all()] for j in jobcenters]
    assert [j.name for j in jobcenters] == ["Jobcenter Beispielstadt", "Jobcenter Musterkreis"]
    assert ranges == [["00200–00249", "00250–00299"], ["00100–00199"]]


def test_jobcenter_get_unknown_slug(demo_jobcenters):
    assert jobcenter_get(slug="gibt-es-nicht") is None
