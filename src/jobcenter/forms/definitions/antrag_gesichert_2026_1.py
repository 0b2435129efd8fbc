""" "Antrag gesichert", version 2026-1 — the first page of the Erstantrag, sent on its own.

The application itself needs no form (§ 9 SGB X) and counts back to the first of the month
(§ 37 SGB II, docs/DOMAIN.md §5.1). So the Erstantrag starts with this one short page: who applies,
where they live (at least the postcode, which also finds the competent Jobcenter), how to reach
them, and "Ich beantrage Bürgergeld". Its button sends it at once (``submit_on_last_page``): it
becomes a submission of its own with the server's receipt time, a reference and a receipt. The
full form (``erstantrag@2026-1``) then continues as a draft linked to it
(``intake.erstantrag.open_full_application``); abandoning that draft leaves this application.
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.definition import FormDefinition, Page, register
from jobcenter.forms.definitions.common import address_fields, contact_fields, name_fields
from jobcenter.forms.fields import MultipleChoiceField, Option

# State-account identity claims (accounts.oidc.IDENTITY_CLAIMS) → answers.
IDENTITY_PREFILL = (
    ("vorname", "given_name"),
    ("nachname", "family_name"),
    ("geburtsdatum", "birthdate"),
    ("strasse", "address.street_address"),
    ("plz", "address.postal_code"),
    ("ort", "address.locality"),
    ("telefon", "phone_number"),
    ("email", "email"),
)

ANTRAG_GESICHERT = register(
    FormDefinition(
        key="antrag_gesichert",
        version="2026-1",
        title=_("Antrag auf Bürgergeld (Datum gesichert)"),
        description=_("Bürgergeld beantragen und das Antragsdatum sofort sichern."),
        start_intro=_(
            "Bürgergeld gibt es ab dem Monat, in dem Sie es beantragen — rückwirkend ab dem "
            "Ersten des Monats. Mit dieser einen Seite ist Ihr Antrag gestellt und das Datum "
            "gesichert. Die weiteren Angaben machen Sie danach, auch später."
        ),
        submit_on_last_page=True,
        pages=(
            Page(
                key="antrag",
                title=_("Möchten Sie Bürgergeld beantragen?"),
                prefill=IDENTITY_PREFILL,
                one_of=("strasse", "telefon", "email"),
                one_of_message=_(
                    "Bitte geben Sie an, wie wir Sie erreichen: Ihre Straße, eine "
                    "Telefonnummer oder eine E-Mail-Adresse."
                ),
                fields=(
                    *name_fields(),
                    *address_fields(street_required=False),
                    *contact_fields(),
                    MultipleChoiceField(
                        key="beantragt",
                        label=_("Ihr Antrag"),
                        options=(Option("buergergeld", _("Ich beantrage Bürgergeld.")),),
                        required_message=_("Bitte bestätigen Sie: Ich beantrage Bürgergeld."),
                    ),
                ),
            ),
        ),
    )
)
