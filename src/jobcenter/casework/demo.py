"""Synthetic casework data for `make run` (development only): a few hundred cases in every state.

Names, numbers and addresses are made up (postcodes 001xx do not exist). Running it twice
creates nothing twice (a marker customer says the data are there). Only the demo citizen's
submissions get a receipt job — they appear under "Meine Anträge", whose receipts must finish —
so the worker does not render hundreds of PDFs at the first start; none gets an e-mail or a
handover job.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from jobcenter.accounts.models import Team
from jobcenter.casework import selectors, services
from jobcenter.casework.models import (
    Case,
    CaseworkSettings,
    Customer,
    DocumentRequest,
    Household,
    RoutingRule,
)
from jobcenter.intake.models import SubmissionJob

MARKER_KUNDENNUMMER = "900D000001"
FIRST = ["Kim", "Alex", "Sam", "Jana", "Mehmet", "Olga", "Lukas", "Aylin", "Piotr", "Sofia",
         "Noah", "Mia", "Emil", "Lea", "Jonas", "Fatma", "Tobias", "Nele", "Ahmad", "Greta"]
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
        "Schulz", "Hoffmann", "Yılmaz", "Kowalski", "Nowak", "Koch", "Richter", "Klein",
        "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann",
        "Lange", "Özdemir", "Werner", "Krause", "Lehmann", "Popescu"]
STREETS = ["Am Musterplatz", "Beispielweg", "Lindenstraße", "Gartenweg", "Hauptstraße"]
# How the cases spread over the states (roughly like a real inbox).
STATE_MIX = [
    (Case.State.EINGEGANGEN, 35), (Case.State.IN_BEARBEITUNG, 25),
    (Case.State.UNTERLAGEN_ANGEFORDERT, 15), (Case.State.VOLLSTAENDIG, 8),
    (Case.State.UEBERGEBEN, 12), (Case.State.ZURUECKGEZOGEN, 3),
    (Case.State.WEITERGELEITET, 2),
]
PATHS = {
    Case.State.EINGEGANGEN: [],
    Case.State.IN_BEARBEITUNG: [Case.State.IN_BEARBEITUNG],
    Case.State.UNTERLAGEN_ANGEFORDERT: [Case.State.IN_BEARBEITUNG, "request"],
    Case.State.VOLLSTAENDIG: [Case.State.IN_BEARBEITUNG, Case.State.VOLLSTAENDIG],
    Case.State.UEBERGEBEN: [Case.State.IN_BEARBEITUNG, Case.State.VOLLSTAENDIG,
                            Case.State.UEBERGEBEN],
    Case.State.ZURUECKGEZOGEN: [Case.State.ZURUECKGEZOGEN],
    Case.State.WEITERGELEITET: ["forward"],
}


def _answers(rng, person, bg):
    return {
        "vorname": person["first"], "nachname": person["last"],
        "geburtsdatum": person["birth"].isoformat(), "bg_nummer": bg,
        "telefon": None, "email": None,
        "haushalt_geaendert": False, "wohnkosten_geaendert": False,
        "einkommen_geaendert": rng.random() < 0.2, "vermoegen_geaendert": False,
        "leistungen_geaendert": False, "kv_geaendert": False, "konto_geaendert": False,
        "sonstiges_geaendert": False,
    }


def seed_cases(jobcenters, *, count: int = 300, citizen=None, staff=None) -> int:
    """Create ``count`` cases in the first demo Jobcenter; returns how many were created."""
    from jobcenter.intake.services import submission_create_direct

    jobcenter = next(jc for jc in jobcenters if jc.slug == "musterkreis")
    other = next((jc for jc in jobcenters if jc.pk != jobcenter.pk), None)
    if Customer.objects.filter(jobcenter=jobcenter, kundennummer=MARKER_KUNDENNUMMER).exists():
        return 0
    rng = random.Random(9)  # noqa: S311  (the same synthetic demo every time)
    team1, _ = Team.objects.get_or_create(jobcenter=jobcenter, name="Leistung 1")
    team2, _ = Team.objects.get_or_create(jobcenter=jobcenter, name="Leistung 2")
    protected, _ = Team.objects.get_or_create(jobcenter=jobcenter, name="Beschäftigtenfälle")
    CaseworkSettings.objects.update_or_create(jobcenter=jobcenter,
                                              defaults={"protected_team": protected})
    if not RoutingRule.objects.filter(jobcenter=jobcenter).exists():
        RoutingRule.objects.create(jobcenter=jobcenter, kind="surname", range_from="a",
                                   range_to="k", team=team1, position=10)
        RoutingRule.objects.create(jobcenter=jobcenter, kind="surname", range_from="l",
                                   range_to="z", team=team2, position=20)
    now = timezone.now()
    created = 0
    with transaction.atomic():
        people = []
        for n in range(count):
            people.append({
                "first": rng.choice(FIRST), "last": rng.choice(LAST),
                "birth": dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(16000)),
                "bg": f"00100BG{n + 1:07d}",
            })
        # Half of the people are known customers with a household.
        for n, person in enumerate(people[: count // 2]):
            customer = Customer(
                jobcenter=jobcenter, first_name=person["first"], last_name=person["last"],
                birth_date=person["birth"],
                kundennummer=MARKER_KUNDENNUMMER if n == 0 else f"900D{n + 1:06d}",
                street=f"{rng.choice(STREETS)} {rng.randrange(1, 80)}",
                postcode=f"001{rng.randrange(0, 100):02d}", city="Musterhausen",
                is_protected=(n == 1))
            customer.save()
            household = Household.objects.create(jobcenter=jobcenter, bg_nummer=person["bg"])
            customer.memberships.create(household=household, role="antragsteller")
            person["customer"] = customer
        states = [s for s, weight in STATE_MIX for _ in range(weight)]
        for n, person in enumerate(people):
            received = now - dt.timedelta(minutes=rng.randrange(60 * 24 * 60))
            user = citizen if (citizen is not None and n < 3) else None
            channel = "paper" if rng.random() < 0.15 else "online"
            submission = submission_create_direct(
                jobcenter=jobcenter, form_key="wba", form_version="2026-1",
                answers=_answers(rng, person, person["bg"] if "customer" in person
                                 or rng.random() < 0.3 else None),
                received_at=received, channel=channel, user=user,
                create_jobs=user is not None, job_kinds=[SubmissionJob.Kind.RECEIPT])
            case = services.case_open_for_submission(submission)
            target = Case.State.UNTERLAGEN_ANGEFORDERT if user else rng.choice(states)
            if n == 1:
                target = Case.State.IN_BEARBEITUNG
            for step in PATHS[target]:
                if step == "request":
                    request = services.document_request_create(
                        case=case, by=staff, items=[("kontoauszuege",
                                                     "Kontoauszüge der letzten drei Monate", "")],
                        deadline=timezone.localdate() + dt.timedelta(days=rng.randrange(1, 15)),
                        message="Bitte reichen Sie die Unterlagen nach.")
                    if user is None and rng.random() < 0.3:  # some are overdue
                        DocumentRequest.objects.filter(pk=request.pk).update(
                            deadline=timezone.localdate() - dt.timedelta(days=2))
                elif step == "forward":
                    if other is not None:
                        services.case_forward(case=case, to_jobcenter=other, by=staff,
                                              reason="Wohnort im Bezirk des anderen Jobcenters")
                else:
                    services.case_transition(case=case, to_state=step, by=staff)
            open_here = target != Case.State.WEITERGELEITET
            if "customer" in person and open_here and rng.random() < 0.6:
                services.case_link_customer(case=case, customer=person["customer"], by=staff)
            elif (staff is not None and open_here and rng.random() < 0.4
                  and selectors.may_be_assigned(case, staff)):
                services.case_assign(case=case, by=staff, assignee=staff)
            created += 1
    return created

