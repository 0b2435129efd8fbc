"""Arbeitsunfähigkeit, version 2026-2.

What changed from 2026-1: a citizen who does not know the BG-Nummer says so ("Ich kenne meine
BG-Nummer nicht", as on the WBA since 2026-2) instead of being stopped on the first page; the
caseworker finds the file by name and birth date (or the Kundennummer, still optional).
Every other page is 2026-1's (``common.accepting_unknown_bg_nummer``); drafts started on
2026-1 continue on 2026-1.
"""

from jobcenter.forms.definition import register
from jobcenter.forms.definitions.arbeitsunfaehigkeit_2026_1 import ARBEITSUNFAEHIGKEIT as RELEASED
from jobcenter.forms.definitions.common import accepting_unknown_bg_nummer

ARBEITSUNFAEHIGKEIT = register(accepting_unknown_bg_nummer(RELEASED, version="2026-2"))
