"""Each process reuses the Jobcenter records it read for a short time (tenants/selectors.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobcenter.tenants.selectors import jobcenter_get


def test_a_second_read_needs_no_query_and_gets_its_own_copy(jobcenter):
    first = jobcenter_get(slug=jobcenter.slug)
    first.name = "changed by one request"
    with CaptureQueriesContext(connection) as queries:
        second = jobcenter_get(slug=jobcenter.slug)
    assert len(queries) == 0
    assert second.name == jobcenter.name
    assert second.pk == jobcenter.pk


def test_a_save_in_this_process_shows_at_once(client, jobcenter):
    jobcenter_get(slug=jobcenter.slug)
    jobcenter.name = "Jobcenter Umbenannt"
    jobcenter.save()
    assert jobcenter_get(slug=jobcenter.slug).name == "Jobcenter Umbenannt"
    assert "Jobcenter Umbenannt" in client.get(f"/{jobcenter.slug}/").content.decode()


def test_entries_expire(jobcenter, settings):
    jobcenter_get(slug=jobcenter.slug)
    settings.JOBCENTER_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        jobcenter_get(slug=jobcenter.slug)
    assert len(queries) == 1


def test_an_unknown_slug_is_not_remembered(db):
    assert jobcenter_get(slug="gibt-es-nicht") is None
    with CaptureQueriesContext(connection) as queries:
        assert jobcenter_get(slug="gibt-es-nicht") is None
    assert len(queries) == 1
