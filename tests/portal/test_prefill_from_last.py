"""A signed-in citizen's WBA starts with who they are from their last application: shown for
confirmation, saved only when they send the page; nothing without an account."""

import pytest

from jobcenter.intake.models import Draft
from tests.accounts.fixtures import login_as, make_citizen
from tests.forms.answers import WBA_2026_2_NOTHING_CHANGED, WBA_JOB_AND_PERSON
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


def test_the_address_comes_from_the_last_application_and_the_account_is_shown(client, jobcenter):
    """From an Erstantrag (which asked the address and the account): the WBA's first page
    suggests the address; the bank-account question shows the account, copying nothing."""
    citizen = make_citizen()
    last = make_submission(
        jobcenter,
        user=citizen,
        answers={
            **WBA_JOB_AND_PERSON,
            "konto_geaendert": True,
            "kontoinhaber": "Kim Musterfrau",
            "iban": "DE89370400440532013000",
            "konto_ab": WBA_JOB_AND_PERSON["neue_personen"][0]["eingezogen_am"],
        },
    )
    login_as(client, citizen)
    html = client.get(PAGE).content.decode()
    # 2026-1 had no address: nothing to suggest there, the rest is suggested.
    assert 'value="Kim"' in html and 'name="strasse" value=""' in html

    later = make_submission(
        jobcenter,
        user=citizen,
        answers={**WBA_2026_2_NOTHING_CHANGED},
        form_version="2026-2",
    )
    Draft.objects.filter(user=citizen, submitted_at__isnull=True).delete()
    html = client.get(PAGE).content.decode()
    assert later.reference in html
    assert 'value="Musterweg 1"' in html and 'value="00155"' in html
    assert 'value="Musterstadt"' in html

    page = client.get(f"{BASE}/versicherung_konto/").content.decode()
    assert "Ihre Bankverbindung bisher" in page and "DE89 3704 0044 0532 0130 00" in page
    assert last.reference in page  # the newest application that had an account
    assert 'name="iban"' not in page


def test_without_an_account_no_account_is_shown(client, jobcenter):
    make_submission(
        jobcenter,
        user=make_citizen(),
        answers={**WBA_JOB_AND_PERSON, "kontoinhaber": "K", "iban": "DE89370400440532013000"},
    )
    html = client.get(f"{BASE}/versicherung_konto/").content.decode()
    assert "Ihre Bankverbindung bisher" not in html and "DE89" not in html
