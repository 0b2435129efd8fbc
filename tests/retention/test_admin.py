"""A Jobcenter's administrators set their own retention rules in the admin, within limits."""

from jobcenter.accounts.models import Role
from jobcenter.retention.models import RetentionRule
from tests.accounts.fixtures import login_as, make_staff


def test_administrators_set_their_own_rule_within_the_limits(client, jobcenter, other_jobcenter):
    foreign = RetentionRule.objects.create(
        jobcenter=other_jobcenter, category="case", period=12, unit="years", action="delete"
    )
    login_as(client, make_staff(jobcenter, roles=[Role.ADMINISTRATION]))
    url = "/admin/retention/retentionrule/add/"
    too_short = {
        "jobcenter": jobcenter.pk,
        "category": "case",
        "doc_type": "",
        "period": 3,
        "unit": "years",
        "action": "delete",
    }
    assert client.post(url, too_short).status_code == 200
    assert not RetentionRule.objects.filter(jobcenter=jobcenter).exists()
    response = client.post(url, {**too_short, "period": 12})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RetentionRule.objects.get(jobcenter=jobcenter).period == 12
    assert (
        client.post(url, {**too_short, "jobcenter": other_jobcenter.pk, "period": 15}).status_code
        == 200
    )
    assert client.get(f"/admin/retention/retentionrule/{foreign.pk}/change/").status_code in (
        302,
        404,
    )
    assert client.get("/admin/retention/deletionrecord/").status_code == 200
    assert client.get("/admin/retention/shredrun/").status_code == 403
