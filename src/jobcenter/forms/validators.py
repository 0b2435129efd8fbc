"""Checks for German identifiers and numbers that citizens type into forms.

Each function takes the citizen's raw text, returns the normalised value or raises
``FieldError`` with a German message that says what to do (not what went wrong in code terms).
They are pure functions so the property-based tests can throw anything at them.

Formats that could not be verified against a primary source are marked [U] (see DOMAIN.md §12):
the BG-Nummer and Kundennummer formats are taken from printed BA notices as described on Jobcenter
pages, so they are checked leniently (shape only, no check digit); their one definition, shared
with the back office, is ``jobcenter.forms.numbers``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from jobcenter.forms import numbers


class FieldError(ValidationError):
    """A citizen's input does not fit a field; ``message`` is shown next to the field."""


# Length of an IBAN per country (ISO 13616); only the SEPA countries a citizen is likely to use.
# Unknown countries are accepted with the generic 15–34 bounds: the checksum still protects them.
IBAN_LENGTHS = {
    "DE": 22, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DK": 18, "EE": 20,
    "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IT": 27,
    "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25,
    "RO": 24, "SE": 24, "SI": 19, "SK": 24, "TR": 26,
}
_IBAN_SHAPE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$")
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
    value = compact(raw).replace("-", "")
    if not _IBAN_SHAPE.match(value):
        raise FieldError(_("Bitte geben Sie eine IBAN im Format DE12 3456 7890 1234 5678 90 an."))
    expected = IBAN_LENGTHS.get(value[:2])
    if expected and len(value) != expected:
        raise FieldError(
            _("Eine IBAN aus diesem Land hat %(n)d Zeichen. Bitte prüfen Sie die Eingabe.")
            % {"n": expected}
        )
    # ISO 7064 mod 97-10: move the first four characters to the end, letters become 10..35.
    rearranged = value[4:] + value[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    if int(digits) % 97 != 1:
        raise FieldError(_("Diese IBAN ist nicht gültig. Bitte prüfen Sie jede Ziffer."))
    return value


def format_iban(value: str) -> str:
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


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
            _("Die Rentenversicherungsnummer hat 12 Zeichen: 8 Ziffern, einen Buchstaben und "
              "3 Ziffern, z. B. 65 170839 J 003.")
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
            _("Die Nummer der Bedarfsgemeinschaft steht oben auf Ihrem Bescheid, "
              "z. B. 12345BG0012345.")
        )
    return value


def kundennummer(raw: str) -> str:
    value = numbers.kundennummer(raw)
    if value is None:
        raise FieldError(
            _("Die Kundennummer hat 10 Zeichen: 3 Ziffern, einen Buchstaben und 6 Ziffern, "
              "z. B. 123D456789.")
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
            _("Bitte geben Sie eine Telefonnummer nur mit Ziffern an, z. B. 030 1234567 oder "
              "+49 30 1234567.")
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


def money_to_cents(raw: str) -> int:
    """Parse a euro amount as Germans write it ("1.234,56", "1234,5", "12 €") into cents.

    A dot alone is a decimal point only when one or two digits follow it ("12.50"); otherwise it
    groups thousands ("1.250"), as on German payslips.
    """
    value = raw.strip().replace("€", "").replace("EUR", "").replace("\u00a0", "")
    value = value.replace(" ", "")
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d{1,2})?|\d+(,\d{1,2})?|\d+\.\d{1,2}", value):
        raise FieldError(_("Bitte geben Sie einen Betrag in Euro an, z. B. 450 oder 1.234,56."))
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", value):
        value = value.replace(".", "")
    try:
        amount = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern above already rules this out
        raise FieldError(_("Bitte geben Sie einen Betrag in Euro an.")) from None
    return int((amount * 100).to_integral_value())


def format_cents(cents: int) -> str:
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", ".")
    return f"{'-' if cents < 0 else ''}{grouped},{rest:02d} €"


def cents_to_input(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return f"{euros}" if rest == 0 else f"{euros},{rest:02d}"
