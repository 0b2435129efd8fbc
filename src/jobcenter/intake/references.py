"""Human-readable references (Eingangsnummern) such as ``MK-2026-004711-7``.

Shape: ``<prefix>-<year>-<number>-<check digit>``

- prefix: the Jobcenter's ``reference_prefix`` (two to four capital letters);
- year: the year of the receipt time in the Jobcenter's time zone (Europe/Berlin);
- number: a counter per Jobcenter and year, six digits with leading zeros (more digits once
  999,999 is passed); counted in the submitting transaction with the counter row locked, so the
  numbers have no duplicates (and, as the transaction either commits or not, no gaps either);
- check digit: ISO/IEC 7064 MOD 11,10 over the characters of prefix, year and number, where a
  letter counts as its two-digit value (A=10 … Z=35, as in the IBAN) and a digit as itself.

MOD 11,10 (also used for the German Steuer-ID) gives one decimal digit and detects every
single wrong digit and every swap of two neighbouring digits — the typical mistakes when a
reference is read out on the phone or typed from a letter. Computation: ``p = 10``; for each
digit ``d``: ``s = (p + d) mod 10`` (with ``0`` read as ``10``), ``p = (2·s) mod 11``; the check
digit is ``(11 − p) mod 10``.
"""

from __future__ import annotations

import re

REFERENCE_RE = re.compile(r"^([A-Z]{2,4})-(\d{4})-(\d{6,})-(\d)$")


def _digits(text: str) -> list[int]:
    out: list[int] = []
    for ch in text:
        if ch.isdigit():
            out.append(int(ch))
        elif "A" <= ch <= "Z":
            out.extend(int(d) for d in str(ord(ch) - ord("A") + 10))
    return out


def check_digit(text: str) -> int:
    """ISO/IEC 7064 MOD 11,10 check digit of ``text`` (letters A–Z and digits; others ignored)."""
    product = 10
    for digit in _digits(text):
        total = (product + digit) % 10 or 10
        product = (2 * total) % 11
    return (11 - product) % 10


def format_reference(prefix: str, year: int, number: int) -> str:
    body = f"{prefix}{year:04d}{number:06d}"
    return f"{prefix}-{year:04d}-{number:06d}-{check_digit(body)}"


def is_valid_reference(reference: str) -> bool:
    match = REFERENCE_RE.match(reference.strip().upper())
    if not match:
        return False
    prefix, year, number, digit = match.groups()
    return check_digit(prefix + year + number) == int(digit)
