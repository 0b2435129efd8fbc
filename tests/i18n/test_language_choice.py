"""The language is chosen once and kept: the browser's language on a first visit, the switcher
(no JavaScript), the session, the citizen's account; e-mails follow the recipient's language."""

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from jobcenter.accounts import services as accounts
from jobcenter.casework.jobs import mailbox_notice_email
from jobcenter.casework.models import Case
from jobcenter.core.models import OutgoingEmail
from jobcenter.receipts.mail import GERMAN_DIVIDER, confirmation_email
from tests.accounts.fixtures import login_as, make_citizen
from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import make_submission

pytestmark = pytest.mark.django_db
NAMES = ["Deutsch", "English", "Українська", "العربية", "Türkçe", "Русский"]


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("accept", "lang", "direction"),
    [("uk-UA,uk;q=0.9", "uk", "ltr"), ("ar-SY", "ar", "rtl"), ("fr-FR", "de", "ltr")],
)
def test_first_visit_follows_the_browser(client, jobcenter, accept, lang, direction):
    html = _html(client.get("/musterkreis/", HTTP_ACCEPT_LANGUAGE=accept))
    assert f'<html lang="{lang}" dir="{direction}"' in html


def test_switcher_names_every_language_in_itself_and_works_without_script(client, jobcenter):
    html = _html(client.get("/musterkreis/"))
    assert 'action="/i18n/setlang/" method="post"' in html
    for code, name in zip(["de", "en", "uk", "ar", "tr", "ru"], NAMES, strict=True):
        assert f'name="language" value="{code}" lang="{code}"' in html
        assert name in html


def test_choice_is_kept_in_the_session_over_the_browser(client, jobcenter):
    client.post(reverse("set_language"), {"language": "tr", "next": "/musterkreis/"})
    assert client.session["language"] == "tr"
    html = _html(client.get("/musterkreis/", HTTP_ACCEPT_LANGUAGE="ru"))
    assert '<html lang="tr"' in html


def test_choice_is_kept_in_the_account_and_used_on_the_next_login(jobcenter):
    citizen = make_citizen("olena@example.invalid")
    first = login_as(Client(), citizen)
    first.post(reverse("set_language"), {"language": "uk", "next": "/musterkreis/"})
    citizen.refresh_from_db()
    assert citizen.language == "uk"
    # Another device, a German browser, no cookie: the account's language.
    second = login_as(Client(), citizen)
    assert '<html lang="uk"' in _html(second.get("/musterkreis/", HTTP_ACCEPT_LANGUAGE="de"))


def test_a_choice_made_before_logging_in_goes_to_the_account(client, jobcenter):
    citizen = make_citizen("amal@example.invalid")
    client.post(reverse("set_language"), {"language": "ar", "next": "/musterkreis/"})
    login_as(client, citizen)
    citizen.refresh_from_db()
    assert citizen.language == "ar"


def test_account_emails_are_written_in_the_account_language(rf: RequestFactory):
    citizen = make_citizen("kim@example.invalid")
    citizen.language = "en"
    citizen.save()
    with translation.override("de"):  # sent while a German page is active
        accounts.citizen_send_verification(request=rf.get("/"), user=citizen)
    row = OutgoingEmail.objects.latest("pk")
    context = {"url": "u", "hours": 1}
    with translation.override("en"):
        english = render_to_string("accounts/email/verify_subject.txt", context).strip()
    with translation.override("de"):
        german = render_to_string("accounts/email/verify_subject.txt", context).strip()
    assert english != german and row.subject == english


def test_mailbox_notice_follows_the_account_language_of_today(jobcenter):
    citizen = make_citizen("lea@example.invalid")
    submission = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, user=citizen)
    case = Case.objects.get(submission=submission)
    german = mailbox_notice_email(case, kind="reminder").subject
    citizen.language = "en"
    citizen.save()
    case = Case.objects.select_related("submission__user").get(pk=case.pk)
    english = mailbox_notice_email(case, kind="reminder").subject
    with translation.override("en"):
        expected = translation.gettext("Erinnerung: Frist in Ihrem Postfach – %(jc)s")
    assert english == expected % {"jc": jobcenter.name} and english != german


def test_confirmation_email_in_the_citizens_language_then_german(jobcenter):
    submission = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, language="en")
    message = confirmation_email(submission, recipient="kim@example.invalid", receipt_url="u")
    citizen, german = message.body.split(GERMAN_DIVIDER)
    with translation.override("en"):
        hello = translation.gettext("Guten Tag,")
    assert hello != "Guten Tag," and citizen.startswith(hello)
    assert german.strip().startswith("Guten Tag,")
    assert submission.reference in citizen and submission.reference in german
    assert "Your" in message.subject or "your" in message.subject


def test_german_confirmation_email_has_one_version(jobcenter):
    submission = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, language="de")
    message = confirmation_email(submission, recipient="kim@example.invalid", receipt_url="u")
    assert GERMAN_DIVIDER not in message.body
