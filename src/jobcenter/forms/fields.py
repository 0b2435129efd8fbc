"""Field types of the form engine: parsing, validation, display and JSON Schema, per type.

A field is a frozen dataclass that *describes* a question; it holds no citizen data. Each type
knows four conversions, and nothing outside this module needs to know them:

    raw input (what the browser sent)  --clean()-->    stored value (JSON: str/int/bool/list)
    stored value                       --to_raw()-->   raw input (to pre-fill the page again)
    stored value                       --display()-->  text for check-answers, PDF, caseworker
    the type itself                    --schema()-->   JSON Schema of the stored value

Raw input is always text (or a dict/list of texts) and is kept as typed, so a page with errors
shows exactly what the citizen entered. ``clean`` raises only ``FieldError``; the property-based
tests hold every type to that.

We do not use ``django.forms``: its per-widget template rendering is the first bottleneck of a
form-heavy page (docs/QUALITY.md §3.3, ~0.13× of a hello-world view for 10 fields). The engine
renders a whole step in one Jinja2 pass (``forms/jinja2/forms/fields.html``) from the plain
attributes below (``widget``, ``input_type``, ``inputmode``, ``width``, ``suffix``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.forms import numbers, validators
from jobcenter.forms.conditions import ALWAYS, Condition
from jobcenter.forms.validators import FieldError

YES, NO = "ja", "nein"


@dataclass(frozen=True)
class Document:
    """A kind of evidence (Nachweis) the Jobcenter needs, e.g. the new lease."""

    key: str
    title: str
    hint: str = ""


@dataclass(frozen=True)
class DocumentNeed:
    """This field's answer calls for ``document`` — for any answer, or only for ``values``."""

    document: Document
    values: tuple[Any, ...] | None = None

    def applies(self, value: Any) -> bool:
        if value in (None, "", []):
            return False
        if self.values is None:
            return True
        if isinstance(value, list):
            return any(v in self.values for v in value)
        return value in self.values


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""


@dataclass(frozen=True, kw_only=True)
class Field:
    key: str
    label: str
    hint: str = ""
    required: bool = True
    # Shown only when earlier answers say so; evaluated on the stored answers.
    condition: Condition = ALWAYS
    documents: tuple[DocumentNeed, ...] = ()
    autocomplete: str = ""
    required_message: str = ""
    # What the answer means (``roles.Role``), so that other apps find it without its key.
    role: str = ""

    kind: ClassVar[str] = "text"
    widget: ClassVar[str] = "input"  # input | textarea | date | radios | checkboxes | file
    input_type: ClassVar[str] = "text"
    inputmode: ClassVar[str] = ""
    width: ClassVar[int | None] = None
    suffix: ClassVar[str] = ""
    spellcheck: ClassVar[bool] = True

    # --- raw input --------------------------------------------------------------------------
    def raw(self, data: Any, name: str) -> Any:
        """Pick this field's raw input out of POST data (a QueryDict or MultiValueDict)."""
        value = data.get(name, "")
        return value if isinstance(value, str) else ""

    def is_blank(self, raw: Any) -> bool:
        return not str(raw or "").strip()

    def clean(self, raw: Any) -> Any:
        if self.is_blank(raw):
            if self.required:
                raise FieldError(self.missing_message())
            return None
        return self.parse(raw)

    def missing_message(self) -> str:
        if self.required_message:
            return str(self.required_message)
        return _("Bitte geben Sie „%(label)s“ an.") % {"label": self.label}

    def parse(self, raw: str) -> Any:
        return raw.strip()

    def to_raw(self, value: Any) -> Any:
        return "" if value is None else str(value)

    def display(self, value: Any) -> str:
        return "" if value is None else str(value)

    def schema(self) -> dict:
        return {"type": "string"}

    def json_schema(self) -> dict:
        schema = {"title": str(self.label), **self.schema()}
        if not self.required:
            schema = {"title": schema.pop("title"), "anyOf": [schema, {"type": "null"}]}
        return schema


def _len_limited(raw: str, max_length: int) -> str:
    value = raw.strip()
    if len(value) > max_length:
        raise FieldError(
            _("Bitte kürzen Sie Ihre Angabe auf höchstens %(n)d Zeichen.") % {"n": max_length}
        )
    # Control characters have no business in a form answer and would break exports.
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value):
        raise FieldError(_("Bitte verwenden Sie nur Buchstaben, Ziffern und Satzzeichen."))
    return value


