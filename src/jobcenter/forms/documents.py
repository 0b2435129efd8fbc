"""The documents (Nachweise) an answer set calls for, derived from the definition.

Each field may say which documents its answer calls for (``DocumentNeed``). Walking the applicable
pages and visible fields gives the list the citizen sees on the check page (and, later, the
document requests of the caseworker). A document needed for several reasons is listed once, with
every reason, e.g. "Lohnabrechnung — Person 1, Person 2".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jobcenter.forms.definition import FormDefinition, RepeatPage
from jobcenter.forms.fields import Document


@dataclass
class NeededDocument:
    document: Document
    reasons: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.document.title)


def documents_needed(definition: FormDefinition,
                     answers: Mapping[str, Any]) -> list[NeededDocument]:
    found: dict[str, NeededDocument] = {}

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
            reason = str(page.reason)
            if reason and reason not in entry.reasons:
                entry.reasons.append(reason)
        fields = page.visible_fields(answers)
        if isinstance(page, RepeatPage):
            items = answers.get(page.group)
            for n, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, Mapping):
                    for f in fields:
                        note(f, item.get(f.key), str(page.item_label % {"n": n + 1}))
        else:
            own = page.stored(answers)
            for f in fields:
                note(f, own.get(f.key), page.reason)
    return list(found.values())
