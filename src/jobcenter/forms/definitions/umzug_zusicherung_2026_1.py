"""Zusicherung vor einem Umzug, version 2026-1 — docs/DOMAIN.md §8 (§ 22 Abs. 4 SGB II).

Asked before the lease is signed: why the citizen wants to move, and the new flat (rent,
heating, size, persons) with the rental offer. Signing first is allowed but risks that only the
old, appropriate costs are paid: such a request is flagged to the caseworker.
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.conditions import IsYes
from jobcenter.forms.definition import CaseFlag, FormDefinition, Page, register
from jobcenter.forms.definitions.common import (
    WOHNUNGSANGEBOT,
    housing_cost_fields,
    person_fields,
)
from jobcenter.forms.fields import (
    ChoiceField,
    DateField,
    LongTextField,
    NumberField,
    Option,
    PostcodeField,
    TextField,
    YesNoField,
)

UMZUG_ZUSICHERUNG = register(
    FormDefinition(
        key="umzug_zusicherung",
        version="2026-1",
        title=_("Zusicherung vor einem Umzug"),
        short_title=_("Umzug"),
        description=_(
            "Sie möchten umziehen: Lassen Sie die neue Wohnung vorher vom Jobcenter prüfen."
        ),
        start_intro=_(
            "Bitte stellen Sie den Antrag, bevor Sie den Mietvertrag unterschreiben. Dann wissen "
            "Sie, ob das Jobcenter die neue Miete und die Umzugskosten übernimmt. Halten Sie das "
            "Mietangebot bereit."
        ),
        case_flags=(
            CaseFlag(
                "unterschrieben",
                _("Mietvertrag war bei Eingang schon unterschrieben"),
                IsYes("umzug_unterschrieben"),
            ),
        ),
        pages=(
            Page(key="person", title=_("Angaben zu Ihrer Person"), fields=person_fields()),
            Page(
                key="grund",
                title=_("Warum möchten Sie umziehen?"),
                fields=(
                    ChoiceField(
                        key="umzug_grund",
                        label=_("Grund für den Umzug"),
                        options=(
                            Option("klein", _("Die Wohnung ist zu klein")),
                            Option("teuer", _("Die Wohnung ist zu teuer")),
                            Option(
                                "aufforderung",
                                _("Das Jobcenter hat mich aufgefordert, die Kosten zu senken"),
                            ),
                            Option("gesundheit", _("Gesundheit oder Barrierefreiheit")),
                            Option("arbeit", _("Eine Arbeit an einem anderen Ort")),
                            Option("trennung", _("Trennung oder Familie")),
                            Option("sonstiges", _("Anderer Grund")),
                        ),
                    ),
                    LongTextField(
                        key="umzug_grund_text",
                        label=_("Bitte erklären Sie den Grund kurz."),
                    ),
                ),
            ),
            Page(
                key="neue_wohnung",
                title=_("Die neue Wohnung"),
                intro=_("Die Angaben stehen im Mietangebot des Vermieters."),
                documents=(WOHNUNGSANGEBOT,),
                fields=(
                    TextField(
                        key="umzug_strasse",
                        label=_("Straße und Hausnummer"),
                        max_length=200,
                    ),
                    PostcodeField(key="umzug_plz", label=_("Postleitzahl")),
                    TextField(key="umzug_ort", label=_("Ort"), max_length=100),
                    NumberField(
                        key="umzug_groesse",
                        label=_("Größe in Quadratmetern"),
                        min_value=1,
                        max_value=500,
                    ),
                    NumberField(
                        key="umzug_personen",
                        label=_("Wie viele Personen werden dort wohnen?"),
                        hint=_("Sie selbst mitgezählt."),
                        min_value=1,
                        max_value=30,
                    ),
                    *housing_cost_fields(
                        prefix="umzug_",
                        with_utility_statement=False,
                        rent_document=WOHNUNGSANGEBOT,
                    ),
                ),
            ),
            Page(
                key="termine",
                title=_("Einzug und Mietvertrag"),
                fields=(
                    DateField(
                        key="umzug_einzug",
                        label=_("Geplanter Einzug"),
                        earliest=-30,
                        latest=365,
                    ),
                    YesNoField(
                        key="umzug_unterschrieben",
                        label=_("Haben Sie den Mietvertrag schon unterschrieben?"),
                    ),
                ),
            ),
        ),
    )
)
