"""Form definitions: pages of fields, repeatable groups, conditions, versions, and the registry.

Why typed Python objects and not a YAML/JSON data file?

- A definition is reviewed far more often than it is written. With frozen dataclasses the
  reviewer sees field types, conditions and document needs as names (``IsYes("...")``,
  ``MoneyField``), the IDE and ruff check them, and a typo in a condition's field key fails at
  import time (``FormDefinition.__post_init__``), not on a citizen's screen.
- Labels go through ``gettext_lazy`` in place, so ``makemessages`` finds every citizen-facing
  string without a custom extractor.
- A data file would need its own schema, loader and error messages just to reach the same point.
  The JSON Schema a *data consumer* needs is derived from the objects instead (``schema.py``).

A form is identified by ``key@version`` (``wba@2026-1``). A draft or submission stores that
identifier, and the registry keeps every version, so answers given to an old version render with
the definition they were given to. New drafts use the newest registered version of a key.
"""

from __future__ import annotations

import contextlib
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from jobcenter.forms.conditions import ALWAYS, Condition
from jobcenter.forms.fields import Document, Field
from jobcenter.forms.items import ITEM_ID, Items, Persons
from jobcenter.forms.roles import APPLICANT_ROLES, PERSON_ROLES, Role

RESERVED_PAGE_KEYS = frozenset(
    {"pruefen", "start", "neu", "verwerfen", "uebersicht", "absenden", "link"}
)


@dataclass(frozen=True, kw_only=True)
class Page:
    """One wizard screen about one topic."""

    key: str
    title: str
    fields: tuple[Field, ...]
    intro: str = ""
    section: str = ""  # heading of the check-answers section; defaults to the title
    condition: Condition = ALWAYS
    # The task-list section the page belongs to (an Anlage, e.g. "Anlage KDU: …"); "" = the
    # form's main part. Consecutive pages with the same task form one section.
    task: str = ""
    # Documents needed whenever the page applies (e.g. the ID card for an identity page), next
    # to the ones that individual answers call for (``Field.documents``).
    documents: tuple[Document, ...] = ()
    # (field key, context path) pairs: answers the wizard may suggest before the page was ever
    # saved, e.g. ("vorname", "given_name") from a state-account login's identity claims.
    prefill: tuple[tuple[str, str], ...] = ()
    # Keys of which at least one must be answered (e.g. some way to reach the person).
    one_of: tuple[str, ...] = ()
    one_of_message: str = ""
    # Applicant roles whose last known values (from the signed-in citizen's last application)
    # the page shows read-only next to its question, e.g. the bank account next to "Hat sich
    # Ihre Bankverbindung geändert?": the citizen confirms them by answering, nothing is copied.
    shows_known: tuple[Role, ...] = ()
    known_title: str = ""  # heading of those values, e.g. "Ihre Bankverbindung bisher"
    known_note: str = ""  # how to confirm them, e.g. "Stimmt sie noch, antworten Sie mit Nein."

    # Checks across this page's fields (``validators.NotBefore``: a "bis" not before its "von");
    # each one's message stands at its field.
    checks: tuple[Any, ...] = ()

    repeat: bool = False  # see RepeatPage
    reason: str = ""  # for whom the page's documents are needed (set on per-person instances)
    # The reason names the applicant, to the applicant ("Sie selbst", or their own name on their
    # per-person instance): the back office names them in the third person instead
    # (``documents.documents_needed(..., applicant=...)``), never "Sie".
    reason_names_applicant: bool = False

    def applies(self, answers) -> bool:
        return self.condition(answers)

    def visible_fields(self, answers) -> list[Field]:
        return [f for f in self.fields if f.condition(answers)]

    def stored(self, answers: Mapping[str, Any]) -> Mapping[str, Any]:
        """Where this page's answers live: the form's answers (per-person pages: their own)."""
        return answers

    def wrap(self, values: dict[str, Any]) -> dict[str, Any]:
        """This page's answers as they are merged into the form's answers."""
        return values

    @property
    def section_title(self) -> str:
        return self.section or self.title

    def document_for(self, f: Field) -> Document | None:
        """The document a file field's upload is: the field's own, else the page's only one
        (the ID photo on the page that needs the ID). None: it cannot tell."""
        if f.documents:
            return f.documents[0].document
        return self.documents[0] if len(self.documents) == 1 else None


