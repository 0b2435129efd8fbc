"""Demo cases for `make run`: every state, once."""

from jobcenter.casework.demo import seed_cases
from jobcenter.casework.models import Case
from tests.accounts.fixtures import make_citizen


def test_demo_cases_cover_every_state_and_are_created_once(demo_jobcenters, staff):
    citizen = make_citizen("demo-postfach@example.invalid")
    assert seed_cases(demo_jobcenters, count=120, citizen=citizen, staff=staff) == 120
    assert seed_cases(demo_jobcenters, count=120, citizen=citizen, staff=staff) == 0
    states = set(Case.objects.values_list("state", flat=True))
    assert states == set(Case.State.values)
    assert Case.objects.filter(channel="paper").exists()
    # The demo citizen's mailbox: two requests for documents, one case in progress.
    assert sorted(Case.objects.filter(submission__user=citizen).values_list(
        "state", flat=True)) == ["in_bearbeitung", "unterlagen_angefordert",
                                 "unterlagen_angefordert"]


def test_the_demo_citizens_receipts_are_made(demo_jobcenters, staff):
    """"Meine Anträge" of the demo citizen must not say "wird erstellt" forever: each of their
    submissions has a receipt job, and running it makes the receipt; nobody gets an e-mail."""
    from jobcenter.intake import jobs
    from jobcenter.intake.models import Receipt, Submission, SubmissionJob

    citizen = make_citizen("demo-quittung@example.invalid")
    seed_cases(demo_jobcenters, count=20, citizen=citizen, staff=staff)
    own = Submission.objects.filter(user=citizen)
    assert own.count() == 3
    receipt_jobs = SubmissionJob.objects.filter(submission__in=own)
    assert set(receipt_jobs.values_list("kind", flat=True)) == {SubmissionJob.Kind.RECEIPT}
    assert receipt_jobs.count() == 3
    for job in receipt_jobs:
        assert jobs.job_run(job_id=job.pk) == "done"
    assert Receipt.objects.filter(submission__in=own).count() == 3
    # the other synthetic applications stay without jobs (no hundreds of PDFs at the first start)
    assert not SubmissionJob.objects.exclude(submission__in=own).exists()
