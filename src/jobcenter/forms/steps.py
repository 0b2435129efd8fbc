"""A page bound to input: validation of one wizard step, and the objects its template renders.

``PageForm`` is the engine's counterpart of a Django form for one ``Page``. It is built either from
the stored answers (GET) or from POST data (raw input, kept as typed). ``is_valid()`` parses
every visible field; ``values`` are then the answers to merge into the draft.

It also offers the small part of the Django form interface that ``includes/error_summary.html``
uses (``errors``, ``non_field_errors``, iteration over fields with ``errors`` and
``id_for_label``), so the error summary looks the same everywhere in the product.

Everything the template needs is computed here, in Python, once (ids, ``aria-describedby``,
classes, checked options), so ``forms/jinja2/forms/fields.html`` renders a whole step in one
pass with no per-field template lookups — the point of docs/QUALITY.md §3.3.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from jobcenter.forms.definition import Page, RepeatPage
from jobcenter.forms.fields import Field, FieldError

_KERN_WIDTHS = {2, 4}


@dataclass
class BoundField:
    field: Field
    name: str
    raw: Any
    errors: list[str] = field(default_factory=list)

    # The template reads plain attributes; compute them once.
    def __post_init__(self) -> None:
        f = self.field
        self.id = "f-" + self.name
        # Labels are lazy translations; resolve each once here instead of every time the
        # template touches it (a measurable share of a step's rendering time).
        self.label = str(f.label)
        self.hint = str(f.hint) if f.hint else ""
        self.required = f.required
        self.optional_mark = not f.required
        self.widget = f.widget
        self.input_type = f.input_type
        self.inputmode = f.inputmode
        self.autocomplete = f.autocomplete
        self.suffix = f.suffix
        self.spellcheck = f.spellcheck
        self.hint_id = self.id + "-hint"
        self.error_id = self.id + "-error"
        described = ([self.hint_id] if f.hint else []) + ([self.error_id] if self.errors else [])
        self.describedby = " ".join(described)
        if f.width in _KERN_WIDTHS:
            self.width_class = f" kern-form-input__input--width-{f.width}"
        elif f.width:
            self.width_class = f" wizard-input--width-{f.width}"
        else:
            self.width_class = ""
        if f.widget == "radios" or f.widget == "checkboxes":
            chosen = set(self.raw) if isinstance(self.raw, list) else {self.raw}
            self.options = [
                {
                    "id": f"{self.id}-{i}",
                    "value": o.value,
                    "label": str(o.label),
                    "hint": str(o.hint) if o.hint else "",
                    "checked": o.value in chosen,
                }
                for i, o in enumerate(f.options)
            ]
            self.id_for_label = self.options[0]["id"] if self.options else self.id
            # Two short options sit side by side; longer lists stack.
            self.horizontal = f.kind == "yesno"
        elif f.widget == "date":
            self.parts = [
                {
                    "id": f"{self.id}-{p}",
                    "name": f"{self.name}-{p}",
                    "label": label,
                    "value": (self.raw or {}).get(p, ""),
                    "width": w,
                    "maxlength": m,
                    "autocomplete": ac,
                }
                for p, label, w, m, ac in (
                    ("tag", _("Tag"), 2, 2, "bday-day"),
                    ("monat", _("Monat"), 2, 2, "bday-month"),
                    ("jahr", _("Jahr"), 4, 4, "bday-year"),
                )
            ]
            if f.autocomplete != "bday":
                for part in self.parts:
                    part["autocomplete"] = ""
            self.id_for_label = self.parts[0]["id"]
        else:
            self.id_for_label = self.id
            self.value = self.raw if isinstance(self.raw, str) else ""


@dataclass
class ItemForm:
    """One item of a repeatable group on the page."""

    index: int
    legend: str
    fields: list[BoundField]
    removable: bool


def _as_data(data: Any) -> Any:
    if data is None or hasattr(data, "getlist"):
        return data
    return MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in data.items()})


class PageForm:
    """One page, bound to stored answers or to POST data.

    ``answers`` are the stored answers of the whole draft: field conditions read them.
    ``data`` is POST data (QueryDict) or raw input saved earlier (a dict of lists).
    ``extra_item`` adds an empty item to a group page; ``remove`` drops one (both without JS).
    """

    def __init__(
        self,
        page: Page,
        answers: Mapping[str, Any],
        data: Any = None,
        *,
        extra_item: bool = False,
        remove: int | None = None,
    ) -> None:
        self.page = page
        self.answers = answers
        self.data = _as_data(data)
        self.bound = self.data is not None
        self.visible = page.visible_fields(answers)
        self._errors: dict[str, str] | None = None
        self.values: dict[str, Any] = {}
        self.items: list[ItemForm] = []
        self.fields: list[BoundField] = []
        if isinstance(page, RepeatPage):
            self._init_group(page, extra_item, remove)
        else:
            own = page.stored(answers)
            self.fields = [self._bind(f, f.key, own.get(f.key)) for f in self.visible]
            self._mark_one_of()

    # --- building ---------------------------------------------------------------------------
    def _bind(self, f: Field, name: str, stored: Any) -> BoundField:
        raw = f.raw(self.data, name) if self.bound else f.to_raw(stored)
        return BoundField(f, name, raw)

    def _init_group(self, page: RepeatPage, extra_item: bool, remove: int | None) -> None:
        stored = self.answers.get(page.group)
        stored = stored if isinstance(stored, list) else []
        if self.bound:
            try:
                count = int(self.data.get(f"{page.group}-count", "0"))
            except (TypeError, ValueError):
                count = 0
            count = max(0, min(count, page.max_items))
        else:
            count = len(stored)
        indexes = [i for i in range(max(count, page.min_items)) if i != remove]
        rows = []
        for i in indexes:
            item = stored[i] if i < len(stored) and isinstance(stored[i], Mapping) else {}
            rows.append(
                [
                    (
                        f,
                        f.raw(self.data, f"{page.group}-{i}-{f.key}")
                        if self.bound
                        else f.to_raw(item.get(f.key)),
                    )
                    for f in self.visible
                ]
            )
        if extra_item and len(rows) < page.max_items:
            rows.append([(f, f.to_raw(None)) for f in self.visible])
        while len(rows) < page.min_items:
            rows.append([(f, f.to_raw(None)) for f in self.visible])
        # Renumber, so names are dense again after a removal.
        for n, row in enumerate(rows):
            bound = [BoundField(f, f"{page.group}-{n}-{f.key}", raw) for f, raw in row]
            self.items.append(
                ItemForm(
                    index=n,
                    legend=page.item_label % {"n": n + page.first_number},
                    fields=bound,
                    removable=len(rows) > page.min_items,
                )
            )
            self.fields.extend(bound)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def can_add(self) -> bool:
        return isinstance(self.page, RepeatPage) and len(self.items) < self.page.max_items

    # --- validation -------------------------------------------------------------------------
    def is_valid(self) -> bool:
        if self._errors is None:
            self._validate()
        return not self._errors

    def _validate(self) -> None:
        self._errors = {}
        if isinstance(self.page, RepeatPage):
            items = []
            for item in self.items:
                # An untouched extra item is not an answer; drop it instead of nagging.
                if item.index >= self.page.min_items and all(
                    bf.field.is_blank(bf.raw) for bf in item.fields
                ):
                    continue
                values = {}
                for bf in item.fields:
                    values[bf.field.key] = self._clean(bf)
                items.append(values)
            self.values = {self.page.group: items}
        else:
            values = {bf.field.key: self._clean(bf) for bf in self.fields}
            self._check_one_of(values)
            self._check_across(values)
            self.values = self.page.wrap(values)

    def _mark_one_of(self) -> None:
        # One of these must be answered: none of them is "optional" on its own.
        for bf in self.fields:
            if bf.field.key in self.page.one_of:
                bf.optional_mark = False

    def _check_one_of(self, values: dict[str, Any]) -> None:
        keys = [bf for bf in self.fields if bf.field.key in self.page.one_of]
        if (
            keys
            and all(values.get(bf.field.key) in (None, "", []) for bf in keys)
            and not any(bf.errors for bf in keys)
        ):
            first = keys[0]
            first.errors = [str(self.page.one_of_message)]
            first.describedby = " ".join(
                filter(None, [first.hint_id if first.hint else "", first.error_id])
            )
            self._errors[first.name] = first.errors[0]

    def _check_across(self, values: dict[str, Any]) -> None:
        """The page's checks across fields (a date range): the message goes to the field."""
        for check in self.page.checks:
            message = check.error(self.page, values)
            bf = next((b for b in self.fields if b.field.key == check.field), None)
            if message and bf is not None and not bf.errors:
                bf.errors = [message]
                bf.describedby = " ".join(
                    filter(None, [bf.hint_id if bf.hint else "", bf.error_id])
                )
                self._errors[bf.name] = message

    def _clean(self, bf: BoundField) -> Any:
        try:
            return bf.field.clean(bf.raw)
        except FieldError as exc:
            message = exc.messages[0]
            bf.errors = [message]
            bf.describedby = " ".join(filter(None, [bf.hint_id if bf.hint else "", bf.error_id]))
            self._errors[bf.name] = message
            return None

    def partial_values(self) -> dict[str, Any]:
        """The answers that are valid, ignoring the rest (for "Zurück" without losing input)."""
        self.is_valid()
        if isinstance(self.page, RepeatPage):
            return {}  # a list with holes would mislead; the raw input is kept instead
        values = self.page.stored(self.values)
        return self.page.wrap(
            {bf.field.key: values[bf.field.key] for bf in self.fields if not bf.errors}
        )

    def raw_input(self, *, extra_item: bool = False) -> dict[str, list[str]]:
        """This page's raw input as a plain dict of lists, to keep in the draft.

        Built from the bound fields (not the POST), so a removed item is gone and the items are
        numbered densely; ``extra_item`` keeps room for one more empty item.
        """
        out: dict[str, list[str]] = {}
        for bf in self.fields:
            raw = bf.raw
            if isinstance(raw, dict):
                for part, value in raw.items():
                    out[f"{bf.name}-{part}"] = [str(value)[:5000]]
            elif isinstance(raw, list):
                out[bf.name] = [str(v)[:5000] for v in raw][:50]
            else:
                # Bounded: this is kept in the draft, and no valid answer is longer.
                out[bf.name] = [str(raw or "")[:5000]]
        if isinstance(self.page, RepeatPage):
            count = min(len(self.items) + (1 if extra_item else 0), self.page.max_items)
            out[f"{self.page.group}-count"] = [str(count)]
        return out

    # --- the Django-form-like surface for the error summary ----------------------------------
    @property
    def errors(self) -> dict[str, str]:
        if self._errors is None:
            return {}
        return self._errors

    def non_field_errors(self) -> list[str]:
        return []

    def __iter__(self) -> Iterator[BoundField]:
        return iter(self.fields)

    @property
    def error_list(self) -> list[tuple[str, str]]:
        return [(bf.id_for_label, bf.errors[0]) for bf in self.fields if bf.errors]


def page_is_complete(page: Page, answers: Mapping[str, Any]) -> bool:
    """Would the stored answers pass this page's validation? (Used for the check page.)"""
    return PageForm(page, answers, _as_data(_stored_as_raw(page, answers))).is_valid()


def _stored_as_raw(page: Page, answers: Mapping[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def put(f: Field, name: str, value: Any) -> None:
        raw = f.to_raw(value)
        if isinstance(raw, dict):
            for part, v in raw.items():
                out[f"{name}-{part}"] = [v]
        elif isinstance(raw, list):
            out[name] = raw
        else:
            out[name] = [raw]

    visible = page.visible_fields(answers)
    if isinstance(page, RepeatPage):
        items = answers.get(page.group)
        items = items if isinstance(items, list) else []
        out[f"{page.group}-count"] = [str(len(items))]
        for i, item in enumerate(items):
            for f in visible:
                put(
                    f,
                    f"{page.group}-{i}-{f.key}",
                    item.get(f.key) if isinstance(item, Mapping) else None,
                )
    else:
        own = page.stored(answers)
        for f in visible:
            put(f, f.key, own.get(f.key))
    return out