@dataclass(frozen=True, kw_only=True)
class RepeatPage(Page):
    """A page that collects a list of like items (household members, income sources).

    The answers are stored under ``group`` as a list of dicts keyed by field key. The citizen adds
    and removes items with submit buttons, so the page works without JavaScript.
    """

    group: str
    item_label: str  # "Person %(n)d" — numbered from ``first_number``
    # The household list numbers its members from 2: the applicant is person 1 on the per-person
    # pages (the Anlagen) and in the checklist, so one person has one number everywhere.
    first_number: int = 1
    add_label: str
    min_items: int = 1
    max_items: int = 10
    repeat: bool = True


@dataclass(frozen=True, kw_only=True)
class PerItemPage(Page):
    """A page asked once per person (or per item of a group) — the way Anlagen work.

    ``items`` yields the persons (``items.Persons``: the applicant and the household) or the items
    of a group (``items.Items``); ``select`` (a condition on the item context: ``alter``, ``bg``,
    ``beziehung``, …) picks the ones this page is for. Each selected item gives an *instance*: a
    page of its own with the key ``"<key>-<nr>"`` whose answers are stored as one dict under that
    same key. ``title``, ``task`` and ``intro`` may name the item with ``%(name)s``. ``condition``
    (on the form's answers) decides, as on any page, whether the instances apply at all.
    Field conditions read the instance's own answers, then the item context, then the form's.
    """

    items: Persons | Items
    select: Condition = ALWAYS
    # The title on the applicant's own instance: a question to them, not about them in the
    # third person ("Welches Einkommen haben Sie?" rather than "… hat Kim Musterfrau?").
    applicant_title: str = ""

    def _title(self, item: Mapping[str, Any], names: Mapping[str, str]) -> str:
        if self.applicant_title and item.get("antragsteller"):
            return str(self.applicant_title)
        return str(self.title) % names

    def instances(self, answers: Mapping[str, Any]) -> list[PageInstance]:
        out = []
        for item in self.items.items(answers):
            if not self.select(item):
                continue
            name = item.get("name") or ""
            names = {"name": name}
            out.append(
                PageInstance(
                    key=f"{self.key}-{item['nr']}",
                    title=self._title(item, names),
                    intro=str(self.intro) % names if self.intro else "",
                    section=str(self.section) % names if self.section else "",
                    task=str(self.task) % names if self.task else "",
                    fields=self.fields,
                    condition=self.condition,
                    documents=self.documents,
                    reason=name,
                    reason_names_applicant=bool(item.get("antragsteller")),
                    template=self,
                    item=item,
                )
            )
        return out


@dataclass(frozen=True, kw_only=True)
class PageInstance(Page):
    """One instance of a ``PerItemPage``, built from the answers when needed (never registered)."""

    template: PerItemPage
    item: Mapping[str, Any]

    def stored(self, answers: Mapping[str, Any]) -> Mapping[str, Any]:
        own = answers.get(self.key)
        if not isinstance(own, Mapping) or own.get(ITEM_ID, self.item.get("id")) != self.item.get(
            "id"
        ):
            return {}  # nothing yet, or given for someone who has since left the list
        return own

    def wrap(self, values: dict[str, Any]) -> dict[str, Any]:
        return {self.key: {**values, ITEM_ID: self.item.get("id", "")}}

    def visible_fields(self, answers) -> list[Field]:
        scope = ChainMap(dict(self.stored(answers)), dict(self.item), answers)
        return [f for f in self.fields if f.condition(scope)]


class FormKind:
    """What sending a form means, which the receipt (page, PDF, e-mail) has to say.

    ``APPLICATION`` (Antrag): a claim; the day it arrives counts for the entitlement
    (§ 37 SGB II). ``NOTICE`` (Mitteilung): tells the Jobcenter of a change during the approval
    period (§ 60 SGB I); it claims nothing by itself.
    """

    APPLICATION = "antrag"
    NOTICE = "mitteilung"


@dataclass(frozen=True)
class CaseFlag:
    """A mark the caseworker sees on the case and in the inbox, worked out from the answers once,
    on arrival (e.g. "Beginn liegt vor dem Eingang", "Räumung droht"). ``urgent`` flags are shown
    as a warning and can be filtered for."""

    key: str
    label: str  # back office text (German only)
    when: Condition
    urgent: bool = False


