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
from jobcenter.casework.demo_erstantrag import answers_through_the_form, first_application_answers
from jobcenter.casework.models import (
    Case,
    CaseworkSettings,
    Customer,
    DocumentRequest,
    Household,
    RoutingRule,
)
from jobcenter.forms import selectors as form_selectors
from jobcenter.forms.roles import Role
from jobcenter.intake.models import SubmissionJob
from jobcenter.intake.services import submission_create_direct

MARKER_KUNDENNUMMER = "900D000001"
FIRST = [
    "Kim",
    "Alex",
    "Sam",
    "Jana",
    "Mehmet",
    "Olga",
    "Lukas",
    "Aylin",
    "Piotr",
    "Sofia",
    "Noah",
    "Mia",
    "Emil",
    "Lea",
    "Jonas",
    "Fatma",
    "Tobias",
    "Nele",
    "Ahmad",
    "Greta",
]
LAST = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Yılmaz",
    "Kowalski",
    "Nowak",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hartmann",
    "Lange",
    "Özdemir",
    "Werner",
    "Krause",
    "Lehmann",
    "Popescu",
]
STREETS = ["Am Musterplatz", "Beispielweg", "Lindenstraße", "Gartenweg", "Hauptstraße"]
# How the cases spread over the states (roughly like a real inbox).
STATE_MIX = [
    (Case.State.EINGEGANGEN, 35),
    (Case.State.IN_BEARBEITUNG, 25),
    (Case.State.UNTERLAGEN_ANGEFORDERT, 15),
    (Case.State.VOLLSTAENDIG, 8),
    (Case.State.UEBERGEBEN, 12),
    (Case.State.ZURUECKGEZOGEN, 3),
    (Case.State.WEITERGELEITET, 2),
]
PATHS = {
    Case.State.EINGEGANGEN: [],
    Case.State.IN_BEARBEITUNG: [Case.State.IN_BEARBEITUNG],
    Case.State.UNTERLAGEN_ANGEFORDERT: [Case.State.IN_BEARBEITUNG, "request"],
    Case.State.VOLLSTAENDIG: [Case.State.IN_BEARBEITUNG, Case.State.VOLLSTAENDIG],
    Case.State.UEBERGEBEN: [
        Case.State.IN_BEARBEITUNG,
        Case.State.VOLLSTAENDIG,
        Case.State.UEBERGEBEN,
    ],
    Case.State.ZURUECKGEZOGEN: [Case.State.ZURUECKGEZOGEN],
    Case.State.WEITERGELEITET: ["forward"],
}


def _answers(rng, person, bg):
    """A WBA 2026-1 where little has changed (the situation keys are that version's); a "Ja"
    comes with the answers its follow-up page asks for (``_follow_ups``)."""
    who = form_selectors.answers_by_role(
        "wba@2026-1",
        {
            Role.FIRST_NAME: person["first"],
            Role.LAST_NAME: person["last"],
            Role.BIRTH_DATE: person["birth"].isoformat(),
            Role.BG_NUMMER: bg,
        },
    )
    return {
        **who,
        "haushalt_geaendert": False,
        "wohnkosten_geaendert": False,
        "einkommen_geaendert": rng.random() < 0.2,
        "vermoegen_geaendert": False,
        "leistungen_geaendert": False,
        "kv_geaendert": False,
        "konto_geaendert": False,
        "sonstiges_geaendert": False,
    }


# What a month brings besides the WBA (a share of the cases, by form).
FORM_MIX = [("wba", 55), ("aenderung", 25), ("erstantrag", 20)]
EMPLOYERS = ["Bäckerei Korn", "Pflegedienst Lind", "Spedition Nord", "Café am Markt"]


def _days_ago(received: dt.datetime, days: int) -> str:
    return (timezone.localtime(received).date() - dt.timedelta(days=days)).isoformat()


