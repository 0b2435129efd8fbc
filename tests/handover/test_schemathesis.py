"""schemathesis against the app's own OpenAPI schema: generated requests (valid and not) with
a real token and real bundles; no 5xx, status codes, content types and bodies as documented."""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.handover.helpers import complete, make_integration, make_ready_case
from tests.intake.factories import drain
from tests.security.generated import Tally

# CI: 40 and 15 examples per operation; the full run of bench/generated_requests.py more.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "40"))

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calls go straight to the WSGI app (not Django's test client), whose request signals
    would close the connection holding the test's transaction (PostgreSQL); as the test client
    does, keep it open."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tally(request):
    t = Tally(request.node.name)
    yield t
    t.write()


@pytest.fixture
def token(db, jobcenter, other_jobcenter):
    _t, token = make_integration(jobcenter)
    make_integration(other_jobcenter, "B")
    complete(make_ready_case(jobcenter))
    complete(make_ready_case(other_jobcenter, vorname="Bea"))
    drain()
    return token


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, token, tally):
    tally.record(
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
    )


@schema.parametrize()
@settings(
    max_examples=max(1, EXAMPLES * 3 // 8),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_without_token_conforms_too(case, db, tally):
    tally.record(case.call_and_validate(checks=CHECKS))
