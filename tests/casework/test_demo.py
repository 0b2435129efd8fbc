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
    assert sorted(
        Case.objects.filter(submission__user=citizen).values_list("state", flat=True)
    ) == ["in_bearbeitung", "unterlagen_angefordert", "unterlagen_angefordert"]


def test_the_demo_citizens_receipts_are_made(demo_jobcenters, staff):
    """ "Meine Anträge" of the demo citizen must not say "wird erstellt" forever: each of their
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


def test_the_demo_caseworker_has_a_month_of_work(demo_jobcenters):
    """ "Meine Fälle" and the team queue of the demo caseworker are worth working through:
    dozens of open cases in several states, requests open and overdue, paper cases."""
    from django.utils import timezone

    from jobcenter.casework.models import DocumentRequest
    from tests.accounts.fixtures import make_staff, make_team

    team = make_team(demo_jobcenters[0], "Leistung 1")
    staff = make_staff(demo_jobcenters[0], username="sb.monat", teams=[team])
    seed_cases(demo_jobcenters, count=120, citizen=None, staff=staff)
    mine = Case.objects.filter(assignee=staff).exclude(
        state__in=["uebergeben", "zurueckgezogen", "weitergeleitet"]
    )
    assert mine.count() >= 20
    assert mine.values("state").distinct().count() >= 3
    assert Case.objects.filter(team=team, assignee__isnull=True, state="eingegangen").exists()
    requests = DocumentRequest.objects.filter(case__team=team, status="open")
    assert requests.filter(deadline__lt=timezone.localdate()).exists()
    assert requests.filter(deadline__gte=timezone.localdate()).exists()
    assert requests.filter(case__channel="paper").exists()


def test_the_demo_month_has_every_form_and_the_history_stays_out_of_the_inbox(
    demo_jobcenters, client
):
    """A real month: Erstantrag, WBA and VÄM, follow-up answers that fit their "Ja"; the
    statistics' history is finished before the month, so the inbox's open cases are the
    month's, and the statistics' backlog (its printout) counts the same number."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from jobcenter.accounts.models import Role
    from jobcenter.casework.models import CaseworkSettings
    from jobcenter.core.management.commands.seed_demo import HISTORY_GAP
    from jobcenter.reporting import selectors as reporting
    from jobcenter.reporting.demo import seed_history
    from tests.accounts.fixtures import login_as, make_staff, make_team

    jobcenter = demo_jobcenters[0]
    team = make_team(jobcenter, "Leistung 1")
    staff = make_staff(jobcenter, username="sb.demo", teams=[team])
    seed_cases(demo_jobcenters, count=150, citizen=None, staff=staff)
    month_open = Case.objects.filter(jobcenter=jobcenter, state__in=reporting.OPEN_STATES).count()
    assert seed_history(jobcenter, until=timezone.now() - HISTORY_GAP) > 1000

    forms = set(
        Case.objects.exclude(reference__startswith="ST-DEMO").values_list("form_key", flat=True)
    )
    assert forms >= {"erstantrag", "wba", "aenderung"}
    for case in Case.objects.filter(form_key="wba").select_related("submission"):
        answers = case.submission.answers
        if answers.get("einkommen_geaendert"):
            assert answers["einkommen"][0]["zahlende_stelle"] and answers["einkommen"][0]["brutto"]
        if answers.get("haushalt_geaendert"):
            assert answers["neue_personen"][0]["geburtsdatum"]
    month = Case.objects.exclude(reference__startswith="ST-DEMO")
    for case in month.filter(form_key="aenderung").select_related("submission"):
        answers = case.submission.answers
        assert ("ab_arbeitgeber" in answers) == ("arbeitsbeginn" in answers["aenderungen"])
        assert ("iban" in answers) == ("konto" in answers["aenderungen"])

    # Nothing of the history is open: the backlog is the month's open cases.
    history = Case.objects.filter(reference__startswith="ST-DEMO")
    assert not history.filter(state__in=reporting.OPEN_STATES).exists()
    assert not history.filter(received_at__gt=timezone.now() - HISTORY_GAP).exists()
    backlog = reporting.backlog(jobcenter=jobcenter)["total"]
    assert backlog == month_open

    # The inbox of the protected team (who see every case) shows that number.
    protected = CaseworkSettings.objects.get(jobcenter=jobcenter).protected_team
    lead = make_staff(
        jobcenter,
        username="tl.demo",
        roles=[Role.SACHBEARBEITUNG, Role.TEAMLEITUNG, Role.STATISTIK],
        teams=[team, protected],
    )
    login_as(client, lead)
    inbox = client.get(reverse("backoffice:inbox"))
    assert inbox.context["page"].total == backlog
    statistics = client.get("/backoffice/statistik/").content.decode()
    assert "wie sie der Posteingang unter „alle offenen“" in statistics
    assert dt.timedelta(days=60) < HISTORY_GAP
