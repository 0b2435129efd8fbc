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

from collections.abc import Iterator
from dataclasses import dataclass, field

from jobcenter.forms.conditions import ALWAYS, Condition
from jobcenter.forms.fields import Field

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

    repeat: bool = False  # see RepeatPage

    def applies(self, answers) -> bool:
        return self.condition(answers)

    def visible_fields(self, answers) -> list[Field]:
        return [f for f in self.fields if f.condition(answers)]

    @property
    def section_title(self) -> str:
        return self.section or self.title


@dataclass(frozen=True, kw_only=True)
class RepeatPage(Page):
    """A page that collects a list of like items (household members, income sources).

    The answers are stored under ``group`` as a list of dicts keyed by field key. The citizen adds
    and removes items with submit buttons, so the page works without JavaScript.
    """

    group: str
    item_label: str  # "Person %(n)d" — numbered from 1
    add_label: str
    min_items: int = 1
    max_items: int = 10
    repeat: bool = True


@dataclass(frozen=True, kw_only=True)
class FormDefinition:
    key: str
    version: str
    title: str
    description: str
    pages: tuple[Page, ...]
    # Shown above the first page: what the citizen needs at hand, how long it takes.
    start_intro: str = ""
    _pages_by_key: dict = field(init=False, repr=False, compare=False)
    _fields_by_key: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
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
            for f in page.fields:
                if f.key in fields:
                    raise ValueError(f"{self.ident}: field key {f.key!r} is used twice")
                fields[f.key] = f
        # Conditions may only look at answers that exist in this form.
        for page in self.pages:
            for cond in [page.condition, *(f.condition for f in page.fields)]:
                for ref in _referenced_keys(cond):
                    if ref not in fields:
                        raise ValueError(
                            f"{self.ident}: condition on {page.key} names unknown answer {ref!r}"
                        )
        object.__setattr__(self, "_pages_by_key", pages)
        object.__setattr__(self, "_fields_by_key", fields)

    @property
    def ident(self) -> str:
        return f"{self.key}@{self.version}"

    def page(self, key: str) -> Page | None:
        return self._pages_by_key.get(key)

    def field(self, key: str) -> Field | Page | None:
        return self._fields_by_key.get(key)

    def applicable_pages(self, answers) -> list[Page]:
        return [p for p in self.pages if p.applies(answers)]

    def iter_fields(self) -> Iterator[tuple[Page, Field]]:
        for page in self.pages:
            for f in page.fields:
                yield page, f


def _referenced_keys(cond: Condition) -> Iterator[str]:
    """Answer keys a condition reads (top level only: ``AnyItem`` looks inside a group)."""
    for attr in ("field", "group"):
        if hasattr(cond, attr):
            yield getattr(cond, attr)
    if hasattr(cond, "conditions"):
        for c in cond.conditions:
            yield from _referenced_keys(c)
    if hasattr(cond, "condition") and not hasattr(cond, "group"):
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
