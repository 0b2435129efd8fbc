"""Browser journeys for citizen accounts: register → verify → log in → log out → log in, and the
login with a state account (OIDC, the demo identity provider in the same test server) at level
"substantial". Every account page is checked with axe."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.accounts.fixtures import PASSWORD
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db(transaction=True)


def _mail_link(index=-1) -> str:
    drain()  # e-mails go out through the worker's queue
    return re.search(r"https?://\S+", mail.outbox[index].body).group(0)


def test_register_verify_login_logout_login(page, live_server, jobcenter, axe, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page.goto(f"{live_server.url}/musterkreis/")
    page.get_by_role("link", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    axe(page)
    page.get_by_role("link", name="Noch kein Konto? Jetzt anlegen").click()
    axe(page)
    page.get_by_role("button", name="Konto anlegen").click()  # empty: errors
    expect(page.get_by_role("alert")).to_contain_text("E-Mail-Adresse ein")
    axe(page)
    page.get_by_label("E-Mail-Adresse").fill("kim@example.invalid")
    page.get_by_label("Passwort wählen").fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    )
    axe(page)

    page.goto(_mail_link())
    expect(page.get_by_role("heading", level=1)).to_have_text("E-Mail-Adresse bestätigt")
    axe(page)
    page.get_by_role("link", name="Anmelden").last.click()
    _login(page, "kim@example.invalid")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")
    expect(page.get_by_text("Ohne Aktivität werden Sie um")).to_be_visible()
    axe(page)

    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_text("Sie sind abgemeldet.")).to_be_visible()
    page.goto(f"{live_server.url}/konto/")
    expect(page).to_have_url(re.compile(r"/konto/anmelden/\?next="))
    _login(page, "kim@example.invalid")
    expect(page).to_have_url(re.compile(r"/konto/$"))


def _login(page, email, password=PASSWORD):
    page.get_by_role("textbox", name="E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden", exact=True).last.click()


def test_password_reset_pages_are_accessible(page, live_server, jobcenter, axe):
    for path in (
        "/konto/passwort-vergessen/",
        "/konto/registrieren/neuer-link/",
        "/backoffice/anmelden/",
        "/konto/bestaetigen/kaputt/",
    ):
        page.goto(live_server.url + path)
        axe(page)


@pytest.fixture
def state_account(live_server, settings):
    """The demo IdP (django-oauth-toolkit) at 127.0.0.1, the service at localhost: two origins,
    two cookie jars, like BundID and the service in real life."""
    from oauth2_provider.models import get_application_model

    port = urlparse(live_server.url).port
    secret = "demo-client-secret-for-tests"
    get_application_model().objects.create(
        name="Jobcenter Online (Test)",
        client_id="jobcenter-online-test",
        client_secret=secret,
        client_type="confidential",
        authorization_grant_type="authorization-code",
        redirect_uris=f"http://localhost:{port}/konto/servicekonto/zurueck/",
        algorithm="RS256",
        skip_authorization=True,
    )
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = f"http://127.0.0.1:{port}/demo-idp/o"
    settings.OIDC_RP_CLIENT_ID = "jobcenter-online-test"
    settings.OIDC_RP_CLIENT_SECRET = secret
    return settings.OIDC_ISSUER


def test_login_with_state_account_at_level_substantial(
    page, live_server, jobcenter, axe, state_account
):
    page.goto(f"{live_server.url}/konto/anmelden/")
    axe(page)
    page.get_by_role("link", name="Weiter zu BundID").click()
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/demo-idp/anmelden/"))
    page.get_by_label("Max Beispiel – ELSTER-Zertifikat (substanziell)").check()
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page).to_have_url(re.compile(r"^http://localhost:\d+/konto/$"))
    expect(page.get_by_test_id("assurance-level")).to_have_text("substanziell")
    expect(page.get_by_text("Max Beispiel")).to_be_visible()
    axe(page)


def test_failed_state_account_login_explains_what_to_do(
    page, live_server, jobcenter, state_account
):
    page.goto(f"{live_server.url}/konto/servicekonto/zurueck/?code=x&state=unbekannt")
    expect(page.get_by_role("alert").first).to_contain_text("hat nicht geklappt")
