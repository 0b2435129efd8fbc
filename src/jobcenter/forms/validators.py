"""Checks for German identifiers and numbers that citizens type into forms.

Each function takes the citizen's raw text, returns the normalised value or raises
``FieldError`` with a German message that says what to do (not what went wrong in code terms).
They are pure functions so the property-based tests can throw anything at them.

Formats that could not be verified against a primary source are marked [U] (see docs/DOMAIN.md §12):
the BG-Nummer and Kundennummer formats are taken from printed BA notices as described on Jobcenter
pages, so they are checked leniently (shape only, no check digit); their one definition, shared
with the back office, is ``jobcenter.forms.numbers``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import formats
from django.utils.translation import gettext as _

from jobcenter.forms import numbers


class FieldError(ValidationError):
    """A citizen's input does not fit a field; ``message`` is shown next to the field."""


# Rentenversicherungsnummer: Bereichsnummer (2 digits), birth date TTMMJJ (6), first letter of the
# birth name (1), serial number (2), check digit (1).
_RVNR_SHAPE = re.compile(r"^\d{2}(\d{2})(\d{2})\d{2}[A-Z]\d{3}$")
_RVNR_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
_POSTCODE_SHAPE = re.compile(r"^\d{5}$")
_PHONE_SHAPE = re.compile(r"^\+?[0-9 ()/\-]+$")
_email = EmailValidator()


def compact(raw: str) -> str:
    """Drop the spaces people use to group long numbers, and upper-case letters."""
    return re.sub(r"\s+", "", raw).upper()


def iban(raw: str) -> str:
    value = numbers.iban_compact(raw)
    problem = numbers.iban_problem(value)
    if problem == numbers.IbanProblem.SHAPE:
        raise FieldError(_("Bitte geben Sie eine IBAN im Format DE12 3456 7890 1234 5678 90 an."))
    if problem == numbers.IbanProblem.LENGTH:
        raise FieldError(
            _("Eine IBAN aus diesem Land hat %(n)d Zeichen. Bitte prüfen Sie die Eingabe.")
            % {"n": numbers.IBAN_LENGTHS[value[:2]]}
        )
    if problem == numbers.IbanProblem.CHECKSUM:
        raise FieldError(_("Diese IBAN ist nicht gültig. Bitte prüfen Sie jede Ziffer."))
    return value


def rvnr_check_digit(first_eleven: str) -> int:
    """Check digit of a Rentenversicherungsnummer (Verordnung über die Vergabe der RV-Nummer).

    The letter becomes its two-digit position in the alphabet, giving twelve digits; each is
    multiplied by its weight, the digit sums of the products are added, and the sum mod 10 is the
    check digit.
    """
    letter_pos = f"{ord(first_eleven[8]) - ord('A') + 1:02d}"
    digits = first_eleven[:8] + letter_pos + first_eleven[9:11]
    total = 0
    for digit, weight in zip(digits, _RVNR_WEIGHTS, strict=True):
        product = int(digit) * weight
        total += product // 10 + product % 10
    return total % 10


def rvnr(raw: str) -> str:
    value = compact(raw)
    match = _RVNR_SHAPE.match(value)
    if not match:
        raise FieldError(
            _(
                "Die Rentenversicherungsnummer hat 12 Zeichen: 8 Ziffern, einen Buchstaben und "
                "3 Ziffern, z. B. 65 170839 J 003."
            )
        )
    day, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and (1 <= day <= 31 or 51 <= day <= 81)):
        # Days + 50 are used when a number had to be issued twice for the same birth date.
        raise FieldError(_("In der Rentenversicherungsnummer steht kein gültiges Geburtsdatum."))
    if rvnr_check_digit(value[:11]) != int(value[11]):
        raise FieldError(
            _("Diese Rentenversicherungsnummer ist nicht gültig. Bitte prüfen Sie jede Stelle.")
        )
    return value


def bg_nummer(raw: str) -> str:
    value = numbers.bg_nummer(raw)
    if value is None:
        raise FieldError(
            _(
                "Die Nummer der Bedarfsgemeinschaft steht oben auf Ihrem Bescheid, "
                "z. B. 12345BG0012345."
            )
        )
    return value


def kundennummer(raw: str) -> str:
    value = numbers.kundennummer(raw)
    if value is None:
        raise FieldError(
            _(
                "Die Kundennummer hat 10 Zeichen: 3 Ziffern, einen Buchstaben und 6 Ziffern, "
                "z. B. 123D456789."
            )
        )
    return value