def _follow_ups(rng, answers: dict, person, received) -> dict:
    """The WBA's follow-up answers that fit its "Ja": a new income with its employer, pay and
    start; sometimes a child who moved in (with birth date and the day it moved in)."""
    name = f"{person['first']} {person['last']}"
    if answers.get("einkommen_geaendert"):
        answers["einkommen"] = [
            {
                "person": name,
                "art": "erwerbstaetigkeit",
                "zahlende_stelle": rng.choice(EMPLOYERS),
                "brutto": rng.randrange(60, 240) * 1000,
                "seit": _days_ago(received, rng.randrange(5, 40)),
            }
        ]
        if rng.random() < 0.4:
            born = _days_ago(received, rng.randrange(20, 300))
            answers.update(
                haushalt_geaendert=True,
                jemand_eingezogen=True,
                jemand_ausgezogen=False,
                personen_anzahl=2,
                neue_personen=[
                    {
                        "vorname": rng.choice(FIRST),
                        "nachname": person["last"],
                        "geburtsdatum": born,
                        "beziehung": "kind",
                        "eingezogen_am": born,
                        "rv_nummer": None,
                    }
                ],
            )
    return answers


def _change_notice(rng, person, bg, received) -> dict:
    """A VÄM 2026-1: a new job (employer, start, hours, pay) or a new bank account."""
    name = f"{person['first']} {person['last']}"
    answers = form_selectors.answers_by_role(
        "aenderung@2026-1",
        {
            Role.FIRST_NAME: person["first"],
            Role.LAST_NAME: person["last"],
            Role.BIRTH_DATE: person["birth"].isoformat(),
            Role.BG_NUMMER: bg,
        },
    )
    if rng.random() < 0.6:
        answers.update(
            aenderungen=["arbeitsbeginn"],
            ab_person=name,
            ab_arbeitgeber=rng.choice(EMPLOYERS),
            ab_beginn=_days_ago(received, rng.randrange(1, 20)),
            ab_stunden=rng.choice([15, 20, 30, 39]),
            ab_brutto=rng.randrange(60, 240) * 1000,
            ab_erste_zahlung=None,
        )
    else:
        answers.update(
            aenderungen=["konto"],
            kontoinhaber=name,
            iban="DE89370400440532013000",  # the well-known example IBAN (synthetic)
            konto_ab=_days_ago(received, 0),
        )
    return answers


def _first_application(rng, person, received, n: int) -> dict:
    """A complete Erstantrag 2026-1: the Hauptantrag and every Anlage the applicant's household
    calls for, answered page by page through the form engine (``demo_erstantrag``)."""
    where = {
        "street": f"{rng.choice(STREETS)} {rng.randrange(1, 80)}",
        "postcode": f"001{rng.randrange(0, 100):02d}",
        "city": "Musterhausen",
    }
    # A sequence of its own per case: the rest of the demo stays as it was.
    own = random.Random(1000 + n)  # noqa: S311  # nosec B311  # same synthetic demo each time
    return first_application_answers(
        own, {**person, **where}, day=timezone.localtime(received).date(), n=n
    )


def _form_and_answers(
    mix_rng, rng, person, bg, received, *, own: bool, n: int = 0
) -> tuple[str, dict]:
    """Which form a demo case is, and its answers (the demo citizen's own stay WBAs).

    A WBA and a change notice come from people who receive Bürgergeld: both forms require the
    BG-Nummer, so they give it, also where the case is not linked to a known customer."""
    bg = bg or person["bg"]
    wba = _follow_ups(mix_rng, _answers(rng, person, bg), person, received)
    form_key = "wba" if own else mix_rng.choices(*zip(*FORM_MIX, strict=True))[0]
    if form_key == "aenderung":
        return form_key, _change_notice(mix_rng, person, bg, received)
    if form_key == "erstantrag":
        return form_key, _first_application(mix_rng, person, received, n)
    return form_key, wba


