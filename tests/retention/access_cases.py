"""Access-matrix entry for the legal hold page of a case (staff of the case's Jobcenter)."""

from tests.casework.factories import make_case
from tests.security.access_matrix import register


@register(
    "retention:case_hold", allowed={"staff_same"}, method="POST", data={"reason": "widerspruch"}
)
def case_hold(world, actor):
    return {"public_id": make_case(world.jobcenter, user=world.owner).public_id}
