"""The BG-Nummer, the Kundennummer and the IBAN: how they are written, once for every entry point.

The citizen's wizard (``validators``, the fields' JSON Schema patterns), paper intake and the
other back-office forms, the inbox search and the casework normalisation all read these
numbers through this module, so a spelling that one accepts is accepted by all and stored in
the same canonical form (upper case, no separators).

Both formats are [U] (docs/DOMAIN.md §12): taken from printed BA notices as described on Jobcenter
pages, so only the shape is checked (no check digit). People copy them with the grouping of
the notice: spaces and slashes (``12345 BG 0012345``, ``12345//BG0012345``, ``123D 456789``).

The IBAN (ISO 13616) has a check sum; it is written in groups of four and stored without them.
"""

from __future__ import annotations

import re
from enum import StrEnum

# Five characters for the office, "BG", seven digits (e.g. 12345BG0012345).
BG_NUMMER_PATTERN = r"^[0-9A-Z]{5}BG\d{7}$"
# Three digits, a letter, six digits (e.g. 123D456789).
KUNDENNUMMER_PATTERN = r"^\d{3}[A-Z]\d{6}$"

IBAN_PATTERN = r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$"

_BG_NUMMER = re.compile(BG_NUMMER_PATTERN)
_KUNDENNUMMER = re.compile(KUNDENNUMMER_PATTERN)
_IBAN = re.compile(IBAN_PATTERN)
_SEPARATORS = re.compile(r"[\s/]+")
_LONGEST_INPUT = 60  # far longer than any spelling of either number; keeps the regexes cheap


def compact(raw: str | None) -> str:
    """The canonical spelling: separators (spaces, slashes) dropped, letters upper case."""
    return _SEPARATORS.sub("", str(raw or "")).upper()


def bg_nummer(raw: str | None) -> str | None:
    """The BG-Nummer in ``raw`` in canonical spelling, or None if it is not one."""
    if raw is None or len(str(raw)) > _LONGEST_INPUT:
        return None
    value = compact(raw)
    return value if _BG_NUMMER.match(value) else None


def kundennummer(raw: str | None) -> str | None:
    """The Kundennummer in ``raw`` in canonical spelling, or None if it is not one."""
    if raw is None or len(str(raw)) > _LONGEST_INPUT:
        return None
    value = compact(raw)
    return value if _KUNDENNUMMER.match(value) else None


# Length of an IBAN per country (ISO 13616); only the SEPA countries a citizen is likely to use.
# Unknown countries are accepted with the generic 15–34 bounds: the checksum still protects them.
IBAN_LENGTHS = {
    "DE": 22,
    "AT": 20,
    "BE": 16,
    "BG": 22,
    "CH": 21,
    "CY": 28,
    "CZ": 24,
    "DK": 18,
    "EE": 20,
    "ES": 24,
    "FI": 18,
    "FR": 27,
    "GB": 22,
    "GR": 27,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IT": 27,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MT": 31,
    "NL": 18,
    "NO": 15,
    "PL": 28,
    "PT": 25,
    "RO": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "TR": 26,
}


class IbanProblem(StrEnum):
    SHAPE = "shape"
    LENGTH = "length"
    CHECKSUM = "checksum"


def iban_compact(raw: str | None) -> str:
    """An IBAN as stored: spaces and hyphens dropped, letters upper case."""
    return re.sub(r"[\s-]+", "", str(raw or "")).upper()


def iban_problem(value: str) -> IbanProblem | None:
    """What is wrong with the compact IBAN ``value``, or None if it is a valid IBAN."""
    if len(value) > _LONGEST_INPUT or not _IBAN.match(value):
        return IbanProblem.SHAPE
    expected = IBAN_LENGTHS.get(value[:2])
    if expected and len(value) != expected:
        return IbanProblem.LENGTH
    # ISO 7064 mod 97-10: move the first four characters to the end, letters become 10..35.
    rearranged = value[4:] + value[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return None if int(digits) % 97 == 1 else IbanProblem.CHECKSUM


def iban(raw: str | None) -> str | None:
    """The IBAN in ``raw`` in canonical spelling, or None if it is not a valid one."""
    if raw is None:
        return None
    value = iban_compact(raw)
    return None if iban_problem(value) else value


def format_iban(value: str) -> str:
    """The IBAN as people read it: groups of four."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
