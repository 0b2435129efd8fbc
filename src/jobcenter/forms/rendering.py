"""The read-only rendering of an answer set: one renderer, several modes.

Check-answers (now), the receipt PDF and the caseworker view (later issues) all show the same
thing — the answers, in the order and with the labels of the definition they were given to — so
all of them walk the answers here and only their templates differ. Only pages and fields that
apply are shown: answers kept in a draft for a page the citizen later skipped are not part of the
application.

Modes:
- ``CHECK``: for the citizen before sending; sections carry the page key for "Ändern" links.
- ``PDF``: the receipt; no links, empty optional answers say "Keine Angabe".
- ``CASEWORKER``: like PDF, plus the machine keys of every row (to match the JSON export).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from jobcenter.forms.definition import FormDefinition, RepeatPage


class Mode(enum.Enum):
    CHECK = "check"
    PDF = "pdf"
    CASEWORKER = "caseworker"


@dataclass
class Row:
    key: str  # machine key: "einkommen.1.arbeitgeber" for item fields
    label: str
    value: str
    answered: bool
    multiline: bool = False


@dataclass
class Item:
    legend: str
    rows: list[Row]


@dataclass
class Section:
    number: int
    title: str
    page_key: str
    rows: list[Row] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    change_label: str = ""  # only in CHECK mode
    show_keys: bool = False


def _row(f, value: Any, key: str) -> Row:
    answered = value not in (None, "", [])
    text = f.display(value) if answered else _("Keine Angabe")
    return Row(
        key=key, label=str(f.label), value=text, answered=answered, multiline=f.widget == "textarea"
    )


def render_answers(
    definition: FormDefinition, answers: Mapping[str, Any], *, mode: Mode = Mode.CHECK
) -> list[Section]:
    sections: list[Section] = []
    for page in definition.applicable_pages(answers):
        section = Section(
            number=len(sections) + 1,
            title=str(page.section_title),
            page_key=page.key,
            change_label=_("Ändern") if mode is Mode.CHECK else "",
            show_keys=mode is Mode.CASEWORKER,
        )
        fields = [f for f in page.visible_fields(answers) if f.widget != "file"]
        if isinstance(page, RepeatPage):
            items = answers.get(page.group)
            for n, item in enumerate(items if isinstance(items, list) else []):
                item = item if isinstance(item, Mapping) else {}
                section.items.append(
                    Item(
                        legend=page.item_label % {"n": n + page.first_number},
                        rows=[
                            _row(f, item.get(f.key), f"{page.group}.{n}.{f.key}") for f in fields
                        ],
                    )
                )
        else:
            own = page.stored(answers)
            prefix = "" if own is answers else page.key + "."
            section.rows = [_row(f, own.get(f.key), prefix + f.key) for f in fields]
        sections.append(section)
    return sections
