"""Reads of the casework app: who sees which case, the inbox page, matching, the mailbox.

Visibility (``visible_cases``): staff see the cases of their own Jobcenter (TOTP-verified login,
jobcenter.accounts.access); protected cases (§ 35 SGB I) only if they belong to the Jobcenter's
protected team. Everything else answers 404 in the views.

Inbox (``inbox_page``): filters and the search narrow a queryset over the copied applicant
columns of ``Case`` (no join, no JSON); pages are cut by keyset on (sort key, id), so page 1000
costs the same as page 1 and the number of queries per page is fixed (tests/casework).
"""

from __future__ import annotations

import base64
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from django.db.models import Count, ExpressionWrapper, F, IntegerField, Q, QuerySet, Value
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.accounts import access
from jobcenter.accounts.models import Kind
from jobcenter.audit import selectors as audit
from jobcenter.casework import signals
from jobcenter.casework.models import (
    Case,
    CaseworkSettings,
    Customer,
    DocumentRequest,
    DocumentRequestItem,
    Household,
    HouseholdMember,
    Message,
)
from jobcenter.casework.normalise import norm_name, norm_number, phonetic
from jobcenter.forms import numbers
from jobcenter.forms import selectors as form_engine
from jobcenter.intake import selectors as intake
from jobcenter.intake.models import Submission

PAGE_SIZE = 50
# Someone still has work on these; the others are closed (handed over, withdrawn, forwarded).
OPEN_STATES = (
    Case.State.EINGEGANGEN,
    Case.State.IN_BEARBEITUNG,
    Case.State.UNTERLAGEN_ANGEFORDERT,
    Case.State.VOLLSTAENDIG,
)


def may_see_protected(user) -> bool:
    jobcenter = access.staff_jobcenter(user)
    if jobcenter is None:
        return False
    cached = getattr(user, "_casework_protected", None)
    if cached is None:
        team_id = (
            CaseworkSettings.objects.filter(jobcenter=jobcenter)
            .values_list("protected_team_id", flat=True)
            .first()
        )
        cached = bool(team_id) and user.staff_profile.teams.filter(pk=team_id).exists()
        user._casework_protected = cached  # once per request (request.user lives that long)
    return cached


def visible_cases(request) -> QuerySet:
    qs = access.in_jobcenter(request, Case.objects.all())
    # A case restricted at the end of its retention period (§ 84 SGB X) is seen by nobody.
    for _receiver, hidden in signals.hidden_cases_wanted.send(sender=Case):
        qs = qs.exclude(pk__in=hidden)
    if not may_see_protected(request.user):
        qs = qs.filter(is_protected=False)
    return qs