def postcode(raw: str) -> str:
    value = compact(raw)
    if not _POSTCODE_SHAPE.match(value):
        raise FieldError(_("Bitte geben Sie eine fünfstellige Postleitzahl an, z. B. 01067."))
    return value


def phone(raw: str) -> str:
    value = raw.strip()
    digits = re.sub(r"\D", "", value)
    if not _PHONE_SHAPE.match(value) or not 6 <= len(digits) <= 15:
        raise FieldError(
            _(
                "Bitte geben Sie eine Telefonnummer nur mit Ziffern an, z. B. 030 1234567 oder "
                "+49 30 1234567."
            )
        )
    return re.sub(r"\s+", " ", value)


def email(raw: str) -> str:
    value = raw.strip()
    try:
        _email(value)
    except ValidationError:
        raise FieldError(
            _("Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de an.")
        ) from None
    return value


# Arabic-Indic and Eastern Arabic-Indic digits, as an Arabic or Persian keyboard types them.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789,.")


def _decimal_separator() -> str:
    return formats.get_format("DECIMAL_SEPARATOR")


def money_to_cents(raw: str) -> int:
    """Parse a euro amount as people write it in the page's language into cents: "1.234,56",
    "1234,5", "12 €" in German (and Turkish, Arabic), "1 234,56" in Ukrainian and Russian,
    "1,234.56" in English.

    Either sign may stand for the decimals, since many type what their keyboard offers: a
    separator followed by one or two digits at the end is the decimal one; otherwise a
    separator groups thousands ("1.250" in German, "1,250" in English). Where both occur, the
    language's decimal separator decides.
    """
    value = str(raw).translate(_DIGITS).strip()
    value = value.replace("€", "").replace("EUR", "").replace("\u00a0", "").replace("\u202f", "")
    value = value.replace(" ", "")
    decimal = "." if _decimal_separator() == "." else ","
    group = "," if decimal == "." else "."
    d, g = re.escape(decimal), re.escape(group)
    shapes = (
        rf"\d{{1,3}}({g}\d{{3}})*({d}\d{{1,2}})?",  # 1.234,56 (de) / 1,234.56 (en)
        rf"\d+({d}\d{{1,2}})?",  # 1234,56 (de) / 1234.56 (en)
        rf"\d+{g}\d{{1,2}}",  # the other sign as decimals: 12.50 (de) / 12,50 (en)
    )
    if not any(re.fullmatch(shape, value) for shape in shapes):
        raise FieldError(_("Bitte geben Sie einen Betrag in Euro an, z. B. 450 oder 1.234,56."))
    if re.fullmatch(shapes[2], value):
        value = value.replace(group, ".")
    else:
        value = value.replace(group, "").replace(decimal, ".")
    try:
        amount = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the patterns above already rule this out
        raise FieldError(_("Bitte geben Sie einen Betrag in Euro an.")) from None
    return int((amount * 100).to_integral_value())


def format_cents(cents: int) -> str:
    """An amount for reading, in the active language's number format ("1.234,56 €" in German)."""
    amount = formats.number_format(Decimal(cents) / 100, 2, use_l10n=True, force_grouping=True)
    return f"{amount} €"


def cents_to_input(cents: int) -> str:
    """An amount back into its input field, as money_to_cents reads it in this language."""
    euros, rest = divmod(cents, 100)
    return f"{euros}" if rest == 0 else f"{euros}{_decimal_separator()}{rest:02d}"


# --- checks across the fields of one page ---------------------------------------------------


@dataclass(frozen=True)
class NotBefore:
    """A date range on one page: the date ``field`` ("bis") must not be before ``start``
    ("von"). Declared in a page's ``checks``; it speaks only when both dates are valid, and its
    message stands at ``field`` (next to it and in the error summary)."""

    field: str
    start: str
    message: str = ""  # a lazy translation; "" = the general one naming both labels

    def keys(self) -> tuple[str, ...]:
        return (self.field, self.start)

    def message_for(self, page) -> str:
        if self.message:
            return str(self.message)
        labels = {f.key: str(f.label) for f in page.fields}
        return _("„%(field)s“ darf nicht vor „%(start)s“ liegen.") % {
            "field": labels.get(self.field, self.field),
            "start": labels.get(self.start, self.start),
        }

    def error(self, page, values: Mapping[str, Any]) -> str | None:
        """The message if the range is the wrong way round, else None (also while a date is
        missing or invalid: the field says that itself)."""
        end, begin = values.get(self.field), values.get(self.start)
        if not isinstance(end, str) or not isinstance(begin, str):
            return None
        return self.message_for(page) if end < begin else None  # ISO dates sort as dates
