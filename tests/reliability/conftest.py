"""Fixtures of the fault table (docs/OPERATIONS.md "Faults and recovery")."""

import pytest

from tests.documents.conftest import moto_endpoint  # noqa: F401 -- the session's S3 server


@pytest.fixture
def pg(tmp_path):
    from tests.reliability.pg import PgDatabase

    db = PgDatabase(tmp_path)
    yield db
    db.drop()


@pytest.fixture
def pg_proxy(pg):
    """The database behind a proxy the test can cut (a database restart as the app sees it)."""
    from tests.reliability.netproxy import CuttableProxy

    proxy = CuttableProxy(pg.params["host"], pg.params["port"]).start()
    yield proxy
    proxy.cut()
