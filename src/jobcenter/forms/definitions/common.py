"""Building blocks shared by several forms: the documents catalogue, option lists and recurring
questions.

Shared blocks are *functions returning new objects* rather than module constants reused by
reference, so a later form version can change its copy without touching an older one. Documents
and option lists are immutable and stay constants; a version that needs a different list declares
its own.

Builders take keyword-only parameters for what differs between the forms that use them. A key
``prefix`` is one of those: every form version keeps the answer keys it was released with,
because drafts and submissions store answers under them.
"""

import dataclasses

from django.utils.translation import gettext_lazy as _

from jobcenter.forms.definition import Page
from jobcenter.forms.fields import (
    BgNummerField,
    ChoiceField,
    DateField,
    Document,
    DocumentNeed,
    EmailField,
    IbanField,
    KundennummerField,
    MoneyField,
    MultipleChoiceField,
    Option,
    PhoneField,
    PostcodeField,
    RvNummerField,
    TextField,
)
from jobcenter.forms.roles import Role

# --- Documents (docs/DOMAIN.md §7) ----------------------------------------------------------------
MELDEBESCHEINIGUNG = Document("meldebescheinigung", _("Meldebescheinigung"))
GEBURTSURKUNDE = Document("geburtsurkunde", _("Geburtsurkunde des Kindes"))
AUSWEIS = Document("ausweis", _("Personalausweis oder Reisepass (Vorder- und Rückseite)"))
MIETVERTRAG = Document("mietvertrag", _("Mietvertrag oder Schreiben über die Mietänderung"))
NEBENKOSTEN = Document("nebenkosten", _("Neueste Neben- oder Heizkostenabrechnung"))
ZUSICHERUNG = Document("zusicherung", _("Zusicherung des Jobcenters zum Umzug"))
ARBEITSVERTRAG = Document("arbeitsvertrag", _("Arbeitsvertrag"))
LOHNABRECHNUNG = Document(
    "lohnabrechnung", _("Lohn- oder Gehaltsabrechnungen"), _("ab dem Beginn, danach jeden Monat")
)
KUENDIGUNG = Document("kuendigung", _("Kündigung oder Arbeitsbescheinigung"))
EKS = Document("eks", _("Anlage EKS (Einkommen aus selbständiger Tätigkeit)"))
BESCHEID = Document(
    "bescheid", _("Bescheid über die andere Leistung (Antrag, Bewilligung oder Ablehnung)")
)
EINKOMMENSNACHWEIS = Document("einkommensnachweis", _("Nachweis über die Höhe des Einkommens"))
VERMOEGENSNACHWEIS = Document(
    "vermoegensnachweis", _("Nachweis über das Vermögen (z. B. Kontoauszug, Vertrag)")
)
KV_BESCHEINIGUNG = Document("kv_bescheinigung", _("Mitgliedsbescheinigung der Krankenkasse"))
KONTONACHWEIS = Document(
    "kontonachweis", _("Nachweis über das neue Konto (z. B. Kontoauszug oder Bestätigung der Bank)")
)
URKUNDE_FAMILIENSTAND = Document(
    "urkunde_familienstand", _("Heirats-, Scheidungs- oder Sterbeurkunde")
)
MUTTERPASS = Document("mutterpass", _("Mutterpass oder ärztliche Bescheinigung"))
AUFNAHMEBESCHEINIGUNG = Document("aufnahmebescheinigung", _("Aufnahmebescheinigung der Klinik"))
KONTOAUSZUEGE = Document(
    "kontoauszuege",
    _("Kontoauszüge der letzten 3 Monate aller Konten aller Personen der Bedarfsgemeinschaft"),
)

AU_BESCHEINIGUNG = Document(
    "au_bescheinigung",
    _("Arbeitsunfähigkeitsbescheinigung (Ausfertigung für das Jobcenter)"),
)
KOSTENVORANSCHLAG = Document("kostenvoranschlag", _("Kostenvoranschlag"))
VERORDNUNG = Document("verordnung", _("Ärztliche Verordnung"))
SCHULDEN_SCHREIBEN = Document(
    "schulden_schreiben",
    _(
        "Schreiben des Vermieters oder Versorgers (Mahnung, Kündigung, Räumungs- oder "
        "Sperrandrohung)"
    ),
)
WOHNUNGSANGEBOT = Document(
    "wohnungsangebot", _("Mietangebot der neuen Wohnung (Miete, Nebenkosten, Heizkosten, Größe)")
)
GRUND_NACHWEIS = Document(
    "grund_nachweis", _("Nachweis über den wichtigen Grund (z. B. Bewilligung der Reha)")
)
ANLAGE = Document("anlage", _("Anlage zu Ihrer Nachricht"))

