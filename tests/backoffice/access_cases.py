"""Access-matrix entries for the back-office URLs."""

from tests.accounts.fixtures import make_team
from tests.security.access_matrix import register


@register("backoffice:team_detail", allowed={"staff_same"})
def team_of_jobcenter(world, actor):
    return {"pk": make_team(world.jobcenter).pk}


def _letter_request(case, by):
    import datetime as dt

    from django.utils import timezone

    from jobcenter.casework import services

    return services.document_request_create(
        case=case,
        by=by,
        items=[("mietvertrag", "Mietvertrag", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )


@register("backoffice:request_letter", allowed={"staff_same"})
def request_letter(world, actor):
    from tests.casework.factories import make_case

    return {"public_id": _letter_request(make_case(world.jobcenter), world.staff_same).public_id}


@register(
    "backoffice:request_letter",
    variant="Anforderung des neuen Vorgangs nach Weiterleitung",
    allowed={"staff_other"},
)
def request_letter_after_forwarding(world, actor):
    from tests.casework.access_cases import forwarded

    _old, new = forwarded(world, actor)
    return {"public_id": _letter_request(new, None).public_id}


@register(
    "backoffice:request_letter",
    variant="Anforderung des alten Vorgangs nach Weiterleitung",
    allowed={"staff_same"},
)
def request_letter_of_the_old_case(world, actor):
    """The letter the first Jobcenter sent stays in its record; the new one cannot print it."""
    from jobcenter.casework import services
    from tests.casework.factories import make_case

    case = make_case(world.jobcenter)
    request = _letter_request(case, world.staff_same)
    # Back in progress (a case waiting for documents is not forwarded), then forwarded.
    services.case_transition(case=case, to_state="in_bearbeitung", by=world.staff_same)
    services.case_forward(
        case=case, to_jobcenter=world.other_jobcenter, by=world.staff_same, reason="Umzug"
    )
    return {"public_id": request.public_id}
