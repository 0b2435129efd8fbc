"""The anonymous receipt link works for RECEIPT_LINK_DAYS after receipt, then answers 404 like
a wrong token; the owner's own page under "Meine Anträge" is not affected. Links sent before
the expiry was introduced keep working until then (the token itself did not change)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.intake import selectors
from jobcenter.intake.selectors import receipt_link_valid_until, receipt_token
from tests.accounts.fixtures import login_as, make_citizen
from tests.intake.factories import make_submission

pytestmark = pytest.mark.django_db


def _link(submission, name="portal:submission_link"):
    return reverse(
        name,
        kwargs={
            "jobcenter": submission.jobcenter.slug,
            "public_id": submission.public_id,
            "token": receipt_token(submission),
        },
    )


@pytest.fixture
def later(monkeypatch):
    """``later(days)``: the receipt-link check sees a clock ``days`` ahead (submissions are
    immutable, so their receipt time cannot be moved back instead)."""

    def shift(days):
        ahead = timezone.now() + timedelta(days=days)
        monkeypatch.setattr(
            selectors,
            "timezone",
            SimpleNamespace(
                now=lambda: ahead, **{k: getattr(timezone, k) for k in ("localtime", "localdate")}
            ),
        )

    return shift


def test_the_link_works_until_the_end_of_its_validity(client, jobcenter, settings, later):
    settings.RECEIPT_LINK_DAYS = 90
    submission = make_submission(jobcenter)
    assert receipt_link_valid_until(submission) == submission.received_at + timedelta(days=90)
    later(89)
    assert client.get(_link(submission)).status_code == 200
    later(91)
    assert client.get(_link(submission)).status_code == 404
    assert client.get(_link(submission, "portal:submission_link_pdf")).status_code == 404


def test_the_validity_is_configurable(client, jobcenter, settings, later):
    submission = make_submission(jobcenter)
    later(10)
    settings.RECEIPT_LINK_DAYS = 7
    assert client.get(_link(submission)).status_code == 404
    settings.RECEIPT_LINK_DAYS = 30
    assert client.get(_link(submission)).status_code == 200


def test_the_owner_keeps_the_receipt_under_my_submissions(client, jobcenter, settings, later):
    settings.RECEIPT_LINK_DAYS = 7
    user = make_citizen()
    submission = make_submission(jobcenter, user=user)
    later(30)
    login_as(client, user)
    assert client.get(_link(submission)).status_code == 404
    assert (
        client.get(
            reverse(
                "portal:submission_detail",
                kwargs={"jobcenter": jobcenter.slug, "public_id": submission.public_id},
            )
        ).status_code
        == 200
    )
