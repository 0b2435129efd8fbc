"""The pull API: token scope per Jobcenter, offer until acknowledged, idempotent acknowledgement,
responses as described by the served OpenAPI schema."""

import hashlib
import json

import jsonschema
import pytest
from django.urls import reverse

from jobcenter.casework.models import Case, CaseEvent
from jobcenter.handover import openapi
from jobcenter.handover.models import Transport
from tests.handover.helpers import auth, complete, get_json, make_integration, make_ready_case
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bundles"


def conforms(data, component: str) -> None:
    schema = {
        **openapi.SCHEMA["components"]["schemas"][component],
        "components": openapi.SCHEMA["components"],
    }
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        data
    )


def _ready(jobcenter, name="E-Akte", **person):
    transport, token = make_integration(jobcenter, name)
    case = make_ready_case(jobcenter, **person)
    complete(case)
    drain()
    return transport, token, case


def test_the_schema_is_served_as_json_without_a_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == json.loads(json.dumps(openapi.SCHEMA))
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer jco_wrong", "Basic abc", "Token x"])
def test_without_a_valid_token_401(client, jobcenter, header):
    make_integration(jobcenter)
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(LIST, **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    conforms(json.loads(response.content), "Error")


def test_tokens_are_stored_hashed_and_a_disabled_integration_is_refused(client, jobcenter):
    transport, token = make_integration(jobcenter)
    transport.refresh_from_db()
    assert token not in transport.token_hash
    assert transport.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert client.get(LIST, **auth(token)).status_code == 200
    Transport.objects.filter(pk=transport.pk).update(enabled=False)
    assert client.get(LIST, **auth(token)).status_code == 401


def test_pull_verify_acknowledge_moves_the_case_to_uebergeben(client, jobcenter):
    _transport, token, case = _ready(jobcenter)
    response, page = get_json(client, LIST, token)
    assert response.status_code == 200
    conforms(page, "BundleList")
    assert len(page["bundles"]) == 1
    item = page["bundles"][0]
    assert item["reference"] == case.reference and item["kind"] == "antrag"

    response, detail = get_json(client, f"{LIST}/{item['id']}", token)
    conforms(detail, "Bundle")
    manifest = json.loads(
        client.get(f"{LIST}/{item['id']}/parts/manifest.json", **auth(token)).content
    )
    for entry in manifest["parts"]:
        got = client.get(f"{LIST}/{item['id']}/parts/{entry['name']}", **auth(token))
        assert got.status_code == 200
        assert got["Content-Type"] == entry["media_type"]
        assert hashlib.sha256(got.content).hexdigest() == entry["sha256"]

    # Not acknowledged: offered again.
    assert get_json(client, LIST, token)[1]["bundles"][0]["id"] == item["id"]
    assert Case.objects.get(pk=case.pk).state == "vollstaendig"

    response = client.post(f"{LIST}/{item['id']}/acknowledge", **auth(token))
    assert response.status_code == 200
    first = json.loads(response.content)
    conforms(first, "Acknowledgement")
    assert first["already_acknowledged"] is False
    case.refresh_from_db()
    assert case.state == "uebergeben"
    event = case.events.filter(to_state="uebergeben").get()
    assert "Abruf-Schnittstelle „E-Akte“" in event.text

    # Twice is harmless: same answer, no second event, no longer offered.
    again = json.loads(client.post(f"{LIST}/{item['id']}/acknowledge", **auth(token)).content)
    assert again["already_acknowledged"] is True
    assert again["acknowledged_at"] == first["acknowledged_at"]
    assert case.events.filter(kind__in=["state", "handover"], to_state="uebergeben").count() == 1
    assert not CaseEvent.objects.filter(case=case, kind="handover").exists()
    assert get_json(client, LIST, token)[1]["bundles"] == []
    assert get_json(client, f"{LIST}/{item['id']}", token)[1]["acknowledged_at"]


def test_a_token_of_jobcenter_a_sees_nothing_of_b(client, jobcenter, other_jobcenter):
    _a, token_a, _case_a = _ready(jobcenter)
    _b, token_b, case_b = _ready(other_jobcenter, vorname="Bea")
    b_id = get_json(client, LIST, token_b)[1]["bundles"][0]["id"]

    listed = get_json(client, LIST, token_a)[1]["bundles"]
    assert b_id not in [b["id"] for b in listed] and len(listed) == 1
    for url in (
        f"{LIST}/{b_id}",
        f"{LIST}/{b_id}/parts/akte.pdf",
        f"{LIST}/{b_id}/parts/manifest.json",
    ):
        response = client.get(url, **auth(token_a))
        assert response.status_code == 404
        conforms(json.loads(response.content), "Error")
    assert client.post(f"{LIST}/{b_id}/acknowledge", **auth(token_a)).status_code == 404
    case_b.refresh_from_db()
    assert case_b.state == "vollstaendig"


def test_cursor_pages_and_bad_parameters(client, jobcenter):
    _transport, token = make_integration(jobcenter)
    for name in ("Ada", "Ben", "Cem"):
        complete(make_ready_case(jobcenter, vorname=name))
    drain()
    first = get_json(client, f"{LIST}?limit=2", token)[1]
    assert len(first["bundles"]) == 2 and first["next_cursor"] == first["bundles"][1]["cursor"]
    rest = get_json(client, f"{LIST}?limit=2&since={first['next_cursor']}", token)[1]
    assert len(rest["bundles"]) == 1 and rest["next_cursor"] is None
    for bad in (
        "since=-1",
        "since=x",
        "limit=0",
        "limit=201",
        "limit=²",
        "since=¹",
        "limit=٣",
        "since=１",
    ):
        response = client.get(f"{LIST}?{bad}", **auth(token))
        assert response.status_code == 400, bad
    assert client.get(f"{LIST}/not-a-uuid", **auth(token)).status_code == 404


def test_the_api_needs_no_csrf_token_and_sets_no_cookie(jobcenter):
    from django.test import Client

    _t, token, _case = _ready(jobcenter)
    client = Client(enforce_csrf_checks=True)
    bundle_id = get_json(client, LIST, token)[1]["bundles"][0]["id"]
    response = client.post(f"{LIST}/{bundle_id}/acknowledge", **auth(token))
    assert response.status_code == 200
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_urls_are_reversible():
    assert reverse("handover_api:schema") == "/api/v1/openapi.json"


def test_the_demo_integration_token_works_and_seeding_twice_keeps_one(client, jobcenter):
    from jobcenter.handover.demo import seed_integration

    token = seed_integration(jobcenter)
    assert seed_integration(jobcenter) == token
    assert Transport.objects.filter(jobcenter=jobcenter, kind="api").count() == 1
    assert client.get(LIST, **auth(token)).status_code == 200


def test_a_missing_part_file_is_a_json_503_not_a_500(client, jobcenter):
    from django.core.files.storage import default_storage

    from jobcenter.handover.models import Bundle

    _transport, token, case = _ready(jobcenter)
    bundle = Bundle.objects.get(case=case)
    default_storage.delete(bundle.part_info("akte.pdf")["path"])
    response = client.get(f"{LIST}/{bundle.public_id}/parts/akte.pdf", **auth(token))
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    conforms(json.loads(response.content), "Error")


def test_a_bundle_made_first_but_built_last_is_not_skipped_by_the_cursor(client, jobcenter):
    """Bundle 1 is made first, but its build finishes after bundle 2's: a client that paged
    past bundle 2 still gets bundle 1 from its next_cursor."""
    from jobcenter.handover import services
    from jobcenter.handover.models import Bundle

    _transport, token = make_integration(jobcenter)
    slow = make_ready_case(jobcenter, vorname="Ada")
    fast = make_ready_case(jobcenter, vorname="Ben")
    complete(slow)
    complete(fast)
    slow_bundle, fast_bundle = Bundle.objects.get(case=slow), Bundle.objects.get(case=fast)
    assert slow_bundle.pk < fast_bundle.pk
    services.bundle_build(fast_bundle.pk)
    first = get_json(client, f"{LIST}?limit=1", token)[1]
    assert [b["id"] for b in first["bundles"]] == [str(fast_bundle.public_id)]
    services.bundle_build(slow_bundle.pk)  # finished late
    rest = get_json(client, f"{LIST}?limit=1&since={first['next_cursor']}", token)[1]
    conforms(rest, "BundleList")
    assert [b["id"] for b in rest["bundles"]] == [str(slow_bundle.public_id)]
    assert rest["bundles"][0]["cursor"] > first["next_cursor"]


def test_every_part_download_is_audited_with_the_integration_as_actor(client, jobcenter):
    from jobcenter.audit.models import AuditEntry
    from jobcenter.handover.models import Bundle

    _transport, token, case = _ready(jobcenter, name="E-Akte Nord")
    bundle = Bundle.objects.get(case=case)
    before = AuditEntry.objects.count()
    for name in ("akte.pdf", "manifest.json"):
        assert (
            client.get(f"{LIST}/{bundle.public_id}/parts/{name}", **auth(token)).status_code == 200
        )
    entries = list(AuditEntry.objects.order_by("pk")[before:])
    assert [e.summary.split(":")[1].split()[0] for e in entries] == ["akte.pdf", "manifest.json"]
    for entry in entries:
        assert entry.action == "export" and entry.reason == "handover"
        assert entry.actor_name == "Integration: E-Akte Nord" and entry.actor_id is None
        assert entry.object_type == "case" and entry.object_id == str(case.public_id)
        assert entry.jobcenter_id == jobcenter.pk
