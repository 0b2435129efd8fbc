"""The Erstantrag through Django's test client: "Antrag gesichert" first (a submission of its
own), the full form as a linked draft, Anlagen per person in the task list, the schema."""

import datetime as dt
import json
import re
import subprocess

import jsonschema
import pytest
from django.core.management import call_command
from django.utils import timezone

from jobcenter.forms import selectors as forms
from jobcenter.intake.models import Draft, Submission
from tests.intake.factories import drain
from tests.portal.wizard_helpers import date_parts, submit

pytestmark = pytest.mark.django_db

SECURE = "/musterkreis/antrag-sichern"
FULL = "/musterkreis/buergergeld"
SECURED = {
    "vorname": "Kim",
    "nachname": "Musterfrau",
    **date_parts("geburtsdatum", "1980-03-27"),
    "strasse": "Lindenweg 3",
    "plz": "00110",
    "ort": "Musterhausen",
    "telefon": "",
    "email": "",
    "beantragt": "buergergeld",
}


def secure(client, **changes):
    response = client.get(f"{FULL}/")
    assert response["Location"] == f"{SECURE}/"
    assert client.get(f"{SECURE}/")["Location"] == f"{SECURE}/antrag/"
    return submit(client, f"{SECURE}/antrag/", {**SECURED, **changes})


def years_ago(years: int, days: int = 0) -> dt.date:
    today = timezone.localdate()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        born = today.replace(year=today.year - years, day=28)
    return born - dt.timedelta(days=days)


def test_securing_the_date_alone_is_a_submission_and_survives_an_abandoned_form(client, jobcenter):
    assert "Bürgergeld beantragen" in client.get("/musterkreis/").content.decode()
    response = secure(client)
    assert "/eingang/" in response["Location"]
    (secured,) = Submission.objects.all()
    assert secured.form_key == "antrag_gesichert" and secured.received_at is not None
    assert secured.reference and secured.answers["plz"] == "00110"
    html = client.get(response["Location"]).content.decode()
    assert "Ihr Antragsdatum ist gesichert" in html
    first = timezone.localtime(secured.received_at).date().replace(day=1)
    assert first.strftime("%d.%m.%Y") in html and "Weiter zum vollständigen Antrag" in html

    # The full form continues as a draft linked to it, with the answers carried over.
    draft = Draft.objects.get(form_key="erstantrag")
    assert draft.secured_submission == secured
    assert draft.answers["vorname"] == "Kim"
    assert (
        draft.answers[forms.CONTEXT_KEY]["antragsdatum"]
        == timezone.localtime(secured.received_at).date().isoformat()
    )
    response = client.get(f"{FULL}/")
    assert response["Location"].startswith(f"{FULL}/person/")
    page = client.get(response["Location"]).content.decode()
    assert 'value="Kim"' in page and "Wer sind Sie?" in page

    # Abandoning the full form ("neu beginnen") leaves the secured application.
    client.post(f"{FULL}/verwerfen/")
    assert not Draft.objects.filter(form_key="erstantrag").exists()
    assert Submission.objects.filter(pk=secured.pk).exists()


