"""The documents (Nachweise) an answer set calls for, derived from the definition.

Each field may say which documents its answer calls for (``DocumentNeed``). Walking the applicable
pages and visible fields gives the list the citizen sees on the check page (and, later, the
document requests of the caseworker). A document needed for several reasons is listed once, with
every reason, e.g. "Lohnabrechnung — Sam Musterfrau, Jo Musterfrau". A person of a group is
named by name, as on the per-person pages (the Anlagen), so a person has one name everywhere;
only an item without a name is named by its label ("Neue Person 1").

A page's reason may address the applicant ("Sie selbst", ``Page.reason_names_applicant``): the
back office reads the list with the applicant named in the third person
(``selectors.documents_needed_for_staff``), never "Sie".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jobcenter.forms.conditions import ALWAYS
from jobcenter.forms.definition import FormDefinition, Page, PerItemPage, RepeatPage
from jobcenter.forms.fields import Document, FileField
from jobcenter.forms.roles import Role


def _item_name(page: RepeatPage, item: Mapping[str, Any], n: int) -> str:
    parts = [
        str(item.get(f.key) or "").strip()
        for role in (Role.PERSON_FIRST_NAME, Role.PERSON_LAST_NAME)
        for f in page.fields
        if f.role == role
    ]
    name = " ".join(p for p in parts if p)
    return name or str(page.item_label % {"n": n + page.first_number})


@dataclass
class NeededDocument:
    document: Document
    reasons: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.document.title)


def documents_needed(
    definition: FormDefinition, answers: Mapping[str, Any], *, applicant: str | None = None
) -> list[NeededDocument]:
    """``applicant``: how to name the applicant where a page's reason addresses them ("Sie
    selbst"), for readers other than the applicant (the back office passes the applicant's name,
    ``selectors.documents_needed_for_staff``); None keeps the citizen's wording."""
    found: dict[str, NeededDocument] = {}

    def reason_of(page: Page):
        if applicant is not None and page.reason_names_applicant:
            return applicant
        return page.reason

    def note(f, value, reason) -> None:
        # A page's reason may be translatable text (e.g. "Sie selbst"): resolved here, in the
        # caller's language, so ``reasons`` holds plain strings that can be joined.
        reason = str(reason)
        for need in f.documents:
            if need.applies(value):
                entry = found.setdefault(need.document.key, NeededDocument(need.document))
                if reason and reason not in entry.reasons:
                    entry.reasons.append(reason)

    for page in definition.applicable_pages(answers):
        for document in page.documents:
            entry = found.setdefault(document.key, NeededDocument(document))
            reason = str(reason_of(page))
            if reason and reason not in entry.reasons:
                entry.reasons.append(reason)
        fields = page.visible_fields(answers)
        if isinstance(page, RepeatPage):
            items = answers.get(page.group)
            for n, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, Mapping):
                    for f in fields:
                        note(f, item.get(f.key), _item_name(page, item, n))
        else:
            own = page.stored(answers)
            for f in fields:
                note(f, own.get(f.key), reason_of(page))
    return list(found.values())


# Numbers the citizen looks up before starting (on the last notice, the bank card).
NUMBER_ROLES = (Role.BG_NUMMER, Role.KUNDENNUMMER, Role.IBAN)


@dataclass
class ToPrepare:
    """Something to have at hand before starting a form: a document or a number."""

    title: str
    always: bool  # False: only for some answers ("falls zutreffend")


def to_prepare(definition: FormDefinition) -> list[ToPrepare]:
    """What a citizen may need for ``definition``, from its document needs and number fields,
    before any answer is given: each once, needed-whatever-you-answer first."""
    found: dict[str, ToPrepare] = {}

    def add(key: str, title, always: bool) -> None:
        entry = found.setdefault(key, ToPrepare(str(title), always))
        entry.always = entry.always or always

    for page in definition.pages:
        plain = page.condition == ALWAYS and not isinstance(page, RepeatPage | PerItemPage)
        for document in page.documents:
            add(document.key, document.title, plain)
        for f in page.fields:
            asked = plain and f.condition == ALWAYS
            if f.role in NUMBER_ROLES:
                add(f"role:{f.role}", f.label, asked and f.required)
            for need in f.documents:
                always = (
                    asked and f.required and need.values is None and not isinstance(f, FileField)
                )
                add(need.document.key, need.document.title, always)
    return sorted(found.values(), key=lambda e: not e.always)
