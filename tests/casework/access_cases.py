"""Access-matrix entries for the casework URLs: back-office case pages and the citizen mailbox.

Cases are reached only by staff of the case's Jobcenter (staff_same); protected cases
(§ 35 SGB I) additionally need the protected team: tests/backoffice/test_protected_cases.py.
"""

import datetime as dt
import itertools

from django.utils import timezone

from jobcenter.casework import services
from tests.casework.factories import make_case
from tests.security.access_matrix import register

_bg = itertools.count(7_000_000)


def _case(world, actor):
    return make_case(world.jobcenter, user=world.owner)


def _case_kwargs(world, actor):
    return {"public_id": _case(world, actor).public_id}


for name in ("case_detail", "case_request", "case_forward", "case_match", "case_withdraw"):
    register(f"backoffice:{name}", allowed={"staff_same"})(_case_kwargs)

# POST actions: an allowed actor gets the redirect back to the case (< 400).
register(
    "backoffice:case_state", allowed={"staff_same"}, method="POST", data={"state": "in_bearbeitung"}
)(_case_kwargs)
register(
    "backoffice:case_assign",
    allowed={"staff_same"},
    method="POST",
    data={"assignee": "", "team": ""},
)(_case_kwargs)
register("backoffice:case_take", allowed={"staff_same"}, method="POST")(_case_kwargs)
register("backoffice:case_note", allowed={"staff_same"}, method="POST", data={"text": "Notiz"})(
    _case_kwargs
)
register(
    "backoffice:case_message",
    allowed={"staff_same"},
    method="POST",
    data={"subject": "Hallo", "body": "Text"},
)(_case_kwargs)
register("backoffice:case_protect", allowed={"staff_same"}, method="POST", data={"protected": "1"})(
    _case_kwargs
)


@register("backoffice:case_reopen", allowed={"staff_same"})
def withdrawn_case(world, actor):
    """Reopening is for team leads (staff_same is one; a caseworker without the role gets 404:
    tests/backoffice/test_case_pages.py)."""
    case = _case(world, actor)
    services.case_withdraw(case=case, by=world.staff_same, reason="Anruf")
    return {"public_id": case.public_id}


