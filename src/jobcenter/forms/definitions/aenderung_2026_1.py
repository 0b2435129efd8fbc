"""Veränderungsmitteilung (VÄM), version 2026-1 — docs/DOMAIN.md §6.

The citizen picks one or more changes from the catalogue (a checkbox list built from the BA form
and the Jobcenter lists), and each pick opens its own follow-up page(s), each with the date of the
change. Conditions are ``Contains("aenderungen", "<change>")``. The catalogue is grouped the way
citizens think about it (household, housing, work and money, health, other), not by the section
numbers of the paper form.
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.conditions import Contains, IsYes
from jobcenter.forms.definition import FormDefinition, FormKind, Page, RepeatPage, register
from jobcenter.forms.definitions.common import (
    AB,
    ARBEITSVERTRAG,
    AUFNAHMEBESCHEINIGUNG,
    EINKOMMENSNACHWEIS,
    INCOME_KINDS,
    KUENDIGUNG,
    LOHNABRECHNUNG,
    MELDEBESCHEINIGUNG,
    MUTTERPASS,
    SEIT,
    URKUNDE_FAMILIENSTAND,
    VERMOEGENSNACHWEIS,
    ZUSICHERUNG,
    bank_account_fields,
    housing_cost_fields,
    moved_out_person_fields,
    new_person_fields,
    other_benefits_fields,
    person_fields,
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
    PostcodeField,
    TextField,
    YesNoField,
)
from jobcenter.forms.roles import Role

CHANGES = (
    Option(
        "umzug",
        _("Umzug oder neue Wohnkosten"),
        _("Vor einem Umzug brauchen Sie die Zusicherung des Jobcenters."),
    ),
    Option("einzug", _("Jemand ist eingezogen oder ein Kind wurde geboren")),
    Option("auszug", _("Jemand ist ausgezogen")),
    Option("familienstand", _("Heirat, Trennung, Scheidung oder Todesfall")),
    Option("arbeitsbeginn", _("Neue Arbeit oder Ausbildung")),
    Option("arbeitsende", _("Arbeit oder Ausbildung endet")),
    Option("einkommen", _("Einkommen ändert sich (z. B. Lohn, Unterhalt, Kindergeld)")),
    Option("leistungen", _("Andere Leistungen beantragt oder bewilligt (z. B. Rente, Wohngeld)")),
    Option("vermoegen", _("Geld bekommen (z. B. Erbschaft, Schenkung, Steuererstattung)")),
    Option("konto", _("Neue Bankverbindung")),
    Option("schwangerschaft", _("Schwangerschaft")),
    Option("krankenhaus", _("Aufenthalt im Krankenhaus oder in einer Reha-Klinik")),
    Option("sonstiges", _("Etwas anderes")),
)


def change(value: str) -> Contains:
    return Contains("aenderungen", value)


AENDERUNG = register(
    FormDefinition(
        key="aenderung",
        version="2026-1",
        title=_("Veränderungsmitteilung"),
        kind=FormKind.NOTICE,
        description=_(
            "Änderungen während des Bewilligungszeitraums mitteilen, z. B. neue Arbeit, "
            "Umzug oder Nachwuchs."
        ),
        start_intro=_(
            "Teilen Sie Änderungen bitte sofort mit, auch wenn Sie noch nicht alle Nachweise "
            "haben. Sie können mehrere Änderungen auf einmal melden."
        ),
        pages=(
            Page(
                key="person",
                title=_("Angaben zu Ihrer Person"),
                fields=person_fields(with_kundennummer=True),
            ),
            Page(
                key="auswahl",
                title=_("Was hat sich geändert?"),
                fields=(
                    MultipleChoiceField(
                        key="aenderungen",
                        label=_("Was möchten Sie mitteilen?"),
                        hint=_("Wählen Sie alles aus, was zutrifft."),
                        options=CHANGES,
                    ),
                ),
            ),
            Page(
                key="umzug",
                title=_("Umzug oder neue Wohnkosten"),
                condition=change("umzug"),
                fields=(
                    YesNoField(
                        key="umgezogen",
                        label=_("Ziehen Sie um oder sind Sie schon umgezogen?"),
                        hint=_("Antworten Sie „Nein“, wenn sich nur Ihre Wohnkosten ändern."),
                    ),
                ),
            ),
            Page(
                key="neue_anschrift",
                title=_("Ihre neue Anschrift"),
                condition=change("umzug") & IsYes("umgezogen"),
                fields=(
                    TextField(
                        key="neue_strasse",
                        label=_("Straße und Hausnummer"),
                        autocomplete="street-address",
                        documents=(DocumentNeed(MELDEBESCHEINIGUNG),),
                        role=Role.NEW_STREET,
                    ),
                    PostcodeField(key="neue_plz", label=_("Postleitzahl"), role=Role.NEW_POSTCODE),
                    TextField(
                        key="neuer_ort",
                        label=_("Ort"),
                        autocomplete="address-level2",
                        role=Role.NEW_CITY,
                    ),
                    YesNoField(
                        key="zusicherung",
                        label=_("Hat das Jobcenter dem Umzug vorher zugestimmt?"),
                        hint=_(
                            "Das nennt man Zusicherung. Sie ist wichtig, damit die neuen "
                            "Wohnkosten übernommen werden."
                        ),
                        documents=(DocumentNeed(ZUSICHERUNG, (True,)),),
                    ),
                ),
            ),
            Page(
                key="wohnkosten",
                title=_("Ihre Wohnkosten"),
                condition=change("umzug"),
                fields=(
                    *housing_cost_fields(prefix="neue_", with_utility_statement=False),
                    # Only a new lease comes with a deposit; a rent change alone does not.
                    MoneyField(
                        key="kaution",
                        label=_("Mietkaution oder Genossenschaftsanteile"),
                        required=False,
                        condition=IsYes("umgezogen"),
                        hint=_("Nur wenn Sie für die neue Wohnung eine zahlen müssen."),
                    ),
                    DateField(
                        key="umzug_ab",
                        label=_("Datum der Änderung"),
                        hint=_("Umzugstag oder Tag, ab dem die neuen Kosten gelten"),
                        **AB,
                    ),
                ),
            ),
            RepeatPage(
                key="einzug",
                title=_("Neue Personen im Haushalt"),
                condition=change("einzug"),
                group="eingezogene",
                item_label=_("Neue Person %(n)d"),
                add_label=_("Weitere Person hinzufügen"),
                fields=new_person_fields(date_key="eingezogen_am"),
            ),
            RepeatPage(
                key="auszug",
                title=_("Ausgezogene Personen"),
                condition=change("auszug"),
                group="ausgezogene",
                item_label=_("Ausgezogene Person %(n)d"),
                add_label=_("Weitere Person hinzufügen"),
                fields=(
                    *moved_out_person_fields(),
                    TextField(
                        key="neue_anschrift",
                        label=_("Neue Anschrift"),
                        required=False,
                        hint=_("Falls bekannt"),
                    ),
                ),
            ),
            Page(
                key="familienstand",
                title=_("Heirat, Trennung, Scheidung oder Todesfall"),
                condition=change("familienstand"),
                fields=(
                    ChoiceField(
                        key="fs_art",
                        label=_("Was ist geschehen?"),
                        options=(
                            Option("heirat", _("Heirat oder eingetragene Partnerschaft")),
                            Option("trennung", _("Dauerhafte Trennung")),
                            Option("scheidung", _("Scheidung")),
                            Option("tod", _("Tod einer Person der Bedarfsgemeinschaft")),
                        ),
                        documents=(
                            DocumentNeed(URKUNDE_FAMILIENSTAND, ("heirat", "scheidung", "tod")),
                        ),
                    ),
                    TextField(
                        key="fs_person",
                        label=_("Welche Person betrifft es?"),
                        hint=_("Vor- und Nachname"),
                    ),
                    DateField(key="fs_datum", label=_("Datum der Änderung"), **SEIT),
                ),
            ),
            Page(
                key="arbeitsbeginn",
                title=_("Neue Arbeit oder Ausbildung"),
                condition=change("arbeitsbeginn"),
                fields=(
                    TextField(
                        key="ab_person",
                        label=_("Wer hat die Arbeit aufgenommen?"),
                        hint=_("Vor- und Nachname"),
                    ),
                    TextField(
                        key="ab_arbeitgeber",
                        label=_("Arbeitgeber oder Ausbildungsbetrieb"),
                        documents=(DocumentNeed(ARBEITSVERTRAG),),
                    ),
                    DateField(key="ab_beginn", label=_("Erster Arbeitstag"), **AB),
                    NumberField(
                        key="ab_stunden",
                        label=_("Arbeitsstunden pro Woche"),
                        min_value=1,
                        max_value=80,
                        unit=_("Stunden"),
                    ),
                    MoneyField(
                        key="ab_brutto",
                        label=_("Lohn im Monat (brutto)"),
                        hint=_("Wie im Arbeitsvertrag; wenn er schwankt: ungefähr."),
                        documents=(DocumentNeed(LOHNABRECHNUNG),),
                    ),
                    DateField(
                        key="ab_erste_zahlung",
                        label=_("Erste Lohnzahlung (voraussichtlich)"),
                        required=False,
                        **AB,
                    ),
                ),
            ),
            Page(
                key="arbeitsende",
                title=_("Arbeit oder Ausbildung endet"),
                condition=change("arbeitsende"),
                fields=(
                    TextField(
                        key="ae_person",
                        label=_("Wessen Arbeit endet?"),
                        hint=_("Vor- und Nachname"),
                    ),
                    TextField(key="ae_arbeitgeber", label=_("Arbeitgeber oder Ausbildungsbetrieb")),
                    DateField(key="ae_ende", label=_("Letzter Arbeitstag"), **AB),
                    ChoiceField(
                        key="ae_grund",
                        label=_("Warum endet die Arbeit?"),
                        options=(
                            Option("kuendigung_ag", _("Kündigung durch den Arbeitgeber")),
                            Option("kuendigung_selbst", _("Eigene Kündigung")),
                            Option("befristung", _("Der Vertrag war befristet")),
                            Option("aufhebung", _("Aufhebungsvertrag")),
                            Option("sonstiges", _("Anderer Grund")),
                        ),
                        documents=(DocumentNeed(KUENDIGUNG),),
                    ),
                ),
            ),
            Page(
                key="einkommen",
                title=_("Einkommen ändert sich"),
                condition=change("einkommen"),
                fields=(
                    TextField(
                        key="ek_person",
                        label=_("Wessen Einkommen ändert sich?"),
                        hint=_("Vor- und Nachname"),
                    ),
                    ChoiceField(
                        key="ek_art",
                        label=_("Art des Einkommens"),
                        options=INCOME_KINDS,
                        documents=(DocumentNeed(EINKOMMENSNACHWEIS),),
                        role=Role.INCOME_KIND,
                    ),
                    MoneyField(
                        key="ek_betrag",
                        label=_("Neuer Betrag im Monat (brutto)"),
                        role=Role.INCOME_AMOUNT,
                    ),
                    DateField(key="ek_ab", label=_("Datum der Änderung"), **AB),
                ),
            ),
            Page(
                key="leistungen",
                title=_("Andere Leistungen"),
                condition=change("leistungen"),
                fields=other_benefits_fields(prefix="lst_"),
            ),
            Page(
                key="vermoegen",
                title=_("Geld bekommen"),
                condition=change("vermoegen"),
                fields=(
                    ChoiceField(
                        key="vm_art",
                        label=_("Woher kommt das Geld?"),
                        options=(
                            Option("erbschaft", _("Erbschaft")),
                            Option("schenkung", _("Schenkung")),
                            Option("steuer", _("Steuererstattung")),
                            Option("gewinn", _("Gewinn")),
                            Option("nachzahlung", _("Nachzahlung einer Leistung")),
                            Option("sonstiges", _("Anderes")),
                        ),
                        documents=(DocumentNeed(VERMOEGENSNACHWEIS),),
                    ),
                    MoneyField(key="vm_betrag", label=_("Betrag")),
                    DateField(key="vm_datum", label=_("Wann ist das Geld eingegangen?"), **SEIT),
                ),
            ),
            Page(
                key="konto",
                title=_("Neue Bankverbindung"),
                condition=change("konto"),
                fields=bank_account_fields(),
            ),
            Page(
                key="schwangerschaft",
                title=_("Schwangerschaft"),
                condition=change("schwangerschaft"),
                fields=(
                    DateField(
                        key="entbindungstermin",
                        label=_("Voraussichtlicher Entbindungstermin"),
                        hint=_("Steht im Mutterpass."),
                        earliest=-31,
                        latest=300,
                        documents=(DocumentNeed(MUTTERPASS),),
                    ),
                ),
            ),
            Page(
                key="krankenhaus",
                title=_("Aufenthalt im Krankenhaus oder in einer Reha-Klinik"),
                condition=change("krankenhaus"),
                fields=(
                    ChoiceField(
                        key="kh_art",
                        label=_("Art des Aufenthalts"),
                        options=(
                            Option("krankenhaus", _("Krankenhaus")),
                            Option("reha", _("Reha, Kur oder Therapie")),
                        ),
                        documents=(DocumentNeed(AUFNAHMEBESCHEINIGUNG),),
                    ),
                    DateField(key="kh_von", label=_("Aufnahme am"), **AB),
                    DateField(
                        key="kh_bis",
                        label=_("Entlassung am (voraussichtlich)"),
                        required=False,
                        **AB,
                    ),
                ),
            ),
            Page(
                key="sonstiges",
                title=_("Andere Änderung"),
                condition=change("sonstiges"),
                fields=(
                    LongTextField(key="sonst_text", label=_("Was hat sich geändert?")),
                    DateField(key="sonst_datum", label=_("Datum der Änderung"), **AB),
                ),
            ),
        ),
    )
)
