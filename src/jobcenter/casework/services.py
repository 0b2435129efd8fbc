"""Writes of the casework app: open, route, move, assign, link, forward, request documents.

Every change of a case runs in one transaction with the case row locked, writes a ``CaseEvent``
(who, when, what) and an audit entry (jobcenter.audit). Functions take keyword-only arguments and
raise ``CaseworkError`` (with a message for the caseworker) when a change is not allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.accounts import access
from jobcenter.accounts.models import Role as StaffRole
from jobcenter.audit import services as audit
from jobcenter.casework import selectors, signals
from jobcenter.casework.jobs import mailbox_notice_email
from jobcenter.casework.models import (
    TRANSITIONS,
    Case,
    CaseEvent,
    CaseworkSettings,
    Customer,
    DocumentRequest,
    DocumentRequestItem,
    Household,
    HouseholdMember,
    Message,
    Note,
    RoutingRule,
)
from jobcenter.casework.normalise import norm_name, norm_number
from jobcenter.core.mail import email_queue
from jobcenter.forms import selectors as form_selectors
from jobcenter.forms.roles import Role
from jobcenter.intake import services as intake

State = Case.State
Event = CaseEvent.Kind

LEGAL_NOTICE = gettext_lazy(
    "Sie sind nach § 60 Erstes Buch Sozialgesetzbuch (SGB I) verpflichtet, Tatsachen anzugeben, "
    "die für die Leistung erheblich sind, und Beweisurkunden vorzulegen. Wenn Sie die "
    "angeforderten Unterlagen nicht bis zum genannten Datum einreichen und dadurch die "
    "Aufklärung des Sachverhalts erheblich erschwert wird, kann das Jobcenter die Leistung nach "
    "§ 66 SGB I ganz oder teilweise versagen, bis Sie die Mitwirkung nachholen. Wenn Sie die "
    "Unterlagen nicht rechtzeitig beschaffen können, melden Sie sich bitte vor Ablauf der Frist."
)


class CaseworkError(Exception):
    """A change that is not allowed; ``str(error)`` is the message for the caseworker."""


class TransitionRefused(CaseworkError):
    pass


# --- reading the applicant from the answers ------------------------------------------------------


def applicant_facts(submission) -> dict[str, Any]:
    """The applicant facts the inbox needs, asked of the form engine by role (any form, any
    version), cut to the lengths of the case and customer columns."""
    facts = form_selectors.applicant_facts(submission.form_ident, submission.answers)
    return {
        "first_name": facts.first_name[:100],
        "last_name": facts.last_name[:100],
        "birth_date": facts.birth_date,
        "bg_nummer": facts.bg_nummer[:20],
        "kundennummer": facts.kundennummer[:10],
        "street": facts.current_street[:200],
        "postcode": facts.current_postcode[:5],
        "city": facts.current_city[:100],
        "topic": facts.topic[:50],
        "email": facts.email[:254],
        "phone": facts.phone[:50],
    }


def settings_for(jobcenter) -> CaseworkSettings:
    found = CaseworkSettings.objects.filter(jobcenter=jobcenter).first()
    if found is None:
        found, _created = CaseworkSettings.objects.get_or_create(jobcenter=jobcenter)
    return found


# --- routing -------------------------------------------------------------------------------------


def _rule_matches(rule: RoutingRule, case: Case) -> bool:
    low = rule.range_from.strip().lower()
    high = (rule.range_to or rule.range_from).strip().lower()
    if rule.kind == RoutingRule.Kind.SURNAME:
        name = case.last_name_norm
        if not name or not low:
            return False
        # "a"–"k" covers every name starting with a … k; compare only as many letters as given.
        return name[: len(low)] >= low and name[: len(high)] <= high
    if rule.kind == RoutingRule.Kind.POSTCODE:
        return bool(case.postcode) and low <= case.postcode <= high
    if rule.kind == RoutingRule.Kind.FORM:
        # "nachricht" takes every general message, "nachricht:miete" only those on that topic.
        return low in (case.form_key, f"{case.form_key}:{case.topic}")
    return False


def route(case: Case) -> RoutingRule | None:
    for rule in RoutingRule.objects.filter(jobcenter=case.jobcenter_id).select_related("team"):
        if _rule_matches(rule, case):
            return rule
    return None


def _event(
    case: Case,
    kind: str,
    *,
    actor=None,
    text: str = "",
    from_state: str = "",
    to_state: str = "",
    at: dt.datetime | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        text=text[:500],
        from_state=from_state,
        to_state=to_state,
        at=at or timezone.now(),
    )


def _audit(case: Case, actor, action: str, summary: str, reason: str = "") -> None:
    audit.record(
        actor=actor,
        jobcenter=case.jobcenter,
        action=action,
        object_type="case",
        object_id=case.public_id,
        summary=summary,
        reason=reason,
    )


def _case_from(submission, *, jobcenter, received_at=None, forwarded_from=None) -> Case:
    facts = applicant_facts(submission)
    case = Case(
        jobcenter=jobcenter,
        submission=submission,
        forwarded_from=forwarded_from,
        reference=submission.reference,
        form_key=submission.form_key,
        channel=submission.channel,
        received_at=received_at or submission.received_at,
        first_name=facts["first_name"],
        last_name=facts["last_name"],
        last_name_norm=norm_name(facts["last_name"]),
        birth_date=facts["birth_date"],
        bg_nummer=facts["bg_nummer"],
        kundennummer=facts["kundennummer"],
        postcode=facts["postcode"],
        topic=facts["topic"],
        flags=form_selectors.case_flags(submission.form_ident, submission.answers),
    )
    case.urgent = any(
        flag.urgent for flag in form_selectors.flags_shown(submission.form_ident, case.flags)
    )
    # § 35 SGB I: any flagged person behind the numbers given (not only the first one found).
    case.known_customer, case.is_protected = _numbers_known_and_flagged(
        jobcenter.pk, facts["kundennummer"], facts["bg_nummer"]
    )
    rule = route(case)
    if rule is not None:
        case.team, case.assignee = rule.team, rule.assignee
    case.save()
    _event(
        case,
        Event.CREATED,
        at=case.received_at,
        text=_("Eingang über %(channel)s") % {"channel": submission.get_channel_display()},
    )
    if rule is not None:
        _event(case, Event.ROUTED, text=_("Regel: %(rule)s") % {"rule": str(rule)})
    return case


def case_open_for_submission(submission, draft=None, *, new: bool = False) -> Case:
    """Open the case of a submission, or return the one it has (inside the submitting
    transaction). ``new``: the submission was inserted in this very transaction (the
    ``submission_created`` hook), so it has no case yet and none is looked for — one statement
    less under the lock that serialises submits; the database still allows one open case per
    submission."""
    if not new:
        existing = Case.objects.filter(submission=submission).first()
        if existing is not None:
            return existing
    # Without a case there is no forwarding yet.
    return _case_from(submission, jobcenter=selectors.competent_jobcenter_of_new(submission))


def case_take_reference(submission) -> None:
    """Give the case opened for ``submission`` its reference, counted after the case was opened
    (one UPDATE, under the reference counter's lock: nothing else happens here)."""
    Case.objects.filter(submission=submission).update(reference=submission.reference)


# --- workflow ------------------------------------------------------------------------------------


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("jobcenter").get(pk=case.pk)


def allowed_targets(case: Case) -> list[str]:
    """States the caseworker may pick by button (forwarding and requests have their own forms)."""
    return [
        s
        for s in State.values
        if s in TRANSITIONS[case.state]
        and s not in (State.WEITERGELEITET, State.UNTERLAGEN_ANGEFORDERT)
    ]


def _move(
    case: Case,
    to_state: str,
    *,
    by,
    text: str = "",
    reason: str = "",
    allowed: Iterable[str] | None = None,
) -> None:
    if to_state not in (TRANSITIONS.get(case.state, ()) if allowed is None else allowed):
        raise TransitionRefused(
            _("Von „%(from)s“ geht es nicht zu „%(to)s“.")
            % {
                "from": State(case.state).label,
                "to": State(to_state).label if to_state in State.values else to_state,
            }
        )
    from_state = case.state
    case.state = to_state
    case.state_changed_at = timezone.now()
    case.save(update_fields=["state", "state_changed_at", "updated_at"])
    _event(case, Event.STATE, actor=by, from_state=from_state, to_state=to_state, text=text)
    _audit(case, by, audit.Action.CHANGE, f"Status {from_state} → {to_state}", reason=reason)
    signals.case_transitioned.send(sender=Case, case=case, from_state=from_state, to_state=to_state)


def case_record_handover(*, case: Case, how: str, first: bool) -> Case:
    """The handover app delivered a bundle of this case (``how``: transport and what).

    The first delivery of the application moves a "vollständig" case to "übergeben"; every
    other delivery (a later document, another transport, a case in another state) is one entry
    of the history. Runs with the case row locked; the handover app calls it once per delivery
    (under the delivery's row lock).
    """
    with transaction.atomic():
        locked = _locked(case)
        if first and locked.state == State.VOLLSTAENDIG:
            _move(locked, State.UEBERGEBEN, by=None, text=how)
        else:
            _event(locked, Event.HANDOVER, text=how)
            _audit(locked, None, audit.Action.CHANGE, f"Übergabe: {how}")
    return locked


def case_transition(*, case: Case, to_state: str, by, text: str = "") -> Case:
    """Move a case along the workflow; anything not in ``TRANSITIONS`` raises TransitionRefused.

    Forwarding needs the target Jobcenter (``case_forward``).
    """
    if to_state == State.WEITERGELEITET:
        raise TransitionRefused(_("Zum Weiterleiten bitte das Jobcenter auswählen."))
    with transaction.atomic():
        locked = _locked(case)
        _move(locked, to_state, by=by, text=text)
    return locked


def case_complete_at_once(*, case: Case, by) -> Case:
    """ "Eingegangen → Vollständig" in one click for a case that lacks nothing: every document
    the answers call for has arrived and no request is open (``selectors.open_needs``).

    Recorded as the two steps of the workflow (in Bearbeitung, then vollständig), so
    ``TRANSITIONS`` stays the only way a case moves and the history says who looked at it."""
    with transaction.atomic():
        locked = _locked(case)
        if locked.state != State.EINGEGANGEN:
            raise TransitionRefused(
                _("Nur ein eingegangener Vorgang kann in einem Schritt vollständig werden.")
            )
        missing = selectors.open_needs(locked)
        if missing:
            raise CaseworkError(
                _("Es fehlt noch etwas: %(titles)s. Bitte fordern Sie es an.")
                % {"titles": ", ".join(need.title for need in missing)}
            )
        _move(locked, State.IN_BEARBEITUNG, by=by)
        _move(locked, State.VOLLSTAENDIG, by=by, text=_("Es fehlte nichts."))
    return locked


def case_withdraw(*, case: Case, by, reason: str) -> Case:
    """The applicant withdrew the application (by letter, phone or in person).

    Asked for on a page of its own with the reason, which the history and the audit log keep:
    the case is closed, its open document requests are taken back (no reminder goes out), and
    only a team lead can reopen it (``case_reopen``).
    """
    reason = reason.strip()
    if not reason:
        raise CaseworkError(_("Bitte geben Sie den Grund an."))
    with transaction.atomic():
        locked = _locked(case)
        _move(
            locked,
            State.ZURUECKGEZOGEN,
            by=by,
            reason=reason[:300],
            text=_("Zurückgezogen: %(reason)s") % {"reason": reason},
        )
        locked.document_requests.filter(status=DocumentRequest.Status.OPEN).update(
            status=DocumentRequest.Status.CANCELLED
        )
    return locked


def may_reopen(user) -> bool:
    return access.has_role(user, StaffRole.TEAMLEITUNG)


def case_reopen(*, case: Case, by, reason: str) -> Case:
    """A team lead takes a withdrawn case up again (e.g. withdrawn by mistake): it is
    "in Bearbeitung" once more; the history and the audit log keep who did it and why."""
    reason = reason.strip()
    if not may_reopen(by):
        raise CaseworkError(_("Nur die Teamleitung kann einen Vorgang wieder aufnehmen."))
    if not reason:
        raise CaseworkError(_("Bitte geben Sie den Grund an."))
    with transaction.atomic():
        locked = _locked(case)
        if locked.state != State.ZURUECKGEZOGEN:
            raise CaseworkError(
                _("Nur ein zurückgezogener Vorgang kann wieder aufgenommen werden.")
            )
        _move(
            locked,
            State.IN_BEARBEITUNG,
            by=by,
            reason=reason[:300],
            allowed={State.IN_BEARBEITUNG},
            text=_("Wieder aufgenommen: %(reason)s") % {"reason": reason},
        )
    return locked


def _check_staff(jobcenter, user, team) -> None:
    if user is not None:
        profile = getattr(user, "staff_profile", None)
        if profile is None or profile.jobcenter_id != jobcenter.pk:
            raise CaseworkError(_("Diese Person gehört nicht zu Ihrem Jobcenter."))
    if team is not None and team.jobcenter_id != jobcenter.pk:
        raise CaseworkError(_("Dieses Team gehört nicht zu Ihrem Jobcenter."))


_UNCHANGED = object()


def case_assign(*, case: Case, by, assignee=_UNCHANGED, team=_UNCHANGED) -> Case:
    """Give the case to a person and/or a team (``None`` removes it). Not a forwarded case: it
    is the competent Jobcenter's now."""
    with transaction.atomic():
        locked = _locked(case)
        if locked.state == State.WEITERGELEITET:
            raise CaseworkError(
                _("Der Vorgang ist weitergeleitet und wird hier nicht mehr bearbeitet.")
            )
        _check_staff(
            locked.jobcenter,
            None if assignee is _UNCHANGED else assignee,
            None if team is _UNCHANGED else team,
        )
        if (
            assignee is not _UNCHANGED
            and assignee is not None
            and not selectors.may_be_assigned(locked, assignee)
        ):
            raise CaseworkError(
                _("Diese Person kann den Vorgang nicht öffnen und ihn darum nicht bearbeiten.")
            )
        parts = []
        if assignee is not _UNCHANGED and assignee != locked.assignee:
            locked.assignee = assignee
            parts.append(
                _("Bearbeitung: %(who)s")
                % {"who": (assignee.get_full_name() or assignee.username) if assignee else "–"}
            )
        if team is not _UNCHANGED and team != locked.team:
            locked.team = team
            parts.append(_("Team: %(team)s") % {"team": team.name if team else "–"})
        if parts:
            locked.save(update_fields=["assignee", "team", "updated_at"])
            _event(locked, Event.ASSIGNED, actor=by, text="; ".join(parts))
            _audit(locked, by, audit.Action.CHANGE, "Zuweisung geändert")
    return locked


def cases_bulk(
    *, cases: Iterable[Case], by, to_state: str | None = None, assignee=_UNCHANGED, team=_UNCHANGED
) -> tuple[int, list[str]]:
    """Bulk state change and/or assignment; returns (cases changed, references refused).

    A case counts as changed only if its state, person or team is different afterwards (a case
    already assigned as asked is not), so "0 changed" can be told as "nothing changed"."""
    done, refused = 0, []
    for case in cases:
        before = (case.state, case.assignee_id, case.team_id)
        try:
            with transaction.atomic():
                after = case
                if assignee is not _UNCHANGED or team is not _UNCHANGED:
                    after = case_assign(case=case, by=by, assignee=assignee, team=team)
                if to_state:
                    after = case_transition(case=after, to_state=to_state, by=by)
        except CaseworkError:
            refused.append(case.reference)
            continue
        if (after.state, after.assignee_id, after.team_id) != before:
            done += 1
    return done, refused


def case_add_note(*, case: Case, by, text: str) -> Note:
    text = text.strip()
    if not text:
        raise CaseworkError(_("Bitte schreiben Sie eine Notiz."))
    with transaction.atomic():
        note = Note.objects.create(case=case, author=by, text=text[:5000])
        _event(case, Event.NOTE, actor=by, text=text[:200])
        _audit(case, by, audit.Action.CHANGE, "Notiz hinzugefügt")
    return note


def case_set_protected(*, case: Case, by, protected: bool) -> Case:
    """Protect one case by hand (or lift that). Lifting leaves the case protected while a
    flagged customer belongs to it (``is_protected`` is "by hand or a flagged person")."""
    with transaction.atomic():
        locked = _locked(case)
        locked.protected_by_hand = protected
        locked.is_protected = _protection_of(locked)
        locked.save(update_fields=["is_protected", "protected_by_hand", "updated_at"])
        if protected:
            text = _("Geschützt (§ 35 SGB I)")
        elif locked.is_protected:
            text = _("Schutz von Hand aufgehoben; bleibt geschützt (Beschäftigtenfall)")
        else:
            text = _("Nicht mehr geschützt")
        _event(locked, Event.PROTECTED, actor=by, text=text)
        _audit(
            locked,
            by,
            audit.Action.CHANGE,
            f"Schutz {'an' if protected else 'aus'}"
            + (" (bleibt: Kundin/Kunde)" if locked.is_protected and not protected else ""),
        )
    return locked


# --- § 35 SGB I: customers who work at the Jobcenter or are related to someone who does -----------

PROTECTION_REASONS = {
    "beschaeftigt": gettext_lazy("Beschäftigte/Beschäftigter des Jobcenters"),
    "angehoerig": gettext_lazy("Angehörige/Angehöriger einer/eines Beschäftigten"),
}


def customer_set_protected(
    *, customer: Customer, by, protected: bool, reason: str = "", comment: str = ""
) -> int:
    """Flag (or unflag) a customer as an employee of the Jobcenter or a relative of one.

    Flagging protects every case of the customer and of their households at once, so only the
    protected team sees them (selectors.visible_cases). Unflagging leaves a case protected
    while another person of it is still flagged or it was protected by hand (_protection_of).
    Each case gets a history entry; the customer and each case an audit entry.
    Returns the number of cases changed.

    Who may (checked by the caller, backoffice.cases): flag — everyone who works on cases and
    sees the customer (whoever notices must be able to protect at once); unflag — only members
    of the protected team, the only ones who still see the customer.
    """
    if protected and reason not in PROTECTION_REASONS:
        raise CaseworkError(_("Bitte wählen Sie aus, warum die Person geschützt wird."))
    if not protected and not comment.strip():
        raise CaseworkError(_("Bitte geben Sie an, warum der Schutz aufgehoben wird."))
    with transaction.atomic():
        locked = (
            Customer.objects.select_for_update().select_related("jobcenter").get(pk=customer.pk)
        )
        if protected and not settings_for(locked.jobcenter).protected_team_id:
            raise CaseworkError(
                _(
                    "Für Ihr Jobcenter ist kein Team für geschützte Fälle "
                    "festgelegt. Bitte wenden Sie sich an die Administration."
                )
            )
        if locked.is_protected == protected:
            return 0
        locked.is_protected = protected
        locked.save(update_fields=["is_protected"])
        why = str(PROTECTION_REASONS[reason]) if protected else comment.strip()
        summary = f"Beschäftigtenfall an ({reason})" if protected else "Beschäftigtenfall aus"
        audit.record(
            actor=by,
            jobcenter=locked.jobcenter,
            action=audit.Action.CHANGE,
            object_type="customer",
            object_id=locked.public_id,
            summary=summary,
            reason=why,
        )
        changed = 0
        for case in selectors.cases_touching(locked).select_for_update().order_by("id"):
            # Unflagging keeps a case protected by hand or by another flagged person.
            changed += _update_protection(
                case,
                by,
                why=why,
                summary="(Kundin/Kunde)",
                on=_("Geschützt (§ 35 SGB I): %(why)s") % {"why": why},
                off=_("Nicht mehr geschützt: %(why)s") % {"why": why},
            )
    return changed


def _numbers_flagged(jobcenter_id, kundennummer: str, bg_nummer: str) -> bool:
    """A flagged customer is behind the numbers an application gave: the customer with this
    Kundennummer, anyone in their households, anyone in the household with this BG-Nummer."""
    return _numbers_known_and_flagged(jobcenter_id, kundennummer, bg_nummer)[1]


def _numbers_known_and_flagged(
    jobcenter_id, kundennummer: str, bg_nummer: str
) -> tuple[bool, bool]:
    """Whether the numbers an application gave name a known customer (the customer with this
    Kundennummer, a member of the household with this BG-Nummer), and whether a flagged
    customer is behind them (``_numbers_flagged``). One query per number in the usual case: the
    case opening runs under the lock that serialises submits."""
    known = flagged = False
    if kundennummer:
        protected = list(
            Customer.objects.filter(jobcenter=jobcenter_id, kundennummer=kundennummer).values_list(
                "is_protected", flat=True
            )
        )
        known, flagged = bool(protected), any(protected)
        if known and not flagged:
            theirs = HouseholdMember.objects.filter(
                customer__jobcenter=jobcenter_id, customer__kundennummer=kundennummer
            ).values("household_id")
            flagged = HouseholdMember.objects.filter(
                household__in=theirs, customer__is_protected=True
            ).exists()
    if bg_nummer and not flagged:
        protected = list(
            HouseholdMember.objects.filter(
                household__jobcenter=jobcenter_id, household__bg_nummer=bg_nummer
            ).values_list("customer__is_protected", flat=True)
        )
        known, flagged = known or bool(protected), any(protected)
    return known, flagged


def _flagged_person_in(case: Case) -> bool:
    """A flagged customer belongs to the case: its customer or a member of its household; while
    it is not linked yet, a flagged person behind the numbers it gave."""
    if case.customer_id is None and case.household_id is None:
        return _numbers_flagged(case.jobcenter_id, case.kundennummer, case.bg_nummer)
    if (
        case.customer_id
        and Customer.objects.filter(pk=case.customer_id, is_protected=True).exists()
    ):
        return True
    return (
        bool(case.household_id)
        and HouseholdMember.objects.filter(
            household=case.household_id, customer__is_protected=True
        ).exists()
    )


def _protection_of(case: Case) -> bool:
    """§ 35 SGB I: protected by hand, or a flagged customer belongs to the case."""
    return case.protected_by_hand or _flagged_person_in(case)


def _update_protection(case: Case, by, *, on: str, off: str, summary: str, why: str = "") -> int:
    """Bring ``case.is_protected`` in line with _protection_of (the case row locked by the
    caller); a change gets a history and an audit entry. Returns 1 if it changed, else 0."""
    protected = _protection_of(case)
    if protected == case.is_protected:
        return 0
    case.is_protected = protected
    case.save(update_fields=["is_protected", "updated_at"])
    _event(case, Event.PROTECTED, actor=by, text=on if protected else off)
    _audit(
        case,
        by,
        audit.Action.CHANGE,
        f"Schutz {'an' if protected else 'aus'} {summary}",
        reason=why,
    )
    return 1


# --- customers and households --------------------------------------------------------------------


def case_link_customer(
    *, case: Case, customer: Customer, by, household: Household | None = None
) -> Case:
    """The caseworker confirms a match: the case belongs to this customer (and household)."""
    if customer.jobcenter_id != case.jobcenter_id:
        raise CaseworkError(_("Diese Person gehört nicht zu Ihrem Jobcenter."))
    if household is None:
        member = customer.memberships.select_related("household").order_by("id").first()
        household = member.household if member else None
    elif household.jobcenter_id != case.jobcenter_id:
        raise CaseworkError(_("Diese Bedarfsgemeinschaft gehört nicht zu Ihrem Jobcenter."))
    with transaction.atomic():
        locked = _locked(case)
        locked.customer, locked.household = customer, household
        locked.known_customer = True
        locked.save(update_fields=["customer", "household", "known_customer", "updated_at"])
        _event(
            locked,
            Event.LINKED,
            actor=by,
            text=_("%(name)s, BG %(bg)s")
            % {"name": str(customer), "bg": household.bg_nummer if household else "–"},
        )
        _update_protection(
            locked,
            by,
            summary="(Zuordnung)",
            on=_("Geschützt (§ 35 SGB I): eine gekennzeichnete Person gehört zum Vorgang"),
            off=_("Nicht mehr geschützt: keine gekennzeichnete Person gehört mehr zum Vorgang"),
        )
        _audit(locked, by, audit.Action.CHANGE, "Kundin/Kunde zugeordnet")
        audit.record(
            actor=by,
            jobcenter=locked.jobcenter,
            action=audit.Action.CHANGE,
            object_type="customer",
            object_id=customer.public_id,
            summary=f"Vorgang {locked.reference} zugeordnet",
        )
    return locked


def customer_create_from_case(
    *,
    case: Case,
    by,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None,
    street: str = "",
    postcode: str = "",
    city: str = "",
    email: str = "",
    phone: str = "",
    kundennummer: str = "",
    bg_nummer: str = "",
) -> Case:
    """A first application of someone unknown: create the customer and the household, link."""
    kundennummer, bg_nummer = norm_number(kundennummer), norm_number(bg_nummer)
    jobcenter = case.jobcenter
    if (
        kundennummer
        and Customer.objects.filter(jobcenter=jobcenter, kundennummer=kundennummer).exists()
    ):
        raise CaseworkError(_("Diese Kundennummer ist schon vergeben."))
    if bg_nummer and Household.objects.filter(jobcenter=jobcenter, bg_nummer=bg_nummer).exists():
        raise CaseworkError(_("Diese BG-Nummer ist schon vergeben."))
    with transaction.atomic():
        customer = Customer(
            jobcenter=jobcenter,
            kundennummer=kundennummer,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            birth_date=birth_date,
            street=street.strip(),
            postcode=postcode.strip(),
            city=city.strip(),
            email=email.strip(),
            phone=phone.strip(),
            is_protected=case.is_protected,
        )
        customer.save()
        household = Household.objects.create(jobcenter=jobcenter, bg_nummer=bg_nummer)
        HouseholdMember.objects.create(
            household=household, customer=customer, role=HouseholdMember.Role.ANTRAGSTELLER
        )
        audit.record(
            actor=by,
            jobcenter=jobcenter,
            action=audit.Action.CREATE,
            object_type="customer",
            object_id=customer.public_id,
            summary=f"Angelegt aus Vorgang {case.reference}",
        )
        _event(case, Event.CUSTOMER_CREATED, actor=by, text=str(customer))
        return case_link_customer(case=case, customer=customer, household=household, by=by)


def household_add_member(
    *,
    household: Household,
    by,
    role: str,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None = None,
    kundennummer: str = "",
) -> HouseholdMember:
    """Add a person to a Bedarfsgemeinschaft: a known customer (by Kundennummer) or a new one."""
    if role not in HouseholdMember.Role.values:
        raise CaseworkError(_("Bitte wählen Sie eine Rolle."))
    kundennummer = norm_number(kundennummer)
    with transaction.atomic():
        customer = None
        if kundennummer:
            customer = Customer.objects.filter(
                jobcenter=household.jobcenter_id, kundennummer=kundennummer
            ).first()
        if customer is None:
            if not first_name.strip() or not last_name.strip():
                raise CaseworkError(_("Bitte geben Sie Vor- und Nachnamen an."))
            protected = household.members.filter(customer__is_protected=True).exists()
            customer = Customer(
                jobcenter_id=household.jobcenter_id,
                kundennummer=kundennummer,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                birth_date=birth_date,
                is_protected=protected,
            )
            customer.save()
            audit.record(
                actor=by,
                jobcenter=household.jobcenter,
                action=audit.Action.CREATE,
                object_type="customer",
                object_id=customer.public_id,
                summary=f"Angelegt als Mitglied der BG {household.bg_nummer}",
            )
        if household.members.filter(customer=customer).exists():
            raise CaseworkError(_("Diese Person gehört schon zur Bedarfsgemeinschaft."))
        member = HouseholdMember.objects.create(household=household, customer=customer, role=role)
        audit.record(
            actor=by,
            jobcenter=household.jobcenter,
            action=audit.Action.CHANGE,
            object_type="household",
            object_id=household.public_id,
            summary=f"Mitglied hinzugefügt ({role})",
        )
        if customer.is_protected:
            # § 35 SGB I: a flagged person joins — every case of the household is protected.
            for case in Case.objects.filter(household=household).select_for_update().order_by("id"):
                _update_protection(
                    case,
                    by,
                    summary="(Mitglied der BG)",
                    on=_(
                        "Geschützt (§ 35 SGB I): eine gekennzeichnete Person gehört jetzt "
                        "zur Bedarfsgemeinschaft"
                    ),
                    off="",
                )
    return member


def document_request_cancel(*, request: DocumentRequest, by) -> DocumentRequest:
    """Take a request back (e.g. the documents came by post); the case continues."""
    with transaction.atomic():
        locked = DocumentRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != DocumentRequest.Status.OPEN:
            raise CaseworkError(_("Die Anforderung ist nicht mehr offen."))
        locked.status = DocumentRequest.Status.CANCELLED
        locked.save(update_fields=["status"])
        case = _locked(locked.case)
        _event(case, Event.REQUEST, actor=by, text=_("Anforderung zurückgenommen"))
        _audit(case, by, audit.Action.CHANGE, "Anforderung zurückgenommen")
        if (
            case.state == State.UNTERLAGEN_ANGEFORDERT
            and not case.document_requests.filter(status=DocumentRequest.Status.OPEN).exists()
        ):
            _move(case, State.IN_BEARBEITUNG, by=by)
    return locked


# --- forwarding (§ 16 SGB I) ---------------------------------------------------------------------


def case_forward(*, case: Case, to_jobcenter, by, reason: str) -> Case:
    """Hand the case to the competent Jobcenter of this installation.

    The new case keeps the original receipt time (the application counts from the day it first
    arrived, § 16 (2) SGB I) and is routed by the target's own rules.
    """
    if to_jobcenter.pk == case.jobcenter_id:
        raise CaseworkError(_("Bitte wählen Sie ein anderes Jobcenter."))
    if not reason.strip():
        raise CaseworkError(_("Bitte geben Sie den Grund der Weiterleitung an."))
    with transaction.atomic():
        locked = _locked(case)
        _move(
            locked,
            State.WEITERGELEITET,
            by=by,
            text=_("an %(jc)s: %(reason)s") % {"jc": to_jobcenter.name, "reason": reason},
        )
        # Its open requests go with it: the competent Jobcenter asks anew, and the citizen's
        # answer reaches only that one (documents.casework.answer_requests).
        taken_back = locked.document_requests.filter(status=DocumentRequest.Status.OPEN).update(
            status=DocumentRequest.Status.CANCELLED
        )
        if taken_back:
            _event(
                locked,
                Event.REQUEST,
                actor=by,
                text=_("Anforderung mit der Weiterleitung zurückgenommen"),
            )
        new = _case_from(
            locked.submission,
            jobcenter=to_jobcenter,
            received_at=locked.received_at,
            forwarded_from=locked,
        )
        _event(
            new,
            Event.FORWARDED,
            text=_("von %(jc)s: %(reason)s") % {"jc": locked.jobcenter.name, "reason": reason},
        )
        audit.record(
            actor=by,
            jobcenter=to_jobcenter,
            action=audit.Action.CREATE,
            object_type="case",
            object_id=new.public_id,
            summary=f"Weitergeleitet von {locked.jobcenter.reference_prefix}",
        )
        # Other apps follow (the documents go with the application).
        signals.case_forwarded.send(
            sender=Case,
            submission=locked.submission,
            from_jobcenter=locked.jobcenter,
            to_jobcenter=to_jobcenter,
        )
    return new


# --- document requests (Mitwirkungsaufforderung) -------------------------------------------------


def default_deadline(jobcenter, *, today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return today + dt.timedelta(days=settings_for(jobcenter).document_deadline_days)


def document_request_create(
    *, case: Case, by, items: list[tuple[str, str, str]], deadline: dt.date, message: str = ""
) -> DocumentRequest:
    """Request missing documents: ``items`` are (document key, title, reasons)."""
    if not items:
        raise CaseworkError(_("Bitte wählen Sie mindestens eine Unterlage aus."))
    if deadline <= timezone.localdate():
        raise CaseworkError(_("Die Frist muss in der Zukunft liegen."))
    with transaction.atomic():
        locked = _locked(case)
        if locked.state != State.UNTERLAGEN_ANGEFORDERT:
            _move(locked, State.UNTERLAGEN_ANGEFORDERT, by=by)
        request = DocumentRequest.objects.create(
            case=locked,
            created_by=by,
            deadline=deadline,
            message=message.strip()[:3000],
            legal_notice=str(LEGAL_NOTICE),
        )
        DocumentRequestItem.objects.bulk_create(
            [
                DocumentRequestItem(
                    request=request, document_key=key[:50], title=title[:200], reasons=reasons[:300]
                )
                for key, title, reasons in items
            ]
        )
        titles = ", ".join(title for _key, title, _r in items)
        _event(
            locked,
            Event.REQUEST,
            actor=by,
            text=_("%(items)s – Frist %(date)s")
            % {"items": titles, "date": deadline.strftime("%d.%m.%Y")},
        )
        _audit(locked, by, audit.Action.CHANGE, "Unterlagen angefordert")
        Message.objects.create(
            case=locked,
            direction=Message.Direction.TO_CITIZEN,
            author=by,
            subject=_("Bitte reichen Sie Unterlagen nach"),
            body=message.strip()[:5000],
            document_request=request,
        )
        _notify(locked, kind="request")
    return request


def document_request_item_received(
    *, item: DocumentRequestItem, document_ref: str = "", at: dt.datetime | None = None
) -> DocumentRequest:
    """The seam for the documents app: a citizen's upload answered this item.

    Marks the item received, and the request answered when every item is in. The first answer
    moves a case waiting for documents back to "in Bearbeitung", so the caseworker sees it.
    """
    at = at or timezone.now()
    with transaction.atomic():
        request = DocumentRequest.objects.select_for_update().get(pk=item.request_id)
        case = _locked(request.case)
        item = DocumentRequestItem.objects.get(pk=item.pk)
        if item.received_at is None:
            item.received_at, item.document_ref = at, document_ref[:64]
            item.save(update_fields=["received_at", "document_ref"])
            _event(case, Event.DOCUMENT, text=item.title)
        if (
            request.status == DocumentRequest.Status.OPEN
            and not request.items.filter(received_at__isnull=True).exists()
        ):
            request.status, request.answered_at = DocumentRequest.Status.ANSWERED, at
            request.save(update_fields=["status", "answered_at"])
        if case.state == State.UNTERLAGEN_ANGEFORDERT:
            _move(case, State.IN_BEARBEITUNG, by=None, text=_("Unterlagen eingegangen"))
    return request


def document_requests_remind(*, today: dt.date | None = None) -> int:
    """Periodic job: remind of open requests whose deadline is near (once per request).

    A request made less than a day ago is not reminded yet (its own e-mail has just gone out);
    the next run after that catches it.
    """
    today = today or timezone.localdate()
    count = 0
    due = (
        DocumentRequest.objects.filter(
            status=DocumentRequest.Status.OPEN,
            reminded_at__isnull=True,
            deadline__gte=today,
            created_at__lte=timezone.now() - dt.timedelta(days=1),
        )
        .select_related("case__jobcenter")
        .order_by("deadline", "id")
    )
    for request in due.iterator():
        days = settings_for(request.case.jobcenter).reminder_days_before
        if request.deadline - today > dt.timedelta(days=days):
            continue
        with transaction.atomic():
            locked = DocumentRequest.objects.select_for_update().get(pk=request.pk)
            if locked.reminded_at is not None:
                continue
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
            _event(
                request.case,
                Event.REMINDER,
                text=_("Frist %(date)s") % {"date": request.deadline.strftime("%d.%m.%Y")},
            )
            _notify(request.case, kind="reminder")
        count += 1
    return count


def message_send(*, case: Case, by, subject: str, body: str) -> Message:
    if case.state == State.WEITERGELEITET:
        # The person now hears from the competent Jobcenter only (its case is the current one).
        raise CaseworkError(
            _("Der Vorgang ist weitergeleitet und wird hier nicht mehr bearbeitet.")
        )
    if not subject.strip() or not body.strip():
        raise CaseworkError(_("Bitte geben Sie Betreff und Nachricht an."))
    with transaction.atomic():
        message = Message.objects.create(
            case=case,
            direction=Message.Direction.TO_CITIZEN,
            author=by,
            subject=subject.strip()[:200],
            body=body.strip()[:5000],
        )
        _event(case, Event.MESSAGE, actor=by, text=subject.strip()[:200])
        _audit(case, by, audit.Action.CHANGE, "Nachricht verschickt")
        _notify(case, kind="message")
    return message


def message_from_citizen(*, case: Case, user, body: str) -> Message:
    """A citizen's reply in the mailbox; the caseworker sees it on the case page."""
    body = body.strip()
    if not body:
        raise CaseworkError(_("Bitte schreiben Sie eine Nachricht."))
    with transaction.atomic():
        message = Message.objects.create(
            case=case,
            direction=Message.Direction.FROM_CITIZEN,
            author=user,
            subject=_("Antwort"),
            body=body[:5000],
        )
        _event(case, Event.MESSAGE, text=_("Antwort der Person"))
    return message


def messages_mark_read(*, user, ids) -> None:
    """The messages the citizen was just shown count as read."""
    Message.objects.filter(
        pk__in=list(ids),
        case__submission__user=user,
        direction=Message.Direction.TO_CITIZEN,
        read_at__isnull=True,
    ).update(read_at=timezone.now())


def _notify(case: Case, *, kind: str) -> None:
    """Queue the announcement e-mail (durable and retried: the outbox row commits with the
    change, core/mail.py)."""
    if case.submission.user_id and case.submission.user.email:
        email_queue(mailbox_notice_email(case, kind=kind), purpose=f"casework:{kind}")


# --- paper applications --------------------------------------------------------------------------


def paper_application_register(
    *,
    jobcenter,
    by,
    form_key: str,
    form_version: str,
    received_on: dt.date,
    first_name: str,
    last_name: str,
    birth_date: dt.date | None,
    bg_nummer: str = "",
    kundennummer: str = "",
    street: str = "",
    postcode: str = "",
    city: str = "",
    customer: Customer | None = None,
) -> Case:
    """Register a paper application: a Submission with channel "paper" and its case, all or
    nothing. With the scan of the paper: ``documents.services.paper_application_register``.

    The receipt time is the day of the Eingangsstempel (now if that is today). The answers hold
    only what the caseworker typed from the paper (the applicant's identification, by role:
    ``forms.selectors.answers_by_role``); the paper itself is the record, kept as the scan with
    the submission.

    Casework owns this (not intake): it is a caseworker's act that opens a case at once, and
    the case, its audit entry and the customer link are casework's; intake only stores the
    submission, called from here.
    """
    if received_on > timezone.localdate():
        raise CaseworkError(_("Das Eingangsdatum darf nicht in der Zukunft liegen."))
    if customer is not None and customer.jobcenter_id != jobcenter.pk:
        raise CaseworkError(_("Diese Person gehört nicht zu Ihrem Jobcenter."))
    answers = form_selectors.answers_by_role(
        f"{form_key}@{form_version}",
        {
            Role.FIRST_NAME: first_name.strip(),
            Role.LAST_NAME: last_name.strip(),
            Role.BIRTH_DATE: birth_date.isoformat() if birth_date else None,
            Role.BG_NUMMER: norm_number(bg_nummer),
            Role.KUNDENNUMMER: norm_number(kundennummer),
            Role.STREET: street.strip(),
            Role.POSTCODE: postcode.strip(),
            Role.CITY: city.strip(),
        },
    )
    if received_on == timezone.localdate():
        received_at = timezone.now()
    else:
        received_at = timezone.make_aware(dt.datetime.combine(received_on, dt.time(0, 0)))
    with transaction.atomic():
        submission = intake.submission_create_paper(
            jobcenter=jobcenter,
            form_key=form_key,
            form_version=form_version,
            answers=answers,
            received_at=received_at,
        )
        case = case_open_for_submission(submission)
        audit.record(
            actor=by,
            jobcenter=jobcenter,
            action=audit.Action.CREATE,
            object_type="case",
            object_id=case.public_id,
            summary="Papierantrag erfasst",
        )
        _event(case, Event.NOTE, actor=by, text=_("Papierantrag erfasst"))
        if customer is not None:
            case = case_link_customer(case=case, customer=customer, by=by)
    return case


# --- retention (called by the retention app's shredder only) ---------------------------------


def cases_erase(*, cases) -> int:
    """Delete cases with their events, notes, requests and messages; a case forwarded to
    another one goes after it (newest first, ``forwarded_from`` protects the older one)."""
    count = 0
    for case in sorted(cases, key=lambda c: -c.pk):
        count += Case.objects.filter(pk=case.pk).delete()[1].get("casework.Case", 0)
    return count


def messages_erase(*, messages) -> int:
    return (
        Message.objects.filter(pk__in=[m.pk for m in messages])
        .delete()[1]
        .get("casework.Message", 0)
    )


def customers_erase(*, customers) -> int:
    ids = [c.pk for c in customers]
    HouseholdMember.objects.filter(customer__in=ids).delete()
    return Customer.objects.filter(pk__in=ids).delete()[1].get("casework.Customer", 0)


def customers_anonymise(*, customers) -> int:
    return Customer.objects.filter(pk__in=[c.pk for c in customers]).update(
        first_name="",
        last_name="",
        first_name_norm="",
        last_name_norm="",
        birth_date=None,
        street="",
        postcode="",
        city="",
        email="",
        phone="",
        kundennummer="",
    )


def households_erase(*, households) -> int:
    return (
        Household.objects.filter(pk__in=[h.pk for h in households])
        .delete()[1]
        .get("casework.Household", 0)
    )
