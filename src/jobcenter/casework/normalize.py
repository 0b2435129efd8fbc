"""Names and numbers in one comparable spelling, for search, matching and routing.

"Müller", "Mueller" and "MÜLLER" all become "mueller"; accents are dropped ("Renée" → "renee"),
punctuation becomes a space. Stored next to the name (``last_name_norm``) so the database can use
a plain index for "starts with".
"""

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_LETTER = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


def norm_name(value: str | None) -> str:
    if not value:
        return ""
    text = str(value).strip().lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NOT_LETTER.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def norm_number(value: str | None) -> str:
    """BG-Nummer and Kundennummer in their one spelling (jobcenter.forms.numbers)."""
    from jobcenter.forms import numbers

    return numbers.compact(value)