@dataclass(frozen=True, kw_only=True)
class TextField(Field):
    max_length: int = 200

    def parse(self, raw: str) -> str:
        return _len_limited(raw, self.max_length)

    def schema(self) -> dict:
        return {"type": "string", "maxLength": self.max_length}


@dataclass(frozen=True, kw_only=True)
class LongTextField(TextField):
    max_length: int = 2000
    kind: ClassVar[str] = "longtext"
    widget: ClassVar[str] = "textarea"


@dataclass(frozen=True, kw_only=True)
class NumberField(Field):
    min_value: int = 0
    max_value: int = 1_000_000
    unit: str = ""
    kind: ClassVar[str] = "number"
    inputmode: ClassVar[str] = "numeric"
    width: ClassVar[int | None] = 4
    spellcheck: ClassVar[bool] = False

    def parse(self, raw: str) -> int:
        value = raw.strip().replace(" ", "").replace(".", "")
        if not re.fullmatch(r"-?\d{1,12}", value):
            raise FieldError(_("Bitte geben Sie eine ganze Zahl an, z. B. 3."))
        number = int(value)
        if number < self.min_value:
            raise FieldError(_("Die Zahl muss mindestens %(n)d sein.") % {"n": self.min_value})
        if number > self.max_value:
            raise FieldError(_("Die Zahl darf höchstens %(n)d sein.") % {"n": self.max_value})
        return number

    def display(self, value: Any) -> str:
        if value is None:
            return ""
        return f"{value} {self.unit}".strip()

    def schema(self) -> dict:
        return {"type": "integer", "minimum": self.min_value, "maximum": self.max_value}


@dataclass(frozen=True, kw_only=True)
class MoneyField(Field):
    """An amount in euro, stored in whole cents so sums never meet a float."""

    max_cents: int = 100_000_000  # 1 Mio. €; a typo guard, not a legal limit
    kind: ClassVar[str] = "money"
    inputmode: ClassVar[str] = "decimal"
    width: ClassVar[int | None] = 10
    suffix: ClassVar[str] = "€"
    spellcheck: ClassVar[bool] = False

    def parse(self, raw: str) -> int:
        cents = validators.money_to_cents(raw)
        if cents > self.max_cents:
            raise FieldError(
                _("Bitte prüfen Sie den Betrag: höchstens %(max)s.")
                % {"max": validators.format_cents(self.max_cents)}
            )
        return cents

    def to_raw(self, value: Any) -> str:
        return "" if value is None else validators.cents_to_input(int(value))

    def display(self, value: Any) -> str:
        return "" if value is None else validators.format_cents(int(value))

    def schema(self) -> dict:
        return {
            "type": "integer",
            "minimum": 0,
            "maximum": self.max_cents,
            "description": "Betrag in Cent",
        }