# Date windows in days from today: a change is usually recent; some are announced in advance.
SEIT = {"earliest": -365 * 3, "latest": 0}  # "seit" — has happened
AB = {"earliest": -365 * 3, "latest": 365}  # "ab" — may also lie up to a year ahead


def person_fields(*, with_kundennummer: bool = False, bg_required: bool = True) -> tuple:
    """Name, birth date and the numbers that let the Jobcenter find the file. ``bg_required``:
    False where people write who may not receive Bürgergeld (yet)."""
    fields = [
        TextField(
            key="vorname",
            label=_("Vorname"),
            autocomplete="given-name",
            max_length=100,
            role=Role.FIRST_NAME,
        ),
        TextField(
            key="nachname",
            label=_("Nachname"),
            autocomplete="family-name",
            max_length=100,
            role=Role.LAST_NAME,
        ),
        DateField(
            key="geburtsdatum",
            label=_("Geburtsdatum"),
            hint=_("Zum Beispiel: 27 3 1980"),
            autocomplete="bday",
            earliest=-365 * 120,
            latest=0,
            role=Role.BIRTH_DATE,
        ),
        BgNummerField(
            key="bg_nummer",
            label=_("Nummer der Bedarfsgemeinschaft (BG-Nummer)"),
            hint=_("Sie steht oben auf Ihrem letzten Bescheid, z. B. 12345BG0012345."),
            required=bg_required,
            role=Role.BG_NUMMER,
        ),
    ]
    if with_kundennummer:
        fields.append(
            KundennummerField(
                key="kundennummer",
                label=_("Ihre Kundennummer"),
                required=False,
                hint=_("Falls zur Hand: 10 Zeichen, z. B. 123D456789."),
                role=Role.KUNDENNUMMER,
            )
        )
    fields += [
        PhoneField(
            key="telefon",
            label=_("Telefonnummer für Rückfragen"),
            required=False,
            role=Role.PHONE,
        ),
        EmailField(
            key="email",
            label=_("E-Mail-Adresse für Rückfragen"),
            required=False,
            role=Role.EMAIL,
        ),
    ]
    return tuple(fields)


BG_NUMMER_UNKNOWN = "bg_nummer_unbekannt"


def person_fields_with_unknown_bg_nummer(
    *, address: tuple = (), with_kundennummer: bool = False
) -> tuple:
    """Name, birth date, the address (if given), the BG-Nummer — or "I do not know it": the
    caseworker then finds the file by name and birth date —, the Kundennummer if asked (never
    required) and ways to reach the applicant.
    The page declares ``one_of=("bg_nummer", BG_NUMMER_UNKNOWN)``."""
    name, birth, contact = person_fields()[:2], person_fields()[2], person_fields()[-2:]
    kundennummer = person_fields(with_kundennummer=True)[4:5] if with_kundennummer else ()
    return (
        *name,
        birth,
        *address,
        BgNummerField(
            key="bg_nummer",
            label=_("Nummer der Bedarfsgemeinschaft (BG-Nummer)"),
            hint=_(
                "Sie steht auf der ersten Seite Ihres letzten Bescheids oben im Briefkopf, bei "
                "„BG-Nummer“ oder „Nummer der Bedarfsgemeinschaft“, z. B. 12345BG0012345."
            ),
            required=False,
            role=Role.BG_NUMMER,
        ),
        MultipleChoiceField(
            key=BG_NUMMER_UNKNOWN,
            label=_("Sie finden die BG-Nummer nicht?"),
            hint=_("Dann finden wir Ihre Akte über Ihren Namen und Ihr Geburtsdatum."),
            options=(Option("ja", _("Ich kenne meine BG-Nummer nicht")),),
            required=False,
        ),
        *kundennummer,
        *contact,
    )