def seed_cases(jobcenters, *, count: int = 300, citizen=None, staff=None) -> int:
    """Create ``count`` cases in the first demo Jobcenter; returns how many were created."""
    jobcenter = next(jc for jc in jobcenters if jc.slug == "musterkreis")
    other = next((jc for jc in jobcenters if jc.pk != jobcenter.pk), None)
    if Customer.objects.filter(jobcenter=jobcenter, kundennummer=MARKER_KUNDENNUMMER).exists():
        return 0
    rng = random.Random(9)  # noqa: S311  # nosec B311  # same synthetic demo each time
    mix_rng = random.Random(31)  # noqa: S311  # nosec B311  # forms and follow-ups, apart
    team1, _ = Team.objects.get_or_create(jobcenter=jobcenter, name="Leistung 1")
    team2, _ = Team.objects.get_or_create(jobcenter=jobcenter, name="Leistung 2")
    protected, _ = Team.objects.get_or_create(jobcenter=jobcenter, name="Beschäftigtenfälle")
    CaseworkSettings.objects.update_or_create(
        jobcenter=jobcenter, defaults={"protected_team": protected}
    )
    if not RoutingRule.objects.filter(jobcenter=jobcenter).exists():
        RoutingRule.objects.create(
            jobcenter=jobcenter,
            kind="surname",
            range_from="a",
            range_to="k",
            team=team1,
            position=10,
        )
        RoutingRule.objects.create(
            jobcenter=jobcenter,
            kind="surname",
            range_from="l",
            range_to="z",
            team=team2,
            position=20,
        )
    now = timezone.now()
    created = 0
    with transaction.atomic():
        people = []
        for n in range(count):
            people.append(
                {
                    "first": rng.choice(FIRST),
                    "last": rng.choice(LAST),
                    "birth": dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(16000)),
                    "bg": f"00100BG{n + 1:07d}",
                }
            )
        # Half of the people are known customers with a household.
        for n, person in enumerate(people[: count // 2]):
            customer = Customer(
                jobcenter=jobcenter,
                first_name=person["first"],
                last_name=person["last"],
                birth_date=person["birth"],
                kundennummer=MARKER_KUNDENNUMMER if n == 0 else f"900D{n + 1:06d}",
                street=f"{rng.choice(STREETS)} {rng.randrange(1, 80)}",
                postcode=f"001{rng.randrange(0, 100):02d}",
                city="Musterhausen",
                is_protected=(n == 1),
            )
            customer.save()
            household = Household.objects.create(jobcenter=jobcenter, bg_nummer=person["bg"])
            customer.memberships.create(household=household, role="antragsteller")
            person["customer"] = customer
        states = [s for s, weight in STATE_MIX for _ in range(weight)]
        for n, person in enumerate(people):
            received = now - dt.timedelta(minutes=rng.randrange(60 * 24 * 60))
            user = citizen if (citizen is not None and n < 3) else None
            channel = "paper" if rng.random() < 0.15 else "online"
            form_key, answers = _form_and_answers(
                mix_rng,
                rng,
                person,
                person["bg"] if "customer" in person or rng.random() < 0.3 else None,
                received,
                own=user is not None,
                n=n,
            )
            submission = submission_create_direct(
                jobcenter=jobcenter,
                form_key=form_key,
                form_version="2026-1",
                answers=answers,
                received_at=received,
                channel=channel,
                user=user,
                create_jobs=user is not None,
                job_kinds=[SubmissionJob.Kind.RECEIPT],
            )
            case = services.case_open_for_submission(submission)
            target = Case.State.UNTERLAGEN_ANGEFORDERT if user else rng.choice(states)
            if n == 1:
                target = Case.State.IN_BEARBEITUNG
            for step in PATHS[target]:
                if step == "request":
                    request = services.document_request_create(
                        case=case,
                        by=staff,
                        items=[("kontoauszuege", "Kontoauszüge der letzten drei Monate", "")],
                        deadline=timezone.localdate() + dt.timedelta(days=rng.randrange(1, 15)),
                        message="Bitte reichen Sie die Unterlagen nach.",
                    )
                    if user is None and rng.random() < 0.3:  # some are overdue
                        DocumentRequest.objects.filter(pk=request.pk).update(
                            deadline=timezone.localdate() - dt.timedelta(days=2)
                        )
                elif step == "forward":
                    if other is not None:
                        services.case_forward(
                            case=case,
                            to_jobcenter=other,
                            by=staff,
                            reason="Wohnort im Bezirk des anderen Jobcenters",
                        )
                else:
                    services.case_transition(case=case, to_state=step, by=staff)
            open_here = target != Case.State.WEITERGELEITET
            if "customer" in person and open_here and rng.random() < 0.6:
                services.case_link_customer(case=case, customer=person["customer"], by=staff)
            elif (
                staff is not None
                and open_here
                and rng.random() < 0.4
                and selectors.may_be_assigned(case, staff)
            ):
                services.case_assign(case=case, by=staff, assignee=staff)
            created += 1
        if staff is not None:
            _fill_the_queue(jobcenter, team1, staff)
    return created


def _fill_the_queue(jobcenter, team, staff) -> None:
    """The demo caseworker's month: about half of their team's open cases are theirs, so
    "Meine Fälle" holds dozens, due on different days (waiting for documents, some overdue,
    some on paper), and the team queue keeps the rest, unassigned ones included."""
    rng = random.Random(16)  # noqa: S311  # nosec B311  # own sequence: earlier cases stay
    open_cases = (
        Case.objects.filter(jobcenter=jobcenter, team=team, assignee__isnull=True)
        .filter(state__in=selectors.OPEN_STATES, is_protected=False)
        .order_by("received_at", "id")
    )
    for case in open_cases:
        if rng.random() < 0.5 and selectors.may_be_assigned(case, staff):
            services.case_assign(case=case, by=staff, assignee=staff)
    # Requests of this month: paper applicants first (their letter is printed), a third overdue.
    working = Case.objects.filter(
        assignee=staff, state=Case.State.IN_BEARBEITUNG, submission__user__isnull=True
    ).order_by("-channel", "received_at", "id")
    today = timezone.localdate()
    for n, case in enumerate(working[:8]):
        request = services.document_request_create(
            case=case,
            by=staff,
            items=[("mietvertrag", "Mietvertrag", ""), ("lohnabrechnung", "Lohnabrechnung", "")],
            deadline=today + dt.timedelta(days=rng.randrange(2, 15)),
            message="Bitte reichen Sie die Unterlagen nach.",
        )
        if n % 3 == 0:
            DocumentRequest.objects.filter(pk=request.pk).update(
                deadline=today - dt.timedelta(days=rng.randrange(1, 6))
            )


def complete_answers(form_key: str, rng, person, *, received, n: int) -> dict:
    """A complete, valid answer set of ``form_key`` (version 2026-1) for ``person`` (first,
    last, birth, bg, street, postcode, city): the month's generators, for other demo data (the
    statistics' history) that must open as real applications too."""
    if form_key == "erstantrag":
        return first_application_answers(rng, person, day=timezone.localtime(received).date(), n=n)
    if form_key == "wba":
        return _follow_ups(rng, _answers(rng, person, person["bg"]), person, received)
    if form_key == "aenderung":
        return _change_notice(rng, person, person["bg"], received)
    if form_key == "antrag_gesichert":
        definition = form_selectors.definition_of("antrag_gesichert@2026-1")
        values = {
            "vorname": person["first"],
            "nachname": person["last"],
            "geburtsdatum": person["birth"].isoformat(),
            "strasse": person["street"],
            "plz": person["postcode"],
            "ort": person["city"],
            "beantragt": ["buergergeld"],
        }
        return answers_through_the_form(definition, lambda page: values, {})
    raise ValueError(f"no demo answers for {form_key!r}")