def case_for_staff(request, public_id) -> Case:
    from django.http import Http404

    try:
        return (
            visible_cases(request)
            .select_related(
                "jobcenter",
                "submission",
                "team",
                "assignee",
                "customer",
                "household",
                "forwarded_from__jobcenter",
            )
            .get(public_id=public_id)
        )
    except (Case.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def assignable_staff(jobcenter, *, protected: bool = False) -> list:
    """Who a case of ``jobcenter`` can be given to: active staff who can open it — those who
    work on cases (``access.works_on_cases``, the check of the casework views) and, for a
    protected case, only the members of the protected team (``may_be_assigned``)."""
    from django.contrib.auth import get_user_model

    staff = (
        get_user_model()
        .objects.filter(kind=Kind.STAFF, is_active=True, staff_profile__jobcenter=jobcenter)
        .select_related("staff_profile__jobcenter")
        .order_by("last_name", "first_name", "username")
    )
    if protected:
        team_id = _protected_team_id(jobcenter)
        if not team_id:
            return []
        staff = staff.filter(staff_profile__teams=team_id)
    return [user for user in staff if access.works_on_cases(user)]


def may_be_assigned(case: Case, user) -> bool:
    """Whether ``case`` may be given to ``user``: the rule of ``assignable_staff`` for one."""
    return (
        access.staff_jobcenter(user) == case.jobcenter
        and access.works_on_cases(user)
        and (not case.is_protected or may_see_protected(user))
    )


def _protected_team_id(jobcenter):
    return (
        CaseworkSettings.objects.filter(jobcenter=jobcenter)
        .values_list("protected_team_id", flat=True)
        .first()
    )


@dataclass
class CaseApplicationDate:
    """What the case page shows about the application date of an Erstantrag (§ 37 SGB II):
    the date, the secured case that fixed it (for the full Erstantrag) and the full Erstantrag
    that continues it (for the secured one) — linked where the staff member may open them."""

    applied_on: dt.date
    applies_from: dt.date
    is_secured: bool  # this case is the "Antrag gesichert"
    secured_reference: str = ""
    secured_case: Case | None = None
    completions: list[Case] = field(default_factory=list)
    completion_pending: bool = False  # secured, and no full Erstantrag has been sent yet


def case_application_date(request, case: Case) -> CaseApplicationDate | None:
    found = intake.application_date(case.submission)
    if found is None:
        return None
    open_cases = visible_cases(request).exclude(state=Case.State.WEITERGELEITET)
    info = CaseApplicationDate(
        applied_on=found.applied_on,
        applies_from=found.applies_from,
        is_secured=found.secured is not None and found.secured.pk == case.submission_id,
    )
    if info.is_secured:
        info.completions = list(
            open_cases.filter(submission__secured_submission=found.secured).order_by("received_at")
        )
        info.completion_pending = not found.secured.completions.exists()
    elif found.secured is not None:
        info.secured_reference = found.secured.reference
        info.secured_case = open_cases.filter(submission=found.secured).first()
    return info


# --- competence (§ 16 SGB I) ----------------------------------------------------------------------
#
# ``Submission.jobcenter`` is where the application was received (its receipt and reference stay
# with it). After forwarding, the Jobcenter of the submission's current case is competent: its
# staff work on it, and later uploads and requests belong to it.


def _current_cases():
    from django.db.models import OuterRef

    return Case.objects.filter(submission=OuterRef("pk")).exclude(state=Case.State.WEITERGELEITET)


def submissions_of_jobcenter(jobcenter) -> Q:
    """A filter on Submission: received by ``jobcenter`` or forwarded to it (for the portal)."""
    from django.db.models import Exists

    return Q(jobcenter=jobcenter) | Q(Exists(_current_cases().filter(jobcenter=jobcenter)))


def submissions_here(jobcenter) -> QuerySet[Submission]:
    """The submissions ``jobcenter`` may show its citizens: received there or forwarded to it."""
    return Submission.objects.filter(submissions_of_jobcenter(jobcenter))


def open_request_items(
    submission_id: int, *, document_key: str | None = None, current_case_only: bool = False
) -> QuerySet[DocumentRequestItem]:
    """The items of the submission's open document requests not received yet (of one document
    type; only the current case's: not those of a case that was forwarded), oldest first."""
    items = DocumentRequestItem.objects.filter(
        request__case__submission_id=submission_id,
        request__status=DocumentRequest.Status.OPEN,
        received_at__isnull=True,
    )
    if document_key is not None:
        items = items.filter(document_key=document_key)
    if current_case_only:
        items = items.exclude(request__case__state=Case.State.WEITERGELEITET)
    return items.order_by("id")


def forwarded_at(case: Case):
    """When ``case`` was forwarded, or None while it is its submission's current case. What
    reaches the application after that moment belongs to the competent Jobcenter only
    ("weitergeleitet" is final, so the case's last state change is the forwarding)."""
    return case.state_changed_at if case.state == Case.State.WEITERGELEITET else None


def current_or_forwarded_after(moment) -> Q:
    """A filter on Case: the submission's current case, or a case forwarded after ``moment``
    (so ``moment`` lies within the time the case's Jobcenter held the application)."""
    return ~Q(state=Case.State.WEITERGELEITET) | Q(state_changed_at__gte=moment)


def competent_jobcenter(submission):
    """The Jobcenter now competent for ``submission``: where it was received, unless it was
    forwarded. A full Erstantrag without a case yet follows the application whose date it
    secured (so it arrives where that one was forwarded to)."""
    case = (
        Case.objects.filter(submission=submission)
        .exclude(state=Case.State.WEITERGELEITET)
        .select_related("jobcenter")
        .first()
    )
    if case is not None:
        return case.jobcenter
    return competent_jobcenter_of_new(submission)


def competent_jobcenter_of_new(submission):
    """``competent_jobcenter`` of a submission inserted in the running transaction (the
    submission hooks): nothing can have forwarded its case yet, so no case is looked for —
    where it arrived, or where the application it completes is now."""
    if submission.secured_submission_id is not None:
        return competent_jobcenter(submission.secured_submission)
    return submission.jobcenter


# --- inbox ---------------------------------------------------------------------------------------

REFERENCE_RE = re.compile(r"^[A-Z]{2,4}-\d{4}-\d{6}-\d$")
DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")

SORTS = {
    "neu": ("-received_at", "-id"),
    "alt": ("received_at", "id"),
    "name": ("last_name_norm", "id"),
}
AGES = {"1": 1, "7": 7, "14": 14, "30": 30}


INBOX_COUNT_LIMIT = 10_000  # counted exactly up to here (an index-only count stays cheap)


@dataclass
class InboxFilters:
    form: str = ""
    state: str = "offen"  # "offen" (the default), "alle" or one state
    team: str = ""  # team id, or "none"
    assignee: str = ""  # user id, "me" or "none"
    channel: str = ""
    age: str = ""  # older than N days
    customer: str = ""  # "new" or "known"
    overdue: str = ""  # "1": an open document request is past its deadline
    urgent: str = ""  # "1": an urgent case flag (``Case.urgent``)
    q: str = ""
    sort: str = "neu"
    after: str = ""


@dataclass
class InboxPage:
    rows: list[Case]
    next_cursor: str = ""
    search_kind: str = ""
    errors: list[str] = field(default_factory=list)
    total: int = 0  # cases that match the filters (all pages), at most INBOX_COUNT_LIMIT
    only_open: bool = False  # closed cases were left out (the default)

    @property
    def total_capped(self) -> bool:
        return self.total >= INBOX_COUNT_LIMIT


def parse_search(q: str) -> tuple[str, object]:
    """What the search box holds: a reference, a BG-/Kundennummer, a birth date, or a name."""
    text = q.strip()
    if not text:
        return "", None
    upper = norm_number(text)
    if REFERENCE_RE.match(upper):
        return "reference", upper
    if bg := numbers.bg_nummer(text):
        return "bg_nummer", bg
    if kundennummer := numbers.kundennummer(text):
        return "kundennummer", kundennummer
    match = DATE_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return "birth_date", dt.date(year, month, day)
        except ValueError:
            return "invalid", None
    try:
        return "birth_date", dt.date.fromisoformat(text)
    except ValueError:
        pass
    return "name", norm_name(text)


def _encode(values) -> str:
    raw = "|".join(str(v) for v in values)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str) -> list[str] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    parts = raw.split("|")
    return parts if len(parts) == 2 else None


def _keyset(qs: QuerySet, sort: str, cursor: str) -> QuerySet:
    parts = _decode(cursor)
    if not parts:
        return qs
    key, pk = parts
    try:
        pk = int(pk)
        value = dt.datetime.fromisoformat(key) if sort in ("neu", "alt") else key
    except ValueError:
        return qs
    field_name = "received_at" if sort in ("neu", "alt") else "last_name_norm"
    if sort == "neu":
        # "<=" on the leading column lets the index start at the cursor; the OR only breaks ties.
        return qs.filter(Q(**{f"{field_name}__lte": value})).filter(
            Q(**{f"{field_name}__lt": value}) | Q(id__lt=pk)
        )
    return qs.filter(Q(**{f"{field_name}__gte": value})).filter(
        Q(**{f"{field_name}__gt": value}) | Q(id__gt=pk)
    )


