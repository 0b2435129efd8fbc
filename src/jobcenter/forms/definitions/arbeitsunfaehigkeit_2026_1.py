"""Arbeitsunfähigkeit melden, version 2026-1 — docs/DOMAIN.md §5.2 (§ 56 SGB II).

A notice, not an application: the period (the end as the doctor expects it), first or follow-up
certificate, the appointment it concerns if the citizen was invited, and the certificate itself
(photo or PDF, normalised to one PDF like every upload).
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.conditions import IsYes
from jobcenter.forms.definition import CaseFlag, FormDefinition, FormKind, Page, register
from jobcenter.forms.definitions.common import AU_BESCHEINIGUNG, person_fields
from jobcenter.forms.fields import ChoiceField, DateField, FileField, Option, TextField, YesNoField
from jobcenter.forms.validators import NotBefore

ARBEITSUNFAEHIGKEIT = register(
    FormDefinition(
        key="arbeitsunfaehigkeit",
        version="2026-1",
        title=_("Arbeitsunfähigkeit melden"),
        short_title=_("Krankmeldung"),
        kind=FormKind.NOTICE,
        description=_("Sie sind krank und können nicht arbeiten oder zu einem Termin kommen."),
        start_intro=_(
            "Melden Sie sich bitte sofort, wenn Sie krank sind. Die ärztliche Bescheinigung "
            "muss spätestens am dritten Kalendertag beim Jobcenter sein. Ein Foto der "
            "Bescheinigung genügt."
        ),
        case_flags=(
            CaseFlag("termin", _("Betrifft einen Termin beim Jobcenter"), IsYes("au_einladung")),
        ),
        pages=(
            Page(
                key="person",
                title=_("Angaben zu Ihrer Person"),
                fields=person_fields(with_kundennummer=True),
            ),
            Page(
                key="zeitraum",
                title=_("Ihre Arbeitsunfähigkeit"),
                checks=(
                    NotBefore(
                        "au_bis",
                        "au_von",
                        _("Das Ende der Arbeitsunfähigkeit darf nicht vor ihrem Beginn liegen."),
                    ),
                ),
                fields=(
                    DateField(key="au_von", label=_("Arbeitsunfähig seit"), earliest=-90, latest=7),
                    DateField(
                        key="au_bis",
                        label=_("Voraussichtlich arbeitsunfähig bis"),
                        hint=_("Wie es auf der Bescheinigung steht."),
                        earliest=-90,
                        latest=365,
                    ),
                    ChoiceField(
                        key="au_art",
                        label=_("Welche Bescheinigung ist es?"),
                        options=(
                            Option("erst", _("Erstbescheinigung")),
                            Option("folge", _("Folgebescheinigung")),
                        ),
                    ),
                    YesNoField(
                        key="au_einladung",
                        label=_("Hatten Sie in dieser Zeit einen Termin beim Jobcenter?"),
                        hint=_("Zum Beispiel eine Einladung zu einem Gespräch."),
                    ),
                ),
            ),
            Page(
                key="termin",
                title=_("Ihr Termin"),
                condition=IsYes("au_einladung"),
                fields=(
                    DateField(
                        key="termin_datum",
                        label=_("Datum des Termins"),
                        earliest=-90,
                        latest=365,
                    ),
                    TextField(
                        key="termin_art",
                        label=_("Um welchen Termin geht es?"),
                        hint=_("Zum Beispiel: Gespräch bei Ihrer Ansprechperson."),
                        required=False,
                        max_length=200,
                    ),
                ),
            ),
            Page(
                key="bescheinigung",
                title=_("Ihre Bescheinigung"),
                intro=_(
                    "Fotografieren Sie die Bescheinigung oder wählen Sie eine Datei. Sie können "
                    "sie auch nach dem Absenden hochladen."
                ),
                documents=(AU_BESCHEINIGUNG,),
                fields=(
                    FileField(
                        key="au_datei",
                        label=_("Arbeitsunfähigkeitsbescheinigung"),
                    ),
                ),
            ),
        ),
    )
)
