"""BundID over SAML 2.0 in a real browser: the service (localhost) sends a signed AuthnRequest to
the demo BundID (127.0.0.1, another site: no shared cookies), which answers with a signed,
encrypted assertion posted back cross-site. At each level the ID-card step of the Erstantrag is
shown (normal) or skipped (substanziell, hoch). A replayed answer gets the refusal page."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.test_erstantrag import Antrag

pytestmark = pytest.mark.django_db(transaction=True)

ID_STEP = "Können Sie uns Ihren Ausweis zeigen?"


@pytest.fixture
def bundid(live_server, settings):
    port = urlparse(live_server.url).port
    settings.SAML_ENABLED = True
    settings.SAML_DEMO_IDP_BASE_URL = f"http://127.0.0.1:{port}"
    settings.SAML_ONLINE_SERVICE_ID = "JC-ONLINE-E2E"
    return settings


def _saml_login(page, live_server, axe, label, *, check=True):
    page.goto(f"{live_server.url}/konto/anmelden/")
    if check:
        axe(page)
    page.get_by_role("link", name="Weiter zu BundID").click()
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/demo-idp/saml/sso/\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Demo-BundID")
    if check:
        axe(page)
    page.get_by_label(label).check()
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("button", name="Weiter zum Dienst")).to_be_visible()
    if check:
        axe(page)
    page.get_by_role("button", name="Weiter zum Dienst").click()
    expect(page).to_have_url(re.compile(r"^http://localhost:\d+/konto/$"))


@pytest.mark.parametrize(
    ("label", "level", "id_step"),
    [
        ("Lea Probe – Benutzername und Passwort (normal)", "normal", True),
        ("Nora Normal – Benutzername und Passwort, Adresse bestätigt (normal)", "normal", True),
        ("Max Beispiel – ELSTER-Zertifikat (substanziell)", "substanziell", False),
        ("Erika Mustermann – Online-Ausweis (hoch)", "hoch", False),
    ],
)
def test_bundid_login_at_each_level(
    page, live_server, jobcenter, axe, bundid, label, level, id_step
):
    _saml_login(page, live_server, axe, label, check=level == "hoch")
    expect(page.get_by_test_id("assurance-level")).to_have_text(level)
    expect(page.get_by_text("BundID").first).to_be_visible()

    page.goto(f"{live_server.url}/musterkreis/buergergeld/")
    a = Antrag(page, axe)
    a.arrived("Möchten Sie Bürgergeld beantragen?")
    if not page.locator("#f-plz").input_value():
        a.text("strasse", "Lindenweg 3")
        a.text("plz", "00110")
        a.text("ort", "Musterhausen")
    a.choose("beantragt", "buergergeld")
    page.get_by_role("button", name="Antrag absenden und Datum sichern").click()
    a.arrived("Ihr Antragsdatum ist gesichert")
    page.get_by_role("link", name="Weiter zum vollständigen Antrag").click()
    a.arrived("Wer sind Sie?")
    a.text("geburtsort", "Bonn")
    a.choose("geschlecht", "weiblich")
    a.choose("deutsch", "ja")
    a.next()
    if id_step:
        a.arrived(ID_STEP)
    else:
        a.arrived("Wo wohnen Sie und wie erreichen wir Sie?")


def test_replayed_answer_is_refused_with_a_clear_page(page, live_server, jobcenter, axe, bundid):
    page.goto(f"{live_server.url}/konto/bundid/anmelden/?next=/konto/")
    page.get_by_label("Erika Mustermann – Online-Ausweis (hoch)").check()
    page.get_by_role("button", name="Anmelden", exact=True).click()
    form = page.locator("form[action*='/konto/bundid/antwort/']")
    saml_response = form.locator("input[name='SAMLResponse']").input_value()
    page.get_by_role("button", name="Weiter zum Dienst").click()
    expect(page).to_have_url(re.compile(r"/konto/$"))
    page.get_by_role("button", name="Abmelden").click()

    # The same answer once more (as an attacker who copied it would send it).
    page.goto(f"{live_server.url}/konto/anmelden/")
    page.evaluate(
        """([action, value]) => {
            const form = document.createElement('form');
            form.method = 'post'; form.action = action;
            const input = document.createElement('input');
            input.type = 'hidden'; input.name = 'SAMLResponse'; input.value = value;
            form.appendChild(input); document.body.appendChild(form); form.submit();
        }""",
        [f"{live_server.url}/konto/bundid/antwort/", saml_response],
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung mit BundID nicht möglich")
    expect(page.get_by_test_id("saml-refused")).to_contain_text("schon verwendet")
    axe(page)
    page.get_by_role("link", name="Mit E-Mail-Adresse und Passwort anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")


def test_demo_bundid_refuses_an_unsigned_request(page, live_server, jobcenter, axe, bundid):
    page.goto(f"{live_server.url}/demo-idp/saml/sso/?SAMLRequest=kaputt")
    expect(page.get_by_role("alert")).to_contain_text("nicht gültig signiert")
    axe(page)
