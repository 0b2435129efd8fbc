"""A change of bank account or address needs level "substanziell" or a second factor: without
it the wizard keeps what was typed and asks for the step-up; afterwards the page comes back with
the input and is accepted. Found by field role; a first application is not gated."""

import pytest
from django.template.loader import render_to_string

from jobcenter.intake.models import Draft
from tests.accounts.fixtures import login_as, make_citizen
from tests.accounts.soft_authenticator import SoftPasskey
from tests.accounts.test_passkeys import register
from tests.portal.wizard_helpers import PERSON, VAEM, ago, date_parts, revision_of, submit

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = {
    "kontoinhaber": "Kim Musterfrau",
    "iban": "DE89 3704 0044 0532 0130 00",
    **date_parts("konto_ab", ago(0)),
}
STEP_UP = (
    "/konto/staerkere-anmeldung/?next=%2Fmusterkreis%2Fveraenderung%2Fkonto%2F&level=substantial"
)


def _to_account_page(client):
    submit(client, f"{VAEM}/person/", {**PERSON, "kundennummer": ""})
    response = submit(client, f"{VAEM}/auswahl/", {"aenderungen": ["konto"]})
    assert response["Location"] == f"{VAEM}/konto/"


def test_a_new_bank_account_is_refused_without_step_up_and_accepted_after_it(client, jobcenter):
    citizen = make_citizen()
    login_as(client, citizen)  # password only: level "normal", no second factor
    _to_account_page(client)
    response = submit(client, f"{VAEM}/konto/", NEW_ACCOUNT)
    assert response["Location"] == STEP_UP
    draft = Draft.objects.get(user=citizen)
    assert not draft.answers.get("iban")  # not taken …
    page = client.get(f"{VAEM}/konto/").content.decode()
    assert "DE89 3704 0044 0532 0130 00" in page  # … but nothing typed is lost
    step_up = client.get(STEP_UP).content.decode()
    assert "Einen Passkey einrichten" in step_up
    assert "trotzdem mit" not in step_up

    register(client, SoftPasskey())  # the step-up: this login is now confirmed with a passkey
    page = client.get(f"{VAEM}/konto/")
    assert "DE89 3704 0044 0532 0130 00" in page.content.decode()
    response = client.post(
        f"{VAEM}/konto/", {"revision": revision_of(page), "aktion": "weiter", **NEW_ACCOUNT}
    )
    assert response["Location"] == f"{VAEM}/pruefen/"
    draft.refresh_from_db()
    assert draft.answers["iban"] == "DE89370400440532013000"


def test_a_new_address_needs_the_step_up_too(client, jobcenter):
    login_as(client, make_citizen())
    submit(client, f"{VAEM}/person/", {**PERSON, "kundennummer": ""})
    submit(client, f"{VAEM}/auswahl/", {"aenderungen": ["umzug"]})
    submit(client, f"{VAEM}/umzug/", {"umgezogen": "ja"})
    page = client.get(f"{VAEM}/neue_anschrift/")
    assert page.status_code == 200
    fields = {
        "neue_strasse": "Neue Str. 1",
        "neue_plz": "00100",
        "neuer_ort": "Musterstadt",
        "zusicherung": "nein",
    }
    html = page.content.decode()
    data = {k: v for k, v in fields.items() if f'name="{k}"' in html}
    response = client.post(
        f"{VAEM}/neue_anschrift/", {"revision": revision_of(page), "aktion": "weiter", **data}
    )
    assert response["Location"].startswith("/konto/staerkere-anmeldung/")


def test_anonymous_citizens_are_asked_to_log_in(client, jobcenter):
    _to_account_page(client)
    response = submit(client, f"{VAEM}/konto/", NEW_ACCOUNT)
    assert response["Location"] == STEP_UP
    assert "Melden Sie sich zuerst an" in client.get(STEP_UP).content.decode()


def test_sending_a_draft_with_a_new_account_from_a_weak_login_asks_for_the_step_up(
    client, jobcenter
):
    citizen = make_citizen()
    login_as(client, citizen, second_factor=True)
    _to_account_page(client)
    assert submit(client, f"{VAEM}/konto/", NEW_ACCOUNT)["Location"] == f"{VAEM}/pruefen/"
    client.logout()
    login_as(client, citizen)  # a later login without the second factor
    page = client.get(f"{VAEM}/pruefen/")
    draft = Draft.objects.get(user=citizen)
    response = client.post(
        f"{VAEM}/absenden/", {"revision": revision_of(page), "entwurf": str(draft.public_id)}
    )
    assert response["Location"].startswith("/konto/staerkere-anmeldung/")


@pytest.mark.parametrize(
    ("identity", "expected"),
    [
        (
            {
                "login_method": "password",
                "assurance_level": "basic",
                "second_factor": True,
                "second_factor_kind": "passkey",
                "identity_verified": True,
            },
            "Vertrauensniveau „normal“, E-Mail-Adresse und Passwort, zweiter Faktor (Passkey)",
        ),
        (
            {
                "login_method": "oidc",
                "assurance_level": "substantial",
                "second_factor": False,
                "identity_verified": True,
            },
            "Vertrauensniveau „substanziell“, Servicekonto",
        ),
        ({"login_method": None, "identity_verified": False}, "ohne Anmeldung"),
    ],
)
def test_the_case_page_shows_the_login_of_the_submission(identity, expected):
    html = " ".join(
        render_to_string("backoffice/_login_level.html", {"identity": identity}).split()
    )
    assert expected in html
