"""Nachricht an das Jobcenter, version 2026-1.

For what has no form of its own, so nobody has to fall back on paper: who writes (the BG-Nummer
only if there is one), a topic, the message and attachments. The topic has ``Role.TOPIC``:
casework routes the case by it (a routing rule "Formular" with ``nachricht:<topic>``).
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.definition import FormDefinition, FormKind, Page, register
from jobcenter.forms.definitions.common import ANLAGE, person_fields
from jobcenter.forms.fields import (
    ChoiceField,
    DocumentNeed,
    FileField,
    LongTextField,
    Option,
    TextField,
)
from jobcenter.forms.roles import Role

NACHRICHT = register(
    FormDefinition(
        key="nachricht",
        version="2026-1",
        title=_("Nachricht an das Jobcenter"),
        short_title=_("Nachricht"),
        kind=FormKind.NOTICE,
        description=_(
            "Für alles, wofür es kein eigenes Formular gibt. Sie können Dateien anhängen."
        ),
        start_intro=_(
            "Schreiben Sie uns, wofür es hier kein Formular gibt. Ein Konto brauchen Sie dafür "
            "nicht."
        ),
        pages=(
            Page(
                key="person",
                title=_("Angaben zu Ihrer Person"),
                fields=person_fields(with_kundennummer=True, bg_required=False),
            ),
            Page(
                key="nachricht",
                title=_("Ihre Nachricht"),
                fields=(
                    ChoiceField(
                        key="thema",
                        label=_("Worum geht es?"),
                        options=(
                            Option("geld", _("Geld, Bescheide und Zahlungen")),
                            Option("wohnen", _("Miete und Wohnung")),
                            Option("arbeit", _("Arbeit, Termine und Weiterbildung")),
                            Option("unterlagen", _("Unterlagen und Nachweise")),
                            Option("sonstiges", _("Etwas anderes")),
                        ),
                        role=Role.TOPIC,
                    ),
                    TextField(key="betreff", label=_("Betreff"), max_length=150),
                    LongTextField(key="nachricht_text", label=_("Ihre Nachricht")),
                    FileField(
                        key="anlagen",
                        label=_("Anlagen"),
                        hint=_("Fotos oder PDF-Dateien, zum Beispiel ein Schreiben."),
                        documents=(DocumentNeed(ANLAGE),),
                    ),
                ),
            ),
        ),
    )
)
