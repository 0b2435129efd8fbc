"""A citizen who does not know the BG-Nummer can still send a change notice and use every other
service that asked for it (2026-2 versions), as the WBA since 2026-2: "Ich kenne meine
BG-Nummer nicht", with the hint where it is printed. A draft started on 2026-1 continues there."""

import pytest

from jobcenter.forms import selectors as forms
from jobcenter.forms.definitions.common import BG_NUMMER_UNKNOWN
from jobcenter.intake.models import Draft
from tests.accounts.fixtures import login_as, make_citizen
from tests.intake.factories import make_draft
from tests.portal.wizard_helpers import PERSON, VAEM, submit

pytestmark = pytest.mark.django_db

WITHOUT_NUMBER = {**PERSON, "bg_nummer": "", "kundennummer": ""}


def test_the_change_notice_accepts_an_unknown_bg_nummer(client, jobcenter):
    assert forms.latest("aenderung").version == "2026-2"
    page = client.get(f"{VAEM}/person/").content.decode()
    assert "Ich kenne meine BG-Nummer nicht" in page
    assert "oben im Briefkopf" in page  # where the number is printed

    response = submit(client, f"{VAEM}/person/", WITHOUT_NUMBER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "kreuzen Sie an, dass Sie sie nicht kennen" in html  # neither: asked again

    response = submit(client, f"{VAEM}/person/", {**WITHOUT_NUMBER, "bg_nummer_unbekannt": "ja"})
    assert response["Location"] == f"{VAEM}/auswahl/"
    draft = Draft.objects.get()
    assert draft.form_version == "2026-2"
    assert draft.answers["bg_nummer_unbekannt"] == ["ja"] and draft.answers["bg_nummer"] is None


def test_a_draft_on_2026_1_keeps_its_version(client, jobcenter):
    citizen = make_citizen()
    make_draft(jobcenter, answers={}, user=citizen, form_key="aenderung", form_version="2026-1")
    login_as(client, citizen)
    page = client.get(f"{VAEM}/person/").content.decode()
    assert "Ich kenne meine BG-Nummer nicht" not in page


@pytest.mark.parametrize(
    "key",
    [
        "aenderung",
        "ortsabwesenheit",
        "arbeitsunfaehigkeit",
        "darlehen_schulden",
        "einmalige_bedarfe",
        "umzug_zusicherung",
    ],
)
def test_every_service_that_asked_the_bg_nummer_accepts_not_knowing_it(key):
    new, released = forms.latest(key), forms.get(f"{key}@2026-1")
    assert new.version == "2026-2"
    person = new.page("person")
    assert person.one_of == ("bg_nummer", BG_NUMMER_UNKNOWN)
    old_keys = [f.key for f in released.page("person").fields]
    new_keys = [f.key for f in person.fields]
    assert [k for k in new_keys if k != BG_NUMMER_UNKNOWN] == old_keys  # nothing else asked
    assert new.pages[1:] == released.pages[1:]
    form = forms.PageForm(
        person,
        {},
        {
            "vorname": "Kim",
            "nachname": "Musterfrau",
            "geburtsdatum-tag": "27",
            "geburtsdatum-monat": "3",
            "geburtsdatum-jahr": "1980",
            BG_NUMMER_UNKNOWN: "ja",
        },
    )
    assert form.is_valid(), form.errors
