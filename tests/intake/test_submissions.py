"""Submitting a draft: one immutable submission with reference, receipt time, routing and jobs."""

import datetime as dt
import itertools
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobcenter.casework.models import Case
from jobcenter.forms import services as form_registry
from jobcenter.forms.definition import FormDefinition, Page
from jobcenter.forms.fields import PostcodeField, TextField
from jobcenter.forms.roles import Role
from jobcenter.intake import jobs, services
from jobcenter.intake.models import (
    Draft,
    ImmutableSubmission,
    ReferenceCounter,
    Submission,
    SubmissionJob,
)
from jobcenter.intake.references import (
    REFERENCE_RE,
    check_digit,
    format_reference,
    is_valid_reference,
)
from jobcenter.intake.signals import submission_created, submission_numbered
from tests.forms.answers import PERSON, WBA_JOB_AND_PERSON, WBA_NOTHING_CHANGED
from tests.intake.factories import make_draft, make_submission

pytestmark = pytest.mark.django_db
BERLIN = dt.timezone(dt.timedelta(hours=1))  # CET, winter


def test_submit_freezes_the_draft_into_a_submission(jobcenter):
    draft = make_draft(jobcenter, answers={**WBA_NOTHING_CHANGED, "stale_key": "x"})
    before = timezone.now()
    submission = services.submission_create(draft=draft, language="de")

    assert is_valid_reference(submission.reference)
    assert submission.reference.startswith(f"{jobcenter.reference_prefix}-{before.year}-000001-")
    assert submission.jobcenter == jobcenter
    assert (submission.form_key, submission.form_version) == ("wba", "2026-1")
    assert submission.channel == "online" and submission.language == "de"
    assert before <= submission.received_at <= timezone.now()
    assert submission.answers == WBA_NOTHING_CHANGED  # keys outside the form are not submitted
    assert submission.draft_public_id == draft.public_id
    draft.refresh_from_db()
    assert draft.submitted_at == submission.received_at
    assert draft.answers == {} and draft.pending_input == {}


def test_skipped_pages_are_not_part_of_the_submission(jobcenter):
    # The citizen first said "Einkommen geändert", added income, then changed it back to "Nein".
    answers = {**WBA_JOB_AND_PERSON, "einkommen_geaendert": False}
    submission = make_submission(jobcenter, answers=answers)
    assert "einkommen" not in submission.answers
    assert submission.answers["neue_personen"][0]["vorname"] == "Lea"


def test_submitted_draft_no_longer_appears_in_the_wizard(jobcenter):
    from jobcenter.intake import selectors

    draft = make_draft(jobcenter, session_key="browser-1")
    services.submission_create(draft=draft, language="de")
    assert (
        selectors.draft_for_session(jobcenter=jobcenter, form_key="wba", session_key="browser-1")
        is None
    )


def test_submitting_twice_gives_the_same_submission(jobcenter):
    draft = make_draft(jobcenter)
    first = services.submission_create(draft=draft, language="de")
    second = services.submission_create(draft=draft, language="de")
    assert first.pk == second.pk
    assert Submission.objects.count() == 1
    assert SubmissionJob.objects.count() == 2  # receipt + handover, created once


def test_an_incomplete_draft_is_not_submitted(jobcenter):
    draft = make_draft(jobcenter, answers={"vorname": "Kim"})
    with pytest.raises(services.SubmissionIncomplete) as error:
        services.submission_create(draft=draft, language="de")
    assert error.value.pages
    assert not Submission.objects.exists()
    draft.refresh_from_db()
    assert draft.submitted_at is None and draft.answers == {"vorname": "Kim"}


