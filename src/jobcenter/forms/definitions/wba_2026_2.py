"""Weiterbewilligungsantrag (WBA), version 2026-2 — docs/DOMAIN.md §4.

What changed from 2026-1: the first page also asks where the applicant lives (the paper form's
section 1; a signed-in citizen finds it filled in from the last application), a citizen who does
not know the BG-Nummer says so instead of guessing (the caseworker matches by name and birth
date), and the bank-account question shows the account the Jobcenter pays to (signed in), so
"Nein" confirms what the citizen sees.

Shape: who you are, then three screens of "has anything changed since your last application?"
(grouped by topic: household and housing; income, assets and other benefits; insurance, bank
account and anything else). Every "Ja" opens the follow-up pages of its topic. A citizen with no
changes sees 4 question screens and the check page: 5 screens (the issue allows 6).

The yes/no questions are asked one by one rather than as one checkbox list "what has changed?",
because the WBA is a declaration about the current situation: an explicit "Nein" per topic is
what the caseworker needs to rely on (and what the paper form asks).
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.conditions import IsYes
from jobcenter.forms.definition import FormDefinition, Page, RepeatPage, register
from jobcenter.forms.definitions.common import (
    AB,
    ARBEITSVERTRAG,
    BESCHEID,
    BG_NUMMER_UNKNOWN,
    EINKOMMENSNACHWEIS,
    EKS,
    INCOME_KINDS,
    KONTOAUSZUEGE,
    KV_BESCHEINIGUNG,
    LOHNABRECHNUNG,
    SEIT,
    VERMOEGENSNACHWEIS,
    address_fields,
    bank_account_fields,
    housing_cost_fields,
    moved_out_person_fields,
    new_person_fields,
    other_benefits_fields,
    person_fields_with_unknown_bg_nummer,
)
from jobcenter.forms.fields import (
    ChoiceField,
    DateField,
    DocumentNeed,
    LongTextField,
    MoneyField,
    MultipleChoiceField,
    NumberField,
    Option,
    TextField,
    YesNoField,
)
from jobcenter.forms.roles import Role

ASSET_KINDS = (
    Option("erbschaft", _("Erbschaft")),
    Option("schenkung", _("Schenkung")),
    Option("ersparnisse", _("Ersparnisse, Wertpapiere")),
    Option("fahrzeug", _("Fahrzeug")),
    Option("immobilie", _("Haus, Wohnung oder Grundstück")),
    Option("sonstiges", _("Anderes")),
)

WBA = register(
    FormDefinition(
        key="wba",
        version="2026-2",
        title=_("Weiterbewilligungsantrag"),
        description=_("Bürgergeld für den nächsten Bewilligungszeitraum beantragen."),
        start_intro=_(
            "Bürgergeld wird nicht automatisch weitergezahlt. Stellen Sie den Antrag am besten "
            "4 bis 6 Wochen vor dem Ende Ihres Bewilligungszeitraums. Halten Sie Ihren letzten "
            "Bescheid bereit. Wenn sich nichts geändert hat, dauert es etwa 5 Minuten."
        ),
        pages=(
            Page(
                key="person",
                title=_("Angaben zu Ihrer Person"),
                fields=person_fields_with_unknown_bg_nummer(address=address_fields()),
                one_of=("bg_nummer", BG_NUMMER_UNKNOWN),
                one_of_message=_(
                    "Bitte geben Sie Ihre BG-Nummer an oder kreuzen Sie an, dass Sie sie nicht "
                    "kennen."
                ),
            ),
            Page(
                key="haushalt_wohnung",
                title=_("Haushalt und Wohnung"),
                intro=_("Bitte denken Sie an die Zeit seit Ihrem letzten Antrag."),
                fields=(
                    YesNoField(
                        key="haushalt_geaendert",
                        label=_("Ist jemand in Ihre Wohnung eingezogen oder ausgezogen?"),
                        hint=_(
                            "Zum Beispiel eine Partnerin, ein Partner oder ein neugeborenes Kind."
                        ),
                    ),
                    YesNoField(
                        key="wohnkosten_geaendert",
                        label=_("Haben sich Ihre Wohnkosten geändert?"),
                        hint=_("Miete, Nebenkosten oder Heizkosten — auch nach einem Umzug."),
                    ),
                ),
            ),
            Page(
                key="geld",
                title=_("Einkommen, Vermögen und andere Leistungen"),
                intro=_("Gemeint sind alle Personen Ihrer Bedarfsgemeinschaft."),
                fields=(
                    YesNoField(
                        key="einkommen_geaendert",
                        label=_("Hat sich Einkommen geändert oder ist neues hinzugekommen?"),
                        hint=_("Zum Beispiel eine neue Arbeit, mehr Lohn oder eine Rente."),
                        documents=(DocumentNeed(KONTOAUSZUEGE, (True,)),),
                    ),
                    YesNoField(
                        key="vermoegen_geaendert",
                        label=_("Hat sich Ihr Vermögen geändert?"),
                        hint=_(
                            "Zum Beispiel durch eine Erbschaft, eine Schenkung oder Ersparnisse."
                        ),
                        documents=(DocumentNeed(KONTOAUSZUEGE, (True,)),),
                    ),
                    YesNoField(
                        key="leistungen_geaendert",
                        label=_("Haben Sie andere Leistungen beantragt oder bekommen?"),
                        hint=_("Zum Beispiel Wohngeld, Kinderzuschlag oder Elterngeld."),
                    ),
                ),
            ),
            Page(
                key="versicherung_konto",
                title=_("Krankenversicherung, Konto und Sonstiges"),
                shows_known=(Role.ACCOUNT_HOLDER, Role.IBAN),
                known_title=_("Ihre Bankverbindung bisher"),
                known_note=_(
                    "Stimmt sie noch, antworten Sie bei „Hat sich Ihre Bankverbindung geändert?“ "
                    "mit „Nein“."
                ),
                fields=(
                    YesNoField(
                        key="kv_geaendert", label=_("Hat sich Ihre Krankenversicherung geändert?")
                    ),
                    YesNoField(
                        key="konto_geaendert", label=_("Hat sich Ihre Bankverbindung geändert?")
                    ),
                    YesNoField(
                        key="sonstiges_geaendert",
                        label=_(
                            "Hat sich sonst etwas geändert, das Sie uns noch nicht "
                            "mitgeteilt haben?"
                        ),
                    ),
                ),
            ),
            # --- follow-up pages, each opened by a "Ja" above ------------------------------------
            Page(
                key="haushalt",
                title=_("Änderungen im Haushalt"),
                condition=IsYes("haushalt_geaendert"),
                fields=(
                    YesNoField(
                        key="jemand_eingezogen",
                        label=_("Ist jemand eingezogen oder wurde ein Kind geboren?"),
                    ),
                    YesNoField(key="jemand_ausgezogen", label=_("Ist jemand ausgezogen?")),
                    NumberField(
                        key="personen_anzahl",
                        label=_("Wie viele Personen leben jetzt in Ihrer Wohnung?"),
                        hint=_("Sie selbst mitgezählt."),
                        min_value=1,
                        max_value=30,
                    ),
                ),
            ),
            RepeatPage(
                key="neue_personen",
                title=_("Neue Personen im Haushalt"),
                intro=_("Tragen Sie jede Person ein, die eingezogen ist oder geboren wurde."),
                condition=IsYes("haushalt_geaendert") & IsYes("jemand_eingezogen"),
                group="neue_personen",
                item_label=_("Neue Person %(n)d"),
                add_label=_("Weitere Person hinzufügen"),
                fields=new_person_fields(date_key="eingezogen_am"),
            ),
            RepeatPage(
                key="ausgezogene_personen",
                title=_("Ausgezogene Personen"),
                condition=IsYes("haushalt_geaendert") & IsYes("jemand_ausgezogen"),
                group="ausgezogene_personen",
                item_label=_("Ausgezogene Person %(n)d"),
                add_label=_("Weitere Person hinzufügen"),
                fields=moved_out_person_fields(),
            ),
            Page(
                key="wohnkosten",
                title=_("Ihre Wohnkosten"),
                intro=_("Bitte geben Sie die Beträge an, die Sie jetzt jeden Monat zahlen."),
                condition=IsYes("wohnkosten_geaendert"),
                fields=(
                    *housing_cost_fields(prefix="", with_utility_statement=True),
                    DateField(key="wohnkosten_ab", label=_("Die neuen Beträge gelten ab"), **AB),
                ),
            ),
            RepeatPage(
                key="einkommen",
                title=_("Neues oder geändertes Einkommen"),
                intro=_("Tragen Sie jedes Einkommen ein, das neu ist oder sich geändert hat."),
                condition=IsYes("einkommen_geaendert"),
                group="einkommen",
                item_label=_("Einkommen %(n)d"),
                add_label=_("Weiteres Einkommen hinzufügen"),
                fields=(
                    TextField(
                        key="person",
                        label=_("Wer bekommt das Einkommen?"),
                        hint=_("Vor- und Nachname"),
                        max_length=200,
                    ),
                    ChoiceField(
                        key="art",
                        label=_("Art des Einkommens"),
                        options=INCOME_KINDS,
                        documents=(
                            DocumentNeed(ARBEITSVERTRAG, ("erwerbstaetigkeit",)),
                            DocumentNeed(LOHNABRECHNUNG, ("erwerbstaetigkeit",)),
                            DocumentNeed(EKS, ("selbststaendig",)),
                            DocumentNeed(
                                BESCHEID,
                                ("alg1", "rente", "krankengeld", "unterhalt", "kindergeld"),
                            ),
                            DocumentNeed(EINKOMMENSNACHWEIS, ("sonstiges",)),
                        ),
                        role=Role.INCOME_KIND,
                    ),
                    TextField(
                        key="zahlende_stelle",
                        label=_("Arbeitgeber oder zahlende Stelle"),
                        required=False,
                        max_length=200,
                    ),
                    MoneyField(
                        key="brutto",
                        label=_("Betrag im Monat (brutto)"),
                        hint=_("Wenn der Betrag schwankt: ungefähr."),
                        role=Role.INCOME_AMOUNT,
                    ),
                    DateField(key="seit", label=_("Seit wann?"), **AB),
                ),
            ),
            Page(
                key="vermoegen",
                title=_("Änderungen beim Vermögen"),
                condition=IsYes("vermoegen_geaendert"),
                fields=(
                    MultipleChoiceField(
                        key="vermoegen_art",
                        label=_("Was hat sich geändert?"),
                        hint=_("Wählen Sie alles aus, was zutrifft."),
                        options=ASSET_KINDS,
                        documents=(DocumentNeed(VERMOEGENSNACHWEIS),),
                    ),
                    MoneyField(key="vermoegen_wert", label=_("Ungefährer Wert insgesamt")),
                    DateField(key="vermoegen_seit", label=_("Seit wann?"), **SEIT),
                ),
            ),
            Page(
                key="leistungen",
                title=_("Andere Leistungen"),
                condition=IsYes("leistungen_geaendert"),
                fields=other_benefits_fields(prefix="leistung_"),
            ),
            Page(
                key="krankenversicherung",
                title=_("Ihre Krankenversicherung"),
                condition=IsYes("kv_geaendert"),
                fields=(
                    TextField(
                        key="krankenkasse",
                        label=_("Name der Krankenkasse"),
                        documents=(DocumentNeed(KV_BESCHEINIGUNG),),
                    ),
                    DateField(key="kv_seit", label=_("Versichert seit"), **AB),
                ),
            ),
            Page(
                key="konto",
                title=_("Ihre neue Bankverbindung"),
                condition=IsYes("konto_geaendert"),
                fields=bank_account_fields(),
            ),
            Page(
                key="sonstiges",
                title=_("Weitere Änderungen"),
                condition=IsYes("sonstiges_geaendert"),
                fields=(
                    LongTextField(
                        key="sonstiges_text",
                        label=_("Was hat sich geändert?"),
                        hint=_("Bitte mit Datum der Änderung."),
                    ),
                ),
            ),
        ),
    )
)