def inbox_queryset(request, filters: InboxFilters) -> tuple[QuerySet, str, list[str]]:
    qs = visible_cases(request)
    errors: list[str] = []
    if filters.form:
        qs = qs.filter(form_key=filters.form)
    if filters.state in Case.State.values:
        qs = qs.filter(state=filters.state)
    elif filters.state != "alle":
        qs = qs.filter(state__in=OPEN_STATES)
    if filters.team == "none":
        qs = qs.filter(team__isnull=True)
    elif filters.team.isdigit():
        qs = qs.filter(team_id=int(filters.team))
    if filters.assignee == "me":
        qs = qs.filter(assignee=request.user)
    elif filters.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        qs = qs.filter(assignee_id=int(filters.assignee))
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.age in AGES:
        qs = qs.filter(received_at__lt=timezone.now() - dt.timedelta(days=AGES[filters.age]))
    if filters.customer == "new":
        qs = qs.filter(known_customer=False)
    elif filters.customer == "known":
        qs = qs.filter(known_customer=True)
    if filters.overdue == "1":
        # Requests are open only while the case waits for documents: the state narrows first.
        qs = qs.filter(state=Case.State.UNTERLAGEN_ANGEFORDERT).filter(_overdue())
    if filters.urgent == "1":
        qs = qs.filter(urgent=True)
    kind, value = parse_search(filters.q)
    if kind == "invalid":
        errors.append(_("Dieses Datum gibt es nicht. Bitte geben Sie es als TT.MM.JJJJ ein."))
        qs = qs.none()
    elif kind == "name":
        words = value.split(" ")
        if len(words) > 1:
            # "Kim Muster": the last word is the surname's start, the first the first name's.
            qs = qs.filter(last_name_norm__startswith=words[-1], first_name__istartswith=words[0])
        elif value:
            qs = qs.filter(last_name_norm__startswith=value)
    elif kind in ("kundennummer", "bg_nummer"):
        qs = qs.filter(_number_search(request, kind, value))
    elif kind:
        qs = qs.filter(**{kind: value})
    return qs, kind, errors


def _number_search(request, kind: str, number: str) -> Q:
    """A Kundennummer or BG-Nummer finds the cases where it was typed and the cases linked to
    the customer (with their Bedarfsgemeinschaften) or the household that has it.

    The customer and household ids are looked up first (one query on a unique index), so the
    page query stays an OR of plain index lookups (a BitmapOr on PostgreSQL): a subquery in an
    OR would make the planner walk the whole inbox index in receipt order."""
    typed = Q(**{kind: number})
    jobcenter = access.staff_jobcenter(request.user)
    if kind == "kundennummer":
        pairs = list(
            Customer.objects.filter(jobcenter=jobcenter, kundennummer=number).values_list(
                "pk", "memberships__household_id"
            )
        )
        customers = {pk for pk, _household in pairs}
        households = {household for _pk, household in pairs if household is not None}
    else:
        customers = set()
        households = set(
            Household.objects.filter(jobcenter=jobcenter, bg_nummer=number).values_list(
                "pk", flat=True
            )
        )
    if customers:
        typed |= Q(customer_id__in=sorted(customers))
    if households:
        typed |= Q(household_id__in=sorted(households))
    return typed


def _overdue():
    from django.db.models import Exists, OuterRef

    return Exists(
        DocumentRequest.objects.filter(
            case=OuterRef("pk"),
            status=DocumentRequest.Status.OPEN,
            deadline__lt=timezone.localdate(),
        )
    )


def inbox_page(request, filters: InboxFilters, *, page_size: int = PAGE_SIZE) -> InboxPage:
    sort = filters.sort if filters.sort in SORTS else "neu"
    qs, kind, errors = page_queryset(request, filters, page_size=page_size)
    rows = list(qs)
    matching, _kind, _errors = inbox_queryset(request, filters)
    total = matching.order_by().values("pk")[:INBOX_COUNT_LIMIT].count() if not errors else 0
    next_cursor = ""
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        key = last.received_at.isoformat() if sort in ("neu", "alt") else last.last_name_norm
        next_cursor = _encode([key, last.pk])
    return InboxPage(
        rows=rows,
        next_cursor=next_cursor,
        search_kind=kind,
        errors=errors,
        total=total,
        only_open=filters.state not in Case.State.values and filters.state != "alle",
    )


def _after_reading_every_match(sort: str) -> tuple:
    """The order ``SORTS[sort]`` behind a leading key that is 0 for every row but that no index
    holds, for the id query of a name search.

    The inbox's indexes hold its orders, so with the plain order the planner may walk one of
    them (receipt time, say) and stop after a page of matches — cheap when the matches are
    dense, a walk through the whole inbox when they are rare. It cannot tell: it assumes the
    surname and the state independent, so a common surname whose cases are nearly all closed
    looks like hundreds of open matches early in the inbox, and it walked 900,000 rows to find
    17 (docs/PERFORMANCE.md, P5). No index gives this order, so no plan can stop early: every
    match has to be found before the sort, and the cheapest way to find them is the prefix's
    entries in the name index (as many as there are cases with that prefix, index-only with
    casework 0011). The rows are then read for the page's ids only."""
    no_index_holds = ExpressionWrapper(F("id") * 0, output_field=IntegerField())
    return (no_index_holds, *SORTS[sort])


def page_queryset(request, filters: InboxFilters, *, page_size: int = PAGE_SIZE):
    """The query of one inbox page (``page_size`` + 1 rows: the extra one says "more")."""
    sort = filters.sort if filters.sort in SORTS else "neu"
    qs, kind, errors = inbox_queryset(request, filters)
    qs = _keyset(qs, sort, filters.after)
    if kind == "name":
        # A surname prefix matches several surnames, so the rows must be sorted: pick the
        # page's ids from the covering prefix index (index-only on PostgreSQL, migrations
        # casework 0005 and 0011), then read just those rows. Everything that narrows the
        # visible cases stays in the inner query.
        ids = qs.order_by(*_after_reading_every_match(sort)).values("pk")[: page_size + 1]
        qs = Case.objects.filter(pk__in=ids)
    # The overdue flag per row is a subquery evaluated only for the rows of the page.
    qs = qs.annotate(overdue=_overdue()).order_by(*SORTS[sort])
    return qs.select_related("team", "assignee")[: page_size + 1], kind, errors


# --- matching and the customer search -----------------------------------------------------------
#
# Both find customers the same way (``_rank``) and say why each one is offered. Typos are
# tolerated where they happen: a surname spelt differently but sounding the same (Kölner
# Phonetik, ``Customer.last_name_phon``), a similar name (difflib), a birth date with one digit
# wrong, two neighbouring digits swapped or day and month swapped (``near_birth_dates``).
# Candidates come only from indexed columns (numbers, birth dates, postcode, phonetic code,
# surname), at most 200, so the cost does not grow with the number of customers.


@dataclass
class Suggestion:
    customer: Customer
    household: Household | None
    score: int
    reasons: list[str]