@register("portal:mailbox_request", allowed={"owner"})
def mailbox_request(world, actor):
    case = _case(world, actor)
    request = services.document_request_create(
        case=case,
        by=world.staff_same,
        items=[("mietvertrag", "Mietvertrag", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    return {"jobcenter": world.jobcenter.slug, "public_id": request.public_id}


@register("backoffice:customer_detail", allowed={"staff_same"})
def customer_detail(world, actor):
    from tests.casework.factories import make_customer

    return {"public_id": make_customer(world.jobcenter, bg_nummer="12345BG0000321").public_id}


@register(
    "backoffice:household_member_add",
    allowed={"staff_same"},
    method="POST",
    data={"role": "kind", "first_name": "Lia", "last_name": "Kind"},
)
def household_member_add(world, actor):
    from tests.casework.factories import make_customer

    customer = make_customer(world.jobcenter, bg_nummer=f"12345BG{next(_bg):07d}")
    return {"public_id": customer.memberships.get().household.public_id}


@register("backoffice:request_cancel", allowed={"staff_same"}, method="POST")
def request_cancel(world, actor):
    case = _case(world, actor)
    request = services.document_request_create(
        case=case,
        by=world.staff_same,
        items=[("mietvertrag", "Mietvertrag", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    return {"public_id": request.public_id}


@register("portal:mailbox_reply", allowed={"owner"}, method="POST", data={"nachricht": "Danke"})
def mailbox_reply(world, actor):
    return {"jobcenter": world.jobcenter.slug, "public_id": _case(world, actor).public_id}


@register("backoffice:customer_protect", allowed={"staff_same"})
def customer_protect(world, actor):
    """The confirmation page (the flag itself: tests/backoffice/test_customer_protection.py)."""
    from tests.casework.factories import make_customer

    return {
        "public_id": make_customer(world.jobcenter, bg_nummer=f"12345BG{next(_bg):07d}").public_id
    }


# --- forwarded cases (§ 16 SGB I): world.jobcenter forwards to world.other_jobcenter ----------
# staff_same is the old Jobcenter's staff, staff_other the new one's. Before the forwarding the
# plain rows above apply (the case is only the receiving Jobcenter's).

OLD, NEW = "alter Vorgang nach Weiterleitung", "neuer Vorgang nach Weiterleitung"


def forwarded(world, actor):
    """A case of world.jobcenter forwarded to world.other_jobcenter: (old case, new case)."""
    old = _case(world, actor)
    new = services.case_forward(
        case=old,
        to_jobcenter=world.other_jobcenter,
        by=world.staff_same,
        reason="Wohnort im Bezirk",
    )
    old.refresh_from_db()
    return old, new


def _old_case_kwargs(world, actor):
    return {"public_id": forwarded(world, actor)[0].public_id}


def _new_case_kwargs(world, actor):
    return {"public_id": forwarded(world, actor)[1].public_id}


# The old case stays readable for the Jobcenter that forwarded it (its record of what it
# received); the new case is the competent Jobcenter's alone.
register("backoffice:case_detail", variant=OLD, allowed={"staff_same"})(_old_case_kwargs)
for name in ("case_detail", "case_request", "case_forward", "case_match"):
    register(f"backoffice:{name}", variant=NEW, allowed={"staff_other"})(_new_case_kwargs)
for name, data in (
    ("case_state", {"state": "in_bearbeitung"}),
    ("case_take", {}),
    ("case_note", {"text": "Notiz"}),
):
    register(f"backoffice:{name}", variant=NEW, allowed={"staff_other"}, method="POST", data=data)(
        _new_case_kwargs
    )


@register("portal:mailbox_request", variant=NEW, allowed={"owner"})
def mailbox_request_after_forwarding(world, actor):
    _old, new = forwarded(world, actor)
    request = services.document_request_create(
        case=new,
        by=None,
        items=[("mietvertrag", "Mietvertrag", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    return {"jobcenter": world.other_jobcenter.slug, "public_id": request.public_id}


@register(
    "portal:mailbox_reply",
    variant=NEW,
    allowed={"owner"},
    method="POST",
    data={"nachricht": "Danke"},
)
def mailbox_reply_after_forwarding(world, actor):
    return {
        "jobcenter": world.other_jobcenter.slug,
        "public_id": forwarded(world, actor)[1].public_id,
    }


# A reply to the forwarded case would reach the old Jobcenter after the forwarding: nobody.
@register(
    "portal:mailbox_reply", variant=OLD, allowed=set(), method="POST", data={"nachricht": "Danke"}
)
def mailbox_reply_to_old_case(world, actor):
    return {"jobcenter": world.jobcenter.slug, "public_id": forwarded(world, actor)[0].public_id}


# Every other case URL after the forwarding: the old Jobcenter still reaches its own record (the
# action itself is refused there: tests/backoffice/test_forwarded_case_actions.py), the new one
# reaches only the new case; before the forwarding the plain rows apply.
for name in ("case_request", "case_forward", "case_match", "case_withdraw"):
    register(f"backoffice:{name}", variant=OLD, allowed={"staff_same"})(_old_case_kwargs)
register("backoffice:case_withdraw", variant=NEW, allowed={"staff_other"})(_new_case_kwargs)
for name, data in (
    ("case_state", {"state": "in_bearbeitung"}),
    ("case_take", {}),
    ("case_note", {"text": "Notiz"}),
    ("case_assign", {"assignee": "", "team": ""}),
    ("case_message", {"subject": "Hallo", "body": "Text"}),
    ("case_protect", {"protected": "1"}),
):
    register(f"backoffice:{name}", variant=OLD, allowed={"staff_same"}, method="POST", data=data)(
        _old_case_kwargs
    )
for name, data in (
    ("case_assign", {"assignee": "", "team": ""}),
    ("case_message", {"subject": "Hallo", "body": "Text"}),
    ("case_protect", {"protected": "1"}),
):
    register(f"backoffice:{name}", variant=NEW, allowed={"staff_other"}, method="POST", data=data)(
        _new_case_kwargs
    )


@register("backoffice:case_reopen", variant=NEW, allowed={"staff_other"})
def withdrawn_after_forwarding(world, actor):
    _old, new = forwarded(world, actor)
    services.case_withdraw(case=new, by=world.staff_other, reason="Anruf")
    return {"public_id": new.public_id}


def _open_request(case, by):
    return services.document_request_create(
        case=case,
        by=by,
        items=[("mietvertrag", "Mietvertrag", "")],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )


@register("backoffice:request_cancel", variant=OLD, allowed={"staff_same"}, method="POST")
def request_of_the_old_case(world, actor):
    """Asked for before the forwarding (which took it back): the old Jobcenter's record."""
    case = _case(world, actor)
    request = _open_request(case, world.staff_same)
    # Back in progress (a case waiting for documents is not forwarded), then forwarded.
    services.case_transition(case=case, to_state="in_bearbeitung", by=world.staff_same)
    services.case_forward(
        case=case, to_jobcenter=world.other_jobcenter, by=world.staff_same, reason="Umzug"
    )
    return {"public_id": request.public_id}


@register("backoffice:request_cancel", variant=NEW, allowed={"staff_other"}, method="POST")
def request_of_the_new_case(world, actor):
    _old, new = forwarded(world, actor)
    return {"public_id": _open_request(new, world.staff_other).public_id}
