"""Navigation through a form: which page comes next or before, and how far along the citizen is.

Like the checkout steps of pretix, each page answers "do I apply?" (its condition, on the stored
answers) and "am I complete?" (its stored answers pass validation). Next and previous skip pages
that do not apply, in both directions, and are computed from the answers after the current page
was saved, so changing "Nein" to "Ja" opens the follow-up pages at once.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def previous_page(definition: FormDefinition, answers: Mapping[str, Any],
                  current: str | None) -> Page | None:
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


def step_of(definition: FormDefinition, answers: Mapping[str, Any],
            current: str | None) -> tuple[int, int]:
    """("Schritt n von m"): the check page is the last step, a skipped page is no step."""
    applicable = definition.applicable_pages(answers)
    total = len(applicable) + 1
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