@dataclass(frozen=True)
class Probe:
    """Whom to look for: the applicant of a case, a new customer's data, or a search."""

    first_name: str = ""
    last_name: str = ""
    birth_date: dt.date | None = None
    postcode: str = ""
    kundennummer: str = ""
    bg_nummer: str = ""
    street: str = ""  # "Straße und Hausnummer" of the customer search (not of matching)

    @classmethod
    def of_case(cls, case: Case) -> Probe:
        return cls(
            first_name=case.first_name,
            last_name=case.last_name,
            birth_date=case.birth_date,
            postcode=case.postcode,
            kundennummer=case.kundennummer,
            bg_nummer=case.bg_nummer,
        )

    @property
    def is_empty(self) -> bool:
        return not (
            self.last_name.strip() or self.birth_date or self.kundennummer or self.bg_nummer
        )


NEAR_HOW = {
    "day_month": gettext_lazy("Tag und Monat vertauscht"),
    "swapped": gettext_lazy("zwei Ziffern vertauscht"),
    "digit": gettext_lazy("eine Ziffer anders"),
}


def near_birth_dates(day: dt.date) -> dict[dt.date, str]:
    """The dates one typo away from ``day`` (as TT.MM.JJJJ), with the kind of typo (NEAR_HOW):
    day and month swapped, two neighbouring digits swapped, one digit different."""
    digits = day.strftime("%d%m%Y")
    found: dict[dt.date, str] = {}

    def put(text: str, how: str) -> None:
        try:
            other = dt.date(int(text[4:]), int(text[2:4]), int(text[:2]))
        except ValueError:
            return
        if other != day and 1900 <= other.year <= timezone.localdate().year:
            found.setdefault(other, how)

    put(digits[2:4] + digits[:2] + digits[4:], "day_month")
    for i in range(len(digits) - 1):
        put(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :], "swapped")
    for i in range(len(digits)):
        for digit in "0123456789":
            put(digits[:i] + digit + digits[i + 1 :], "digit")
    return found


def _name_fit(given: str, given_phon: str, theirs: str, theirs_phon: str) -> str:
    """How a name fits: "same", "sounds" (same Kölner Phonetik), "similar" (difflib) or ""."""
    if not given or not theirs:
        return ""
    if given == theirs:
        return "same"
    if given_phon and given_phon == theirs_phon:
        return "sounds"
    if difflib.SequenceMatcher(None, given, theirs).ratio() >= 0.8:
        return "similar"
    return ""


_NAME_POINTS = {"same": 60, "sounds": 55, "prefix": 52, "similar": 50}


def _rank(base: QuerySet, probe: Probe, *, limit: int, prefix: bool = False) -> list[Suggestion]:
    """Ranked candidates: exact numbers, then name + birth date, then the tolerant matches.

    ``prefix`` (the customer search): a surname also matches customers whose surname starts
    with it, and a name alone (without a birth date) is enough."""
    found: dict[int, Suggestion] = {}

    def add(customer, score, reason, household=None):
        entry = found.get(customer.pk)
        if entry is None:
            found[customer.pk] = Suggestion(customer, household, score, [reason])
        else:
            entry.score = max(entry.score, score)
            if reason not in entry.reasons:
                entry.reasons.append(reason)

    last = norm_name(probe.last_name)
    first = norm_name(probe.first_name)
    birth = probe.birth_date
    if probe.bg_nummer:
        # ``base`` is one Jobcenter's customers; the household must be of that Jobcenter too.
        for customer in base.filter(
            memberships__household__bg_nummer=probe.bg_nummer,
            memberships__household__jobcenter=F("jobcenter"),
        ).prefetch_related("memberships__household"):
            household = next(
                m.household
                for m in customer.memberships.all()
                if m.household.bg_nummer == probe.bg_nummer
            )
            same_person = customer.last_name_norm == last and customer.birth_date == birth
            add(customer, 100 if same_person else 90, _("BG-Nummer stimmt überein"), household)
    if probe.kundennummer:
        for customer in base.filter(kundennummer=probe.kundennummer):
            add(customer, 100, _("Kundennummer stimmt überein"))
    if last and birth:
        for customer in base.filter(last_name_norm=last, birth_date=birth)[:limit]:
            score = 80 if customer.first_name_norm == first else 70
            add(customer, score, _("Name und Geburtsdatum stimmen überein"))
    last_phon, first_phon = phonetic(probe.last_name), phonetic(probe.first_name)
    near = near_birth_dates(birth) if birth else {}
    # Each way of finding candidates reads its own index, at most 200 rows each (one OR with
    # an ORDER BY made PostgreSQL walk the whole surname index instead).
    arms = []
    if probe.postcode and last:
        arms.append(Q(postcode=probe.postcode))
    if birth:
        arms.append(Q(birth_date__in=[birth, *near]))
    elif last:
        arms.append(Q(last_name_norm=last))
        if last_phon:
            arms.append(Q(last_name_phon=last_phon))
    if prefix and last and not birth:
        arms.append(Q(last_name_norm__startswith=last))
    if not arms:
        return _ordered(found, limit)
    ids = set()
    for arm in arms:
        ids.update(base.filter(arm).values_list("pk", flat=True)[:200])
    name = f"{first} {last}"
    for customer in base.filter(pk__in=ids).order_by("last_name_norm", "pk"):
        if customer.pk in found:
            continue
        same_birth = bool(birth) and customer.birth_date == birth
        same_address = bool(probe.postcode) and customer.postcode == probe.postcode
        if last:
            # A similar name at the same address or with the same birth date (typos, double
            # names, a changed surname).
            ratio = difflib.SequenceMatcher(
                None, name, f"{customer.first_name_norm} {customer.last_name_norm}"
            ).ratio()
            if ratio >= 0.75 and (same_address or same_birth):
                add(
                    customer,
                    int(ratio * 60),
                    _("Ähnlicher Name, gleiche Postleitzahl")
                    if same_address
                    else _("Ähnlicher Name, gleiches Geburtsdatum"),
                )
                continue
            surname = _name_fit(last, last_phon, customer.last_name_norm, customer.last_name_phon)
            if not surname and prefix and customer.last_name_norm.startswith(last):
                surname = "prefix"
            given = (
                _name_fit(
                    first, first_phon, customer.first_name_norm, phonetic(customer.first_name)
                )
                if first
                else surname
            )
            if not surname or not given:
                continue
            fits = {surname, given}
            if fits == {"same"}:
                name_reason = _("Gleicher Name") if first else _("Gleicher Nachname")
            elif "prefix" in fits:
                name_reason = _("Nachname beginnt mit „%(text)s“") % {"text": probe.last_name}
            elif fits <= {"same", "sounds"}:
                name_reason = _("Name klingt gleich (Kölner Phonetik)")
            else:
                name_reason = _("Ähnlicher Name")
            points = min(_NAME_POINTS[surname], _NAME_POINTS[given])
        else:
            name_reason, points = "", 50
        if same_birth:
            reasons, score = [_("Gleiches Geburtsdatum")], points + 4
        elif birth and customer.birth_date in near:
            how = NEAR_HOW[near[customer.birth_date]]
            reasons = [
                _("Geburtsdatum fast gleich: %(how)s (%(theirs)s statt %(given)s)")
                % {
                    "how": how,
                    "theirs": customer.birth_date.strftime("%d.%m.%Y"),
                    "given": birth.strftime("%d.%m.%Y"),
                }
            ]
            score = points + 2
        elif not birth:
            reasons, score = [], points
        else:
            continue  # a similar name with another birth date is another person
        for reason in ([name_reason] if name_reason else []) + reasons:
            add(customer, score, reason)
    return _ordered(found, limit)


