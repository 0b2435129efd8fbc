"""Access-matrix entries for the handover URLs.

The printable PDF of a case: staff of the case's Jobcenter only. The pull API is not reached
with a login but with an integration's token; its tenant scope (a token of Jobcenter A gets 404
for every bundle of B) is tested in tests/handover/test_api.py and by schemathesis.
"""

from tests.casework.factories import make_case
from tests.security.access_matrix import exempt, register

exempt("handover_api:*", reason="token per integration, scope tested in tests/handover")


@register("handover:print", allowed={"staff_same"})
def case_print(world, actor):
    return {"public_id": make_case(world.jobcenter, user=world.owner).public_id}


# Forwarded (§ 16 SGB I) from world.jobcenter to world.other_jobcenter: the print version of
# the old case for the old Jobcenter (only what it received), of the new case for the new one.
@register("handover:print", variant="alter Vorgang nach Weiterleitung", allowed={"staff_same"})
def old_case_print(world, actor):
    from tests.casework.access_cases import forwarded

    return {"public_id": forwarded(world, actor)[0].public_id}


@register("handover:print", variant="neuer Vorgang nach Weiterleitung", allowed={"staff_other"})
def new_case_print(world, actor):
    from tests.casework.access_cases import forwarded

    return {"public_id": forwarded(world, actor)[1].public_id}
