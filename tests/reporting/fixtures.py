"""A small, hand-countable history for the statistics tests (all times Europe/Berlin).

Musterkreis (the measured Jobcenter), period 01/2026–04/2026, "today" 2026-04-20 12:00:

case form        channel received      first reached (days since receipt)            state now
w1   wba         online  05.01. 10:00  vollständig 07.01. (2), again 20.01.;           übergeben
                                       übergeben 02.03. (56)
w2   wba         online  10.01. 10:00  vollständig 14.01. (4)                          vollständig
w3   wba         online  12.01. 10:00  vollständig 12.03. (59)                         vollständig
p1   wba         paper   15.01. 10:00  vollständig 25.01. (10)                         zurückgez.
e1   erstantrag  online  03.01. 10:00  vollständig 04.01. (1)                          in Bearb.
p2   wba         paper   25.03. 10:00  –                                               in Bearb.
p3   wba         paper   10.03. 10:00  –                                               Unterl.
a1   wba         online  20.04. 08:00  –                                               eingeg.
f1   wba         online  19.04. 08:00  vollständig 19.04., then forwarded              weitergel.

February has no application; March only paper ones. Requests: p3 deadline 10.04. (10 days
over), p2 deadline 19.04. (1 day), p2 deadline 20.04. (today: not overdue), w2 answered with
deadline 01.02. (not open). Drafts (window 30 days → since 21.03. 12:00): wba d1 12 min,
d2 30 min, d3 abandoned on "haushalt_wohnung", d4 in progress, d5 too old; erstantrag one
abandoned on "ausweis". Beispielstadt (the other Jobcenter) gets the same kind of rows, which
must never be counted.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from jobcenter.casework.models import Case, CaseEvent, DocumentRequest
from jobcenter.intake.models import Draft
from jobcenter.intake.services import submission_create_direct

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
TODAY = dt.date(2026, 4, 20)
NOW = dt.datetime(2026, 4, 20, 12, 0, tzinfo=BERLIN)
FIRST, LAST = dt.date(2026, 1, 1), dt.date(2026, 4, 1)


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def make_case(jobcenter, *, form_key="wba", channel="online", received, state, reached=()) -> Case:
    submission = submission_create_direct(
        jobcenter=jobcenter,
        form_key=form_key,
        form_version="2026-1",
        answers={"vorname": "Test", "nachname": "Person"},
        received_at=received,
        channel=channel,
        create_jobs=False,
    )
    case = Case.objects.create(
        jobcenter=jobcenter,
        submission=submission,
        state=state,
        reference=submission.reference,
        form_key=form_key,
        channel=channel,
        received_at=received,
        first_name="Test",
        last_name="Person",
        last_name_norm="person",
    )
    CaseEvent.objects.create(case=case, at=received, kind=CaseEvent.Kind.CREATED)
    for to_state, when in reached:
        CaseEvent.objects.create(case=case, at=when, kind=CaseEvent.Kind.STATE, to_state=to_state)
    return case


def make_request(case, *, deadline: dt.date, status=DocumentRequest.Status.OPEN):
    return DocumentRequest.objects.create(
        case=case, deadline=deadline, legal_notice="x", status=status
    )


def make_draft(jobcenter, *, form_key="wba", created, updated=None, submitted=None, page=""):
    draft = Draft.objects.create(
        jobcenter=jobcenter,
        form_key=form_key,
        form_version="2026-1",
        session_key=uuid.uuid4().hex,
        expires_at=NOW + dt.timedelta(30),
        current_page=page,
    )
    Draft.objects.filter(pk=draft.pk).update(
        created_at=created, updated_at=updated or submitted or created, submitted_at=submitted
    )
    return draft


def build_history(jobcenter) -> dict[str, Case]:
    S = Case.State
    cases = {
        "w1": make_case(
            jobcenter,
            received=at(1, 5),
            state=S.UEBERGEBEN,
            reached=[
                (S.VOLLSTAENDIG, at(1, 7)),
                (S.IN_BEARBEITUNG, at(1, 8)),
                (S.VOLLSTAENDIG, at(1, 20)),
                (S.UEBERGEBEN, at(3, 2)),
            ],
        ),
        "w2": make_case(
            jobcenter,
            received=at(1, 10),
            state=S.VOLLSTAENDIG,
            reached=[(S.VOLLSTAENDIG, at(1, 14))],
        ),
        "w3": make_case(
            jobcenter,
            received=at(1, 12),
            state=S.VOLLSTAENDIG,
            reached=[(S.VOLLSTAENDIG, at(3, 12))],
        ),
        "p1": make_case(
            jobcenter,
            channel="paper",
            received=at(1, 15),
            state=S.ZURUECKGEZOGEN,
            reached=[(S.VOLLSTAENDIG, at(1, 25))],
        ),
        "e1": make_case(
            jobcenter,
            form_key="erstantrag",
            received=at(1, 3),
            state=S.IN_BEARBEITUNG,
            reached=[(S.VOLLSTAENDIG, at(1, 4))],
        ),
        "p2": make_case(jobcenter, channel="paper", received=at(3, 25), state=S.IN_BEARBEITUNG),
        "p3": make_case(
            jobcenter, channel="paper", received=at(3, 10), state=S.UNTERLAGEN_ANGEFORDERT
        ),
        "a1": make_case(jobcenter, received=at(4, 20, 8), state=S.EINGEGANGEN),
        "f1": make_case(
            jobcenter,
            received=at(4, 19, 8),
            state=S.WEITERGELEITET,
            reached=[(S.VOLLSTAENDIG, at(4, 19, 9))],
        ),
    }
    make_request(cases["p3"], deadline=dt.date(2026, 4, 10))
    make_request(cases["p2"], deadline=dt.date(2026, 4, 19))
    make_request(cases["p2"], deadline=dt.date(2026, 4, 20))
    make_request(cases["w2"], deadline=dt.date(2026, 2, 1), status=DocumentRequest.Status.ANSWERED)
    make_draft(jobcenter, created=at(4, 1), submitted=at(4, 1, 10, 12))
    make_draft(jobcenter, created=at(4, 2), submitted=at(4, 2, 10, 30))
    make_draft(jobcenter, created=at(4, 3), page="haushalt_wohnung")
    make_draft(jobcenter, created=at(4, 18), updated=at(4, 18, 11), page="person")
    make_draft(jobcenter, created=at(3, 1), page="person")
    make_draft(jobcenter, form_key="erstantrag", created=at(4, 5), page="ausweis")
    return cases


def build_noise(other_jobcenter) -> None:
    """Rows of another Jobcenter in every table the page reads."""
    S = Case.State
    for month in (1, 2, 3, 4):
        case = make_case(
            other_jobcenter,
            received=at(month, 2),
            state=S.VOLLSTAENDIG,
            reached=[(S.VOLLSTAENDIG, at(month, 3))],
        )
        make_request(case, deadline=dt.date(2026, 4, 1))
        make_case(other_jobcenter, channel="paper", received=at(month, 4), state=S.EINGEGANGEN)
        make_draft(other_jobcenter, created=at(4, 1), page="person")
        make_draft(other_jobcenter, created=at(4, 2), submitted=at(4, 2, 11))
