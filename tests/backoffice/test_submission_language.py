"""A submission made in another language reaches the caseworker in German, with the language
noted and free text as typed; the back office stays German whatever the visitor chose."""

import pytest
from django.urls import reverse

from jobcenter.casework.models import Case
from tests.accounts.fixtures import login_as
from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import make_submission

pytestmark = pytest.mark.django_db

ARABIC_EMPLOYER = "مخبز كورن"  # free text, synthetic


@pytest.mark.parametrize(("language", "name"), [("ar", "Arabisch"), ("uk", "Ukrainisch")])
def test_caseworker_sees_the_answers_in_german_with_the_language_noted(
    client, jobcenter, staff, language, name
):
    answers = {**WBA_JOB_AND_PERSON}
    answers["einkommen"] = [{**answers["einkommen"][0], "zahlende_stelle": ARABIC_EMPLOYER}]
    submission = make_submission(jobcenter, answers=answers, language=language)
    case = Case.objects.get(submission=submission)
    login_as(client, staff)
    # The caseworker's browser asks for Arabic and once chose English: German all the same.
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}),
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de" dir="ltr"' in html
    assert f"Sprache der Antragstellung: {name}" in html
    assert "Hat sich Einkommen geändert oder ist neues hinzugekommen?" in html
    assert ARABIC_EMPLOYER in html
    assert 'action="/i18n/setlang/"' not in html  # no switcher in the back office
