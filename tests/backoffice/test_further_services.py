"""Each further service arrives like the others: a case with the right form name, its answers in
German, its flags in the inbox, its documents to request, a handover bundle that validates
against the form's schema; the paper intake offers it and the statistics count it."""

import json

import jsonschema
import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.casework.models import Case, RoutingRule
from jobcenter.forms import selectors as forms
from jobcenter.handover import services as handover
from jobcenter.handover.models import Bundle
from jobcenter.intake import services as intake
from jobcenter.reporting import report, selectors
from jobcenter.reporting import services as reporting
from tests.accounts.fixtures import login_as
from tests.forms.service_answers import ANSWERS, EXPECTED
from tests.handover.helpers import complete, make_integration
from tests.intake.factories import drain, make_draft

pytestmark = pytest.mark.django_db
KEYS = sorted(ANSWERS)
FLAG_LABELS = {
    "ausland": "Aufenthalt im Ausland",
    "termin": "Betrifft einen Termin beim Jobcenter",
    "dringend": "Dringend: Räumung oder Sperre in den nächsten 14 Tagen",
}


@pytest.fixture
def sb(client, staff):
    login_as(client, staff)
    return client


def submitted(jobcenter, key, *, language="en"):
    draft = make_draft(jobcenter, answers=ANSWERS[key], form_key=key)
    submission = intake.submission_create(draft=draft, language=language)
    drain()
    return Case.objects.get(submission=submission)


@pytest.mark.parametrize("key", KEYS)
def test_the_case_shows_form_answers_flags_and_documents(sb, jobcenter, key):
    label, value, documents, flags = EXPECTED[key]
    case = submitted(jobcenter, key)
    assert case.form_key == key and case.flags == flags
    html = sb.get(reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}))
    html = html.content.decode()
    assert str(forms.latest(key).title) in html
    assert label in html and value in html
    for flag in flags:
        assert FLAG_LABELS[flag] in html
    inbox = sb.get(reverse("backoffice:inbox")).content.decode()
    assert str(forms.latest(key).title) in inbox
    for flag in flags:
        assert FLAG_LABELS[flag] in inbox
    page = sb.get(reverse("backoffice:case_request", kwargs={"public_id": case.public_id}))
    offered = [k for k, _label in page.context["form"].fields["documents"].choices]
    assert set(documents) <= set(offered)


@pytest.mark.parametrize("key", KEYS)
def test_the_handover_bundle_validates_against_the_form_schema(jobcenter, key):
    make_integration(jobcenter)
    case = submitted(jobcenter, key)
    complete(case)
    drain()
    bundle = Bundle.objects.get(case=case, upload__isnull=True)
    parts = dict(handover.bundle_parts(bundle))
    schema = json.loads(parts["antwortschema.json"])
    # The schema of the version the answers were given to (make_draft: 2026-1).
    definition = forms.get(case.submission.form_ident)
    assert schema == json.loads(json.dumps(forms.form_json_schema(definition)))
    jsonschema.Draft202012Validator(schema).validate(json.loads(parts["antworten.json"]))


def test_a_message_is_routed_by_its_topic(jobcenter, staff):
    from jobcenter.accounts.models import Team

    team = Team.objects.create(jobcenter=jobcenter, name="Leistung Wohnen")
    RoutingRule.objects.create(
        jobcenter=jobcenter, position=1, kind="form", range_from="nachricht:wohnen", team=team
    )
    case = submitted(jobcenter, "nachricht")
    assert case.topic == "wohnen" and case.team == team


@pytest.mark.parametrize("key", KEYS)
def test_paper_intake_offers_the_form_and_statistics_count_both_channels(sb, jobcenter, key):
    submitted(jobcenter, key)
    response = sb.post(
        reverse("backoffice:paper_intake"),
        {
            "form_key": key,
            "received_on": timezone.localdate().isoformat(),
            "first_name": "Kim",
            "last_name": "Papier",
        },
    )
    assert response.status_code == 302
    assert Case.objects.get(channel="paper").form_key == key
    reporting.summary_rebuild(jobcenter=jobcenter)
    month = timezone.localdate().replace(day=1)
    series = {
        s.form_key: s
        for s in selectors.channel_by_month(jobcenter=jobcenter, first=month, last=month)
    }
    assert (series[key].total.online, series[key].total.paper) == (1, 1)
    assert report.short_label(key) == str(forms.latest(key).short_title)
