"""The BG-Nummer and the Kundennummer: how they are written, once for every entry point.

The citizen's wizard (``validators``, the fields' JSON Schema patterns), paper intake and the
other back-office forms, the inbox search and the casework normalisation all read these
numbers through this module, so a spelling that one accepts is accepted by all and stored in
the same canonical form (upper case, no separators).

Both formats are [U] (DOMAIN.md §12): taken from printed BA notices as described on Jobcenter
pages, so only the shape is checked (no check digit). People copy them with the grouping of
the notice: spaces and slashes (``12345 BG 0012345``, ``12345//BG0012345``, ``123D 456789``).
"""

from __future__ import annotations

import re

# Five characters for the office, "BG", seven digits (e.g. 12345BG0012345).
BG_NUMMER_PATTERN = r"^[0-9A-Z]{5}BG\d{7}$"
# Three digits, a letter, six digits (e.g. 123D456789).
KUNDENNUMMER_PATTERN = r"^\d{3}[A-Z]\d{6}$"

_BG_NUMMER = re.compile(BG_NUMMER_PATTERN)
_KUNDENNUMMER = re.compile(KUNDENNUMMER_PATTERN)
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
