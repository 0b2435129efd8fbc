"""Long pages on a 375 px phone: the household page with three people, the check page of a
family's Erstantrag and its upload page. Each is measured (scrollHeight), checked with axe in
every state (sections closed and opened), and nothing is wider than the screen.
TEST_ARTIFACTS=<folder> keeps full-page screenshots to look at."""

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.documents import corpus
from tests.e2e.test_erstantrag import add_person, end, kdu, money_and_more, person, secure_date

pytestmark = pytest.mark.django_db(transaction=True)
SMALL_PHONE = {"width": 375, "height": 812}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


# Heights before the long pages collapsed: 4,696 / 4,871 / 3,837 px (375 px wide).
BUDGET = {"haushalt": 3200, "pruefen": 3600, "hochladen": 3000}


def measured(page, name: str) -> int:
    height = page.evaluate("document.documentElement.scrollHeight")
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    print(f"\n{name}: {height} px")  # the figures, with -s
    if os.environ.get("TEST_ARTIFACTS"):
        folder = Path(os.environ["TEST_ARTIFACTS"]) / "phone-long-pages"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{name}.png", full_page=True)
    assert height <= BUDGET[name], (name, height)
    return height


def years_ago(years: int) -> dt.date:
    today = dt.date.today()
    return today.replace(year=today.year - years, day=min(today.day, 28))


@pytest.mark.parametrize("viewport", [SMALL_PHONE], indirect=True, ids=["375px"])
def test_a_familys_long_pages_on_a_phone(page, live_server, jobcenter, axe):
    a = secure_date(page, live_server, axe)
    person(a)
    money_and_more(a, familienstand="verheiratet")
    a.step("Wie wohnen Sie?", choices={"wohnform": "miete", "mitbewohner": "ja"})
    a.arrived("Wer wohnt mit Ihnen zusammen?")
    add_person(a, 0, "Sam", dt.date(1982, 5, 1), "partner_ehe")
    add_person(a, 1, "Alex", years_ago(8), "kind")
    add_person(a, 2, "Jo", years_ago(16), "kind")
    axe(page)
    measured(page, "haushalt")
    # The people entered are one line each; one click shows (and lets change) their answers.
    done = page.locator("details#eintrag-0")
    expect(done.locator("summary")).to_contain_text("Sam Musterfrau, 01.05.1982")
    expect(page.locator("#f-personen-0-vorname")).to_be_hidden()
    done.locator("summary").click()
    expect(page.locator("#f-personen-0-vorname")).to_have_value("Sam")
    axe(page)  # opened
    a.next()
    a.step(
        "Was müssen wir über Sam Musterfrau wissen?",
        choices={
            "deutsch": "ja",
            "familienstand": "verheiratet",
            "erwerbsfaehig": "ja",
            "ausbildung": "nein",
            "kv_art": "gesetzlich",
        },
    )
    a.step(
        "Was müssen wir über Jo Musterfrau wissen?",
        choices={
            "deutsch": "ja",
            "familienstand": "ledig",
            "erwerbsfaehig": "ja",
            "ausbildung": "schule",
            "kv_art": "familie",
        },
    )
    a.step(
        "Was müssen wir über Alex Musterfrau wissen?",
        choices={"kindergeld": "antragsteller", "unterhalt": "nein", "betreuung": "schule"},
    )
    a.step(
        "Haben Sie oder jemand in Ihrer Bedarfsgemeinschaft einen besonderen Bedarf?",
        choices={"mehrbedarf": "keiner"},
    )
    kdu(a)
    a.step("Welches Einkommen haben Sie?", choices={"arten": "kindergeld"}, texts={"brutto": "510"})
    a.step(
        "Welches Einkommen hat Sam Musterfrau?",
        choices={"arten": "erwerbstaetigkeit"},
        texts={"brutto": "2400", "arbeitgeber": "Bäckerei Korn"},
    )
    a.step("Welches Einkommen hat Jo Musterfrau?", choices={"arten": "keins"})
    end(a)
    measured(page, "pruefen")
    expect(page.locator("#nachweise-stand")).to_have_text("Hochgeladen: 0 von 12.")
    page.locator("#wep-2 summary").click()
    expect(page.locator("#wep-2")).to_contain_text("verheiratet")
    page.locator("#nachweise-liste summary").click()
    expect(page.locator("#checkliste")).to_contain_text("Arbeitsvertrag – Sam Musterfrau")
    axe(page)  # a section and the list opened

    page.get_by_role("link", name="Nachweise jetzt hochladen (auch als Foto)").click()
    a.arrived("Unterlagen hochladen")
    for title in ("Mietvertrag oder Schreiben über die Mietänderung", "Arbeitsvertrag"):
        page.get_by_label("Welcher Nachweis ist das?").select_option(label=title)
        person_select = page.get_by_label("Zu welcher Person gehört der Nachweis?")
        person_select.select_option(index=1)
        page.locator("#datei-waehlen").set_input_files(
            files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": corpus.photo()}]
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Hochladen").click()
        expect(page.locator("#upload-done")).to_be_visible()
    axe(page)
    measured(page, "hochladen")
    expect(page.locator("#nachweise-stand")).to_have_text("Hochgeladen: 2 von 12.")
    page.locator("#nachweise-liste summary").click()
    expect(page.locator('#checkliste [data-document="arbeitsvertrag"]')).to_be_visible()
    axe(page)
