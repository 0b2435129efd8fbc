"""Pages with personal data or secrets are never stored by browsers or proxies."""

import pytest

from tests.accounts.fixtures import login_as, make_citizen

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/konto/anmelden/", "/backoffice/", "/konto/registrieren/"])
def test_account_and_backoffice_pages_are_no_store(client, path):
    response = client.get(path)
    assert "no-store" in response["Cache-Control"]


def test_pages_for_signed_in_citizens_are_no_store(client, jobcenter):
    login_as(client, make_citizen("n@example.invalid"))
    for path in ("/konto/", "/musterkreis/"):
        assert "no-store" in client.get(path)["Cache-Control"], path


def test_public_pages_stay_cacheable_for_anonymous_visitors(client, jobcenter):
    assert "no-store" not in client.get("/musterkreis/").get("Cache-Control", "")
