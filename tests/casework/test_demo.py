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