@dataclass(frozen=True, kw_only=True)
class FormDefinition:
    key: str
    version: str
    title: str
    description: str
    pages: tuple[Page, ...]
    kind: str = FormKind.APPLICATION
    # Shown above the first page: what the citizen needs at hand, how long it takes.
    start_intro: str = ""
    # Context values (conditions.CONTEXT_KEY) this form reads, e.g. ("vertrauensniveau",).
    context: tuple[str, ...] = ()
    # A form whose single page is sent by its own button (no check page), e.g. securing the
    # application date; and the key of such a form that must be sent before this one starts.
    submit_on_last_page: bool = False
    starts_with: str = ""
    # Values worked out from the answers that page intros may name (``%(key)s``), e.g. the asset
    # limit for this household. A plain function of the answers; None: intros are fixed text.
    text_values: Callable[[Mapping[str, Any]], dict[str, str]] | None = None
    # Short name for chart axes and legends (statistics); "" = the title.
    short_title: str = ""
    # Marks for the caseworker derived from the answers on arrival (``CaseFlag``).
    case_flags: tuple[CaseFlag, ...] = ()
    decision_choices: tuple[tuple[str, str], ...] = ()  # quick decision buttons on the case
    _pages_by_key: dict = field(init=False, repr=False, compare=False)
    _fields_by_key: dict = field(init=False, repr=False, compare=False)
    _has_per_item: bool = field(init=False, repr=False, compare=False)
    _keys_by_role: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in (FormKind.APPLICATION, FormKind.NOTICE):
            raise ValueError(f"{self.ident}: unknown kind {self.kind!r}")
        pages: dict[str, Page] = {}
        fields: dict[str, Field] = {}
        for page in self.pages:
            if page.key in pages or page.key in RESERVED_PAGE_KEYS:
                raise ValueError(f"{self.ident}: page key {page.key!r} is taken or reserved")
            pages[page.key] = page
            if isinstance(page, RepeatPage):
                if page.group in fields:
                    raise ValueError(f"{self.ident}: group key {page.group!r} is taken")
                fields[page.group] = page  # the group occupies its key in the answers
                keys = [f.key for f in page.fields]
                if len(set(keys)) != len(keys):
                    raise ValueError(f"{self.ident}: duplicate field key in {page.key}")
                continue
            if isinstance(page, PerItemPage):
                # Instances store their answers under "<key>-<nr>": the key must stay a prefix.
                keys = [f.key for f in page.fields]
                if "-" in page.key or len(set(keys)) != len(keys):
                    raise ValueError(f"{self.ident}: bad per-item page {page.key}")
                continue
            own_keys = {f.key for f in page.fields}
            for check in page.checks:
                if not set(check.keys()) <= own_keys:
                    raise ValueError(f"{self.ident}: a check on {page.key} names other fields")
            for f in page.fields:
                if f.key in fields:
                    raise ValueError(f"{self.ident}: field key {f.key!r} is used twice")
                fields[f.key] = f
        # Conditions may only look at answers that exist in this form.
        for flag in self.case_flags:
            for ref in _referenced_keys(flag.when):
                if ref not in fields:
                    raise ValueError(f"{self.ident}: flag {flag.key} names unknown answer {ref!r}")
        for page in self.pages:
            own = [] if isinstance(page, PerItemPage) else [f.condition for f in page.fields]
            for cond in [page.condition, *own]:
                for ref in _referenced_keys(cond):
                    if ref not in fields:
                        raise ValueError(
                            f"{self.ident}: condition on {page.key} names unknown answer {ref!r}"
                        )
        object.__setattr__(self, "_pages_by_key", pages)
        object.__setattr__(self, "_fields_by_key", fields)
        object.__setattr__(
            self, "_has_per_item", any(isinstance(p, PerItemPage) for p in self.pages)
        )
        object.__setattr__(self, "_keys_by_role", self._check_roles())

    def _check_roles(self) -> dict[str, str]:
        """The key of each applicant role; item roles only where items are asked about."""
        keys: dict[str, str] = {}
        for page, f in self.iter_fields():
            if not f.role:
                continue
            if f.role not in Role.__members__.values():
                raise ValueError(f"{self.ident}: {f.key} has an unknown role {f.role!r}")
            on_items = isinstance(page, RepeatPage | PerItemPage)
            if (on_items and f.role in APPLICANT_ROLES) or (
                not on_items and f.role in PERSON_ROLES
            ):
                raise ValueError(f"{self.ident}: role {f.role!r} does not belong on {page.key}")
            if f.role not in APPLICANT_ROLES:
                continue
            if f.role in keys:
                raise ValueError(f"{self.ident}: role {f.role!r} is on two fields")
            keys[f.role] = f.key
        return keys

    @property
    def is_notice(self) -> bool:
        """A change notice, not an application (``FormKind``)."""
        return self.kind == FormKind.NOTICE

    @property
    def ident(self) -> str:
        return f"{self.key}@{self.version}"

    def page(self, key: str, answers: Mapping[str, Any] | None = None) -> Page | None:
        """The page ``key``; an instance of a per-person page (``ek-2``) needs the answers."""
        found = self._pages_by_key.get(key)
        if found is not None or answers is None or "-" not in key:
            return None if isinstance(found, PerItemPage) else found
        template = self._pages_by_key.get(key.rsplit("-", 1)[0])
        if isinstance(template, PerItemPage):
            return next((p for p in template.instances(answers) if p.key == key), None)
        return None

    def expanded_pages(self, answers: Mapping[str, Any]) -> list[Page]:
        """All pages in order, each per-person page replaced by its instances for ``answers``."""
        if not self._has_per_item:
            return list(self.pages)
        out: list[Page] = []
        for page in self.pages:
            if isinstance(page, PerItemPage):
                if page.applies(answers):
                    out.extend(page.instances(answers))
            else:
                out.append(page)
        return out

    def flags_for(self, answers: Mapping[str, Any]) -> list[CaseFlag]:
        """The case flags whose condition the answers meet (today)."""
        return [flag for flag in self.case_flags if flag.when(answers)]

    def flag(self, key: str) -> CaseFlag | None:
        return next((f for f in self.case_flags if f.key == key), None)

    def key_for(self, role: str) -> str | None:
        """The answer key of the field with the applicant role ``role`` (``roles.Role``)."""
        return self._keys_by_role.get(role)

    def field(self, key: str) -> Field | Page | None:
        return self._fields_by_key.get(key)

    def applicable_pages(self, answers) -> list[Page]:
        return [p for p in self.expanded_pages(answers) if p.applies(answers)]

    def iter_fields(self) -> Iterator[tuple[Page, Field]]:
        for page in self.pages:
            for f in page.fields:
                yield page, f


