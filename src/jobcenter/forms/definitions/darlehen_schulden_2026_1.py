"""Darlehen für Miet- oder Energieschulden, version 2026-1 — docs/DOMAIN.md §8 (§ 22 Abs. 8
SGB II).

Arrears are taken over (usually as a loan) where that secures the home or a comparable emergency
is averted. What counts is how soon: a threatened eviction or cut-off within 14 days of arrival,
or energy already cut off, is flagged as urgent in the inbox.
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.conditions import DateWithinDays, Equals, In
from jobcenter.forms.definition import CaseFlag, FormDefinition, Page, register
from jobcenter.forms.definitions.common import SCHULDEN_SCHREIBEN, person_fields
from jobcenter.forms.fields import (
    ChoiceField,
    DateField,
    DocumentNeed,
    LongTextField,
    MoneyField,
    Option,
    TextField,
)

THREATS = ("raeumung", "sperre")
URGENT_DAYS = 14

DARLEHEN_SCHULDEN = register(
    FormDefinition(
        key="darlehen_schulden",
        version="2026-1",
        title=_("Darlehen für Miet- oder Energieschulden"),
        short_title=_("Schulden"),
        description=_(
            "Ihnen droht eine Kündigung der Wohnung oder eine Sperre von Strom, Gas oder Heizung."
        ),
        start_intro=_(
            "Das Jobcenter kann Miet- oder Energieschulden als Darlehen übernehmen, wenn sonst "
            "die Wohnung oder die Versorgung verloren geht. Halten Sie das Schreiben Ihres "
            "Vermieters oder Versorgers bereit."
        ),
        case_flags=(
            CaseFlag(
                "dringend",
                _("Dringend: Räumung oder Sperre in den nächsten 14 Tagen"),
                In("schulden_droht", THREATS) & DateWithinDays("schulden_droht_am", URGENT_DAYS),
                urgent=True,
            ),
            CaseFlag(
                "gesperrt",
                _("Dringend: Versorgung ist schon gesperrt"),
                Equals("schulden_droht", "gesperrt"),
                urgent=True,
            ),
        ),
        pages=(
            Page(
                key="person",
                title=_("Angaben zu Ihrer Person"),
                fields=person_fields(with_kundennummer=True),
            ),
            Page(
                key="schulden",
                title=_("Ihre Schulden"),
                fields=(
                    ChoiceField(
                        key="schulden_art",
                        label=_("Wofür haben Sie Schulden?"),
                        options=(
                            Option("miete", _("Miete")),
                            Option("strom", _("Strom")),
                            Option("gas", _("Gas")),
                            Option("heizung", _("Heizung oder Fernwärme")),
                            Option("wasser", _("Wasser")),
                        ),
                    ),
                    MoneyField(key="schulden_betrag", label=_("Höhe der Schulden")),
                    TextField(
                        key="schulden_glaeubiger",
                        label=_("Vermieter oder Versorger"),
                        hint=_("Name der Firma oder Person, der Sie das Geld schulden."),
                        max_length=200,
                        documents=(DocumentNeed(SCHULDEN_SCHREIBEN),),
                    ),
                    ChoiceField(
                        key="schulden_droht",
                        label=_("Was droht?"),
                        options=(
                            Option(
                                "raeumung",
                                _("Kündigung, Räumungsklage oder Räumung der Wohnung"),
                            ),
                            Option("sperre", _("Sperre von Strom, Gas, Heizung oder Wasser")),
                            Option("gesperrt", _("Die Versorgung ist schon gesperrt")),
                            Option("nichts", _("Noch nichts davon")),
                        ),
                    ),
                ),
            ),
            Page(
                key="frist",
                title=_("Bis wann?"),
                condition=In("schulden_droht", THREATS),
                fields=(
                    DateField(
                        key="schulden_droht_am",
                        label=_("Datum der Räumung oder Sperre"),
                        hint=_(
                            "Wie es im Schreiben steht. Ist kein Tag genannt: "
                            "der Tag des Schreibens."
                        ),
                        earliest=-90,
                        latest=365,
                    ),
                ),
            ),
            Page(
                key="ursache",
                title=_("Wie kam es zu den Schulden?"),
                fields=(
                    LongTextField(
                        key="schulden_ursache",
                        label=_("Bitte erklären Sie kurz, wie die Schulden entstanden sind."),
                    ),
                ),
            ),
        ),
    )
)