def _ordered(found: dict[int, Suggestion], limit: int) -> list[Suggestion]:
    """The best ``limit``, with the household of each (read only for those shown)."""
    from django.db.models import prefetch_related_objects

    shown = sorted(
        found.values(), key=lambda s: (-s.score, s.customer.last_name_norm, s.customer.pk)
    )[:limit]
    prefetch_related_objects(
        [s.customer for s in shown if s.household is None], "memberships__household"
    )
    for suggestion in shown:
        if suggestion.household is None:
            suggestion.household = _household_of(suggestion.customer)
    return shown


def _household_of(customer: Customer) -> Household | None:
    memberships = list(customer.memberships.all())
    return memberships[0].household if memberships else None


def match_suggestions(
    case: Case, *, limit: int = 10, include_protected: bool = True
) -> list[Suggestion]:
    """Ranked candidates for a case, each with why it is offered (``_rank``).

    ``include_protected=False`` (staff outside the protected team) leaves out every customer
    flagged under § 35 SGB I before ranking and cutting."""
    base = Customer.objects.filter(jobcenter=case.jobcenter_id)
    if not include_protected:
        base = base.filter(is_protected=False)
    return _rank(base, Probe.of_case(case), limit=limit)


def lookalike_customers(request, probe: Probe, *, limit: int = 5) -> list[Suggestion]:
    """Customers the staff member may see who look like the person about to be created."""
    return _rank(customers_for_staff(request), probe, limit=limit)


def customer_search(request, probe: Probe, *, limit: int = 20) -> list[Suggestion]:
    """The manual customer search (name, birth date, Kundennummer, BG-Nummer), with the same
    tolerance as the suggestions; a surname alone also finds the surnames it begins."""
    by_address = bool(probe.street or (probe.postcode and probe.is_empty))
    if probe.is_empty and not by_address:
        return []
    base = customers_for_staff(request)
    if not by_address:
        return _rank(base, probe, limit=limit, prefix=True)
    at_address = _at_address(base, probe)
    if probe.is_empty:
        found = {
            customer.pk: Suggestion(customer, None, 50, [reason])
            for customer, reason in at_address.values()
        }
        return _ordered(found, limit)
    # Name, birth date or numbers and an address: who fits both, with every reason.
    ranked = _rank(base, probe, limit=200, prefix=True)
    shown = [s for s in ranked if s.customer.pk in at_address]
    for suggestion in shown:
        suggestion.reasons.append(at_address[suggestion.customer.pk][1])
    return shown[:limit]


_STREET_WORDS = re.compile(r"(strasse|straße|str\.?)(?=\s|\d|$)")
_HOUSE_NUMBER = re.compile(r"^(.*?)\s*(\d+\s*[a-z]?)(?:\s*[-/].*)?$")


def split_street(text: str) -> tuple[str, str]:
    """ "Lindenstr. 5a" → ("lindenstr", "5a"): the street in one spelling (Straße, Strasse and
    Str. alike, no spaces or punctuation) and the house number (digits and a letter)."""
    text = " ".join(text.lower().split())
    match = _HOUSE_NUMBER.match(text)
    street, number = (match.group(1), match.group(2).replace(" ", "")) if match else (text, "")
    street = _STREET_WORDS.sub("str", street)
    return re.sub(r"[^a-z0-9äöüß]", "", street), number


def _at_address(base: QuerySet, probe: Probe) -> dict[int, tuple[Customer, str]]:
    """Customers at the address searched (street and house number, postcode), with the reason.

    Candidates come from the postcode index when a postcode is given; a street alone reads the
    customers whose street begins with its first three letters (at most 500)."""
    street, number = split_street(probe.street) if probe.street else ("", "")
    if probe.postcode:
        candidates = base.filter(postcode=probe.postcode)
    else:
        candidates = base.filter(street__istartswith=probe.street.strip()[:3])
    found: dict[int, tuple[Customer, str]] = {}
    for customer in candidates.order_by("last_name_norm", "pk")[:500]:
        theirs, their_number = split_street(customer.street)
        if street and not theirs.startswith(street):
            continue
        if number and their_number != number:
            continue
        if street and number:
            reason = _("Gleiche Straße und Hausnummer")
        elif street:
            reason = _("Gleiche Straße")
        else:
            reason = _("Gleiche Postleitzahl")
        if probe.postcode and street:
            reason = _("%(what)s, gleiche Postleitzahl") % {"what": reason}
        found[customer.pk] = (customer, reason)
    return found


def customers_for_staff(request) -> QuerySet:
    qs = access.in_jobcenter(request, Customer.objects.all())
    if not may_see_protected(request.user):
        qs = qs.filter(is_protected=False)
    return qs


