"""A Jobcenter's administrators keep their own routing rules in the admin, and only those."""

from jobcenter.accounts.models import Role
from jobcenter.casework.models import RoutingRule
from tests.accounts.fixtures import login_as, make_staff, make_team


def test_administrators_keep_their_own_routing_rules(client, jobcenter, other_jobcenter):
    team = make_team(jobcenter, "Team A–K")
    foreign_team = make_team(other_jobcenter, "Team fremd")
    foreign = RoutingRule.objects.create(
        jobcenter=other_jobcenter, kind="surname", range_from="A", range_to="Z", team=foreign_team
    )
    login_as(client, make_staff(jobcenter, roles=[Role.ADMINISTRATION]))
    response = client.post(
        "/admin/casework/routingrule/add/",
        {
            "jobcenter": jobcenter.pk,
            "position": 10,
            "kind": "surname",
            "range_from": "A",
            "range_to": "K",
            "team": team.pk,
            "assignee": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoutingRule.objects.filter(jobcenter=jobcenter, team=team).exists()
    listing = client.get("/admin/casework/routingrule/").content.decode()
    assert "Team fremd" not in listing
    assert client.get(f"/admin/casework/routingrule/{foreign.pk}/change/").status_code in (302, 404)
    # Another Jobcenter's team cannot be chosen.
    response = client.post(
        "/admin/casework/routingrule/add/",
        {
            "jobcenter": jobcenter.pk,
            "position": 20,
            "kind": "surname",
            "range_from": "L",
            "range_to": "Z",
            "team": foreign_team.pk,
            "assignee": "",
        },
    )
    assert response.status_code == 200
    assert not RoutingRule.objects.filter(team=foreign_team, jobcenter=jobcenter).exists()
    # Nor another Jobcenter itself.
    response = client.post(
        "/admin/casework/routingrule/add/",
        {
            "jobcenter": other_jobcenter.pk,
            "position": 30,
            "kind": "surname",
            "range_from": "L",
            "range_to": "Z",
            "team": team.pk,
            "assignee": "",
        },
    )
    assert response.status_code == 200
    assert RoutingRule.objects.filter(jobcenter=other_jobcenter).count() == 1


def test_casework_settings_stay_with_the_operator(client, jobcenter):
    login_as(client, make_staff(jobcenter, roles=[Role.ADMINISTRATION]))
    assert client.get("/admin/casework/caseworksettings/").status_code == 403


def test_caseworkers_do_not_reach_the_routing_rules(client, jobcenter):
    login_as(client, make_staff(jobcenter))
    assert client.get("/admin/casework/routingrule/").status_code in (302, 403)
