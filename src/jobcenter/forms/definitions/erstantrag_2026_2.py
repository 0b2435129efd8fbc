"""Erstantrag (Hauptantrag mit Anlagen), version 2026-2 — docs/DOMAIN.md §§2, 3, 7.

What changed from 2026-1, all on the Anlage HG (Haushaltsgemeinschaft):

- It is needed only when a relative outside the Bedarfsgemeinschaft is of age (18 or older).
  In 2026-1 an 8-year-old entered as "not in the Bedarfsgemeinschaft" was enough, and then
  every member was asked whether the relatives (the 8-year-old) support them.
- The applicant's own page asks them in person ("Werden Sie von den Verwandten in Ihrem
  Haushalt unterstützt?"), not about them in the third person; the support question no
  longer says "die Person".
- The relatives' joint income is asked once, on the applicant's page, instead of on every
  member's page (the same figure each time).

Every other page is 2026-1's, taken over as it is: a released version never changes
(docs/FORMS.md, "Versions"), so its frozen page objects can be shared safely. Drafts started on
2026-1 continue on 2026-1.
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.conditions import AtLeast, In, IsYes
from jobcenter.forms.definition import register
from jobcenter.forms.definitions.erstantrag_2026_1 import (
    ERSTANTRAG as ERSTANTRAG_2026_1,
)
from jobcenter.forms.definitions.erstantrag_2026_1 import (
    IN_BG,
    PERSONS,
    RELATIVES,
)
from jobcenter.forms.items import AnyPerson

ADULT = 18
# Relatives (and grown-up children) of age living in the household outside the BG: only they
# can be expected to support the others (§ 9 (5) SGB II).
HG_NEEDED = AnyPerson(
    PERSONS, ~IN_BG & In("beziehung", (*RELATIVES, "kind")) & AtLeast("alter", ADULT)
)
APPLICANT = IsYes("antragsteller")

HG_2026_1 = next(page for page in ERSTANTRAG_2026_1.pages if page.key == "hg")
SUPPORT, AMOUNT, RELATIVES_INCOME = HG_2026_1.fields

# The released 2026-1 page with only what changed: who needs it, the applicant asked in
# person, the support question about "them" (the relatives), the joint income asked once.
HG = dataclasses.replace(
    HG_2026_1,
    applicant_title=_("Werden Sie von den Verwandten in Ihrem Haushalt unterstützt?"),
    condition=HG_NEEDED,
    fields=(
        dataclasses.replace(SUPPORT, label=_("Geben die Verwandten Geld oder Sachleistungen?")),
        AMOUNT,
        dataclasses.replace(RELATIVES_INCOME, condition=APPLICANT),  # on the applicant's page
    ),
)

ERSTANTRAG = register(
    dataclasses.replace(
        ERSTANTRAG_2026_1,
        version="2026-2",
        pages=tuple(HG if page.key == "hg" else page for page in ERSTANTRAG_2026_1.pages),
    )
)
