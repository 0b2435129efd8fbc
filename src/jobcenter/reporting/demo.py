"""A year of synthetic history for the statistics page in `make run` (development only).

Twelve months of applications with an online share that rises month by month — Erstanträge
start at about a quarter online, Weiterbewilligungsanträge higher — each with its state events
(in Bearbeitung, vollständig, übergeben; paper applications take a few days longer, and the
office gets a little faster over the year), some document requests (a few overdue) and the
online-form drafts of the last 30 days (submitted, abandoned on an early page, in progress).
Everything is written with ``bulk_create`` (a few thousand rows in a second or two), then the
monthly summary is built. Names are made up; running it twice creates nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import uuid

from django.db import transaction
from django.utils import timezone

from jobcenter.casework.demo import complete_answers
from jobcenter.casework.models import Case, CaseEvent, DocumentRequest
from jobcenter.casework.normalise import norm_name
from jobcenter.forms import selectors as forms
from jobcenter.intake.models import Draft, Submission
from jobcenter.reporting.selectors import add_months, month_start
from jobcenter.reporting.services import summary_rebuild

MARKER = "ST-DEMO-000001"
FIRST = ["Kim", "Alex", "Sam", "Jana", "Mehmet", "Olga", "Lukas", "Aylin", "Piotr", "Sofia"]
LAST = [
    "Berger",
    "Wald",
    "Hofmann",
    "Klein",
    "Bauer",
    "Feld",
    "Lindner",
    "Weiß",
    "Krause",
    "Marx",
    "Roth",
    "Hahn",
    "Neumann",
    "Ziegler",
    "Franke",
    "Kaya",
    "Lorenz",
    "Busch",
]
# form: (applications per month, online share in the first month, in the last month)
FORMS = {
    "erstantrag": (55, 0.22, 0.42),
    "wba": (110, 0.45, 0.78),
    "aenderung": (45, 0.35, 0.62),
    "antrag_gesichert": (20, 1.0, 1.0),  # only online: securing the date is an online step
}
S = Case.State


# The history's applications open like real ones: each is one of a few complete answer sets per
# form (made by the month's generators, casework.demo, through the form engine), renamed.
POOL_SIZE = 6
PLACEHOLDER = ("Xaverius", "Platzhalterin")


def _answer_pool(received: dt.datetime) -> dict[str, list[str]]:
    """Per form, ``POOL_SIZE`` complete answer sets of a placeholder person, as JSON text."""
    rng = random.Random(23)  # noqa: S311  # nosec B311  # own sequence: the history stays
    pool: dict[str, list[str]] = {}
    for form_key in FORMS:
        pool[form_key] = []
        for k in range(POOL_SIZE):
            person = {
                "first": PLACEHOLDER[0],
                "last": PLACEHOLDER[1],
                "birth": dt.date(1968 + 5 * k, 1 + k, 3 + 4 * k),
                "bg": f"00100BG9{k:06d}",
                "street": f"Lindenstraße {k + 1}",
                "postcode": f"001{10 + k:02d}",
                "city": "Musterhausen",
            }
            answers = complete_answers(form_key, rng, person, received=received, n=k)
            pool[form_key].append(json.dumps(answers, ensure_ascii=False))
    return pool


def _named(text: str, first: str, last: str) -> dict:
    """A pooled answer set with the placeholder's names replaced (also where the answers name
    the applicant again: account holder, income, household members of that name)."""
    return json.loads(text.replace(PLACEHOLDER[0], first).replace(PLACEHOLDER[1], last))


def _lognormal_days(rng: random.Random, median: float, p90: float) -> float:
    sigma = math.log(p90 / median) / 1.2816
    return rng.lognormvariate(math.log(median), sigma)


def seed_history(
    jobcenter,
    *,
    months: int = 12,
    now: dt.datetime | None = None,
    seed: int = 11,
    until: dt.datetime | None = None,
) -> int:
    """Create the history for ``jobcenter``; returns the number of applications created.

    With ``until``, applications are received only before that moment and every one of them
    is finished (handed over or withdrawn) by ``now``: the history then adds nothing to the
    inbox, whose open cases (the demo's month, casework.demo) are the ones the statistics'
    backlog counts."""
    if Submission.objects.filter(reference=MARKER).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311  # nosec B311  # same synthetic demo each time
    now = now or timezone.now()
    received_until = min(until, now) if until is not None else now
    first_month = add_months(month_start(timezone.localdate(now)), -(months - 1))
    pool = _answer_pool(timezone.localtime(received_until))
    submissions, cases, plans = [], [], []
    n = 0
    for i in range(months):
        month = add_months(first_month, i)
        progress = i / max(months - 1, 1)
        start = timezone.make_aware(dt.datetime.combine(month, dt.time(8)))
        end = min(
            timezone.make_aware(dt.datetime.combine(add_months(month, 1), dt.time(8))),
            received_until,
        )
        span = (end - start).total_seconds()
        if span <= 0:
            continue
        for form_key, (per_month, share_0, share_1) in FORMS.items():
            count = round(per_month * rng.uniform(0.85, 1.15) * (span / (30 * 86400)))
            share = share_0 + (share_1 - share_0) * progress
            online = round(count * share)  # exactly the share: a smooth trend for the demo
            channels = ["online"] * online + ["paper"] * (count - online)
            rng.shuffle(channels)
            for channel in channels:
                n += 1
                received = start + dt.timedelta(seconds=rng.uniform(0, span))
                first, last = rng.choice(FIRST), rng.choice(LAST)
                reference = f"ST-DEMO-{n:06d}"
                submissions.append(
                    Submission(
                        reference=reference,
                        jobcenter=jobcenter,
                        form_key=form_key,
                        form_version="2026-1",
                        answers=_named(pool[form_key][n % POOL_SIZE], first, last),
                        language="de",
                        channel=channel,
                        received_at=received,
                        draft_public_id=uuid.uuid4(),
                    )
                )
                cases.append(
                    Case(
                        jobcenter=jobcenter,
                        reference=reference,
                        form_key=form_key,
                        channel=channel,
                        received_at=received,
                        first_name=first,
                        last_name=last,
                        last_name_norm=norm_name(last),
                        postcode=f"001{rng.randrange(100):02d}",
                        state_changed_at=received,
                    )
                )
                slower = 5 if channel == "paper" else 0
                faster = 1 - 0.3 * progress
                plans.append(
                    [
                        (S.IN_BEARBEITUNG, rng.uniform(0.2, 3)),
                        (S.VOLLSTAENDIG, (slower + _lognormal_days(rng, 9, 26)) * faster),
                        (S.UEBERGEBEN, rng.uniform(1, 8)),
                    ]
                    if rng.random() > 0.04
                    else [(S.ZURUECKGEZOGEN, rng.uniform(1, 20))]
                )
    with transaction.atomic():
        Submission.objects.bulk_create(submissions, batch_size=500)
        for case, submission in zip(cases, submissions, strict=True):
            case.submission = submission
        events, requests = [], []
        for case, plan in zip(cases, plans, strict=True):
            events.append(CaseEvent(case=case, at=case.received_at, kind=CaseEvent.Kind.CREATED))
            at, state = case.received_at, S.EINGEGANGEN
            for to_state, days in plan:
                at = at + dt.timedelta(days=days)
                if at > now:
                    if until is None:
                        break
                    # Finished by now: the last steps of a slow case come just before it.
                    at = max(now - dt.timedelta(hours=rng.uniform(1, 48)), case.state_changed_at)
                events.append(
                    CaseEvent(
                        case=case,
                        at=at,
                        kind=CaseEvent.Kind.STATE,
                        from_state=state,
                        to_state=to_state,
                    )
                )
                state = to_state
                case.state_changed_at = at
            if state == S.IN_BEARBEITUNG and rng.random() < 0.35:
                state = S.UNTERLAGEN_ANGEFORDERT
            case.state = state
        Case.objects.bulk_create(cases, batch_size=500)
        for event in events:
            event.case_id = event.case.pk
        CaseEvent.objects.bulk_create(events, batch_size=1000)
        for case in cases:
            if case.state == S.UNTERLAGEN_ANGEFORDERT:
                requests.append(
                    DocumentRequest(
                        case=case,
                        deadline=(
                            timezone.localtime(case.state_changed_at).date()
                            + dt.timedelta(days=14 - rng.randrange(0, 10))
                        ),
                        message="Bitte reichen Sie die Kontoauszüge nach.",
                        legal_notice="Rechtsfolgenbelehrung (Demo)",
                    )
                )
        DocumentRequest.objects.bulk_create(requests, batch_size=500)
        _seed_drafts(jobcenter, rng, now)
    summary_rebuild(jobcenter=jobcenter)
    return len(cases)


def _seed_drafts(jobcenter, rng: random.Random, now: dt.datetime) -> None:
    """Online-form drafts of the last 30 days (the window the completion figures use)."""
    drafts = []
    for form_key, (per_month, *_shares) in FORMS.items():
        definition = forms.latest(form_key)
        if definition is None:
            continue
        pages = [p.key for p in definition.pages][:6]
        minutes = {"erstantrag": 38, "wba": 9, "aenderung": 6}.get(form_key, 2)
        for _ in range(round(per_month * 0.9)):
            created = now - dt.timedelta(days=rng.uniform(0, 29.5))
            roll = rng.random()
            if roll < 0.62:
                submitted = created + dt.timedelta(
                    minutes=_lognormal_days(rng, minutes, minutes * 2.5)
                )
                submitted = min(submitted, now)
                updated, page = submitted, pages[-1]
            else:
                submitted = None
                updated = min(created + dt.timedelta(minutes=rng.uniform(1, 20)), now)
                page = pages[min(int(rng.expovariate(0.9)), len(pages) - 1)]
            drafts.append(
                (
                    Draft(
                        jobcenter=jobcenter,
                        form_key=form_key,
                        form_version=definition.version,
                        current_page=page,
                        session_key=uuid.uuid4().hex,
                        revision=3,
                        expires_at=updated + dt.timedelta(days=30),
                    ),
                    created,
                    updated,
                    submitted,
                )
            )
    Draft.objects.bulk_create([d for d, *_ in drafts], batch_size=500)
    for draft, created, updated, submitted in drafts:  # auto_now(_add) would overwrite these
        draft.created_at, draft.updated_at, draft.submitted_at = created, updated, submitted
    Draft.objects.bulk_update(
        [d for d, *_ in drafts], ["created_at", "updated_at", "submitted_at"], batch_size=500
    )