def page_intro(definition: FormDefinition, page: Page, answers: Mapping[str, Any]) -> str:
    """The page's intro, with the definition's ``text_values`` filled in."""
    intro = str(page.intro) if page.intro else ""
    if intro and definition.text_values is not None and "%(" in intro:
        # A translation that names a value we do not have is shown as written.
        with contextlib.suppress(KeyError, ValueError, TypeError):
            intro = intro % definition.text_values(answers)
    return intro


def _referenced_keys(cond: Condition) -> Iterator[str]:
    """Answer keys a condition reads (top level only: ``AnyItem`` looks inside a group)."""
    for attr in ("field", "group"):
        if hasattr(cond, attr):
            yield getattr(cond, attr)
    if hasattr(cond, "conditions"):
        for c in cond.conditions:
            yield from _referenced_keys(c)
    if (
        hasattr(cond, "condition")
        and not hasattr(cond, "group")
        and not getattr(cond, "scoped", False)
    ):
        yield from _referenced_keys(cond.condition)


# --- The registry -------------------------------------------------------------------------------

_registry: dict[str, FormDefinition] = {}


def register(definition: FormDefinition) -> FormDefinition:
    if definition.ident in _registry and _registry[definition.ident] is not definition:
        raise ValueError(f"{definition.ident} is already registered")
    _registry[definition.ident] = definition
    return definition


def unregister(ident: str) -> None:
    """For tests that register a temporary version."""
    _registry.pop(ident, None)


def get(ident: str) -> FormDefinition | None:
    """The definition ``key@version`` — also old versions, so stored answers keep rendering."""
    return _registry.get(ident)


def latest(key: str) -> FormDefinition | None:
    """The newest version of form ``key``; versions compare as "YYYY-n" with numeric parts."""
    candidates = [d for d in _registry.values() if d.key == key]
    if not candidates:
        return None
    return max(candidates, key=lambda d: tuple(int(p) for p in d.version.split("-")))


def all_definitions() -> list[FormDefinition]:
    return sorted(_registry.values(), key=lambda d: d.ident)
