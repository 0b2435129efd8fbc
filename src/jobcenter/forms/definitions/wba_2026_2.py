"""Weiterbewilligungsantrag (WBA), version 2026-2 — docs/DOMAIN.md §4.

What changed from 2026-1: the first page also asks where the applicant lives (the paper form's
section 1; a signed-in citizen finds it filled in from the last application), a citizen who does
not know the BG-Nummer says so instead of guessing (the caseworker matches by name and birth
date), and the bank-account question shows the account the Jobcenter pays to (signed in), so
"Nein" confirms what the citizen sees.

Every other page is 2026-1's, taken over as it is: a released version never changes
(docs/FORMS.md, "Versions"), so its frozen page objects can be shared safely.

Shape: who you are, then three screens of "has anything changed since your last application?"
(grouped by topic: household and housing; income, assets and other benefits; insurance, bank
account and anything else). Every "Ja" opens the follow-up pages of its topic. A citizen with no
changes sees 4 question screens and the check page: 5 screens (the issue allows 6).

The yes/no questions are asked one by one rather than as one checkbox list "what has changed?",
because the WBA is a declaration about the current situation: an explicit "Nein" per topic is
what the caseworker needs to rely on (and what the paper form asks).
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.definition import Page, register
from jobcenter.forms.definitions.common import (
    BG_NUMMER_UNKNOWN,
    address_fields,
    person_fields_with_unknown_bg_nummer,
)
from jobcenter.forms.definitions.wba_2026_1 import WBA as WBA_2026_1
from jobcenter.forms.roles import Role

PERSON = Page(
    key="person",
    title=_("Angaben zu Ihrer Person"),
    fields=person_fields_with_unknown_bg_nummer(address=address_fields()),
    one_of=("bg_nummer", BG_NUMMER_UNKNOWN),
    one_of_message=_(
        "Bitte geben Sie Ihre BG-Nummer an oder kreuzen Sie an, dass Sie sie nicht kennen."
    ),
)

# The released 2026-1 page with the account the Jobcenter pays to shown above its questions.
ACCOUNT = dataclasses.replace(
    WBA_2026_1.page("versicherung_konto"),
    shows_known=(Role.ACCOUNT_HOLDER, Role.IBAN),
    known_title=_("Ihre Bankverbindung bisher"),
    known_note=_(
        "Stimmt sie noch, antworten Sie bei „Hat sich Ihre Bankverbindung geändert?“ mit „Nein“."
    ),
)

CHANGED = {page.key: page for page in (PERSON, ACCOUNT)}

WBA = register(
    dataclasses.replace(
        WBA_2026_1,
        version="2026-2",
        pages=tuple(CHANGED.get(page.key, page) for page in WBA_2026_1.pages),
    )
)