def test_submission_and_jobs_are_one_transaction(jobcenter):
    draft = make_draft(jobcenter)
    with (
        mock.patch.object(jobs, "jobs_create_for", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        services.submission_create(draft=draft, language="de")
    assert not Submission.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert ReferenceCounter.objects.filter(last__gt=0).count() == 0
    draft.refresh_from_db()
    assert draft.submitted_at is None


def test_jobs_are_queued_durably_with_the_submission(jobcenter):
    submission = make_submission(
        jobcenter, answers={**WBA_NOTHING_CHANGED, "email": "kim@example.invalid"}
    )
    kinds = set(submission.jobs.values_list("kind", flat=True))
    assert kinds == {"receipt", "email", "handover"}
    task_ids = {str(t) for t in DBTaskResult.objects.values_list("id", flat=True)}
    assert task_ids == set(submission.jobs.values_list("task_id", flat=True))


def test_no_email_job_without_an_address(jobcenter):
    submission = make_submission(jobcenter)
    assert not submission.jobs.filter(kind="email").exists()


# --- immutability --------------------------------------------------------------------------------


def test_a_submission_cannot_be_changed_or_deleted(jobcenter):
    submission = make_submission(jobcenter)
    submission.answers = {"vorname": "Eve"}
    with pytest.raises(ImmutableSubmission):
        submission.save()
    with pytest.raises(ImmutableSubmission):
        submission.delete()
    with pytest.raises(ImmutableSubmission):
        Submission.objects.filter(pk=submission.pk).update(reference="X")
    with pytest.raises(ImmutableSubmission):
        Submission.objects.filter(pk=submission.pk).delete()
    with pytest.raises(ImmutableSubmission):
        Submission.objects.bulk_update([submission], ["answers"])
    stored = Submission.objects.get(pk=submission.pk)
    assert stored.answers["vorname"] == "Kim"


# --- references ----------------------------------------------------------------------------------


def test_reference_check_digit_catches_typing_errors():
    reference = format_reference("MK", 2026, 4711)
    assert reference == f"MK-2026-004711-{check_digit('MK2026004711')}"
    assert is_valid_reference(reference)
    body = reference[:-2].replace("-", "")
    digits = [i for i, ch in enumerate(reference) if ch.isdigit()][:-1]
    for i in digits:  # every single wrong digit
        for d in "0123456789":
            if d != reference[i]:
                wrong = reference[:i] + d + reference[i + 1 :]
                assert not is_valid_reference(wrong), wrong
    for i, j in itertools.pairwise(digits):  # every swap of neighbouring digits
        if j == i + 1 and reference[i] != reference[j]:
            swapped = reference[:i] + reference[j] + reference[i] + reference[j + 1 :]
            assert not is_valid_reference(swapped), swapped
    assert body


def test_references_count_per_jobcenter_and_year(jobcenter, other_jobcenter):
    a1, a2 = make_submission(jobcenter), make_submission(jobcenter)
    b1 = make_submission(other_jobcenter)
    assert a1.reference.split("-")[2] == "000001" and a2.reference.split("-")[2] == "000002"
    assert b1.reference.startswith(f"{other_jobcenter.reference_prefix}-")
    assert b1.reference.split("-")[2] == "000001"
    next_year = timezone.now() + dt.timedelta(days=366)
    with mock.patch("jobcenter.intake.services.timezone.now", return_value=next_year):
        c = make_submission(jobcenter)
    assert c.reference.split("-")[1:3] == [str(timezone.localtime(next_year).year), "000001"]


@pytest.mark.parametrize(
    "local",
    [
        dt.datetime(2026, 1, 31, 23, 59, 59),
        dt.datetime(2026, 3, 31, 23, 59, 59),  # the night before summer time
        dt.datetime(2026, 12, 31, 23, 59, 59),  # also the last second of the year
    ],
)
def test_a_submission_at_235959_on_the_last_day_keeps_that_month(jobcenter, local):
    from zoneinfo import ZoneInfo

    instant = local.replace(tzinfo=ZoneInfo("Europe/Berlin")).astimezone(dt.UTC)
    assert instant.day != local.day or instant.hour != local.hour  # UTC is already "earlier"
    with mock.patch("jobcenter.intake.services.timezone.now", return_value=instant):
        submission = make_submission(jobcenter)
    submission.refresh_from_db()
    received = timezone.localtime(submission.received_at)
    assert (received.year, received.month, received.day) == (local.year, local.month, local.day)
    assert submission.reference.split("-")[1] == str(local.year)


# --- routing -------------------------------------------------------------------------------------


@pytest.fixture
def form_with_postcode():
    definition = form_registry.register(
        FormDefinition(
            key="plztest",
            version="1-1",
            title="PLZ-Test",
            description="",
            pages=(
                Page(
                    key="adresse",
                    title="Adresse",
                    fields=(
                        TextField(key="vorname", label="Vorname"),
                        PostcodeField(key="plz", label="Postleitzahl", role=Role.POSTCODE),
                    ),
                ),
            ),
        )
    )
    yield definition
    form_registry.unregister(definition.ident)


def test_the_postcode_routes_to_the_competent_jobcenter(
    jobcenter, other_jobcenter, form_with_postcode
):
    draft = make_draft(
        jobcenter,
        form_key="plztest",
        form_version="1-1",
        answers={"vorname": "Kim", "plz": "00250"},
    )
    submission = services.submission_create(draft=draft, language="de")
    assert submission.jobcenter == other_jobcenter
    assert submission.reference.startswith(other_jobcenter.reference_prefix + "-")


def test_an_unknown_postcode_stays_with_the_jobcenter_of_the_address(jobcenter, form_with_postcode):
    draft = make_draft(
        jobcenter,
        form_key="plztest",
        form_version="1-1",
        answers={"vorname": "Kim", "plz": "99999"},
    )
    assert services.submission_create(draft=draft, language="de").jobcenter == jobcenter


def test_person_answers_are_kept_exactly(jobcenter):
    submission = make_submission(jobcenter)
    for key, value in PERSON.items():
        assert submission.answers[key] == value


def test_drafts_of_submissions_are_kept_only_until_they_expire(jobcenter):
    draft = make_draft(jobcenter)
    services.submission_create(draft=draft, language="de")
    services.drafts_delete_expired(now=timezone.now() + dt.timedelta(days=365))
    assert not Draft.objects.exists()
    assert Submission.objects.count() == 1


def test_submission_hooks_run_once_inside_the_submitting_transaction(jobcenter):
    seen, numbered = [], []

    def hook(sender, *, submission, draft, **kwargs):
        seen.append((submission.pk, draft.submitted_at))

    def number_hook(sender, *, submission, **kwargs):
        numbered.append((submission.pk, submission.reference))

    submission_created.connect(hook)
    submission_numbered.connect(number_hook)
    try:
        draft = make_draft(jobcenter)
        first = services.submission_create(draft=draft, language="de")
        again = services.submission_create(draft=draft, language="de")
    finally:
        submission_created.disconnect(hook)
        submission_numbered.disconnect(number_hook)
    assert first == again
    assert seen == [(first.pk, first.received_at)]
    assert numbered == [(first.pk, first.reference)]
    assert Submission.objects.get().reference == first.reference


def test_the_reference_is_counted_last_so_its_lock_is_held_for_its_own_writes_only(jobcenter):
    """The counter's row lock serialises every submit of a Jobcenter until the commit
    (PostgreSQL; issue 21): after the counting statement only the reference's own writes —
    the submission's and its case's — may run, not the jobs, the uploads or the case opening."""
    draft = make_draft(jobcenter)
    with CaptureQueriesContext(connection) as queries:
        submission = services.submission_create(draft=draft, language="de")
    statements = [q["sql"] for q in queries.captured_queries]
    counted = next(i for i, sql in enumerate(statements) if "intake_referencecounter" in sql)
    after = [sql.split()[0] + " " + sql.split()[1] for sql in statements[counted + 1 :]]
    assert len(after) <= 3, statements[counted + 1 :]
    assert all(line.startswith(("UPDATE", "RELEASE", "COMMIT")) for line in after), after
    assert Case.objects.get(submission=submission).reference == submission.reference
    assert REFERENCE_RE.match(submission.reference)


def test_a_failing_numbering_hook_leaves_no_submission_and_no_gap(jobcenter):
    def broken(sender, **kwargs):
        raise RuntimeError("casework is down")

    submission_numbered.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            services.submission_create(draft=make_draft(jobcenter), language="de")
    finally:
        submission_numbered.disconnect(broken)
    assert not Submission.objects.exists()
    submission = services.submission_create(draft=make_draft(jobcenter), language="de")
    assert submission.reference.split("-")[2] == "000001"


def test_a_failing_hook_leaves_no_submission(jobcenter):
    def broken(sender, **kwargs):
        raise RuntimeError("casework is down")

    submission_created.connect(broken)
    draft = make_draft(jobcenter)
    try:
        with pytest.raises(RuntimeError):
            services.submission_create(draft=draft, language="de")
    finally:
        submission_created.disconnect(broken)
    assert not Submission.objects.exists()
    draft.refresh_from_db()
    assert draft.submitted_at is None
