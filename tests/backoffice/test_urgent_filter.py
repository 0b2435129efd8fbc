"""The inbox's "nur dringende": the cases whose answers met an urgent case flag on arrival (an
eviction or cut-off within 14 days, a cut-off already in place, an absence that had begun)."""

import pytest
from django.urls import reverse

from jobcenter.casework.models import Case
from jobcenter.intake import services as intake
from tests.accounts.fixtures import login_as
from tests.forms.answers import WBA_NOTHING_CHANGED, days_ago
from tests.forms.service_answers import ANSWERS
from tests.intake.factories import drain, make_draft

pytestmark = pytest.mark.django_db
INBOX = reverse("backoffice:inbox")


def _case(jobcenter, key, answers):
    draft = make_draft(jobcenter, answers=answers, form_key=key)
    submission = intake.submission_create(draft=draft, language="de")
    drain()
    return Case.objects.get(submission=submission)


@pytest.fixture
def cases(jobcenter):
    loan, absence = ANSWERS["darlehen_schulden"], ANSWERS["ortsabwesenheit"]
    return {
        "eviction_soon": _case(
            jobcenter, "darlehen_schulden", {**loan, "schulden_droht_am": days_ago(-5)}
        ),
        "eviction_later": _case(
            jobcenter, "darlehen_schulden", {**loan, "schulden_droht_am": days_ago(-40)}
        ),
        "absence_begun": _case(
            jobcenter, "ortsabwesenheit", {**absence, "abwesend_von": days_ago(0)}
        ),
        "absence_abroad_later": _case(
            jobcenter, "ortsabwesenheit", {**absence, "abwesend_von": days_ago(-20)}
        ),
        "wba": _case(jobcenter, "wba", WBA_NOTHING_CHANGED),
    }


def _refs(response):
    return sorted(c.reference for c in response.context["rows"])


def test_only_urgent_cases_are_shown_when_asked(client, staff, cases):
    assert cases["eviction_soon"].urgent and cases["absence_begun"].urgent
    assert not cases["eviction_later"].urgent and not cases["absence_abroad_later"].urgent
    assert cases["absence_abroad_later"].flags  # flagged ("ausland"), but not urgent
    login_as(client, staff)
    everything = client.get(INBOX)
    assert len(everything.context["rows"]) == 5
    assert "nur dringende" in everything.content.decode()
    urgent = client.get(INBOX, {"dringend": "1"})
    assert _refs(urgent) == sorted(
        [cases["eviction_soon"].reference, cases["absence_begun"].reference]
    )
    assert urgent.context["page"].total == 2
    # It combines with the other filters.
    assert _refs(client.get(INBOX, {"dringend": "1", "form": "ortsabwesenheit"})) == [
        cases["absence_begun"].reference
    ]


def test_a_forwarded_case_stays_urgent(staff, cases, demo_jobcenters):
    from jobcenter.casework import services

    other = demo_jobcenters[1]
    new = services.case_forward(
        case=cases["eviction_soon"], to_jobcenter=other, by=staff, reason="Zuständigkeit"
    )
    assert new.urgent


def test_cases_flagged_before_the_column_existed_are_marked_by_the_migration(cases):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("jobcenter.casework.migrations.0009_case_urgent_backoffice")
    Case.objects.update(urgent=False)
    migration.mark_urgent(apps, None)
    assert set(Case.objects.filter(urgent=True).values_list("pk", flat=True)) == {
        cases["eviction_soon"].pk,
        cases["absence_begun"].pk,
    }
