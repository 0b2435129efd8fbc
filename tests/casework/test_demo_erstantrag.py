"""The demo's applications are complete and valid: every demo submission's answers pass its form
version's pages and JSON Schema, and a demo Erstantrag carries the Anlagen its household needs."""

from collections import Counter

import jsonschema
import pytest

from jobcenter.casework.demo import seed_cases
from jobcenter.casework.demo_erstantrag import DemoAnswerError, answers_through_the_form, iban_for
from jobcenter.forms import selectors as forms
from jobcenter.forms.validators import iban
from jobcenter.intake.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def month(demo_jobcenters, staff):
    seed_cases(demo_jobcenters, count=150, citizen=None, staff=staff)
    return Submission.objects.exclude(reference__startswith="ST-DEMO")


def _refused(submissions):
    refused = []
    for submission in submissions:
        definition = forms.get(submission.form_ident)
        assert definition is not None, submission.form_ident
        incomplete = [p.key for p in forms.incomplete_pages(definition, submission.answers)]
        if incomplete:
            refused.append((submission.reference, submission.form_ident, incomplete))
        jsonschema.validate(submission.answers, forms.form_json_schema(definition))
    return refused


def test_every_demo_submission_validates_against_its_form_version(month):
    assert month.count() == 150
    refused = _refused(month)
    assert not refused, Counter((form, tuple(pages)) for _ref, form, pages in refused)


def test_the_statistics_history_opens_as_valid_applications_too(jobcenter):
    """The history's cases are closed, but "alle, auch abgeschlossene" opens them: their
    answers are whole applications with the history's names."""
    from django.utils import timezone

    from jobcenter.casework.models import Case
    from jobcenter.core.management.commands.seed_demo import HISTORY_GAP
    from jobcenter.reporting.demo import seed_history

    assert seed_history(jobcenter, months=4, until=timezone.now() - HISTORY_GAP) > 50
    history = Submission.objects.filter(reference__startswith="ST-DEMO")
    assert set(history.values_list("form_key", flat=True)) == {
        "erstantrag",
        "wba",
        "aenderung",
        "antrag_gesichert",
    }
    refused = _refused(history)
    assert not refused, Counter((form, tuple(pages)) for _ref, form, pages in refused)
    for case in Case.objects.filter(reference__startswith="ST-DEMO").select_related("submission"):
        definition = forms.get(case.submission.form_ident)
        facts = (case.submission.answers.get("vorname"), case.submission.answers.get("nachname"))
        assert facts == (case.first_name, case.last_name), case.reference
        assert "Xaverius" not in str(case.submission.answers), definition.ident


def _anlagen(submission) -> set[str]:
    """The Anlagen (task sections) that apply to a submission's answers, by their short name."""
    definition = forms.get(submission.form_ident)
    tasks = {str(p.task) for p in definition.applicable_pages(submission.answers) if p.task}
    return {task.split(":")[0].removeprefix("Anlage ") for task in tasks}


def test_a_demo_erstantrag_is_a_whole_application_with_the_anlagen_of_its_household(month):
    erstantraege = list(month.filter(form_key="erstantrag"))
    assert len(erstantraege) >= 12
    seen = set()
    for submission in erstantraege:
        answers = submission.answers
        # The Hauptantrag: who, where, the account, how they live, the declarations.
        for key in ("geburtsort", "iban", "wohnform", "kv_art", "erklaerung_wahr"):
            assert answers.get(key), (submission.reference, key)
        anlagen = _anlagen(submission)
        assert "EK" in anlagen  # everyone of 15 or older declares their income
        # Each household member has their Anlagen: WEP from 15, KI below 15.
        for member in answers.get("personen", []):
            assert member["vorname"] and member["geburtsdatum"]
        needed = forms.documents_needed(forms.get(submission.form_ident), answers)
        assert needed, submission.reference
        seen |= anlagen
    assert {"WEP", "KI", "VE", "HG", "EK", "EKS", "KDU", "VM", "SV", "UH2", "MEB"} <= seen


def test_a_demo_answer_the_engine_refuses_is_an_error_not_a_case():
    definition = forms.get("erstantrag@2026-1")
    with pytest.raises(DemoAnswerError, match="person"):
        answers_through_the_form(definition, lambda page: {}, {"antragsdatum": "2026-03-02"})


def test_demo_ibans_are_valid():
    assert iban(iban_for(1234567890)) == iban_for(1234567890)


def test_a_caseworker_sees_the_whole_demo_erstantrag_with_its_anlagen(month, client, staff):
    from django.urls import reverse

    from jobcenter.casework.models import Case
    from tests.accounts.fixtures import login_as

    login_as(client, staff)
    family = next(
        case
        for case in Case.objects.filter(form_key="erstantrag", submission__in=month)
        if len(case.submission.answers.get("personen", [])) >= 2
    )
    page = client.get(reverse("backoffice:case_detail", kwargs={"public_id": family.public_id}))
    assert page.status_code == 200
    html = page.content.decode()
    for member in family.submission.answers["personen"]:
        assert member["vorname"] in html
    # The Anlagen per person (WEP, KI) and the applicant's own income (EK), answered.
    assert "Was müssen wir über" in html and "Welches Einkommen haben Sie?" in html
    assert "Bestätigen Sie Ihre Angaben" in html
