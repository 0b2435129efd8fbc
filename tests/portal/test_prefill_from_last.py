"""A signed-in citizen's WBA starts with who they are from their last application: shown for
confirmation, saved only when they send the page; nothing without an account."""

import pytest

from jobcenter.intake.models import Draft
from tests.accounts.fixtures import login_as, make_citizen
from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import make_submission
from tests.portal.wizard_helpers import BASE, PERSON, revision_of

pytestmark = pytest.mark.django_db
PAGE = f"{BASE}/person/"


def test_the_person_page_is_prefilled_from_the_last_application(client, jobcenter):
    citizen = make_citizen()
    last = make_submission(
        jobcenter, user=citizen, answers={**WBA_JOB_AND_PERSON, "telefon": "0170 2222222"}
    )
    login_as(client, citizen)
    page = client.get(PAGE)
    html = page.content.decode()
    assert "Aus Ihrem letzten Antrag übernommen" in html and last.reference in html
    for shown in (
        'value="Kim"',
        'value="Musterfrau"',
        'value="12345BG0012345"',
        'value="0170 2222222"',
        'value="1980"',
    ):
        assert shown in html, shown
    assert not Draft.objects.filter(submitted_at__isnull=True).exists()  # not saved by looking

    # Confirmed with "Weiter": saved as shown.
    response = client.post(
        PAGE,
        {"revision": revision_of(page), "aktion": "weiter", **PERSON, "telefon": "0170 2222222"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = Draft.objects.get(submitted_at__isnull=True)
    assert draft.answers["bg_nummer"] == "12345BG0012345"
    # The situation is asked anew: the next page suggests nothing.
    html = client.get(f"{BASE}/haushalt_wohnung/").content.decode()
    assert "Aus Ihrem letzten Antrag übernommen" not in html
    # Once saved, the page shows what was saved, not the suggestion.
    assert "Aus Ihrem letzten Antrag übernommen" not in client.get(PAGE).content.decode()


def test_without_an_account_nothing_is_prefilled(client, jobcenter):
    make_submission(jobcenter, user=make_citizen(), answers=WBA_JOB_AND_PERSON)
    html = client.get(PAGE).content.decode()
    assert "Aus Ihrem letzten Antrag übernommen" not in html and 'value="Kim"' not in html