@dataclass(frozen=True, kw_only=True)
class DateField(Field):
    """A calendar date typed as day, month and year (the KERN and GOV.UK pattern).

    ``earliest`` and ``latest`` are offsets in days from today, so a definition can say "seit"
    (in the past: ``latest=0``) or "ab" (a little into the future) without hard-coding years.
    """

    earliest: int | None = -365 * 10
    latest: int | None = 0
    kind: ClassVar[str] = "date"
    widget: ClassVar[str] = "date"
    PARTS: ClassVar[tuple[str, ...]] = ("tag", "monat", "jahr")

    def raw(self, data: Any, name: str) -> dict:
        out = {}
        for part in self.PARTS:
            value = data.get(f"{name}-{part}", "")
            out[part] = value if isinstance(value, str) else ""
        return out

    def is_blank(self, raw: Any) -> bool:
        return not isinstance(raw, Mapping) or not any(
            str(raw.get(p, "")).strip() for p in self.PARTS
        )

    def missing_message(self) -> str:
        if self.required_message:
            return str(self.required_message)
        return _("Bitte geben Sie das Datum „%(label)s“ an.") % {"label": self.label}

    def parse(self, raw: Mapping) -> str:
        parts = [str(raw.get(p, "")).strip() for p in self.PARTS]
        missing = [
            name
            for name, value in zip((_("Tag"), _("Monat"), _("Jahr")), parts, strict=True)
            if not value
        ]
        if missing:
            raise FieldError(
                _("Das Datum muss Tag, Monat und Jahr enthalten. Es fehlt: %(parts)s.")
                % {"parts": ", ".join(missing)}
            )
        if not all(re.fullmatch(r"\d{1,4}", p) for p in parts) or len(parts[2]) != 4:
            raise FieldError(
                _(
                    "Bitte geben Sie das Datum nur mit Ziffern an, z. B. 27 3 2026 "
                    "(das Jahr vierstellig)."
                )
            )
        try:
            date = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise FieldError(
                _("Dieses Datum gibt es nicht. Bitte prüfen Sie Tag und Monat.")
            ) from None
        today = timezone.localdate()
        if self.latest is not None and date > today + dt.timedelta(days=self.latest):
            if self.latest == 0:
                raise FieldError(_("Das Datum darf nicht in der Zukunft liegen."))
            raise FieldError(
                _("Das Datum darf nicht nach dem %(date)s liegen.")
                % {"date": _format_date(today + dt.timedelta(days=self.latest))}
            )
        if self.earliest is not None and date < today + dt.timedelta(days=self.earliest):
            raise FieldError(
                _("Das Datum darf nicht vor dem %(date)s liegen.")
                % {"date": _format_date(today + dt.timedelta(days=self.earliest))}
            )
        return date.isoformat()

    def to_raw(self, value: Any) -> dict:
        if not value:
            return dict.fromkeys(self.PARTS, "")
        date = dt.date.fromisoformat(value)
        return {"tag": str(date.day), "monat": str(date.month), "jahr": str(date.year)}

    def display(self, value: Any) -> str:
        return "" if not value else _format_date(dt.date.fromisoformat(value))

    def schema(self) -> dict:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _format_date(date: dt.date) -> str:
    return formats.date_format(date, "d.m.Y")


@dataclass(frozen=True, kw_only=True)
class ChoiceField(Field):
    options: tuple[Option, ...] = ()
    kind: ClassVar[str] = "choice"
    widget: ClassVar[str] = "radios"

    def missing_message(self) -> str:
        if self.required_message:
            return str(self.required_message)
        return _("Bitte wählen Sie eine Antwort: „%(label)s“.") % {"label": self.label}

    def parse(self, raw: str) -> str:
        value = raw.strip()
        if value not in {o.value for o in self.options}:
            raise FieldError(_("Bitte wählen Sie eine der angebotenen Antworten."))
        return value

    def display(self, value: Any) -> str:
        return next((str(o.label) for o in self.options if o.value == value), "")

    def schema(self) -> dict:
        return {"type": "string", "enum": [o.value for o in self.options]}


@dataclass(frozen=True, kw_only=True)
class YesNoField(ChoiceField):
    options: tuple[Option, ...] = (
        Option(YES, gettext_lazy("Ja")),
        Option(NO, gettext_lazy("Nein")),
    )
    kind: ClassVar[str] = "yesno"

    def parse(self, raw: str) -> bool:
        return super().parse(raw) == YES

    def to_raw(self, value: Any) -> str:
        return "" if value is None else (YES if value else NO)

    def display(self, value: Any) -> str:
        return "" if value is None else str(_("Ja") if value else _("Nein"))

    def schema(self) -> dict:
        return {"type": "boolean"}


@dataclass(frozen=True, kw_only=True)
class MultipleChoiceField(ChoiceField):
    kind: ClassVar[str] = "multichoice"
    widget: ClassVar[str] = "checkboxes"

    def raw(self, data: Any, name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        return [v for v in values if isinstance(v, str)]

    def is_blank(self, raw: Any) -> bool:
        return not raw

    def missing_message(self) -> str:
        if self.required_message:
            return str(self.required_message)
        return _("Bitte wählen Sie mindestens eine Antwort: „%(label)s“.") % {"label": self.label}

    def parse(self, raw: Sequence[str]) -> list[str]:
        allowed = [o.value for o in self.options]
        chosen = set(raw)
        if not chosen <= set(allowed):
            raise FieldError(_("Bitte wählen Sie nur aus den angebotenen Antworten."))
        return [v for v in allowed if v in chosen]  # definition order, no duplicates

    def to_raw(self, value: Any) -> list[str]:
        return list(value or [])

    def display(self, value: Any) -> str:
        labels = {o.value: str(o.label) for o in self.options}
        return ", ".join(labels[v] for v in value or [] if v in labels)

    def schema(self) -> dict:
        return {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "enum": [o.value for o in self.options]},
        }


