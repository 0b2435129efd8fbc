"""Einmalige Bedarfe, version 2026-1 — docs/DOMAIN.md §8 (§ 24 Abs. 3 SGB II).

Not covered by the monthly standard rate and granted separately: first furnishing of a flat
(household appliances included), first clothing and pregnancy/birth equipment, repair or rental
of therapeutic equipment and orthopaedic shoes. The citizen picks one or more; each opens its page
with the questions and documents it needs.
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.conditions import Contains
from jobcenter.forms.definition import FormDefinition, Page, register
from jobcenter.forms.definitions.common import (
    KOSTENVORANSCHLAG,
    MIETVERTRAG,
    MUTTERPASS,
    VERORDNUNG,
    person_fields,
)
from jobcenter.forms.fields import (
    ChoiceField,
    DateField,
    DocumentNeed,
    LongTextField,
    MultipleChoiceField,
    NumberField,
    Option,
)


def need(value: str) -> Contains:
    return Contains("bedarfe", value)


EINMALIGE_BEDARFE = register(
    FormDefinition(
        key="einmalige_bedarfe",
        version="2026-1",
        title=_("Einmalige Bedarfe beantragen"),
        short_title=_("Einm. Bedarfe"),
        description=_(
            "Erstausstattung für die Wohnung, Bekleidung, Schwangerschaft und Geburt oder "
            "Reparatur therapeutischer Geräte."
        ),
        start_intro=_(
            "Diese Bedarfe sind nicht im Regelbedarf enthalten und werden gesondert bezahlt. "
            "Stellen Sie den Antrag, bevor Sie etwas kaufen."
        ),
        pages=(
            Page(key="person", title=_("Angaben zu Ihrer Person"), fields=person_fields()),
            Page(
                key="auswahl",
                title=_("Was brauchen Sie?"),
                fields=(
                    MultipleChoiceField(
                        key="bedarfe",
                        label=_("Wofür beantragen Sie Geld?"),
                        hint=_("Wählen Sie alles aus, was zutrifft."),
                        options=(
                            Option(
                                "wohnung",
                                _("Erstausstattung für die Wohnung"),
                                _("Möbel und Haushaltsgeräte, z. B. für die erste eigene Wohnung."),
                            ),
                            Option("bekleidung", _("Erstausstattung an Bekleidung")),
                            Option(
                                "schwangerschaft",
                                _("Ausstattung bei Schwangerschaft und Geburt"),
                            ),
                            Option(
                                "therapie",
                                _("Therapeutische Geräte oder orthopädische Schuhe"),
                                _("Reparatur oder Miete."),
                            ),
                        ),
                    ),
                ),
            ),
            Page(
                key="wohnung",
                title=_("Erstausstattung für die Wohnung"),
                condition=need("wohnung"),
                fields=(
                    ChoiceField(
                        key="wohnung_anlass",
                        label=_("Warum brauchen Sie eine Erstausstattung?"),
                        options=(
                            Option("erste_wohnung", _("Erste eigene Wohnung")),
                            Option("trennung", _("Nach einer Trennung")),
                            Option("notlage", _("Nach Brand, Wasserschaden oder Haft")),
                            Option("sonstiges", _("Anderer Grund")),
                        ),
                        documents=(DocumentNeed(MIETVERTRAG),),
                    ),
                    LongTextField(
                        key="wohnung_gegenstaende",
                        label=_("Welche Möbel und Haushaltsgeräte brauchen Sie?"),
                        hint=_("Zum Beispiel: Bett, Schrank, Kühlschrank, Waschmaschine."),
                    ),
                    NumberField(
                        key="wohnung_personen",
                        label=_("Für wie viele Personen?"),
                        min_value=1,
                        max_value=20,
                    ),
                ),
            ),
            Page(
                key="bekleidung",
                title=_("Erstausstattung an Bekleidung"),
                condition=need("bekleidung"),
                fields=(
                    LongTextField(
                        key="bekleidung_grund",
                        label=_("Warum haben Sie keine Bekleidung?"),
                        hint=_("Zum Beispiel nach einem Brand oder nach einer Flucht."),
                    ),
                ),
            ),
            Page(
                key="schwangerschaft",
                title=_("Schwangerschaft und Geburt"),
                condition=need("schwangerschaft"),
                fields=(
                    DateField(
                        key="geburtstermin",
                        label=_("Errechneter Geburtstermin oder Tag der Geburt"),
                        earliest=-365,
                        latest=300,
                        documents=(DocumentNeed(MUTTERPASS),),
                    ),
                    MultipleChoiceField(
                        key="schwangerschaft_bedarf",
                        label=_("Was brauchen Sie?"),
                        options=(
                            Option("kleidung", _("Umstandskleidung")),
                            Option("baby", _("Babyausstattung (z. B. Kinderbett, Kinderwagen)")),
                        ),
                    ),
                ),
            ),
            Page(
                key="therapie",
                title=_("Therapeutische Geräte und orthopädische Schuhe"),
                condition=need("therapie"),
                fields=(
                    LongTextField(
                        key="therapie_geraet",
                        label=_("Um welches Gerät oder welche Schuhe geht es?"),
                        documents=(DocumentNeed(VERORDNUNG),),
                    ),
                    ChoiceField(
                        key="therapie_art",
                        label=_("Was wird gebraucht?"),
                        options=(
                            Option("reparatur", _("Reparatur")),
                            Option("miete", _("Miete")),
                        ),
                        documents=(DocumentNeed(KOSTENVORANSCHLAG),),
                    ),
                ),
            ),
        ),
    )
)
