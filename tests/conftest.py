"""Fixtures shared by every test: demo Jobcenters and settings for running beside Playwright."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo_jobcenters(db):
    from jobcenter.tenants.demo import seed_jobcenters

    return seed_jobcenters()


@pytest.fixture
def jobcenter(demo_jobcenters):
    """Jobcenter Musterkreis (postcodes 00100–00199)."""
    return demo_jobcenters[0]


@pytest.fixture
def other_jobcenter(demo_jobcenters):
    """Jobcenter Beispielstadt (postcodes 00200–00299)."""
    return demo_jobcenters[1]


@pytest.fixture(autouse=True)
def german_by_default():
    """Each test starts in German: a request in an earlier test may have activated another
    language in this thread (LocaleMiddleware does not deactivate it)."""
    from django.utils import translation

    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def fresh_jobcenter_cache():
    """Each test reads Jobcenters from its own database state (tenants/selectors.py keeps them
    per process; a rolled-back test fires no signal)."""
    from jobcenter.retention.selectors import rules_cache_clear
    from jobcenter.tenants.selectors import jobcenter_cache_clear

    jobcenter_cache_clear()
    rules_cache_clear()
    yield
    jobcenter_cache_clear()
    rules_cache_clear()