def _validated(
    fn,
    kind_: str,
    input_type_: str = "text",
    inputmode_: str = "",
    width_=None,
    pattern: str | None = None,
    autocomplete_: str = "",
):
    """Build a single-line field type whose parsing is one function from ``validators``."""

    @dataclass(frozen=True, kw_only=True)
    class _Validated(Field):
        autocomplete: str = autocomplete_
        kind: ClassVar[str] = kind_
        input_type: ClassVar[str] = input_type_
        inputmode: ClassVar[str] = inputmode_
        width: ClassVar[int | None] = width_
        spellcheck: ClassVar[bool] = False

        def parse(self, raw: str) -> str:
            if len(raw) > 320:  # longer than any valid value of these types; keep regexes cheap
                raise FieldError(_("Diese Angabe ist zu lang. Bitte prüfen Sie die Eingabe."))
            return fn(raw)

        def schema(self) -> dict:
            return {"type": "string", **({"pattern": pattern} if pattern else {})}

    return _Validated


class EmailField(_validated(validators.email, "email", "email", "email", autocomplete_="email")):
    """An e-mail address (Django's validator)."""


class PhoneField(_validated(validators.phone, "phone", "tel", "tel", autocomplete_="tel")):
    """A telephone number: digits with the usual separators, 6–15 digits."""


class PostcodeField(
    _validated(validators.postcode, "postcode", "text", "numeric", 5, r"^\d{5}$", "postal-code")
):
    """A German postcode: five digits."""


class RvNummerField(_validated(validators.rvnr, "rvnr", "text", "", 20, r"^\d{8}[A-Z]\d{3}$")):
    """Rentenversicherungsnummer: format and check digit."""


class BgNummerField(
    _validated(validators.bg_nummer, "bgnummer", "text", "", 20, numbers.BG_NUMMER_PATTERN)
):
    """Nummer der Bedarfsgemeinschaft (format only)."""


class KundennummerField(
    _validated(
        validators.kundennummer, "kundennummer", "text", "", 20, numbers.KUNDENNUMMER_PATTERN
    )
):
    """Kundennummer of the Bundesagentur (format only)."""


class IbanField(_validated(validators.iban, "iban", "text", "", 20, numbers.IBAN_PATTERN)):
    """An IBAN, checked with ISO 7064 mod 97; displayed in groups of four."""

    def display(self, value: Any) -> str:
        return "" if not value else numbers.format_iban(value)

    def to_raw(self, value: Any) -> str:
        return "" if not value else numbers.format_iban(value)


@dataclass(frozen=True, kw_only=True)
class FileField(Field):
    """An upload of documents (photos or PDFs) on a wizard page.

    The field never holds an answer (so no answer set depends on it): the wizard hands the
    page's files to ``jobcenter.documents.wizard``, which stores them with the draft as an upload
    of the field's first document type (``documents``), checked, scanned and normalised.
    """

    required: bool = False
    kind: ClassVar[str] = "file"
    widget: ClassVar[str] = "file"

    def raw(self, data: Any, name: str) -> str:
        return ""

    def clean(self, raw: Any) -> None:
        return None

    def schema(self) -> dict:
        return {"type": "array", "items": {"type": "string"}, "maxItems": 0}


ALL_FIELD_TYPES: tuple[type[Field], ...] = (
    TextField,
    LongTextField,
    NumberField,
    MoneyField,
    DateField,
    YesNoField,
    ChoiceField,
    MultipleChoiceField,
    EmailField,
    PhoneField,
    PostcodeField,
    IbanField,
    RvNummerField,
    BgNummerField,
    KundennummerField,
    FileField,
)

__all__ = [
    "ALL_FIELD_TYPES",
    "NO",
    "YES",
    "BgNummerField",
    "ChoiceField",
    "DateField",
    "Document",
    "DocumentNeed",
    "EmailField",
    "Field",
    "FieldError",
    "FileField",
    "IbanField",
    "KundennummerField",
    "LongTextField",
    "MoneyField",
    "MultipleChoiceField",
    "NumberField",
    "Option",
    "PhoneField",
    "PostcodeField",
    "RvNummerField",
    "TextField",
    "YesNoField",
]
