"""Building blocks shared by several forms: the documents catalogue and recurring questions.

Shared blocks are *functions returning new objects* rather than module constants reused by
reference, so a later form version can change its copy without touching an older one.
"""

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.fields import (
    BgNummerField,
    ChoiceField,
    DateField,
    Document,
    DocumentNeed,
    EmailField,
    KundennummerField,
    Option,
    PhoneField,
    RvNummerField,
    TextField,
)

# --- Documents (DOMAIN.md §7) ------------------------------------------------------------------
MELDEBESCHEINIGUNG = Document("meldebescheinigung", _("Meldebescheinigung"))
GEBURTSURKUNDE = Document("geburtsurkunde", _("Geburtsurkunde des Kindes"))
AUSWEIS = Document("ausweis", _("Personalausweis oder Reisepass (Vorder- und Rückseite)"))
MIETVERTRAG = Document("mietvertrag", _("Mietvertrag oder Schreiben über die Mietänderung"))
NEBENKOSTEN = Document("nebenkosten", _("Neueste Neben- oder Heizkostenabrechnung"))
ZUSICHERUNG = Document("zusicherung", _("Zusicherung des Jobcenters zum Umzug"))
ARBEITSVERTRAG = Document("arbeitsvertrag", _("Arbeitsvertrag"))
LOHNABRECHNUNG = Document("lohnabrechnung", _("Lohn- oder Gehaltsabrechnungen"),
                          _("ab dem Beginn, danach jeden Monat"))
KUENDIGUNG = Document("kuendigung", _("Kündigung oder Arbeitsbescheinigung"))
EKS = Document("eks", _("Anlage EKS (Einkommen aus selbständiger Tätigkeit)"))
BESCHEID = Document("bescheid", _("Bescheid über die andere Leistung (Antrag, Bewilligung oder "
                                  "Ablehnung)"))
EINKOMMENSNACHWEIS = Document("einkommensnachweis", _("Nachweis über die Höhe des Einkommens"))
VERMOEGENSNACHWEIS = Document("vermoegensnachweis",
                              _("Nachweis über das Vermögen (z. B. Kontoauszug, Vertrag)"))
KV_BESCHEINIGUNG = Document("kv_bescheinigung",
                            _("Mitgliedsbescheinigung der Krankenkasse"))
KONTONACHWEIS = Document("kontonachweis", _("Nachweis über das neue Konto (z. B. Kontoauszug "
                                            "oder Bestätigung der Bank)"))
URKUNDE_FAMILIENSTAND = Document("urkunde_familienstand",
                                 _("Heirats-, Scheidungs- oder Sterbeurkunde"))
MUTTERPASS = Document("mutterpass", _("Mutterpass oder ärztliche Bescheinigung"))
AUFNAHMEBESCHEINIGUNG = Document("aufnahmebescheinigung",
                                 _("Aufnahmebescheinigung der Klinik"))
KONTOAUSZUEGE = Document("kontoauszuege",
                         _("Kontoauszüge der letzten 3 Monate aller Konten aller Personen der "
                           "Bedarfsgemeinschaft"))

# Date windows in days from today: a change is usually recent; some are announced in advance.
SEIT = {"earliest": -365 * 3, "latest": 0}  # "seit" — has happened
AB = {"earliest": -365 * 3, "latest": 365}  # "ab" — may also lie up to a year ahead


def person_fields(*, with_kundennummer: bool = False) -> tuple:
    """Name, birth date and the numbers that let the Jobcenter find the file."""
    fields = [
        TextField(key="vorname", label=_("Vorname"), autocomplete="given-name", max_length=100),
        TextField(key="nachname", label=_("Nachname"), autocomplete="family-name",
                  max_length=100),
        DateField(key="geburtsdatum", label=_("Geburtsdatum"), hint=_("Zum Beispiel: 27 3 1980"),
                  autocomplete="bday", earliest=-365 * 120, latest=0),
        BgNummerField(
            key="bg_nummer", label=_("Nummer der Bedarfsgemeinschaft (BG-Nummer)"),
            hint=_("Sie steht oben auf Ihrem letzten Bescheid, z. B. 12345BG0012345."),
        ),
    ]
    if with_kundennummer:
        fields.append(KundennummerField(
            key="kundennummer", label=_("Ihre Kundennummer"), required=False,
            hint=_("Falls zur Hand: 10 Zeichen, z. B. 123D456789."),
        ))
    fields += [
        PhoneField(key="telefon", label=_("Telefonnummer für Rückfragen"), required=False),
        EmailField(key="email", label=_("E-Mail-Adresse für Rückfragen"), required=False),
    ]
    return tuple(fields)


RELATIONSHIP_OPTIONS = (
    Option("partner", _("Ehe- oder Lebenspartner/in")),
    Option("kind", _("Kind (auch neugeboren)")),
    Option("eltern", _("Mutter oder Vater")),
    Option("verwandt", _("Andere verwandte Person")),
    Option("andere", _("Andere Person (z. B. Mitbewohner/in)")),
)


def new_person_fields(*, date_key: str) -> tuple:
    """A person who moved into the household (one item of a repeatable group)."""
    return (
        TextField(key="vorname", label=_("Vorname"), max_length=100),
        TextField(key="nachname", label=_("Nachname"), max_length=100),
        DateField(key="geburtsdatum", label=_("Geburtsdatum"), earliest=-365 * 120, latest=0,
                  hint=_("Zum Beispiel: 27 3 1980")),
        ChoiceField(key="beziehung", label=_("Wer ist die Person für Sie?"),
                    options=RELATIONSHIP_OPTIONS,
                    documents=(DocumentNeed(GEBURTSURKUNDE, ("kind",)),)),
        DateField(key=date_key, label=_("Eingezogen am"),
                  hint=_("Bei einer Geburt: Tag der Geburt"),
                  documents=(DocumentNeed(MELDEBESCHEINIGUNG),), **SEIT),
        RvNummerField(key="rv_nummer", label=_("Rentenversicherungsnummer"), required=False,
                      hint=_("Falls bekannt, z. B. 65 170839 J 003.")),
    )
