"""A form version that renames its answer keys but keeps the fields' roles: every app that reads
the applicant's answers (routing, the case's facts, matching, inbox search, the upload grant,
the confirmation e-mail) keeps working, because they ask the form engine by role."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from jobcenter.casework import selectors as casework_selectors
from jobcenter.casework.models import Case
from jobcenter.documents import services as documents
from jobcenter.forms import selectors as forms
from jobcenter.forms import services as form_registry
from jobcenter.forms.definition import FormDefinition, Page, RepeatPage
from jobcenter.forms.fields import (
    BgNummerField,
    DateField,
    EmailField,
    IbanField,
    PostcodeField,
    TextField,
)
from jobcenter.forms.roles import Role
from jobcenter.intake import jobs
from jobcenter.intake import services as intake
from jobcenter.intake.models import Submission
from tests.accounts.fixtures import login_as, make_staff
from tests.casework.factories import make_customer
from tests.intake.factories import drain, make_draft

KEY, VERSION = "umbenannt", "2026-9"
ANSWERS = {
    "vorname_antragsteller": "Jana",
    "familienname": "Müller-Lüdenscheidt",
    "geburtstag": "1990-01-02",
    "bg_nr": "12345BG0077001",
    "postleitzahl": "00250",  # a postcode of the other demo Jobcenter
    "kontakt_email": "jana@example.invalid",
    "konto": "DE89370400440532013000",
    "mitbewohnende": [{"rufname": "Ole", "zuname": "Müller"}],
}


@pytest.fixture
def renamed_form():
    definition = form_registry.register(
        FormDefinition(
            key=KEY,
            version=VERSION,
            title="Umbenannte Schlüssel",
            description="",
            pages=(
                Page(
                    key="wer",
                    title="Wer",
                    fields=(
                        TextField(key="vorname_antragsteller", label="V", role=Role.FIRST_NAME),
                        TextField(key="familienname", label="N", role=Role.LAST_NAME),
                        DateField(
                            key="geburtstag",
                            label="G",
                            earliest=-365 * 120,
                            latest=0,
                            role=Role.BIRTH_DATE,
                        ),
                        BgNummerField(key="bg_nr", label="BG", role=Role.BG_NUMMER),
                        PostcodeField(key="postleitzahl", label="PLZ", role=Role.POSTCODE),
                        EmailField(key="kontakt_email", label="E", role=Role.EMAIL),
                        IbanField(key="konto", label="IBAN", required=False, role=Role.IBAN),
                    ),
                ),
                RepeatPage(
                    key="haushalt",
                    title="Haushalt",
                    group="mitbewohnende",
                    item_label="Person %(n)d",
                    add_label="Weitere",
                    min_items=0,
                    fields=(
                        TextField(key="rufname", label="V", role=Role.PERSON_FIRST_NAME),
                        TextField(key="zuname", label="N", role=Role.PERSON_LAST_NAME),
                    ),
                ),
            ),
        )
    )
    yield definition
    form_registry.unregister(definition.ident)


def _submit(jobcenter) -> Submission:
    draft = make_draft(jobcenter, form_key=KEY, form_version=VERSION, answers=ANSWERS)
    return intake.submission_create(draft=draft, language="de")


def test_the_engine_finds_the_applicant_by_role(renamed_form):
    facts = forms.applicant_facts(renamed_form.ident, ANSWERS)
    assert (facts.first_name, facts.last_name, facts.birth_date) == (
        "Jana",
        "Müller-Lüdenscheidt",
        dt.date(1990, 1, 2),
    )
    assert (facts.bg_nummer, facts.postcode, facts.email) == (
        "12345BG0077001",
        "00250",
        "jana@example.invalid",
    )
    assert facts.iban == "DE89370400440532013000"
    assert forms.people_named(renamed_form, ANSWERS) == [
        "Jana Müller-Lüdenscheidt",
        "Ole Müller",
    ]


def test_routing_case_facts_matching_and_search_work_with_renamed_keys(
    client, jobcenter, other_jobcenter, renamed_form
):
    same = make_customer(
        other_jobcenter,
        first_name="Jana",
        last_name="Müller-Lüdenscheidt",
        birth_date=dt.date(1990, 1, 2),
    )
    submission = _submit(jobcenter)
    assert submission.jobcenter == other_jobcenter  # routed by Role.POSTCODE

    case = Case.objects.get(submission=submission)
    assert (case.first_name, case.last_name, case.birth_date) == (
        "Jana",
        "Müller-Lüdenscheidt",
        dt.date(1990, 1, 2),
    )
    assert (case.bg_nummer, case.postcode) == ("12345BG0077001", "00250")
    assert [s.customer for s in casework_selectors.match_suggestions(case)] == [same]

    login_as(client, make_staff(other_jobcenter))
    for q in ("mueller", "Jana Müller", "02.01.1990", "12345bg0077001"):
        rows = client.get(reverse("backoffice:inbox"), {"q": q}).context["rows"]
        assert [c.reference for c in rows] == [case.reference], q


def test_upload_grant_and_confirmation_e_mail_work_with_renamed_keys(
    jobcenter, other_jobcenter, renamed_form
):
    submission = _submit(jobcenter)
    assert jobs.recipient_of(submission) == "jana@example.invalid"

    session = {}
    here = Submission.objects.filter(jobcenter=other_jobcenter)
    granted = documents.upload_grant(
        session,
        jobcenter=other_jobcenter,
        submissions=here,
        reference=submission.reference,
        birth_date=dt.date(1990, 1, 2),
    )
    assert granted == submission
    assert str(submission.public_id) in session[documents.GRANTS]
    wrong = documents.upload_grant(
        {},
        jobcenter=other_jobcenter,
        submissions=here,
        reference=submission.reference,
        birth_date=dt.date(1990, 1, 3),
    )
    assert wrong is None

    drain()
    assert [m.to for m in mail.outbox] == [["jana@example.invalid"]]
