"""The citizen journeys in every language: the switcher on the start page, a WBA with nothing
changed and a Veränderungsmitteilung up to the receipt, axe on every page (right to left for
Arabic) and no German source text left on any page.

One language-neutral journey for all: fields by their ids, options by their stored values,
buttons and links by the translation of their German msgid from the same catalogue the server
uses. A language whose catalogue is not translated yet fails at the first German text.
``I18N_LAYOUT_ONLY=1`` checks only direction and axe (to look at the right-to-left layout
before the translations are there); ``TEST_ARTIFACTS`` keeps a screenshot of every page.
"""

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import trans_real
from playwright.sync_api import Page, expect

from jobcenter.intake.models import Submission
from tests.e2e.conftest import PHONE
from tests.e2e.logins import citizen_session

LANGUAGES = ["en", "uk", "ar", "tr", "ru"]
NAMES = {"en": "English", "uk": "Українська", "ar": "العربية", "tr": "Türkçe", "ru": "Русский"}
# German source strings shorter than this, or of one word, are too often the same in other
# languages or names (e.g. "Status", "IBAN", "Jobcenter") to tell a missing translation.
MIN_LENGTH = 12


def t(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


@lru_cache
def german_leftovers(language: str) -> tuple[str, ...]:
    """The msgids that the catalogue translates differently, i.e. that must not show up as they
    are; minus those inside a translation (legal terms kept in brackets, e.g. "Bürgergeld")."""
    catalog = trans_real.translation(language)._catalog
    pairs = [
        (msgid, str(msgstr))
        for msgid, msgstr in catalog.items()
        if isinstance(msgid, str) and msgid and msgstr and msgstr != msgid
    ]
    translations = "\n".join(msgstr for _m, msgstr in pairs)
    return tuple(
        msgid
        for msgid, _msgstr in pairs
        if len(msgid) >= MIN_LENGTH
        and " " in msgid
        and "%" not in msgid
        and "{" not in msgid
        and msgid not in translations
    )


class Journey:
    def __init__(self, page: Page, axe, language: str):
        self.page, self.axe, self.language = page, axe, language
        self.shots = 0

    def t(self, msgid: str) -> str:
        return t(self.language, msgid)

    def check_page(self) -> None:
        direction = "rtl" if self.language == "ar" else "ltr"
        expect(self.page.locator("html")).to_have_attribute("lang", self.language)
        expect(self.page.locator("html")).to_have_attribute("dir", direction)
        if os.environ.get("TEST_ARTIFACTS"):  # to look at the layout (RTL) page by page
            folder = Path(os.environ["TEST_ARTIFACTS"]) / f"languages-{self.language}"
            folder.mkdir(parents=True, exist_ok=True)
            width = self.page.viewport_size["width"]
            self.shots += 1
            self.page.screenshot(path=folder / f"{width}-{self.shots:02d}.png", full_page=True)
        self.axe(self.page)
        if os.environ.get("I18N_LAYOUT_ONLY"):
            return  # before the translations merge: direction and axe only
        assert german_leftovers(self.language), f"{self.language}: catalogue not compiled/empty"
        text = self.page.locator("body").inner_text()
        left = [msgid for msgid in german_leftovers(self.language) if msgid in text]
        assert not left, f"German on {self.page.url} ({self.language}): {left}"

    def date(self, name: str, date: dt.date) -> None:
        self.page.locator(f"#f-{name}-tag").fill(str(date.day))
        self.page.locator(f"#f-{name}-monat").fill(str(date.month))
        self.page.locator(f"#f-{name}-jahr").fill(str(date.year))

    def choose(self, name: str, value: str) -> None:
        self.page.locator(f'input[name="{name}"][value="{value}"]').check()

    def next(self) -> None:
        self.page.get_by_role("button", name=self.t("Weiter"), exact=True).click()
        self.check_page()

    def start(self, live_server, service: str) -> None:
        self.page.goto(f"{live_server.url}/musterkreis/")
        # The switcher: a plain form button named in its own language (on a phone behind the
        # button that names the current language, tests/e2e/test_language_switcher.py).
        toggle = self.page.locator(".site-language summary")
        if toggle.is_visible():
            toggle.click()
        self.page.get_by_role("button", name=NAMES[self.language], exact=True).click()
        self.check_page()
        self.page.get_by_role("link", name=self.t(service)).click()
        self.check_page()

    def person(self) -> None:
        self.page.locator("#f-vorname").fill("Kim")
        self.page.locator("#f-nachname").fill("Musterfrau")
        self.date("geburtsdatum", dt.date(1980, 3, 27))
        if self.page.locator("#f-strasse").count():  # the WBA asks where the applicant lives
            self.page.locator("#f-strasse").fill("Musterweg 1")
            self.page.locator("#f-plz").fill("00155")
            self.page.locator("#f-ort").fill("Musterstadt")
        self.page.locator("#f-bg_nummer").fill("12345BG0012345")
        self.page.locator("#f-email").fill("kim@example.invalid")
        self.next()

    def send(self) -> Submission:
        self.page.get_by_role("button", name=self.t("Antrag absenden"), exact=True).click()
        self.check_page()
        submission = Submission.objects.latest("received_at")
        expect(self.page.locator("#eingangsnummer")).to_have_text(submission.reference)
        return submission


@pytest.mark.parametrize("language", LANGUAGES)
def test_wba_nothing_changed_in_the_language(page, live_server, jobcenter, axe, language):
    j = Journey(page, axe, language)
    j.start(live_server, "Weiterbewilligungsantrag stellen")
    j.person()
    j.choose("haushalt_geaendert", "nein")
    j.choose("wohnkosten_geaendert", "nein")
    j.next()
    for name in ("einkommen_geaendert", "vermoegen_geaendert", "leistungen_geaendert"):
        j.choose(name, "nein")
    j.next()
    for name in ("kv_geaendert", "konto_geaendert", "sonstiges_geaendert"):
        j.choose(name, "nein")
    j.next()
    submission = j.send()
    assert submission.language == language
    assert submission.answers["haushalt_geaendert"] is False  # stored as data, not words


@pytest.mark.parametrize("viewport", [PHONE], indirect=True, ids=["phone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_change_notice_in_the_language(page, live_server, jobcenter, axe, language):
    # A new bank account needs a second factor (tests/e2e/test_passkeys.py: the step-up).
    citizen_session(page, live_server, second_factor=True)
    j = Journey(page, axe, language)
    j.start(live_server, "Änderung mitteilen")
    j.person()
    j.page.locator('input[name="aenderungen"][value="konto"]').check()
    j.next()
    j.page.locator("#f-kontoinhaber").fill("Kim Musterfrau")
    j.page.locator("#f-iban").fill("DE89 3704 0044 0532 0130 00")
    j.date("konto_ab", timezone.localdate())
    j.next()
    # The IBAN stays left to right inside right-to-left text.
    iban = page.get_by_text("DE89 3704 0044 0532 0130 00", exact=True)
    expect(iban).to_be_visible()
    submission = j.send()
    assert submission.language == language
    assert submission.answers["aenderungen"] == ["konto"]