def customer_for_staff(request, public_id) -> Customer:
    from django.db.models import Prefetch
    from django.http import Http404

    # § 35 SGB I: whoever may not see protected cases sees no flagged household member (no
    # name, birth date or link) — only how many there are (``hidden_members``).
    members = HouseholdMember.objects.select_related("customer").order_by("id")
    households = Household.objects.all()
    if may_see_protected(request.user):
        households = households.annotate(hidden_members=Value(0))
    else:
        members = members.filter(customer__is_protected=False)
        households = households.annotate(
            hidden_members=Count("members", filter=Q(members__customer__is_protected=True))
        )
    try:
        return (
            customers_for_staff(request)
            .select_related("jobcenter")
            .prefetch_related(
                Prefetch("memberships", queryset=HouseholdMember.objects.order_by("id")),
                Prefetch("memberships__household", queryset=households),
                Prefetch("memberships__household__members", queryset=members),
            )
            .get(public_id=public_id)
        )
    except (Customer.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def cases_touching(customer: Customer) -> QuerySet:
    """The customer's own cases and those of their Bedarfsgemeinschaften (§ 35 protects both),
    and the cases not linked yet that gave their Kundennummer or BG-Nummer (or a household
    member's Kundennummer)."""
    households = customer.memberships.values("household_id")
    touching = Q(customer=customer) | Q(household__in=households)
    numbers = set(
        Customer.objects.filter(memberships__household__in=households)
        .exclude(kundennummer="")
        .values_list("kundennummer", flat=True)
    )
    if customer.kundennummer:
        numbers.add(customer.kundennummer)
    bgs = set(
        Household.objects.filter(members__customer=customer)
        .exclude(bg_nummer="")
        .values_list("bg_nummer", flat=True)
    )
    if numbers or bgs:
        touching |= Q(customer__isnull=True, household__isnull=True) & (
            Q(kundennummer__in=numbers) | Q(bg_nummer__in=bgs)
        )
    return Case.objects.filter(jobcenter=customer.jobcenter_id).filter(touching)


def protection_history(customer: Customer) -> list:
    """Who flagged or unflagged the customer under § 35 SGB I, when and why (audit trail)."""
    entries = (
        audit.entries_for_jobcenter(
            jobcenter=customer.jobcenter_id,
            object_type="customer",
            object_id=str(customer.public_id),
        )
        .filter(summary__startswith="Beschäftigtenfall")
        .order_by("at", "id")[:50]
    )
    return [
        {
            "at": e.at,
            "actor_name": e.actor_name,
            "reason": e.reason,
            "protected": e.summary.startswith("Beschäftigtenfall an"),
        }
        for e in entries
    ]


def household_for_staff(request, public_id) -> Household:
    from django.http import Http404

    qs = access.in_jobcenter(request, Household.objects.select_related("jobcenter"))
    if not may_see_protected(request.user):
        qs = qs.exclude(members__customer__is_protected=True)
    try:
        return qs.get(public_id=public_id)
    except (Household.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def request_for_staff(request, public_id) -> DocumentRequest:
    from django.http import Http404

    try:
        return DocumentRequest.objects.select_related("case").get(
            public_id=public_id, case__in=visible_cases(request)
        )
    except (DocumentRequest.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def cases_of_customer(request, customer: Customer) -> list[Case]:
    return list(
        visible_cases(request).filter(customer=customer).order_by("-received_at", "-id")[:100]
    )


# --- history -------------------------------------------------------------------------------------


def case_history(case: Case):
    return list(case.events.select_related("actor").order_by("at", "id"))


def case_requests(case: Case):
    return list(case.document_requests.prefetch_related("items").order_by("-created_at"))


# --- citizen mailbox -----------------------------------------------------------------------------

PLAIN_STATUS = {
    Case.State.EINGEGANGEN: gettext_lazy("Ihr Antrag ist angekommen. Er wird bald bearbeitet."),
    Case.State.IN_BEARBEITUNG: gettext_lazy("Ihr Antrag wird bearbeitet."),
    # Shown on "Meine Anträge" too, where no request is listed: name the mailbox section.
    Case.State.UNTERLAGEN_ANGEFORDERT: gettext_lazy(
        "Wir brauchen noch Unterlagen von Ihnen. Welche, sehen Sie in Ihrem Postfach unter "
        "„Unterlagen, die wir noch brauchen“."
    ),
    Case.State.VOLLSTAENDIG: gettext_lazy(
        "Ihr Antrag ist vollständig. Sie bekommen einen Bescheid."
    ),
    Case.State.UEBERGEBEN: gettext_lazy(
        "Ihr Antrag ist vollständig und wird entschieden. Sie bekommen einen Bescheid."
    ),
    Case.State.ZURUECKGEZOGEN: gettext_lazy("Sie haben den Antrag zurückgezogen."),
    Case.State.WEITERGELEITET: gettext_lazy(
        "Ihr Antrag wurde an das zuständige Jobcenter weitergeleitet."
    ),
}


# A change notice (VÄM) claims nothing: calling it "Ihr Antrag" would make the citizen think
# they applied for something, and "Sie bekommen einen Bescheid" is not always true for it.
NOTICE_STATUS = {
    Case.State.EINGEGANGEN: gettext_lazy(
        "Ihre Mitteilung ist angekommen. Sie wird bald bearbeitet."
    ),
    Case.State.IN_BEARBEITUNG: gettext_lazy("Ihre Mitteilung wird bearbeitet."),
    Case.State.UNTERLAGEN_ANGEFORDERT: PLAIN_STATUS[Case.State.UNTERLAGEN_ANGEFORDERT],
    Case.State.VOLLSTAENDIG: gettext_lazy(
        "Ihre Mitteilung ist vollständig. Wenn sich dadurch Ihre Leistungen ändern, bekommen "
        "Sie einen Bescheid."
    ),
    Case.State.UEBERGEBEN: gettext_lazy(
        "Ihre Mitteilung ist vollständig und wird geprüft. Wenn sich dadurch Ihre Leistungen "
        "ändern, bekommen Sie einen Bescheid."
    ),
    Case.State.ZURUECKGEZOGEN: gettext_lazy("Sie haben die Mitteilung zurückgezogen."),
    Case.State.WEITERGELEITET: gettext_lazy(
        "Ihre Mitteilung wurde an das zuständige Jobcenter weitergeleitet."
    ),
}


def plain_status(state: str, form_ident: str = "") -> str:
    """What the state means to the citizen, worded for the kind of form they sent."""
    definition = form_engine.get(form_ident) if form_ident else None
    table = NOTICE_STATUS if definition is not None and definition.is_notice else PLAIN_STATUS
    return str(table.get(state, ""))


def citizen_statuses(user) -> dict[int, str]:
    """Submission id → the plain status the citizen sees, for every submission of the account.

    The one source of the citizen-facing status ("Meine Anträge" and the mailbox): the state of
    the submission's current case (after a forwarding the new Jobcenter's). A submission whose
    case is not open yet counts as just arrived.
    """
    submissions = {
        pk: f"{key}@{version}"
        for pk, key, version in Submission.objects.filter(user=user).values_list(
            "pk", "form_key", "form_version"
        )
    }
    statuses = {
        pk: plain_status(Case.State.EINGEGANGEN, ident) for pk, ident in submissions.items()
    }
    for case in reversed(citizen_cases(user)):
        statuses[case.submission_id] = plain_status(
            case.state, submissions.get(case.submission_id, "")
        )
    return statuses


def citizen_cases(user) -> list[Case]:
    """The citizen's open cases (the current one per submission), newest first."""
    return list(
        Case.objects.filter(submission__user=user)
        .exclude(state=Case.State.WEITERGELEITET, forwarded_to__isnull=False)
        .select_related("jobcenter", "submission")
        .order_by("-received_at", "-id")
    )


def citizen_requests(user) -> list[DocumentRequest]:
    return list(
        DocumentRequest.objects.filter(case__submission__user=user)
        .exclude(status=DocumentRequest.Status.CANCELLED)
        .select_related("case__jobcenter")
        .prefetch_related("items")
        .order_by("status", "deadline")
    )


def citizen_messages(user) -> list[Message]:
    return list(
        Message.objects.filter(case__submission__user=user)
        .select_related("case__jobcenter", "document_request")
        .order_by("-created_at", "-id")[:100]
    )


def citizen_case(user, public_id, *, jobcenter) -> Case:
    """One of the citizen's current cases (a forwarded one is the new Jobcenter's now)."""
    from django.http import Http404

    try:
        return (
            Case.objects.select_related("jobcenter")
            .exclude(state=Case.State.WEITERGELEITET)
            .get(public_id=public_id, jobcenter=jobcenter, submission__user=user)
        )
    except (Case.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def citizen_request(user, public_id, *, jobcenter) -> DocumentRequest:
    from django.http import Http404

    try:
        return (
            DocumentRequest.objects.select_related("case__jobcenter", "case__submission")
            .prefetch_related("items")
            .get(public_id=public_id, case__jobcenter=jobcenter, case__submission__user=user)
        )
    except (DocumentRequest.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


# --- what other apps add (casework/signals.py) ----------------------------------------------------


def case_panels(request, case: Case) -> list[str]:
    """The sections other apps add to the case page (rendered HTML; see ``case_panels_wanted``)."""
    replies = signals.case_panels_wanted.send(sender=Case, request=request, case=case)
    # Receivers return HTML rendered from their own templates (autoescaped), never input.
    return [mark_safe(html) for _receiver, html in replies if html]  # noqa: S308  # nosec B308 B703


def upload_url_for(item: DocumentRequestItem) -> str | None:
    """Where the citizen uploads what ``item`` asks for (see ``upload_url_wanted``); the first
    receiver with an answer wins."""
    for _receiver, url in signals.upload_url_wanted.send(sender=DocumentRequestItem, item=item):
        if url:
            return url
    return None


# --- work queues ("Meine Fälle", the team's queue) ------------------------------------------------
#
# A queue holds the open cases of one person or of their teams, most urgent first. What is due
# when ("fällig"):
# - a case waiting for documents: the earliest deadline of its open requests (on that day the
#   caseworker checks what arrived, or decides under § 66 SGB I);
# - every other open case: its receipt date plus ``QUEUE_TARGET_DAYS`` (the Jobcenter's aim to
#   have looked at and completed a case; the receipt date is the legal date, § 16 SGB I).
# Ties go by receipt time, then id, so the order is total and "next case" is well defined.

QUEUE_TARGET_DAYS = 14
QUEUE_LIMIT = 300  # a queue page; more open cases than this are a matter for the team lead
QUEUES = {
    "meine": gettext_lazy("Meine Fälle"),
    "team": gettext_lazy("Mein Team"),
    "frei": gettext_lazy("Team, ohne Bearbeitung"),
}


@dataclass
class QueueEntry:
    case: Case
    due: dt.date
    due_reason: str  # "frist" (a document request's deadline) or "eingang" (receipt + target)

    @property
    def sort_key(self) -> tuple:
        return (self.due, self.case.received_at, self.case.pk)

    @property
    def is_late(self) -> bool:
        return self.due < timezone.localdate()


@dataclass
class WorkQueue:
    key: str
    state: str
    entries: list[QueueEntry]
    counts: list[tuple[str, str, int]]  # (state, label, number) of the queue's open cases
    total: int  # open cases of the queue (all states)
    queue_totals: dict[str, int]  # open cases per queue key, for the tabs
    truncated: bool

    @property
    def label(self) -> str:
        return str(QUEUES[self.key])


def queue_key(value: str) -> str:
    return value if value in QUEUES else "meine"


def queue_cases(request, key: str) -> QuerySet:
    """The open cases of queue ``key`` for the staff member of ``request``."""
    qs = visible_cases(request).filter(state__in=OPEN_STATES)
    if key == "meine":
        return qs.filter(assignee=request.user)
    teams = list(request.user.staff_profile.teams.values_list("pk", flat=True))
    qs = qs.filter(team_id__in=teams)
    if key == "frei":
        qs = qs.filter(assignee__isnull=True)
    return qs


def _request_due():
    from django.db.models import Min, OuterRef, Subquery

    return Subquery(
        DocumentRequest.objects.filter(case=OuterRef("pk"), status=DocumentRequest.Status.OPEN)
        .values("case")
        .annotate(first=Min("deadline"))
        .values("first")[:1]
    )


def _entry(case: Case) -> QueueEntry:
    if case.request_due is not None:
        return QueueEntry(case, case.request_due, "frist")
    received = timezone.localtime(case.received_at).date()
    return QueueEntry(case, received + dt.timedelta(days=QUEUE_TARGET_DAYS), "eingang")


def queue_entries(qs: QuerySet, *, limit: int = QUEUE_LIMIT) -> tuple[list[QueueEntry], bool]:
    """The first ``limit`` cases of ``qs`` by due date, and whether there are more.

    Two index-friendly reads instead of one sort over a computed date: the cases with an open
    request by deadline and the others by receipt time; the first ``limit`` of the merged list
    are necessarily among the first ``limit`` of each.

    The two parts are told apart by EXISTS / NOT EXISTS, not by the due date being NULL: the
    planner cannot estimate a subquery's value compared with NULL, so it guessed a handful of
    "others", sorted every open case of the queue (10,000 for a large caseload, 0.3 s) and
    compiled the query (JIT, 0.7 s on a team's queue). As a (semi/anti) join, the others are
    read from the open-cases index in receipt order and the read stops after ``limit`` + 1."""
    from django.db.models import Exists, OuterRef

    qs = qs.annotate(request_due=_request_due()).select_related("team", "assignee")
    has_open_request = Exists(
        DocumentRequest.objects.filter(case=OuterRef("pk"), status=DocumentRequest.Status.OPEN)
    )
    waiting = list(qs.filter(has_open_request).order_by("request_due", "id")[: limit + 1])
    others = list(qs.filter(~has_open_request).order_by("received_at", "id")[: limit + 1])
    entries = sorted((_entry(c) for c in waiting + others), key=lambda e: e.sort_key)
    return entries[:limit], len(entries) > limit


def work_queue(request, key: str, *, state: str = "", limit: int = QUEUE_LIMIT) -> WorkQueue:
    key = queue_key(key)
    base = queue_cases(request, key)
    by_state = dict(base.values_list("state").annotate(n=Count("id")).order_by())
    counts = [(s, Case.State(s).label, by_state.get(s, 0)) for s in OPEN_STATES]
    state = state if state in OPEN_STATES else ""
    entries, truncated = queue_entries(base.filter(state=state) if state else base, limit=limit)
    return WorkQueue(
        key=key,
        state=state,
        entries=entries,
        counts=counts,
        total=sum(by_state.values()),
        queue_totals={
            other: sum(by_state.values()) if other == key else queue_cases(request, other).count()
            for other in QUEUES
        },
        truncated=truncated,
    )


@dataclass
class QueueNeighbours:
    key: str
    state: str
    previous: Case | None
    next: Case | None
    position: int | None  # 1-based place of the case in the queue, None if it is not in it
    total: int
    # The caseworker came from this queue (its links carry it): a case that left it keeps its
    # place. False: the case was opened from elsewhere (the inbox, a search, a link).
    came_from_queue: bool = True

    @property
    def label(self) -> str:
        return str(QUEUES[self.key])


def queue_neighbours(
    request, key: str, case: Case, *, state: str = "", came_from_queue: bool = True
) -> QueueNeighbours:
    """The cases before and after ``case`` in the queue. A case that has just left the queue
    (completed, withdrawn, given to someone else) keeps its place: "next" is the case that
    followed it, so finishing a case and going on never skips one.

    Only for a caseworker who came from the queue (``came_from_queue``): a case opened from
    elsewhere that is not in the queue has no place in it, so no neighbours either (sorting it
    in by due date would offer cases of the queue as "previous" and "next" of a case that was
    never among them)."""
    key = queue_key(key)
    state = state if state in OPEN_STATES else ""
    base = queue_cases(request, key)
    if state:
        base = base.filter(state=state)
    entries, _more = queue_entries(base)
    current = _entry(
        Case.objects.annotate(request_due=_request_due()).only("pk", "received_at").get(pk=case.pk)
    )
    here = current.sort_key
    others = [e for e in entries if e.case.pk != case.pk]
    before = [e for e in others if e.sort_key < here]
    after = [e for e in others if e.sort_key > here]
    position = next((i for i, e in enumerate(entries, 1) if e.case.pk == case.pk), None)
    has_place = position is not None or came_from_queue
    return QueueNeighbours(
        key=key,
        state=state,
        previous=before[-1].case if before and has_place else None,
        next=after[0].case if after and has_place else None,
        position=position,
        total=len(entries),
        came_from_queue=came_from_queue,
    )


# --- documents beside the answers ----------------------------------------------------------------


@dataclass
class NeedStatus:
    """One document the answers call for (or a request asked for), and what became of it."""

    key: str
    title: str
    reasons: str  # for whom / why, in the third person ("Kim Muster, Sam Muster")
    uploads: list = field(default_factory=list)  # the case's uploads of this document type
    requested_until: dt.date | None = None  # deadline of an open request that asks for it

    @property
    def status(self) -> str:
        if self.uploads:
            return "eingegangen"
        return "angefordert" if self.requested_until else "fehlt"


def case_document_needs(case: Case) -> tuple[list[NeedStatus], list]:
    """Which document belongs to which need: the documents the answers call for (in the form's
    order), each with the uploads of its type and an open request's deadline; then the
    documents requested beyond the answers; and the uploads that answer no need ("weitere")."""
    from django.utils import translation

    needs: dict[str, NeedStatus] = {}
    # Staff read whom a document is for in the third person (the applicant's name), never the
    # citizen's "Sie selbst".
    with translation.override("de"):
        for need in form_engine.documents_needed_for_staff(
            case.submission.form_ident, case.submission.answers
        ):
            needs[need.document.key] = NeedStatus(
                need.document.key, need.title, ", ".join(need.reasons)
            )
    open_items = DocumentRequest.objects.filter(
        case=case, status=DocumentRequest.Status.OPEN
    ).values_list("items__document_key", "items__title", "items__reasons", "deadline")
    for key, title, reasons, deadline in open_items:
        if key is None:
            continue
        entry = needs.setdefault(key, NeedStatus(key, title, reasons))
        if entry.requested_until is None or deadline < entry.requested_until:
            entry.requested_until = deadline
    others = []
    for upload in case_documents(case):
        if upload.doc_type in needs:
            needs[upload.doc_type].uploads.append(upload)
        else:
            others.append(upload)
    return list(needs.values()), others


def case_documents(case: Case) -> list:
    """The case's documents, oldest first, from the app that holds them (see
    ``signals.case_documents_wanted``)."""
    documents = []
    for _receiver, found in signals.case_documents_wanted.send(sender=Case, case=case):
        documents.extend(found or ())
    return documents


def open_needs(case: Case) -> list[NeedStatus]:
    """What the case still lacks: documents the answers call for that have not arrived, and
    what an open request asks for."""
    needs, _others = case_document_needs(case)
    return [need for need in needs if need.status != "eingegangen"]
