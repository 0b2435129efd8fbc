"""Forwarding to the competent Jobcenter keeps the original receipt date (§ 16 SGB I)."""

import pytest
from django.db import IntegrityError, transaction

from jobcenter.casework import services
from jobcenter.casework.models import Case, CaseEvent
from tests.casework.factories import make_case


def test_forwarding_opens_a_case_in_the_other_jobcenter_with_the_same_date(
    jobcenter, other_jobcenter, staff
):
    case = make_case(jobcenter)
    new = services.case_forward(
        case=case, to_jobcenter=other_jobcenter, by=staff, reason="Wohnort in Beispielstadt"
    )
    case.refresh_from_db()
    assert case.state == Case.State.WEITERGELEITET
    assert new.jobcenter == other_jobcenter and new.state == Case.State.EINGEGANGEN
    assert new.received_at == case.received_at == case.submission.received_at
    assert new.submission == case.submission and new.forwarded_from == case
    assert "Beispielstadt" in case.events.get(kind=CaseEvent.Kind.STATE).text
    assert new.events.filter(kind=CaseEvent.Kind.FORWARDED).exists()


def test_forwarding_needs_another_jobcenter_and_a_reason(jobcenter, other_jobcenter, staff):
    case = make_case(jobcenter)
    with pytest.raises(services.CaseworkError):
        services.case_forward(case=case, to_jobcenter=jobcenter, by=staff, reason="x")
    with pytest.raises(services.CaseworkError):
        services.case_forward(case=case, to_jobcenter=other_jobcenter, by=staff, reason=" ")


def test_a_finished_case_cannot_be_forwarded(jobcenter, other_jobcenter, staff):
    case = make_case(jobcenter)
    services.case_transition(case=case, to_state=Case.State.ZURUECKGEZOGEN, by=staff)
    with pytest.raises(services.TransitionRefused):
        services.case_forward(case=case, to_jobcenter=other_jobcenter, by=staff, reason="x")
    assert Case.objects.filter(submission=case.submission).count() == 1


def test_forwarding_by_the_state_button_is_refused(jobcenter, staff):
    case = make_case(jobcenter)
    with pytest.raises(services.TransitionRefused):
        services.case_transition(case=case, to_state=Case.State.WEITERGELEITET, by=staff)


def test_only_one_open_case_per_submission(jobcenter):
    case = make_case(jobcenter)
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(
            jobcenter=jobcenter,
            submission=case.submission,
            reference=case.reference,
            form_key="wba",
            channel="online",
            received_at=case.received_at,
        )


def test_the_full_application_follows_its_forwarded_secured_application(
    jobcenter, other_jobcenter, staff
):
    """The date was secured at the wrong Jobcenter and forwarded; the full application sent
    later under the first address opens its case where the secured one now is."""
    from jobcenter.intake import services as intake
    from jobcenter.intake.models import Draft
    from tests.intake.factories import make_draft

    secured = make_case(jobcenter)
    services.case_forward(
        case=secured, to_jobcenter=other_jobcenter, by=staff, reason="Wohnort in Beispielstadt"
    )
    draft = make_draft(jobcenter)
    Draft.objects.filter(pk=draft.pk).update(secured_submission=secured.submission)
    draft.refresh_from_db()
    full = intake.submission_create(draft=draft, language="de")
    case = Case.objects.get(submission=full)
    assert case.jobcenter == other_jobcenter
    assert full.jobcenter == jobcenter  # received there; its receipt and reference stay
