"""Transports in the admin: the operator configures them and makes API tokens (shown once);
a Jobcenter's administrators may not (they see deliveries: test_transports.py)."""

import re

import pytest

from jobcenter.accounts.models import Role
from jobcenter.handover.models import Transport
from tests.accounts.fixtures import login_as, make_staff
from tests.handover.helpers import auth

pytestmark = pytest.mark.django_db


def test_the_operator_adds_an_integration_and_gets_its_token_once(client, jobcenter):
    operator = make_staff(jobcenter, roles=[Role.ADMINISTRATION])
    operator.is_superuser = True
    operator.save()
    login_as(client, operator)
    response = client.post(
        "/admin/handover/transport/add/",
        {
            "jobcenter": jobcenter.pk,
            "kind": "api",
            "name": "E-Akte",
            "enabled": "on",
            "folder": "",
            "url": "",
            "secret": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    transport = Transport.objects.get(name="E-Akte")
    response = client.post(
        "/admin/handover/transport/", {"action": "renew_token", "_selected_action": [transport.pk]}
    )
    assert response.status_code == 200  # a page of its own, not a message after a redirect
    assert "no-store" in response["Cache-Control"]
    token = re.search(r"(jco_[A-Za-z0-9_-]+)", response.content.decode()).group(1)
    assert token not in str(response.cookies) and token not in str(client.cookies)
    assert token not in client.get("/admin/handover/transport/").content.decode()
    from jobcenter.audit.models import AuditEntry

    entry = AuditEntry.objects.get(object_type="transport", object_id=str(transport.public_id))
    assert entry.actor_id == operator.pk and entry.action == "change"
    assert token not in entry.summary
    transport.refresh_from_db()
    assert token not in transport.token_hash and transport.token_hint == token[:10]
    assert client.get("/api/v1/bundles", **auth(token)).status_code == 200
    # A push endpoint needs an http(s) URL and a key of at least 16 characters.
    response = client.post(
        "/admin/handover/transport/add/",
        {
            "jobcenter": jobcenter.pk,
            "kind": "push",
            "name": "Fachverfahren",
            "enabled": "on",
            "folder": "",
            "url": "ftp://example.invalid/x",
            "secret": "kurz",
        },
    )
    assert response.status_code == 200
    assert not Transport.objects.filter(name="Fachverfahren").exists()


def test_a_jobcenter_administrator_cannot_configure_transports(client, jobcenter):
    login_as(client, make_staff(jobcenter, roles=[Role.ADMINISTRATION]))
    assert client.get("/admin/handover/transport/").status_code == 403
    assert client.get("/admin/handover/delivery/").status_code == 200


def test_bundles_of_protected_cases_only_for_the_protected_team(client, jobcenter):
    from jobcenter.casework.models import Case, CaseworkSettings
    from jobcenter.handover.models import Bundle
    from tests.accounts.fixtures import make_team
    from tests.handover.helpers import complete, make_integration, make_ready_case
    from tests.intake.factories import drain

    team = make_team(jobcenter, "Beschäftigtenfälle")
    CaseworkSettings.objects.create(jobcenter=jobcenter, protected_team=team)
    make_integration(jobcenter)
    plain = make_ready_case(jobcenter, documents=0)
    secret = make_ready_case(jobcenter, documents=0, vorname="Eva")
    Case.objects.filter(pk=secret.pk).update(is_protected=True)
    for case in (plain, secret):
        complete(Case.objects.get(pk=case.pk))
    drain()
    hidden = Bundle.objects.get(case=secret)
    for teams, sees in (((), False), ((team,), True)):
        client.logout()
        login_as(client, make_staff(jobcenter, roles=[Role.ADMINISTRATION], teams=teams))
        for url in ("/admin/handover/bundle/", "/admin/handover/delivery/"):
            page = client.get(url).content.decode()
            assert plain.reference in page
            assert (secret.reference in page) is sees, (url, teams)
        detail = client.get(f"/admin/handover/bundle/{hidden.pk}/change/")
        assert (detail.status_code == 200) is sees
