""" "Link zum Weitermachen per E-Mail schicken": save and return without an account."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from jobcenter.intake import services as intake
from jobcenter.intake.models import Draft
from jobcenter.intake.services import DRAFT_OWNER_SESSION_KEY
from tests.intake.factories import make_draft
from tests.portal.test_wizard import fill_nothing_changed, only_draft
from tests.portal.wizard_helpers import BASE, PERSON, VAEM, submit

pytestmark = pytest.mark.django_db

LINK = f"{BASE}/link/"
LINK_TEXT = "Link zum Weitermachen per E-Mail schicken"


def _mailed_link() -> str:
    (message,) = mail.outbox
    return re.search(r"https?://\S+", message.body).group(0)


def _request_link(client, email="kim@example.invalid", *, came_from="haushalt_wohnung"):
    return client.post(f"{LINK}?seite={came_from}", {"email": email})


def test_pages_and_check_page_offer_the_link_once_a_draft_exists(client, jobcenter):
    assert LINK_TEXT not in client.get(f"{BASE}/person/").content.decode()  # nothing saved yet
    submit(client, f"{BASE}/person/", PERSON)
    html = client.get(f"{BASE}/haushalt_wohnung/").content.decode()
    assert f'href="{LINK}?seite=haushalt_wohnung"' in html and LINK_TEXT in html
    fill_nothing_changed(client)
    html = client.get(f"{BASE}/pruefen/").content.decode()
    assert f'href="{LINK}?seite=pruefen"' in html


def test_link_page_without_a_draft_goes_to_the_form(client, jobcenter):
    assert client.get(LINK)["Location"] == f"{BASE}/"


def test_mailed_link_reopens_the_draft_in_another_browser(client, jobcenter, settings):
    submit(client, f"{BASE}/person/", PERSON)
    draft = only_draft()
    page = client.get(f"{LINK}?seite=haushalt_wohnung")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert f'href="{BASE}/haushalt_wohnung/"' in page.content.decode()  # back where they came

    response = _request_link(client)
    assert response["Location"] == f"{BASE}/link/gesendet/?seite=haushalt_wohnung"
    sent = client.get(response["Location"]).content.decode()
    assert "Wir haben Ihnen den Link geschickt" in sent and "kim@example.invalid" in sent
    expires = timezone.localtime(draft.expires_at).strftime("%d.%m.%Y")
    assert expires in sent
    # The address is shown once and not kept in the session.
    assert "kim@example.invalid" not in client.get(response["Location"]).content.decode()

    (message,) = mail.outbox
    assert message.to == ["kim@example.invalid"]
    assert "Weiterbewilligung" in message.subject or "Weiterbewilligung" in message.body
    assert jobcenter.name in message.body and expires in message.body
    for personal in ("Kim", "Musterfrau", "1980", "12345BG0012345"):
        assert personal not in message.subject + message.body
    link = _mailed_link()
    assert link.startswith(f"http://testserver{BASE}/weitermachen/")
    assert str(draft.public_id) not in link  # a signed token, not the id in clear

    other = Client()
    response = other.get(link)
    assert response["Location"] == f"{BASE}/haushalt_wohnung/?fortsetzen=1"
    assert other.session[DRAFT_OWNER_SESSION_KEY] == draft.session_key
    html = other.get(response["Location"]).content.decode()
    assert "Willkommen zurück" in html
    html = other.get(f"{BASE}/person/").content.decode()
    assert 'value="Kim"' in html and 'value="Musterfrau"' in html
    # The second browser carries on with the same draft.
    submit(
        other,
        f"{BASE}/haushalt_wohnung/",
        {"haushalt_geaendert": "nein", "wohnkosten_geaendert": "nein"},
    )
    assert Draft.objects.get().page_revisions.keys() >= {"person", "haushalt_wohnung"}


def test_complete_draft_reopens_on_the_check_page(client, jobcenter):
    fill_nothing_changed(client)
    _request_link(client, came_from="pruefen")
    other = Client()
    response = other.get(_mailed_link())
    assert response["Location"] == f"{BASE}/pruefen/?fortsetzen=1"
    html = other.get(response["Location"]).content.decode()
    assert "Kim" in html and "27.03.1980" in html and "Willkommen zurück" in html


def test_account_draft_without_session_key_gets_one(client, jobcenter):
    from tests.accounts.fixtures import make_citizen

    draft = make_draft(jobcenter, user=make_citizen())
    assert draft.session_key is None
    response = client.get(f"{BASE}/weitermachen/{intake.draft_resume_token(draft)}/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.session_key and client.session[DRAFT_OWNER_SESSION_KEY] == draft.session_key


def _gone(response, status):
    assert response.status_code == status
    html = response.content.decode()
    assert "<html" in html and "neu beginnen" in html  # the normal design, a way to go on
    return html


@pytest.mark.parametrize(
    "token",
    [
        "kaputt",
        "",
        "x" * 300,
    ],
)
def test_wrong_token_answers_the_404_page(client, jobcenter, token):
    if not token:
        assert client.get(f"{BASE}/weitermachen//").status_code == 404
        return
    _gone(client.get(f"{BASE}/weitermachen/{token}/"), 404)


def test_tampered_or_foreign_tokens_answer_404(client, jobcenter):
    draft = make_draft(jobcenter)
    token = intake.draft_resume_token(draft)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    html = _gone(client.get(f"{BASE}/weitermachen/{tampered}/"), 404)
    assert "nicht mehr da" in html
    # A token of another form (or another Jobcenter) is not valid here.
    _gone(client.get(f"{VAEM}/weitermachen/{token}/"), 404)
    # A signature made for something else (e.g. another salt) is no resume token.
    from django.core import signing

    forged = signing.dumps(str(draft.public_id), salt="something-else")
    _gone(client.get(f"{BASE}/weitermachen/{forged}/"), 404)
    assert DRAFT_OWNER_SESSION_KEY not in client.session


def test_expired_draft_shows_the_gone_page(client, jobcenter, settings):
    draft = make_draft(jobcenter)
    token = intake.draft_resume_token(draft)
    Draft.objects.filter(pk=draft.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    html = _gone(client.get(f"{BASE}/weitermachen/{token}/"), 410)
    assert "Ihre gespeicherten Angaben sind nicht mehr da" in html
    assert f"{settings.DRAFT_EXPIRY_DAYS} Tage" in html
    assert DRAFT_OWNER_SESSION_KEY not in client.session


def test_deleted_draft_shows_the_gone_page(client, jobcenter):
    draft = make_draft(jobcenter)
    token = intake.draft_resume_token(draft)
    intake.draft_discard(draft=draft)
    assert "nicht mehr da" in _gone(client.get(f"{BASE}/weitermachen/{token}/"), 410)


def test_submitted_draft_does_not_reopen(client, jobcenter):
    draft = make_draft(jobcenter)
    token = intake.draft_resume_token(draft)
    intake.submission_create(draft=draft, language="de")
    html = _gone(client.get(f"{BASE}/weitermachen/{token}/"), 410)
    assert "schon abgesendet" in html
    assert DRAFT_OWNER_SESSION_KEY not in client.session


def test_invalid_email_shows_summary_field_message_and_keeps_input(client, jobcenter):
    submit(client, f"{BASE}/person/", PERSON)
    response = _request_link(client, "kim@")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#id_email"' in html
    assert html.count("im Format name@beispiel.de") == 2  # summary and next to the field
    assert 'value="kim@"' in html and 'aria-invalid="true"' in html
    assert "<title>Fehler:" in html
    assert not mail.outbox
    response = _request_link(client, "")
    assert "Bitte geben Sie Ihre E-Mail-Adresse ein." in response.content.decode()


def test_email_is_prefilled_from_the_answers(client, jobcenter):
    submit(client, f"{BASE}/person/", {**PERSON, "email": "kim@example.invalid"})
    html = client.get(LINK).content.decode()
    assert 'value="kim@example.invalid"' in html


def test_mail_failure_is_explained_not_a_500(client, jobcenter, monkeypatch):
    import smtplib

    from django.core.mail import EmailMessage

    def fail(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(EmailMessage, "send", fail)
    submit(client, f"{BASE}/person/", PERSON)
    response = _request_link(client)
    assert response.status_code == 200
    assert "konnte gerade nicht verschickt werden" in response.content.decode()
