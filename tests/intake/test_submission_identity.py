"""Login strength at submit ("login strength per function"): every submission records
how its sender was logged in, so a change of bank account or address from a weak login is
accepted but shown to the caseworker as "identity not verified"."""

import pytest

from jobcenter.accounts import session as login_state
from jobcenter.intake.models import Submission
from tests.accounts.fixtures import login_as, make_citizen
from tests.intake.test_submit_views import SEND, draft_id
from tests.portal.test_wizard import fill_nothing_changed

pytestmark = pytest.mark.django_db


def _send(client) -> Submission:
    fill_nothing_changed(client)
    client.post(SEND, {"entwurf": draft_id(client)})
    return Submission.objects.get()


def test_anonymous_submission_is_marked_identity_not_verified(client, jobcenter):
    identity = _send(client).identity
    assert identity["identity_verified"] is False
    assert identity["assurance_level"] is None


def test_password_login_without_second_factor_is_not_verified(client, jobcenter):
    login_as(client, make_citizen("p@example.invalid"))
    identity = _send(client).identity
    assert identity["identity_verified"] is False
    assert identity["assurance_level"] == login_state.BASIC


def test_password_login_with_second_factor_counts_as_verified(client, jobcenter):
    login_as(client, make_citizen("t@example.invalid"), second_factor=True)
    identity = _send(client).identity
    assert identity["identity_verified"] is True
    assert identity["second_factor"] is True


def test_state_account_at_substantial_counts_as_verified(client, jobcenter):
    login_as(
        client, make_citizen("s@example.invalid"), level=login_state.SUBSTANTIAL, method="oidc"
    )
    identity = _send(client).identity
    assert identity["identity_verified"] is True
    assert identity["assurance_level"] == login_state.SUBSTANTIAL


def test_signed_in_citizen_finds_meine_antraege_in_the_header(client, jobcenter):
    login_as(client, make_citizen("m@example.invalid"))
    html = client.get("/musterkreis/").content.decode()
    assert 'href="/musterkreis/antraege/"' in html
    assert 'href="/musterkreis/antraege/"' not in client.get("/").content.decode()