UNKNOWN_BG_NUMMER_MESSAGE = _(
    "Bitte geben Sie Ihre BG-Nummer an oder kreuzen Sie an, dass Sie sie nicht kennen."
)


def accepting_unknown_bg_nummer(released, *, version: str):
    """A new version of ``released`` whose first page ("person") also takes "Ich kenne meine
    BG-Nummer nicht"; every other page is the released version's own (a released version never
    changes, so its frozen pages can be shared). The Kundennummer stays asked if it was."""
    old = next(page for page in released.pages if page.key == "person")
    person = Page(
        key="person",
        title=old.title,
        fields=person_fields_with_unknown_bg_nummer(
            with_kundennummer=any(f.key == "kundennummer" for f in old.fields)
        ),
        one_of=("bg_nummer", BG_NUMMER_UNKNOWN),
        one_of_message=UNKNOWN_BG_NUMMER_MESSAGE,
    )
    return dataclasses.replace(
        released,
        version=version,
        pages=tuple(person if page.key == "person" else page for page in released.pages),
    )


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
        TextField(key="vorname", label=_("Vorname"), max_length=100, role=Role.PERSON_FIRST_NAME),
        TextField(key="nachname", label=_("Nachname"), max_length=100, role=Role.PERSON_LAST_NAME),
        DateField(
            key="geburtsdatum",
            label=_("Geburtsdatum"),
            earliest=-365 * 120,
            latest=0,
            hint=_("Zum Beispiel: 27 3 1980"),
            role=Role.PERSON_BIRTH_DATE,
        ),
        ChoiceField(
            key="beziehung",
            label=_("Wer ist die Person für Sie?"),
            options=RELATIONSHIP_OPTIONS,
            documents=(DocumentNeed(GEBURTSURKUNDE, ("kind",)),),
        ),
        DateField(
            key=date_key,
            label=_("Eingezogen am"),
            hint=_("Bei einer Geburt: Tag der Geburt"),
            documents=(DocumentNeed(MELDEBESCHEINIGUNG),),
            **SEIT,
        ),
        RvNummerField(
            key="rv_nummer",
            label=_("Rentenversicherungsnummer"),
            required=False,
            hint=_("Falls bekannt, z. B. 65 170839 J 003."),
        ),
    )


def moved_out_person_fields() -> tuple:
    """A person who moved out of the household (one item of a repeatable group)."""
    return (
        TextField(key="vorname", label=_("Vorname"), max_length=100, role=Role.PERSON_FIRST_NAME),
        TextField(key="nachname", label=_("Nachname"), max_length=100, role=Role.PERSON_LAST_NAME),
        DateField(key="ausgezogen_am", label=_("Ausgezogen am"), **SEIT),
    )


def housing_cost_fields(
    *, prefix: str, with_utility_statement: bool, rent_document: Document = MIETVERTRAG
) -> tuple:
    """The monthly housing costs: ``{prefix}grundmiete``, ``{prefix}nebenkosten``,
    ``{prefix}heizkosten``. ``with_utility_statement``: whether the Nebenkosten question also
    asks for the latest Neben- oder Heizkostenabrechnung; ``rent_document`` proves the rent
    (the lease, or the rental offer before a move)."""
    return (
        MoneyField(
            key=f"{prefix}grundmiete",
            label=_("Grundmiete (kalt) im Monat"),
            documents=(DocumentNeed(rent_document),),
        ),
        MoneyField(
            key=f"{prefix}nebenkosten",
            label=_("Nebenkosten im Monat"),
            documents=(DocumentNeed(NEBENKOSTEN),) if with_utility_statement else (),
        ),
        MoneyField(
            key=f"{prefix}heizkosten",
            label=_("Heizkosten im Monat"),
            hint=_("0, wenn die Heizung in den Nebenkosten enthalten ist."),
        ),
    )


