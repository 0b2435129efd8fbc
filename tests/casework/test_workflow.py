"""The case workflow: every allowed transition works and is recorded, every other is refused."""

import itertools

import pytest

from jobcenter.audit.models import AuditEntry
from jobcenter.casework import services
from jobcenter.casework.models import TRANSITIONS, Case, CaseEvent
from tests.casework.factories import make_case

S = Case.State
ALL = list(S.values)
ALLOWED = sorted((a, b) for a in ALL for b in TRANSITIONS[a] if b != S.WEITERGELEITET)
REFUSED = sorted(
    (a, b)
    for a, b in itertools.product(ALL, ALL)
    if b not in TRANSITIONS[a] or b == S.WEITERGELEITET
)


def _in_state(jobcenter, state):
    case = make_case(jobcenter)
    Case.objects.filter(pk=case.pk).update(state=state)
    case.refresh_from_db()
    return case


def test_the_table_is_the_one_of_the_issue():
    assert TRANSITIONS[S.EINGEGANGEN] >= {S.IN_BEARBEITUNG, S.ZURUECKGEZOGEN, S.WEITERGELEITET}
    assert TRANSITIONS[S.IN_BEARBEITUNG] >= {S.UNTERLAGEN_ANGEFORDERT, S.VOLLSTAENDIG}
    assert TRANSITIONS[S.UNTERLAGEN_ANGEFORDERT] >= {S.IN_BEARBEITUNG, S.VOLLSTAENDIG}
    assert S.UEBERGEBEN in TRANSITIONS[S.VOLLSTAENDIG]
    for end in (S.UEBERGEBEN, S.ZURUECKGEZOGEN, S.WEITERGELEITET):
        assert TRANSITIONS[end] == frozenset()
    assert len(ALLOWED) + len(REFUSED) == len(ALL) ** 2


@pytest.mark.parametrize(("from_state", "to_state"), ALLOWED)
def test_allowed_transition_is_made_and_recorded(jobcenter, staff, from_state, to_state):
    case = _in_state(jobcenter, from_state)
    services.case_transition(case=case, to_state=to_state, by=staff)
    case.refresh_from_db()
    assert case.state == to_state
    event = case.events.get(kind=CaseEvent.Kind.STATE)
    assert (event.actor, event.from_state, event.to_state) == (staff, from_state, to_state)
    entry = AuditEntry.objects.get(object_id=str(case.public_id), action="change")
    assert entry.actor_name == staff.username and entry.jobcenter == jobcenter


@pytest.mark.parametrize(("from_state", "to_state"), REFUSED)
def test_refused_transition_changes_nothing(jobcenter, staff, from_state, to_state):
    case = _in_state(jobcenter, from_state)
    with pytest.raises(services.TransitionRefused):
        services.case_transition(case=case, to_state=to_state, by=staff)
    case.refresh_from_db()
    assert case.state == from_state
    assert not case.events.filter(kind=CaseEvent.Kind.STATE).exists()


def test_unknown_state_is_refused(jobcenter, staff):
    case = make_case(jobcenter)
    with pytest.raises(services.TransitionRefused):
        services.case_transition(case=case, to_state="geloescht", by=staff)


def test_buttons_offer_only_allowed_targets(jobcenter):
    case = make_case(jobcenter)
    assert services.allowed_targets(case) == [S.IN_BEARBEITUNG, S.ZURUECKGEZOGEN]
    case.state = S.UEBERGEBEN
    assert services.allowed_targets(case) == []


def test_bulk_change_reports_refused_cases(jobcenter, staff):
    open_case = make_case(jobcenter)
    done = _in_state(jobcenter, S.UEBERGEBEN)
    changed, refused = services.cases_bulk(
        cases=[open_case, done], by=staff, to_state=S.IN_BEARBEITUNG
    )
    assert (changed, refused) == (1, [done.reference])
    open_case.refresh_from_db()
    assert open_case.state == S.IN_BEARBEITUNG


def test_assignment_is_recorded_and_stays_in_the_jobcenter(jobcenter, other_jobcenter, staff):
    from tests.accounts.fixtures import make_staff, make_team

    case = make_case(jobcenter)
    team = make_team(jobcenter)
    services.case_assign(case=case, by=staff, assignee=staff, team=team)
    case.refresh_from_db()
    assert (case.assignee, case.team) == (staff, team)
    assert case.events.filter(kind=CaseEvent.Kind.ASSIGNED, actor=staff).exists()
    with pytest.raises(services.CaseworkError):
        services.case_assign(case=case, by=staff, assignee=make_staff(other_jobcenter))
    with pytest.raises(services.CaseworkError):
        services.case_assign(case=case, by=staff, team=make_team(other_jobcenter))


def test_notes(jobcenter, staff):
    case = make_case(jobcenter)
    services.case_add_note(case=case, by=staff, text="Rückruf vereinbart")
    assert case.notes.get().text == "Rückruf vereinbart"
    with pytest.raises(services.CaseworkError):
        services.case_add_note(case=case, by=staff, text="   ")
