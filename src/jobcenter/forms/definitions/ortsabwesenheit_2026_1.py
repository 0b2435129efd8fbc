"""Antrag auf Zustimmung zur Ortsabwesenheit, version 2026-1 — docs/DOMAIN.md §5.3.

Asked *before* the absence (§ 7b SGB II, Erreichbarkeits-Verordnung): when, where, why, how the
citizen can be reached, and who of the household goes along. The caseworker decides by consent
or refusal (``decision_choices``); a request whose first day has already come on arrival is
flagged, because consent is given in advance.
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.conditions import DateWithinDays, Equals, In, IsYes
from jobcenter.forms.definition import CaseFlag, FormDefinition, Page, RepeatPage, register
from jobcenter.forms.definitions.common import GRUND_NACHWEIS, person_fields
from jobcenter.forms.fields import (
    ChoiceField,
    DateField,
    DocumentNeed,
    LongTextField,
    Option,
    PhoneField,
    TextField,
    YesNoField,
)
from jobcenter.forms.roles import Role
from jobcenter.forms.validators import NotBefore

IMPORTANT_REASONS = ("reha", "wichtig")

ORTSABWESENHEIT = register(
    FormDefinition(
        key="ortsabwesenheit",
        version="2026-1",
        title=_("Ortsabwesenheit beantragen"),
        short_title=_("Ortsabwesenheit"),
        description=_(
            "Sie möchten verreisen oder sind aus einem wichtigen Grund nicht erreichbar, zum "
            "Beispiel wegen einer Reha."
        ),
        start_intro=_(
            "Wer Bürgergeld bekommt, muss an jedem Werktag erreichbar sein. Bitten Sie das "
            "Jobcenter deshalb vor der Abwesenheit um Zustimmung. Die Antwort bekommen Sie in "
            "Ihr Postfach oder per Brief."
        ),
        case_flags=(
            CaseFlag(
                "begonnen",
                _("Abwesenheit hatte bei Eingang schon begonnen"),
                DateWithinDays("abwesend_von", 0),
                urgent=True,
            ),
            CaseFlag("ausland", _("Aufenthalt im Ausland"), Equals("abwesend_ziel", "ausland")),
        ),
        decision_choices=(("zustimmung", "Zustimmung"), ("ablehnung", "Ablehnung")),
        pages=(
            Page(
                key="person",
                title=_("Angaben zu Ihrer Person"),
                fields=person_fields(with_kundennummer=True),
            ),
            Page(
                key="zeitraum",
                title=_("Wann und wohin?"),
                checks=(
                    NotBefore(
                        "abwesend_bis",
                        "abwesend_von",
                        _("Der letzte Tag der Abwesenheit darf nicht vor dem ersten Tag liegen."),
                    ),
                ),
                fields=(
                    DateField(
                        key="abwesend_von",
                        label=_("Erster Tag der Abwesenheit"),
                        earliest=-30,
                        latest=365,
                    ),
                    DateField(
                        key="abwesend_bis",
                        label=_("Letzter Tag der Abwesenheit"),
                        earliest=-30,
                        latest=365 * 2,
                    ),
                    ChoiceField(
                        key="abwesend_ziel",
                        label=_("Wohin fahren Sie?"),
                        options=(
                            Option("inland", _("Innerhalb Deutschlands")),
                            Option("ausland", _("Ins Ausland")),
                        ),
                    ),
                    TextField(
                        key="abwesend_ort",
                        label=_("Ort (und Land)"),
                        max_length=200,
                    ),
                ),
            ),
            Page(
                key="grund",
                title=_("Grund der Abwesenheit"),
                intro=_(
                    "Ohne wichtigen Grund stimmt das Jobcenter in der Regel bis zu 3 Wochen im "
                    "Kalenderjahr zu. Stellen Sie den Antrag vor Beginn: Hat die Abwesenheit "
                    "schon begonnen, sieht das Ihre Ansprechperson und prüft den Einzelfall."
                ),
                fields=(
                    ChoiceField(
                        key="abwesend_grund",
                        label=_("Aus welchem Grund sind Sie nicht da?"),
                        options=(
                            Option("reha", _("Medizinische Rehabilitation oder Vorsorge (Kur)")),
                            Option(
                                "wichtig",
                                _("Ein anderer wichtiger Grund"),
                                _(
                                    "Zum Beispiel eine kirchliche, gewerkschaftliche oder "
                                    "staatsbürgerliche Veranstaltung oder ein Ehrenamt."
                                ),
                            ),
                            Option("ohne", _("Ohne wichtigen Grund, zum Beispiel Urlaub")),
                        ),
                        documents=(DocumentNeed(GRUND_NACHWEIS, IMPORTANT_REASONS),),
                    ),
                ),
            ),
            Page(
                key="grund_text",
                title=_("Ihr wichtiger Grund"),
                condition=In("abwesend_grund", IMPORTANT_REASONS),
                fields=(
                    LongTextField(
                        key="grund_beschreibung",
                        label=_("Bitte beschreiben Sie den Grund kurz."),
                    ),
                ),
            ),
            Page(
                key="erreichbarkeit",
                title=_("Erreichbarkeit und Mitreisende"),
                fields=(
                    TextField(
                        key="erreichbar_anschrift",
                        label=_("Wo können wir Sie in dieser Zeit erreichen?"),
                        hint=_("Anschrift am Aufenthaltsort, wenn bekannt."),
                        required=False,
                        max_length=300,
                    ),
                    PhoneField(
                        key="erreichbar_telefon",
                        label=_("Telefonnummer während der Abwesenheit"),
                        required=False,
                    ),
                    YesNoField(
                        key="mitreisende",
                        label=_("Fahren Personen aus Ihrer Bedarfsgemeinschaft mit?"),
                    ),
                ),
            ),
            RepeatPage(
                key="mitreisende_personen",
                title=_("Wer fährt mit?"),
                intro=_("Kinder unter 15 Jahren brauchen keine eigene Zustimmung."),
                condition=IsYes("mitreisende"),
                group="mitreisende_personen",
                item_label=_("Person %(n)d"),
                add_label=_("Weitere Person hinzufügen"),
                fields=(
                    TextField(
                        key="vorname",
                        label=_("Vorname"),
                        max_length=100,
                        role=Role.PERSON_FIRST_NAME,
                    ),
                    TextField(
                        key="nachname",
                        label=_("Nachname"),
                        max_length=100,
                        role=Role.PERSON_LAST_NAME,
                    ),
                ),
            ),
        ),
    )
)
