"""Navigation through a form: which page comes next or before, and how far along the citizen is.

Like the checkout steps of pretix, each page answers "do I apply?" (its condition, on the stored
answers) and "am I complete?" (its stored answers pass validation). Next and previous skip pages
that do not apply, in both directions, and are computed from the answers after the current page
was saved, so changing "Nein" to "Ja" opens the follow-up pages at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jobcenter.forms.definition import FormDefinition, Page
from jobcenter.forms.steps import page_is_complete


def _index(pages: list[Page], key: str) -> int:
    for i, page in enumerate(pages):
        if page.key == key:
            return i
    raise KeyError(key)


def next_page(definition: FormDefinition, answers: Mapping[str, Any], current: str) -> Page | None:
    """The next applicable page after ``current``; None means the check-answers page.

    Per-person pages count as their instances for these answers (``expanded_pages``).
    """
    pages = definition.expanded_pages(answers)
    for page in pages[_index(pages, current) + 1 :]:
        if page.applies(answers):
            return page
    return None


def previous_page(
    definition: FormDefinition, answers: Mapping[str, Any], current: str | None
) -> Page | None:
    """The applicable page before ``current`` (None = the check page: the last one)."""
    pages = definition.expanded_pages(answers)
    if current is not None:
        pages = pages[: _index(pages, current)]
    for page in reversed(pages):
        if page.applies(answers):
            return page
    return None


def first_page(definition: FormDefinition, answers: Mapping[str, Any]) -> Page:
    return next(p for p in definition.expanded_pages(answers) if p.applies(answers))


def step_of(
    definition: FormDefinition, answers: Mapping[str, Any], current: str | None
) -> tuple[int, int]:
    """("Schritt n von m"): the check page is the last step, a skipped page is no step. A form
    sent from its last page has no check page, so that page is the last step."""
    applicable = definition.applicable_pages(answers)
    total = len(applicable) + (0 if definition.submit_on_last_page else 1)
    if current is None:
        return total, total
    keys = [p.key for p in applicable]
    if current in keys:
        return keys.index(current) + 1, total
    # A page that does not apply (reached by an old link): count the applicable ones before it.
    pages = definition.expanded_pages(answers)
    before = {p.key for p in pages[: _index(pages, current)]}
    return sum(1 for k in keys if k in before) + 1, total


def incomplete_pages(definition: FormDefinition, answers: Mapping[str, Any]) -> list[Page]:
    return [p for p in definition.applicable_pages(answers) if not page_is_complete(p, answers)]


# --- what a page's buttons do ---------------------------------------------------------------

BACK, ADD, NEXT = "zurueck", "hinzufuegen", "weiter"
REMOVE_PREFIX = "entfernen-"


@dataclass(frozen=True)
class PageAction:
    """The button the citizen pressed on a page: "Weiter", "Zurück", "Weitere … hinzufügen",
    or "Entfernen" of item ``remove`` (index in the group)."""

    name: str = NEXT
    remove: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> PageAction:
        value = value or NEXT
        if value.startswith(REMOVE_PREFIX):
            try:
                return cls(value, int(value.removeprefix(REMOVE_PREFIX)))
            except ValueError:
                return cls(value)
        return cls(value)

    @property
    def back(self) -> bool:
        return self.name == BACK

    @property
    def adds(self) -> bool:
        return self.name == ADD

    @property
    def keeps_input(self) -> bool:
        """Keep everything without nagging: valid answers into the draft, otherwise the raw
        input as typed (errors appear only on "Weiter")."""
        return self.back or self.adds or self.remove is not None


@dataclass(frozen=True)
class Destination:
    """Where the wizard goes after a page was saved: ``kind`` is "start" (the portal's start
    page), "page" (``page_key``; ``more``: with one more empty item), "check" (``anchor``: the
    page's section) or "submit" (a form sent by its last page's own button)."""

    kind: str
    page_key: str = ""
    from_check: bool = False
    more: bool = False
    anchor: str = ""


def after_save(
    definition: FormDefinition,
    answers: Mapping[str, Any],
    current: str,
    action: PageAction,
    *,
    from_check: bool,
    pending: bool,
) -> Destination:
    """Where to go once page ``current`` was saved with ``action`` (``pending``: the page's
    input was kept as typed, not as answers)."""
    if action.back:
        previous = previous_page(definition, answers, current)
        return Destination("start") if previous is None else Destination("page", previous.key)
    if action.adds:
        # With pending input the extra item is already counted in it.
        return Destination("page", current, from_check=from_check, more=not pending)
    if action.remove is not None:
        return Destination("page", current, from_check=from_check)
    if from_check:
        # Back to the summary — unless the change opened pages that still need answers.
        incomplete = incomplete_pages(definition, answers)
        if incomplete:
            return Destination("page", incomplete[0].key, from_check=True)
        return Destination("check", anchor=current)
    following = next_page(definition, answers, current)
    if following is None:
        # "Antrag gesichert": the page's own button sends it — no check page in between.
        return Destination("submit" if definition.submit_on_last_page else "check")
    return Destination("page", following.key)
