"""Names and numbers in one comparable spelling, for search, matching and routing.

"Müller", "Mueller" and "MÜLLER" all become "mueller"; accents are dropped ("Renée" → "renee"),
punctuation becomes a space. Stored next to the name (``last_name_norm``) so the database can use
a plain index for "starts with".

``phonetic`` gives the Kölner Phonetik code of a name (German spelling variants and typos that
sound alike: "Meyer", "Meier", "Maier" → "67"), stored as ``Customer.last_name_phon`` so that
matching and the customer search find them by an index.
"""

import re
import unicodedata

import cologne_phonetics

from jobcenter.forms import numbers

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
    return numbers.compact(value)


def phonetic(value: str | None) -> str:
    """The Kölner Phonetik code of a name, one code per word ("Müller-Lüdenscheidt" →
    "657 52682"); "" for a name without letters."""
    text = norm_name(value)
    if not text:
        return ""
    codes = [code for _word, code in cologne_phonetics.encode(text, concat=True) if code]
    return " ".join(codes)[:100]
