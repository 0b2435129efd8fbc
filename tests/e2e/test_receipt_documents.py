"""On a phone, anonymous: a WBA with new housing costs, the lease photographed from the check
page ("Nachweise jetzt hochladen"), sent — the receipt lists the lease as received and the
utility statement as still missing. axe on every screen."""

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.documents import corpus
from tests.e2e.conftest import PHONE
from tests.e2e.test_wizard_journeys import start


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=["phone"])
def test_a_lease_uploaded_from_the_check_page_is_on_the_receipt(page, live_server, jobcenter, axe):
    j = start(page, live_server, "Weiterbewilligungsantrag stellen", "Angaben zu Ihrer Person", axe)
    j.person()
    j.arrived("Haushalt und Wohnung")
    j.answer("Ist jemand in Ihre Wohnung eingezogen oder ausgezogen?", "Nein")
    j.answer("Haben sich Ihre Wohnkosten geändert?", "Ja")
    j.next()
    j.arrived("Einkommen, Vermögen und andere Leistungen")
    for q in (
        "Hat sich Einkommen geändert oder ist neues hinzugekommen?",
        "Hat sich Ihr Vermögen geändert?",
        "Haben Sie andere Leistungen beantragt oder bekommen?",
    ):
        j.answer(q, "Nein")
    j.next()
    j.arrived("Krankenversicherung, Konto und Sonstiges")
    for q in (
        "Hat sich Ihre Krankenversicherung geändert?",
        "Hat sich Ihre Bankverbindung geändert?",
        "Hat sich sonst etwas geändert, das Sie uns noch nicht mitgeteilt haben?",
    ):
        j.answer(q, "Nein")
    j.next()
    j.arrived("Ihre Wohnkosten")
    page.locator("#f-grundmiete").fill("450")
    page.locator("#f-nebenkosten").fill("90")
    page.locator("#f-heizkosten").fill("0")
    j.date("wohnkosten_ab", dt.date.today().replace(day=1))
    j.next()
    j.arrived("Prüfen Sie Ihre Angaben")

    page.get_by_role("link", name="Nachweise jetzt hochladen (auch als Foto)").click()
    j.arrived("Unterlagen hochladen")
    page.get_by_label("Welcher Nachweis ist das?").select_option(
        label="Mietvertrag oder Schreiben über die Mietänderung"
    )
    page.locator("#datei-waehlen").set_input_files(
        files=[{"name": "mietvertrag.jpg", "mimeType": "image/jpeg", "buffer": corpus.photo()}]
    )
    page.get_by_role("button", name="Hochladen").click()
    expect(page.locator("#upload-done")).to_be_visible()
    axe(page)
    # "Bisher hochgeladen" reflows on a phone: nothing wider than the screen.
    table = page.locator("#hochgeladen")
    expect(table).to_be_visible()
    assert table.bounding_box()["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if os.environ.get("TEST_ARTIFACTS"):
        page.screenshot(
            path=Path(os.environ["TEST_ARTIFACTS"]) / "upload-phone.png", full_page=True
        )
    page.get_by_role("link", name="Zurück zur Übersicht Ihrer Angaben").first.click()
    j.arrived("Prüfen Sie Ihre Angaben")

    page.get_by_role("button", name="Antrag absenden").click()
    j.arrived("Ihr Antrag ist eingegangen")
    received = page.locator("#nachweise-erhalten")
    expect(received).to_contain_text("Mietvertrag oder Schreiben über die Mietänderung")
    expect(received).to_contain_text("eingegangen am")
    missing = page.locator("#nachweise-fehlen")
    expect(missing).to_contain_text("Neben- oder Heizkostenabrechnung")
    expect(missing).not_to_contain_text("Mietvertrag")