INCOME_KINDS = (
    Option("erwerbstaetigkeit", _("Arbeit, auch Minijob oder Ausbildung")),
    Option("selbststaendig", _("Selbständige Tätigkeit")),
    Option("alg1", _("Arbeitslosengeld")),
    Option("rente", _("Rente")),
    Option("krankengeld", _("Krankengeld")),
    Option("unterhalt", _("Unterhalt oder Unterhaltsvorschuss")),
    Option("kindergeld", _("Kindergeld")),
    Option("sonstiges", _("Anderes Einkommen")),
)
BENEFITS = (
    Option("rente", _("Rente (auch aus dem Ausland)")),
    Option("krankengeld", _("Krankengeld")),
    Option("alg1", _("Arbeitslosengeld")),
    Option("wohngeld", _("Wohngeld")),
    Option("kinderzuschlag", _("Kinderzuschlag")),
    Option("elterngeld", _("Elterngeld")),
    Option("bafoeg", _("BAföG oder Berufsausbildungsbeihilfe")),
    Option("uvg", _("Unterhaltsvorschuss")),
)


def other_benefits_fields(*, prefix: str) -> tuple:
    """Which other benefits, how far the claim has got, and since when: ``{prefix}art``,
    ``{prefix}stand``, ``{prefix}datum``."""
    return (
        MultipleChoiceField(
            key=f"{prefix}art",
            label=_("Welche Leistungen?"),
            hint=_("Wählen Sie alles aus, was zutrifft."),
            options=BENEFITS,
            documents=(DocumentNeed(BESCHEID),),
        ),
        ChoiceField(
            key=f"{prefix}stand",
            label=_("Wie ist der Stand?"),
            options=(
                Option("beantragt", _("Beantragt, noch keine Entscheidung")),
                Option("bewilligt", _("Bewilligt")),
                Option("abgelehnt", _("Abgelehnt")),
            ),
        ),
        DateField(key=f"{prefix}datum", label=_("Datum des Antrags oder Bescheids"), **SEIT),
    )


def bank_account_fields() -> tuple:
    """The new bank account and from when payments should go to it."""
    return (
        TextField(
            key="kontoinhaber",
            label=_("Kontoinhaber/in"),
            autocomplete="name",
            role=Role.ACCOUNT_HOLDER,
        ),
        IbanField(
            key="iban",
            label=_("IBAN"),
            hint=_("22 Zeichen, beginnt mit DE"),
            documents=(DocumentNeed(KONTONACHWEIS),),
            role=Role.IBAN,
        ),
        DateField(key="konto_ab", label=_("Zahlungen bitte ab"), **AB),
    )


# --- Erstantrag: blocks shared by "Antrag gesichert" and the Hauptantrag -------------


def name_fields() -> tuple:
    """First name, family name and birth date of the applicant."""
    return (
        TextField(
            key="vorname",
            label=_("Vorname"),
            autocomplete="given-name",
            max_length=100,
            role=Role.FIRST_NAME,
        ),
        TextField(
            key="nachname",
            label=_("Nachname"),
            autocomplete="family-name",
            max_length=100,
            role=Role.LAST_NAME,
        ),
        DateField(
            key="geburtsdatum",
            label=_("Geburtsdatum"),
            hint=_("Zum Beispiel: 27 3 1980"),
            autocomplete="bday",
            earliest=-365 * 120,
            latest=0,
            role=Role.BIRTH_DATE,
        ),
    )


def address_fields(*, street_required: bool = True) -> tuple:
    """Where the applicant lives; the postcode also finds the competent Jobcenter."""
    street_hint = (
        _("Mit Hausnummer.")
        if street_required
        else _("Mit Hausnummer. Wenn Sie keine feste Adresse haben, lassen Sie das Feld leer.")
    )
    return (
        TextField(
            key="strasse",
            label=_("Straße und Hausnummer"),
            hint=street_hint,
            autocomplete="street-address",
            max_length=200,
            required=street_required,
            role=Role.STREET,
        ),
        PostcodeField(
            key="plz", label=_("Postleitzahl"), autocomplete="postal-code", role=Role.POSTCODE
        ),
        TextField(
            key="ort",
            label=_("Wohnort"),
            autocomplete="address-level2",
            max_length=100,
            required=street_required,
            role=Role.CITY,
        ),
    )


def contact_fields() -> tuple:
    """Voluntary ways to reach the applicant for questions."""
    return (
        PhoneField(
            key="telefon",
            label=_("Telefonnummer"),
            required=False,
            role=Role.PHONE,
        ),
        EmailField(
            key="email",
            label=_("E-Mail-Adresse"),
            required=False,
            role=Role.EMAIL,
        ),
    )
