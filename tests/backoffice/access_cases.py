"""Access-matrix entries for the back-office URLs."""

from tests.accounts.fixtures import make_team
from tests.security.access_matrix import register


@register("backoffice:team_detail", allowed={"staff_same"})
def team_of_jobcenter(world, actor):
    return {"pk": make_team(world.jobcenter).pk}