def test_securing_needs_a_way_to_reach_and_the_request(client, jobcenter):
    response = secure(client, strasse="", telefon="", email="", beantragt="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "wie wir Sie erreichen" in html and "Ich beantrage Bürgergeld" in html
    assert not Submission.objects.exists()
    # A postcode and a phone number are enough.
    response = secure(client, strasse="", ort="", telefon="0301234567")
    assert "/eingang/" in response["Location"]


def single_adult(client) -> list[str]:
    """Situation 1: single adult, renting, no income, no assets. Returns the pages seen."""
    secure(client)
    steps = [
        (
            "person",
            {
                "vorname": "Kim",
                "nachname": "Musterfrau",
                **date_parts("geburtsdatum", "1980-03-27"),
                "geburtsname": "",
                "geburtsort": "Köln",
                "geschlecht": "weiblich",
                "deutsch": "ja",
                "rv_nummer": "",
            },
        ),
        ("ausweis", {}),
        (
            "adresse",
            {
                "strasse": "Lindenweg 3",
                "plz": "00110",
                "ort": "Musterhausen",
                "wohnhaft_bei": "",
                "telefon": "",
                "email": "",
            },
        ),
        ("familienstand_seite", {"familienstand": "ledig"}),
        ("konto", {"kontoinhaber": "Kim Musterfrau", "iban": "DE02120300000000202051"}),
        (
            "situation",
            {
                "erwerbsfaehig": "ja",
                "ausbildung": "nein",
                "einrichtung": "nein",
                "rente": "nein",
                "vertretung": "nein",
            },
        ),
        ("wohnen", {"wohnform": "miete", "mitbewohner": "nein"}),
        ("mehrbedarf", {"mehrbedarf": "keiner"}),
        (
            "kdu",
            {
                "wohnflaeche": "45",
                "zimmer": "2",
                "grundmiete": "400",
                "nebenkosten": "90",
                "heizkosten": "60",
                "heizung": "zentral",
            },
        ),
        ("ek-1", {"arten": "keins", "brutto": "", "arbeitgeber": ""}),
        (
            "vermoegen",
            {
                "karenzzeit_vorbei": "nein",
                "vermoegen_erheblich": "nein",
                "vermoegen_summe": "300",
                "fahrzeug": "nein",
            },
        ),
        (
            "krankenversicherung",
            {"kv_art": "gesetzlich", "krankenkasse": "AOK", "rv_befreit": "nein"},
        ),
        (
            "dritte",
            {
                "unterhalt": "keiner",
                "unterhalt_gruende": "nein",
                "unfall": "nein",
                "andere_leistungen": "keine",
            },
        ),
        ("erklaerung", {"erklaerung_wahr": "ja", "erklaerung_aenderungen": "ja"}),
    ]
    seen = []
    url = client.get(f"{FULL}/")["Location"].split("?")[0]
    for key, data in steps:
        assert url == f"{FULL}/{key}/", (url, key)
        seen.append(key)
        response = submit(client, url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        url = response["Location"]
    assert url == f"{FULL}/pruefen/"
    return seen


def test_single_adult_reaches_check_answers_with_the_right_documents(client, jobcenter):
    seen = single_adult(client)
    # Secure page + its receipt + the pages + check-answers: at most 20 screens.
    assert len(seen) + 3 <= 20
    html = client.get(f"{FULL}/pruefen/").content.decode()
    assert "Es fehlen noch Angaben" not in html
    for title in (
        "Personalausweis oder Reisepass",
        "Kontoauszüge der letzten 3 Monate",
        "Mietvertrag",
        "Neueste Neben- oder Heizkostenabrechnung",
        "Mitgliedsbescheinigung der Krankenkasse",
    ):
        assert title in html, title
    assert "Anlage VM" not in html and "Fahrzeugschein" not in html
    draft = Draft.objects.get(form_key="erstantrag")
    jsonschema.validate(draft.answers, forms.form_json_schema(forms.get(draft.form_ident)))
    assert draft.answers["ek-1"] == {
        "arten": ["keins"],
        "brutto": None,
        "arbeitgeber": None,
        "_fuer": "Kim|Musterfrau|1980-03-27",
    }

    # The task list: the main form, and each Anlage as a section of its own.
    overview = client.get(f"{FULL}/uebersicht/").content.decode()
    assert "Anlage KDU: Kosten der Unterkunft und Heizung" in overview
    assert "Anlage EK: Einkommen – Kim Musterfrau" in overview
    assert "Nicht begonnen" not in overview and "Bereit" in overview

    # Sending: one more submission, linked to the secured one; the stored answers fit.
    response = client.post(f"{FULL}/absenden/", {"entwurf": str(draft.public_id)})
    full = Submission.objects.get(form_key="erstantrag")
    assert full.secured_submission.form_key == "antrag_gesichert"
    jsonschema.validate(full.answers, forms.form_json_schema(forms.get(full.form_ident)))
    receipt = client.get(response["Location"]).content.decode()
    assert "Ihr Antrag gilt ab" in receipt and "Mietvertrag" in receipt


def test_sent_answers_validate_against_the_exported_schema_and_get_a_receipt_pdf(
    client, jobcenter, tmp_path, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    single_adult(client)
    draft = Draft.objects.get(form_key="erstantrag")
    client.post(f"{FULL}/absenden/", {"entwurf": str(draft.public_id)})
    call_command("export_form_schema", "erstantrag@2026-1", "-o", str(tmp_path / "s.json"))
    schema = json.loads((tmp_path / "s.json").read_text())
    full = Submission.objects.get(form_key="erstantrag")
    jsonschema.validate(full.answers, schema)
    assert full.answers["ek-1"]["arten"] == ["keins"]
    assert full.answers[forms.CONTEXT_KEY]["vertrauensniveau"] == ""

    drain()  # the receipt job renders both PDFs from the definitions
    for submission in Submission.objects.all():
        path = submission.receipt.file.path
        text = subprocess.run(
            ["pdftotext", path, "-"], capture_output=True, text=True, check=True
        ).stdout
        assert submission.reference in text
    text = subprocess.run(
        ["pdftotext", full.receipt.file.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Welches Einkommen haben Sie?" in " ".join(text.split())
    assert "Mietvertrag" in text


def test_anlagen_appear_in_the_task_list_with_their_status(client, jobcenter):
    secure(client)
    draft = Draft.objects.get(form_key="erstantrag")
    submit(client, f"{FULL}/wohnen/", {"wohnform": "miete", "mitbewohner": "ja"})
    submit(
        client,
        f"{FULL}/haushalt/",
        {
            "personen-count": "2",
            "personen-0-vorname": "Alex",
            "personen-0-nachname": "Muster",
            **date_parts("personen-0-geburtsdatum", years_ago(15)),
            "personen-0-beziehung": "kind",
            "personen-0-bg": "ja",
            "personen-1-vorname": "Bo",
            "personen-1-nachname": "Muster",
            **date_parts("personen-1-geburtsdatum", years_ago(15, days=-1)),
            "personen-1-beziehung": "kind",
            "personen-1-bg": "ja",
        },
    )
    html = client.get(f"{FULL}/uebersicht/").content.decode()
    # 15 today: WEP and EK; 15 tomorrow (still 14): KI.
    assert "Anlage WEP: weitere Person ab 15 Jahren – Alex Muster" in html
    assert "Anlage EK: Einkommen – Alex Muster" in html
    assert "Anlage KI: Kind unter 15 Jahren – Bo Muster" in html
    assert "Anlage EK: Einkommen – Bo Muster" not in html
    assert f'href="{FULL}/ki-3/"' in html
    # The steps are listed in the order they are walked, Anlagen between parts of the form.
    numbers = [int(n) for n in re.findall(r'id="task-(\d+)-status"', html)]
    assert numbers == sorted(numbers) and len(numbers) > 5, numbers
    # Started but not finished: "In Bearbeitung"; untouched: "Nicht begonnen".
    submit(client, f"{FULL}/ki-3/", {"kindergeld": "antragsteller"}, action="zurueck")
    html = client.get(f"{FULL}/uebersicht/").content.decode()
    assert "In Bearbeitung" in html and "Nicht begonnen" in html
    assert client.get(f"{FULL}/ki-3/").status_code == 200
    assert client.get(f"{FULL}/ki-2/").status_code == 404  # no Anlage KI for Alex
    assert client.get(f"{FULL}/ki-9/").status_code == 404
    draft.refresh_from_db()
    jsonschema.validate(draft.answers, forms.form_json_schema(forms.get(draft.form_ident)))


def test_the_one_page_form_shows_no_step_count(client, jobcenter):
    """Issue 18 (copy): "Schritt 1 von 2" on a one-page form. Securing the date is one page
    that sends itself: no progress bar; a form of several pages keeps it."""
    html = client.get(f"{SECURE}/", follow=True).content.decode()
    assert "Möchten Sie Bürgergeld beantragen?" in html
    assert "Schritt " not in html and "<progress" not in html
    several = client.get("/musterkreis/weiterbewilligung/", follow=True).content.decode()
    assert re.search(r"Schritt 1 von [2-9]", several)
