"""Erstantrag (Hauptantrag mit Anlagen), version 2026-1 — docs/DOMAIN.md §§2, 3, 7.

It starts after "Antrag gesichert" (``starts_with``): the date is already secured, name, birth
date, address and contact come over from there. Then the Hauptantrag (docs/DOMAIN.md 2.2–2.4), and
between its topics the Anlagen the answers call for — per person where the paper form wants one
copy per person (``PerItemPage``; persons = the applicant and the household members, ages
computed against the application date, ``items.Persons``):

| Anlage | for | rule here |
|---|---|---|
| WEP | every other BG member aged 15+ | ``WEP_FOR`` |
| KI | every child under 15 in the BG | ``KI_FOR`` |
| EK | every BG member aged 15+ (also "no income") | ``EK_FOR`` |
| EKS | every self-employed activity | items of ``taetigkeiten`` |
| KDU | housing costs claimed (rent or own home) | ``KDU_NEEDED`` |
| VM | Karenzzeit over, declaration not given, or assets above the limit | ``VM_NEEDED`` |
| HG | every BG member, when relatives outside the BG live in the household | ``HG_NEEDED`` |
| VE | every unmarried partner | ``VE_FOR`` |
| UH1–UH4 | maintenance from a former partner / for children / from parents / reasons against | |
| SV | private or no health insurance, exempt from pension insurance | ``SV_NEEDED`` |
| MEB, BB | costly diet / special recurring need among the extra needs | |

The login's assurance level is a context value: with a state account at "substantial" or
"high" the identity is proven, so the ID-card step and document are dropped (``ID_PROVEN``).
Page titles are questions; a hint explains each official term in one sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.forms.conditions import (
    AnyInstance,
    AtLeast,
    Below,
    Condition,
    Contains,
    ContextIn,
    Equals,
    In,
    IsYes,
)
from jobcenter.forms.definition import FormDefinition, Page, PerItemPage, RepeatPage, register
from jobcenter.forms.definitions.antrag_gesichert_2026_1 import IDENTITY_PREFILL
from jobcenter.forms.definitions.common import (
    ARBEITSVERTRAG,
    AUSWEIS,
    BENEFITS,
    BESCHEID,
    EINKOMMENSNACHWEIS,
    GEBURTSURKUNDE,
    KONTOAUSZUEGE,
    KV_BESCHEINIGUNG,
    LOHNABRECHNUNG,
    MIETVERTRAG,
    MUTTERPASS,
    NEBENKOSTEN,
    URKUNDE_FAMILIENSTAND,
    VERMOEGENSNACHWEIS,
    address_fields,
    contact_fields,
    name_fields,
)
from jobcenter.forms.fields import (
    ChoiceField,
    DateField,
    Document,
    DocumentNeed,
    FileField,
    IbanField,
    LongTextField,
    MoneyField,
    MultipleChoiceField,
    NumberField,
    Option,
    RvNummerField,
    TextField,
    YesNoField,
)
from jobcenter.forms.items import AnyPerson, Items, Persons
from jobcenter.forms.roles import Role
from jobcenter.forms.validators import format_cents

# --- Documents (docs/DOMAIN.md §7) that only the Erstantrag asks for ------------------------------
AUFENTHALTSTITEL = Document(
    "aufenthaltstitel", _("Aufenthaltstitel, Aufenthaltsgestattung oder Fiktionsbescheinigung")
)
VERPFLICHTUNGSERKLAERUNG = Document(
    "verpflichtungserklaerung", _("Verpflichtungserklärung (falls jemand für Sie bürgt)")
)
VOLLMACHT = Document("vollmacht", _("Bestellungsurkunde der Betreuung oder Vollmacht"))
SCHULBESCHEINIGUNG = Document(
    "schulbescheinigung", _("Schul-, Ausbildungs- oder Studienbescheinigung")
)
KITA_SCHULE = Document("kita_schule", _("Bescheinigung von Kita oder Schule"))
KINDERGELDBESCHEID = Document("kindergeldbescheid", _("Bescheid über das Kindergeld"))
UNTERHALTSNACHWEIS = Document(
    "unterhaltsnachweis", _("Unterhaltstitel oder Bescheid über den Unterhaltsvorschuss")
)
RENTENBESCHEID = Document("rentenbescheid", _("Rentenbescheid oder Rentenantrag"))
SCHWERBEHINDERUNG = Document(
    "schwerbehinderung", _("Schwerbehindertenausweis oder Bescheid über Eingliederungshilfe")
)
AERZTLICHE_BESCHEINIGUNG = Document(
    "aerztliche_bescheinigung", _("Ärztliche Bescheinigung über die Ernährung")
)
KOSTENNACHWEIS_BB = Document(
    "kostennachweis_bb", _("Nachweise über die Kosten des besonderen Bedarfs")
)
GRUNDBUCH = Document("grundbuch", _("Grundbuchauszug, Darlehensverträge und Grundsteuerbescheid"))
GEWERBEANMELDUNG = Document("gewerbeanmeldung", _("Gewerbeanmeldung"))
BWA = Document(
    "bwa",
    _(
        "Letzte betriebswirtschaftliche Auswertung (BWA) oder "
        "Einnahmen-Überschuss-Rechnung und letzter Steuerbescheid"
    ),
)
FAHRZEUGSCHEIN = Document("fahrzeugschein", _("Fahrzeugschein (Zulassungsbescheinigung Teil I)"))
VERSICHERUNGSNACHWEIS = Document(
    "versicherungsnachweis",
    _("Versicherungsschein und Beitragsnachweis der Kranken- und Pflegeversicherung"),
)
UNFALLNACHWEIS = Document("unfallnachweis", _("Unterlagen zum Unfall oder Schaden"))
HG_EINKOMMEN = Document("hg_einkommen", _("Einkommensnachweise der Verwandten im Haushalt"))

# --- Rules ----------------------------------------------------------------------------------

ASSET_BASE_CENTS = 40_000_00  # Karenzzeit: the applicant …
ASSET_PER_MEMBER_CENTS = 15_000_00  # … plus each further member of the Bedarfsgemeinschaft


def asset_limit(members: int) -> int:
    """Assets that are not "erheblich" during the Karenzzeit, in cents (§ 12 (4) SGB II)."""
    return ASSET_BASE_CENTS + ASSET_PER_MEMBER_CENTS * max(members - 1, 0)


# A child of 25 or older is not part of the parents' Bedarfsgemeinschaft (§ 7 (3) Nr. 4 SGB II).
PERSONS = Persons(
    group="personen", bg_only_if=~(Equals("beziehung", "kind") & AtLeast("alter", 25))
)


def bg_members(answers: Mapping[str, Any]) -> int:
    """The applicant plus every household member who belongs to the Bedarfsgemeinschaft."""
    return sum(1 for person in PERSONS.items(answers) if person["bg"])


def text_values(answers: Mapping[str, Any]) -> dict[str, str]:
    """For page intros: the asset limit of this household."""
    return {"vermoegensgrenze": format_cents(asset_limit(bg_members(answers)))}


@dataclass(frozen=True)
class AssetsAbove(Condition):
    """The declared assets (cents) exceed the Karenzzeit limit for the BG's size."""

    field: str

    def __call__(self, answers: Mapping[str, Any]) -> bool:
        value = answers.get(self.field)
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return value > asset_limit(bg_members(answers))


ID_PROVEN = ContextIn("vertrauensniveau", ("substantial", "high"))
IN_BG = IsYes("bg")
OTHER = ~IsYes("antragsteller")
WEP_FOR = OTHER & IN_BG & AtLeast("alter", 15)
KI_FOR = OTHER & IN_BG & Below("alter", 15)
EK_FOR = IN_BG & AtLeast("alter", 15)
VE_FOR = OTHER & Equals("beziehung", "partner")
RELATIVES = ("eltern", "geschwister", "verwandt")
# Relatives (and grown-up children) living in the household outside the BG.
HG_NEEDED = AnyPerson(PERSONS, ~IN_BG & In("beziehung", (*RELATIVES, "kind")))
KDU_NEEDED = In("wohnform", ("miete", "eigentum"))
VM_NEEDED = (
    IsYes("karenzzeit_vorbei") | IsYes("vermoegen_erheblich") | AssetsAbove("vermoegen_summe")
)
NOT_INSURED = ("privat", "keine")
SV_NEEDED = (
    In("kv_art", NOT_INSURED) | IsYes("rv_befreit") | AnyInstance("wep", In("kv_art", NOT_INSURED))
)
SELF_EMPLOYED = AnyInstance("ek", Contains("arten", "selbststaendig"))

# --- Options ---------------------------------------------------------------------------------
FAMILY_STATUS = (
    Option("ledig", _("ledig")),
    Option("verheiratet", _("verheiratet")),
    Option("lebenspartnerschaft", _("in eingetragener Lebenspartnerschaft")),
    Option("getrennt", _("dauernd getrennt lebend")),
    Option("geschieden", _("geschieden oder Lebenspartnerschaft aufgehoben")),
    Option("verwitwet", _("verwitwet")),
)
TRAINING = (
    Option("nein", _("Nein")),
    Option("schule", _("Ja, ich gehe zur Schule")),
    Option("ausbildung", _("Ja, ich mache eine Ausbildung")),
    Option("studium", _("Ja, ich studiere")),
)
HEALTH_INSURANCE = (
    Option("gesetzlich", _("Gesetzlich versichert, selbst Mitglied")),
    Option("familie", _("Gesetzlich familienversichert")),
    Option("privat", _("Privat versichert")),
    Option("keine", _("Nicht versichert")),
)
RELATIONSHIP = (
    Option("partner_ehe", _("Ehe- oder eingetragene/r Lebenspartner/in")),
    Option("partner", _("Partner/in, nicht verheiratet")),
    Option("kind", _("Kind")),
    Option("eltern", _("Mutter oder Vater")),
    Option("geschwister", _("Bruder oder Schwester")),
    Option("verwandt", _("Andere verwandte oder verschwägerte Person")),
    Option("andere", _("Andere Person, z. B. Mitbewohner/in")),
)
INCOME = (
    Option("keins", _("Kein Einkommen")),
    Option("erwerbstaetigkeit", _("Lohn oder Gehalt, auch Minijob oder Ausbildung")),
    Option("selbststaendig", _("Selbständige Tätigkeit")),
    Option("alg1", _("Arbeitslosengeld")),
    Option("rente", _("Rente")),
    Option("krankengeld", _("Krankengeld")),
    Option("elterngeld", _("Elterngeld")),
    Option("kindergeld", _("Kindergeld")),
    Option("unterhalt", _("Unterhalt oder Unterhaltsvorschuss")),
    Option("vermietung", _("Miete aus Vermietung oder Untervermietung")),
    Option("sonstiges", _("Anderes Einkommen")),
)
ASSETS = (
    Option("konto", _("Guthaben auf Konten, auch Tagesgeld oder PayPal")),
    Option("bargeld", _("Bargeld")),
    Option("wertpapiere", _("Wertpapiere, Fonds, Aktien oder Kryptowerte")),
    Option("fahrzeug", _("Auto oder Motorrad")),
    Option("immobilie", _("Haus, Wohnung oder Grundstück")),
    Option("versicherung", _("Lebens- oder private Rentenversicherung")),
    Option("bauspar", _("Bausparvertrag")),
    Option("sonstiges", _("Anderes, z. B. Schmuck")),
)
EXTRA_NEEDS = (
    Option("schwanger", _("Eine Schwangerschaft ab der 13. Woche")),
    Option("alleinerziehend", _("Ich bin alleinerziehend")),
    Option("behinderung", _("Eine Behinderung mit Hilfe zur Teilhabe am Arbeitsleben")),
    Option("ernaehrung", _("Eine teure Ernährung aus gesundheitlichen Gründen")),
    Option("warmwasser", _("Warmes Wasser wird in der Wohnung mit Strom erzeugt, z. B. Boiler")),
    Option("besonders", _("Ein anderer regelmäßiger besonderer Bedarf")),
    Option("keiner", _("Nichts davon")),
)
MAINTENANCE = (
    Option(
        "ex_partner", _("Von einem getrennt lebenden oder geschiedenen Ehe- oder Lebenspartner")
    ),
    Option("kinder", _("Für ein Kind vom anderen Elternteil")),
    Option("eltern", _("Von Ihren Eltern")),
    Option("keiner", _("Nichts davon")),
)
OTHER_BENEFITS = (*BENEFITS, Option("keine", _("Keine")))

BG_HINT = _(
    "Zur Bedarfsgemeinschaft gehören Sie, Ihr Partner oder Ihre Partnerin und "
    "unverheiratete Kinder unter 25, die kein eigenes Geld zum Leben haben."
)
BG_HINT_25 = _("Kinder ab 25 Jahren bilden eine eigene Bedarfsgemeinschaft.")
PER_MONTH = _("Wenn der Betrag schwankt: ungefähr.")

ERSTANTRAG = register(
    FormDefinition(
        key="erstantrag",
        version="2026-1",
        title=_("Antrag auf Bürgergeld"),
        description=_("Bürgergeld zum ersten Mal oder nach einer Pause beantragen."),
        start_intro=_(
            "Ihr Antragsdatum ist gesichert. Jetzt brauchen wir die weiteren Angaben. "
            "Sie können jederzeit unterbrechen: Alles wird gespeichert."
        ),
        context=("antragsdatum", "vertrauensniveau"),
        starts_with="antrag_gesichert",
        text_values=text_values,
        pages=(
            # --- 1. Persönliche Daten -------------------------------------------------------------
            Page(
                key="person",
                title=_("Wer sind Sie?"),
                prefill=(
                    *IDENTITY_PREFILL[:3],
                    ("geburtsname", "birth_name"),
                    ("geburtsort", "place_of_birth"),
                ),
                fields=(
                    *name_fields(),
                    TextField(
                        key="geburtsname",
                        label=_("Geburtsname"),
                        required=False,
                        hint=_("Nur wenn er anders ist als Ihr Nachname."),
                        max_length=100,
                    ),
                    TextField(key="geburtsort", label=_("Geburtsort und -land"), max_length=100),
                    ChoiceField(
                        key="geschlecht",
                        label=_("Geschlecht"),
                        options=(
                            Option("weiblich", _("weiblich")),
                            Option("maennlich", _("männlich")),
                            Option("divers", _("divers")),
                            Option("ohne", _("ohne Angabe")),
                        ),
                    ),
                    YesNoField(
                        key="deutsch", label=_("Haben Sie die deutsche Staatsangehörigkeit?")
                    ),
                    RvNummerField(
                        key="rv_nummer",
                        label=_("Rentenversicherungsnummer (falls vorhanden)"),
                        required=False,
                        hint=_(
                            "Sie steht auf dem Sozialversicherungsausweis, z. B. 65 170839 J 003. "
                            "Wenn Sie noch keine haben, beantragen wir sie für Sie."
                        ),
                    ),
                ),
            ),
            Page(
                key="ausweis",
                title=_("Können Sie uns Ihren Ausweis zeigen?"),
                intro=_(
                    "Wir müssen wissen, dass Sie es sind. Wenn Sie sich mit BundID über "
                    "ELSTER-Zertifikat oder Online-Ausweis anmelden, entfällt dieser Schritt."
                ),
                condition=~ID_PROVEN,
                documents=(AUSWEIS,),
                reason=_("Sie selbst"),
                reason_names_applicant=True,
                fields=(
                    FileField(
                        key="ausweis_datei",
                        label=_("Personalausweis oder Reisepass (Vorder- und Rückseite)"),
                        hint=_("Sie können ihn auch nach dem Absenden hochladen."),
                    ),
                ),
            ),
            Page(
                key="aufenthalt",
                title=_("Welches Aufenthaltsrecht haben Sie?"),
                condition=Equals("deutsch", False),
                fields=(
                    TextField(
                        key="staatsangehoerigkeit", label=_("Staatsangehörigkeit"), max_length=100
                    ),
                    DateField(
                        key="einreise",
                        label=_("Seit wann leben Sie in Deutschland?"),
                        earliest=-365 * 100,
                        latest=0,
                    ),
                    ChoiceField(
                        key="aufenthaltstitel",
                        label=_("Ihr Aufenthaltsrecht"),
                        hint=_(
                            "Das Aufenthaltsrecht sagt, ob und wie lange Sie in Deutschland leben "
                            "dürfen; es steht auf Ihrem Aufenthaltstitel."
                        ),
                        options=(
                            Option("eu", _("Bürger/in der EU, des EWR oder der Schweiz")),
                            Option(
                                "niederlassung", _("Niederlassungserlaubnis oder Daueraufenthalt")
                            ),
                            Option("erlaubnis", _("Aufenthaltserlaubnis")),
                            Option("gestattung", _("Aufenthaltsgestattung (im Asylverfahren)")),
                            Option("duldung", _("Duldung")),
                            Option("andere", _("Etwas anderes")),
                        ),
                        documents=(
                            DocumentNeed(
                                AUFENTHALTSTITEL,
                                ("niederlassung", "erlaubnis", "gestattung", "duldung", "andere"),
                            ),
                        ),
                    ),
                    YesNoField(
                        key="verpflichtungserklaerung",
                        label=_("Hat jemand für Sie eine Verpflichtungserklärung abgegeben?"),
                        hint=_(
                            "Damit verspricht jemand, für Ihren Lebensunterhalt in "
                            "Deutschland zu zahlen."
                        ),
                        documents=(DocumentNeed(VERPFLICHTUNGSERKLAERUNG, (True,)),),
                    ),
                ),
            ),
            Page(
                key="adresse",
                title=_("Wo wohnen Sie und wie erreichen wir Sie?"),
                prefill=IDENTITY_PREFILL[3:],
                fields=(
                    *address_fields(),
                    TextField(
                        key="wohnhaft_bei",
                        label=_("Wohnhaft bei"),
                        required=False,
                        max_length=100,
                        hint=_("Wenn Ihr Name nicht am Briefkasten steht."),
                    ),
                    *contact_fields(),
                ),
            ),
            Page(
                key="familienstand_seite",
                title=_("Wie ist Ihr Familienstand?"),
                fields=(
                    ChoiceField(
                        key="familienstand",
                        label=_("Familienstand"),
                        options=FAMILY_STATUS,
                        documents=(
                            DocumentNeed(
                                URKUNDE_FAMILIENSTAND,
                                tuple(o.value for o in FAMILY_STATUS if o.value != "ledig"),
                            ),
                        ),
                    ),
                    DateField(
                        key="familienstand_seit",
                        label=_("Seit wann?"),
                        required=False,
                        hint=_("Nicht nötig, wenn Sie ledig sind."),
                        earliest=-365 * 100,
                    ),
                ),
            ),
            Page(
                key="konto",
                title=_("Auf welches Konto sollen wir das Bürgergeld überweisen?"),
                documents=(KONTOAUSZUEGE,),
                fields=(
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
                        role=Role.IBAN,
                    ),
                ),
            ),
            # --- Persönliche Verhältnisse ---------------------------------------------------------
            Page(
                key="situation",
                title=_("Wie ist Ihre Lebenssituation?"),
                fields=(
                    YesNoField(
                        key="erwerbsfaehig",
                        label=_("Können Sie mindestens 3 Stunden am Tag arbeiten?"),
                        hint=_(
                            "Das heißt „erwerbsfähig“: Ihre Gesundheit erlaubt eine Arbeit "
                            "von mindestens 3 Stunden täglich."
                        ),
                    ),
                    ChoiceField(
                        key="ausbildung",
                        label=_(
                            "Gehen Sie zur Schule, machen Sie eine Ausbildung oder studieren Sie?"
                        ),
                        options=TRAINING,
                        documents=(
                            DocumentNeed(SCHULBESCHEINIGUNG, ("schule", "ausbildung", "studium")),
                        ),
                    ),
                    YesNoField(
                        key="einrichtung",
                        label=_(
                            "Sind Sie in einer Einrichtung, etwa im Krankenhaus "
                            "(länger als 6 Monate), im Pflegeheim oder in Haft?"
                        ),
                    ),
                    YesNoField(
                        key="rente",
                        label=_(
                            "Bekommen Sie eine Altersrente oder volle "
                            "Erwerbsminderungsrente, oder haben Sie sie beantragt?"
                        ),
                        documents=(DocumentNeed(RENTENBESCHEID, (True,)),),
                    ),
                    YesNoField(
                        key="vertretung",
                        label=_(
                            "Hat jemand eine Vollmacht oder eine gesetzliche Betreuung für Sie?"
                        ),
                        hint=_(
                            "Eine gesetzliche Betreuung bestimmt das Gericht; sie regelt "
                            "dann Ihre Angelegenheiten mit."
                        ),
                        documents=(DocumentNeed(VOLLMACHT, (True,)),),
                    ),
                ),
            ),
            Page(
                key="vertreter",
                title=_("Wer vertritt Sie?"),
                condition=IsYes("vertretung"),
                fields=(
                    TextField(
                        key="vertreter_name",
                        label=_(
                            "Name der Betreuerin, des Betreuers oder der bevollmächtigten Person"
                        ),
                    ),
                    ChoiceField(
                        key="vertreter_art",
                        label=_("Art der Vertretung"),
                        options=(
                            Option("betreuung", _("Gesetzliche Betreuung")),
                            Option("vollmacht", _("Vollmacht")),
                        ),
                    ),
                    LongTextField(key="vertreter_anschrift", label=_("Anschrift"), max_length=500),
                ),
            ),
            # --- Haushalt -------------------------------------------------------------------------
            Page(
                key="wohnen",
                title=_("Wie wohnen Sie?"),
                fields=(
                    ChoiceField(
                        key="wohnform",
                        label=_("Ihre Wohnung"),
                        options=(
                            Option("miete", _("Zur Miete oder Untermiete")),
                            Option("eigentum", _("In der eigenen Wohnung oder im eigenen Haus")),
                            Option(
                                "ohne_kosten", _("Ohne eigene Wohnkosten, z. B. bei den Eltern")
                            ),
                            Option("ohne_wohnung", _("Ich habe zurzeit keine Wohnung")),
                        ),
                    ),
                    YesNoField(
                        key="mitbewohner",
                        label=_("Wohnt noch jemand mit Ihnen zusammen?"),
                        hint=_("Zum Beispiel Partner/in, Kinder, Eltern oder Mitbewohner/innen."),
                    ),
                ),
            ),
            RepeatPage(
                key="haushalt",
                title=_("Wer wohnt mit Ihnen zusammen?"),
                intro=BG_HINT,
                condition=IsYes("mitbewohner"),
                group="personen",
                item_label=_("Person %(n)d"),
                first_number=2,
                add_label=_("Weitere Person hinzufügen"),
                max_items=15,
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
                        options=RELATIONSHIP,
                        documents=(DocumentNeed(GEBURTSURKUNDE, ("kind",)),),
                    ),
                    YesNoField(
                        key="bg",
                        label=_("Gehört die Person zu Ihrer Bedarfsgemeinschaft?"),
                        hint=BG_HINT_25,
                    ),
                ),
            ),
            PerItemPage(
                key="wep",
                title=_("Was müssen wir über %(name)s wissen?"),
                task=_("Anlage WEP: weitere Person ab 15 Jahren – %(name)s"),
                items=PERSONS,
                select=WEP_FOR,
                documents=(AUSWEIS,),
                fields=(
                    YesNoField(
                        key="deutsch",
                        label=_("Hat die Person die deutsche Staatsangehörigkeit?"),
                        documents=(DocumentNeed(AUFENTHALTSTITEL, (False,)),),
                    ),
                    ChoiceField(
                        key="familienstand", label=_("Familienstand"), options=FAMILY_STATUS
                    ),
                    RvNummerField(
                        key="rv_nummer",
                        label=_("Rentenversicherungsnummer (falls vorhanden)"),
                        required=False,
                    ),
                    YesNoField(
                        key="erwerbsfaehig",
                        label=_("Kann die Person mindestens 3 Stunden am Tag arbeiten?"),
                    ),
                    ChoiceField(
                        key="ausbildung",
                        label=_(
                            "Geht die Person zur Schule, macht sie "
                            "eine Ausbildung oder studiert sie?"
                        ),
                        options=(
                            Option("nein", _("Nein")),
                            Option("schule", _("Schule")),
                            Option("ausbildung", _("Ausbildung")),
                            Option("studium", _("Studium")),
                        ),
                        documents=(
                            DocumentNeed(SCHULBESCHEINIGUNG, ("schule", "ausbildung", "studium")),
                        ),
                    ),
                    ChoiceField(
                        key="kv_art",
                        label=_("Wie ist die Person krankenversichert?"),
                        options=HEALTH_INSURANCE,
                        documents=(DocumentNeed(KV_BESCHEINIGUNG, ("gesetzlich", "familie")),),
                    ),
                ),
            ),
            PerItemPage(
                key="ki",
                title=_("Was müssen wir über %(name)s wissen?"),
                task=_("Anlage KI: Kind unter 15 Jahren – %(name)s"),
                items=PERSONS,
                select=KI_FOR,
                documents=(GEBURTSURKUNDE,),
                fields=(
                    ChoiceField(
                        key="kindergeld",
                        label=_("Wer bekommt das Kindergeld für das Kind?"),
                        options=(
                            Option("antragsteller", _("Ich")),
                            Option("partner", _("Mein Partner oder meine Partnerin")),
                            Option("andere", _("Jemand anderes")),
                            Option("niemand", _("Niemand")),
                        ),
                        documents=(
                            DocumentNeed(
                                KINDERGELDBESCHEID, ("antragsteller", "partner", "andere")
                            ),
                        ),
                    ),
                    ChoiceField(
                        key="unterhalt",
                        label=_("Bekommt das Kind Unterhalt?"),
                        hint=_(
                            "Unterhaltsvorschuss zahlt das Jugendamt, wenn der andere "
                            "Elternteil nicht zahlt."
                        ),
                        options=(
                            Option("unterhalt", _("Ja, vom anderen Elternteil")),
                            Option("uvg", _("Ja, Unterhaltsvorschuss")),
                            Option("nein", _("Nein")),
                        ),
                        documents=(DocumentNeed(UNTERHALTSNACHWEIS, ("unterhalt", "uvg")),),
                    ),
                    ChoiceField(
                        key="betreuung",
                        label=_("Geht das Kind in eine Kita oder Schule?"),
                        options=(
                            Option("kita", _("Kita oder Tagespflege")),
                            Option("schule", _("Schule")),
                            Option("nein", _("Nein")),
                        ),
                        documents=(DocumentNeed(KITA_SCHULE, ("kita", "schule")),),
                    ),
                ),
            ),
            PerItemPage(
                key="ve",
                title=_("Wie leben Sie und %(name)s zusammen?"),
                intro=_(
                    "Wer unverheiratet zusammenlebt und füreinander einsteht, bildet eine "
                    "„Verantwortungs- und Einstehensgemeinschaft“ — wie ein Ehepaar."
                ),
                task=_("Anlage VE: Verantwortungs- und Einstehensgemeinschaft – %(name)s"),
                items=PERSONS,
                select=VE_FOR,
                fields=(
                    DateField(
                        key="zusammen_seit",
                        label=_("Seit wann wohnen Sie zusammen?"),
                        earliest=-365 * 80,
                    ),
                    YesNoField(key="gemeinsame_kinder", label=_("Haben Sie gemeinsame Kinder?")),
                    YesNoField(
                        key="gemeinsames_konto",
                        label=_("Können Sie über Einkommen oder Konto des anderen verfügen?"),
                    ),
                    YesNoField(
                        key="versorgen", label=_("Versorgen Sie gemeinsam Kinder oder Angehörige?")
                    ),
                ),
            ),
            PerItemPage(
                key="hg",
                title=_("Unterstützen die Verwandten im Haushalt %(name)s?"),
                intro=_(
                    "Eine „Haushaltsgemeinschaft“ heißt: Sie wohnen mit Verwandten zusammen, die "
                    "nicht zur Bedarfsgemeinschaft gehören. Das Jobcenter prüft, ob sie "
                    "helfen können."
                ),
                task=_("Anlage HG: Haushaltsgemeinschaft – %(name)s"),
                items=PERSONS,
                select=IN_BG,
                condition=HG_NEEDED,
                documents=(HG_EINKOMMEN,),
                fields=(
                    YesNoField(
                        key="unterstuetzung",
                        label=_("Bekommt die Person Geld oder Sachleistungen von ihnen?"),
                    ),
                    MoneyField(
                        key="betrag",
                        label=_("Wie viel im Monat ungefähr?"),
                        required=False,
                    ),
                    MoneyField(
                        key="einkommen_verwandte",
                        label=_("Wie viel Einkommen haben die Verwandten zusammen im Monat?"),
                        hint=PER_MONTH,
                    ),
                ),
            ),
            # --- Mehrbedarfe ----------------------------------------------------------------------
            Page(
                key="mehrbedarf",
                title=_(
                    "Haben Sie oder jemand in Ihrer Bedarfsgemeinschaft einen besonderen Bedarf?"
                ),
                intro=_(
                    "Ein „Mehrbedarf“ ist Geld zusätzlich zum Regelbedarf, wenn Ihre Lage mehr "
                    "kostet."
                ),
                fields=(
                    MultipleChoiceField(
                        key="mehrbedarf",
                        label=_("Was trifft zu?"),
                        hint=_("Wählen Sie alles aus, was zutrifft."),
                        options=EXTRA_NEEDS,
                        documents=(
                            DocumentNeed(MUTTERPASS, ("schwanger",)),
                            DocumentNeed(SCHWERBEHINDERUNG, ("behinderung",)),
                        ),
                    ),
                ),
            ),
            Page(
                key="meb",
                title=_("Welche Ernährung brauchen Sie aus gesundheitlichen Gründen?"),
                task=_("Anlage MEB: Mehrbedarf für kostenaufwändige Ernährung"),
                condition=Contains("mehrbedarf", "ernaehrung"),
                documents=(AERZTLICHE_BESCHEINIGUNG,),
                fields=(
                    TextField(
                        key="meb_person",
                        label=_("Für wen?"),
                        hint=_("Vor- und Nachname"),
                        max_length=200,
                    ),
                    LongTextField(
                        key="meb_erkrankung",
                        label=_("Welche Erkrankung, welche Ernährung?"),
                        max_length=1000,
                    ),
                ),
            ),
            Page(
                key="bb",
                title=_("Welchen besonderen Bedarf haben Sie regelmäßig?"),
                intro=_(
                    "Ein „unabweisbarer besonderer Bedarf“ sind laufende Kosten, die der "
                    "Regelbedarf nicht abdeckt, z. B. Fahrten zu Ihren Kindern nach einer "
                    "Trennung."
                ),
                task=_("Anlage BB: unabweisbarer laufender besonderer Bedarf"),
                condition=Contains("mehrbedarf", "besonders"),
                documents=(KOSTENNACHWEIS_BB,),
                fields=(
                    LongTextField(
                        key="bb_beschreibung",
                        label=_("Wofür brauchen Sie das Geld?"),
                        max_length=1000,
                    ),
                    MoneyField(
                        key="bb_betrag", label=_("Wie viel kostet es im Monat?"), hint=PER_MONTH
                    ),
                ),
            ),
            # --- Unterkunft und Heizung -----------------------------------------------------------
            Page(
                key="kdu",
                title=_("Was kostet Ihre Wohnung im Monat?"),
                intro=_(
                    "Zu den Kosten der Unterkunft und Heizung gehören Miete, Nebenkosten und "
                    "Heizkosten. Im ersten Jahr übernimmt das Jobcenter die Miete und die "
                    "Nebenkosten in tatsächlicher Höhe, die Heizkosten nur, soweit sie "
                    "angemessen sind."
                ),
                task=_("Anlage KDU: Kosten der Unterkunft und Heizung"),
                condition=KDU_NEEDED,
                fields=(
                    NumberField(
                        key="wohnflaeche",
                        label=_("Wohnfläche"),
                        unit="m²",
                        min_value=1,
                        max_value=1000,
                    ),
                    NumberField(key="zimmer", label=_("Zimmer"), min_value=1, max_value=30),
                    MoneyField(
                        key="grundmiete",
                        label=_("Grundmiete (kalt)"),
                        condition=Equals("wohnform", "miete"),
                        documents=(DocumentNeed(MIETVERTRAG),),
                    ),
                    MoneyField(
                        key="schuldzinsen",
                        label=_("Schuldzinsen, Grundsteuer und Versicherungen zusammen"),
                        hint=_("Tilgung zählt nicht."),
                        condition=Equals("wohnform", "eigentum"),
                        documents=(DocumentNeed(GRUNDBUCH),),
                    ),
                    MoneyField(
                        key="nebenkosten",
                        label=_("Nebenkosten"),
                        documents=(DocumentNeed(NEBENKOSTEN),),
                    ),
                    MoneyField(
                        key="heizkosten",
                        label=_("Heizkosten"),
                        hint=_("0, wenn die Heizung in den Nebenkosten enthalten ist."),
                    ),
                    ChoiceField(
                        key="heizung",
                        label=_("Wie wird geheizt?"),
                        options=(
                            Option("zentral", _("Zentralheizung oder Fernwärme")),
                            Option("gas", _("Gas-Etagenheizung")),
                            Option("strom", _("Strom, z. B. Nachtspeicher")),
                            Option("andere", _("Anders, z. B. Öl, Kohle oder Holz")),
                        ),
                    ),
                ),
            ),
            # --- Einkommen ------------------------------------------------------------------------
            PerItemPage(
                key="ek",
                title=_("Welches Einkommen hat %(name)s?"),
                applicant_title=_("Welches Einkommen haben Sie?"),
                intro=_(
                    "Gemeint ist das Einkommen in diesem Monat und in den nächsten Monaten. "
                    "Bürgergeld selbst ist kein Einkommen."
                ),
                task=_("Anlage EK: Einkommen – %(name)s"),
                items=PERSONS,
                select=EK_FOR,
                fields=(
                    MultipleChoiceField(
                        key="arten",
                        label=_("Welche Einkommen gibt es?"),
                        hint=_("Wählen Sie alles aus, was zutrifft — oder „Kein Einkommen“."),
                        options=INCOME,
                        documents=(
                            DocumentNeed(ARBEITSVERTRAG, ("erwerbstaetigkeit",)),
                            DocumentNeed(LOHNABRECHNUNG, ("erwerbstaetigkeit",)),
                            DocumentNeed(BESCHEID, ("alg1", "rente", "krankengeld", "elterngeld")),
                            DocumentNeed(KINDERGELDBESCHEID, ("kindergeld",)),
                            DocumentNeed(UNTERHALTSNACHWEIS, ("unterhalt",)),
                            DocumentNeed(EINKOMMENSNACHWEIS, ("vermietung", "sonstiges")),
                        ),
                        role=Role.INCOME_KIND,
                    ),
                    MoneyField(
                        key="brutto",
                        label=_("Wie viel ist das zusammen im Monat (brutto)?"),
                        required=False,
                        hint=_(
                            "Ohne selbständige Tätigkeit. Leer lassen, wenn es kein Einkommen gibt."
                        ),
                        role=Role.INCOME_AMOUNT,
                    ),
                    TextField(
                        key="arbeitgeber",
                        label=_("Arbeitgeber (falls vorhanden)"),
                        required=False,
                        max_length=200,
                    ),
                ),
            ),
            RepeatPage(
                key="taetigkeiten",
                title=_("Welche selbständigen Tätigkeiten gibt es?"),
                intro=_("Für jede Tätigkeit füllen Sie danach eine Anlage EKS aus."),
                condition=SELF_EMPLOYED,
                group="taetigkeiten",
                item_label=_("Tätigkeit %(n)d"),
                add_label=_("Weitere Tätigkeit hinzufügen"),
                max_items=5,
                fields=(
                    TextField(
                        key="art",
                        label=_("Was für eine Tätigkeit?"),
                        hint=_("Zum Beispiel: Friseursalon, Kurierdienst"),
                        max_length=100,
                    ),
                    TextField(
                        key="person",
                        label=_("Wer übt sie aus?"),
                        hint=_("Vor- und Nachname"),
                        max_length=200,
                    ),
                    DateField(key="seit", label=_("Seit wann?"), earliest=-365 * 60, latest=365),
                ),
            ),
            PerItemPage(
                key="eks",
                title=_("Was erwarten Sie in den nächsten 6 Monaten aus „%(name)s“?"),
                intro=_(
                    "Das ist die vorläufige Anlage EKS: eine Schätzung. Nach den 6 Monaten "
                    "geben Sie die tatsächlichen Zahlen an."
                ),
                task=_("Anlage EKS: selbständige Tätigkeit – %(name)s"),
                items=Items("taetigkeiten", ("art",)),
                condition=SELF_EMPLOYED,
                documents=(GEWERBEANMELDUNG, BWA),
                fields=(
                    MoneyField(key="einnahmen", label=_("Einnahmen im Monat"), hint=PER_MONTH),
                    MoneyField(
                        key="ausgaben",
                        label=_("Betriebsausgaben im Monat"),
                        hint=_("Nur tatsächliche, notwendige Ausgaben, ohne Abschreibungen."),
                    ),
                    NumberField(
                        key="beschaeftigte",
                        label=_("Wie viele Beschäftigte?"),
                        min_value=0,
                        max_value=1000,
                    ),
                    YesNoField(
                        key="zuschuss",
                        label=_("Bekommen Sie Zuschüsse oder Darlehen, z. B. Gründungszuschuss?"),
                    ),
                ),
            ),
            # --- Vermögen -------------------------------------------------------------------------
            Page(
                key="vermoegen",
                title=_("Wie viel Vermögen haben Sie?"),
                intro=_(
                    "Im ersten Jahr mit Bürgergeld (der „Karenzzeit“) zählt Vermögen nur, wenn es "
                    "erheblich ist: mehr als 40.000 € für Sie und 15.000 € für jede weitere "
                    "Person Ihrer Bedarfsgemeinschaft — für Ihre Bedarfsgemeinschaft also "
                    "%(vermoegensgrenze)s. Ihre Erklärung genügt; Nachweise braucht das "
                    "Jobcenter nur, wenn es danach fragt."
                ),
                fields=(
                    YesNoField(
                        key="karenzzeit_vorbei",
                        label=_(
                            "Haben Sie in den letzten 3 Jahren schon 12 Monate oder länger "
                            "Bürgergeld bekommen?"
                        ),
                        hint=_("Dann ist die Karenzzeit vorbei und wir fragen genauer nach."),
                    ),
                    YesNoField(
                        key="vermoegen_erheblich",
                        label=_(
                            "Haben alle Personen Ihrer Bedarfsgemeinschaft zusammen mehr "
                            "Vermögen als diese Grenze?"
                        ),
                    ),
                    MoneyField(
                        key="vermoegen_summe",
                        label=_("Wie viel Vermögen haben alle zusammen ungefähr?"),
                        hint=_(
                            "Geld auf Konten, Bargeld, Wertpapiere und der Wert von "
                            "Fahrzeugen oder Immobilien. 0, wenn es kein Vermögen gibt."
                        ),
                    ),
                    YesNoField(
                        key="fahrzeug",
                        label=_(
                            "Besitzt jemand in Ihrer Bedarfsgemeinschaft ein Auto oder Motorrad?"
                        ),
                        hint=_(
                            "Ein angemessenes Fahrzeug pro Person ab 15 zählt nicht, muss "
                            "aber angegeben werden."
                        ),
                        documents=(DocumentNeed(FAHRZEUGSCHEIN, (True,)),),
                    ),
                ),
            ),
            RepeatPage(
                key="vm",
                title=_("Was gehört zu Ihrem Vermögen?"),
                intro=_("Tragen Sie jeden Wert einzeln ein, auch Fahrzeuge."),
                task=_("Anlage VM: Vermögen"),
                condition=VM_NEEDED,
                group="vermoegenswerte",
                item_label=_("Vermögenswert %(n)d"),
                add_label=_("Weiteren Vermögenswert hinzufügen"),
                max_items=20,
                fields=(
                    ChoiceField(
                        key="art",
                        label=_("Was ist es?"),
                        options=ASSETS,
                        documents=(
                            DocumentNeed(FAHRZEUGSCHEIN, ("fahrzeug",)),
                            DocumentNeed(GRUNDBUCH, ("immobilie",)),
                            DocumentNeed(
                                VERMOEGENSNACHWEIS,
                                ("wertpapiere", "versicherung", "bauspar", "sonstiges"),
                            ),
                        ),
                    ),
                    TextField(key="inhaber", label=_("Wem gehört es?"), max_length=200),
                    MoneyField(key="wert", label=_("Wert heute")),
                ),
            ),
            Page(
                key="vm_weiteres",
                title=_("Haben Sie in den letzten 10 Jahren Vermögen verschenkt?"),
                task=_("Anlage VM: Vermögen"),
                condition=VM_NEEDED,
                fields=(
                    YesNoField(
                        key="schenkung",
                        label=_("Haben Sie etwas verschenkt oder übertragen?"),
                        documents=(DocumentNeed(VERMOEGENSNACHWEIS, (True,)),),
                    ),
                    YesNoField(
                        key="altersvorsorge",
                        label=_("Ist ein Teil des Vermögens für Ihre Altersvorsorge bestimmt?"),
                    ),
                ),
            ),
            # --- Versicherung ---------------------------------------------------------------------
            Page(
                key="krankenversicherung",
                title=_("Wie sind Sie krankenversichert?"),
                fields=(
                    ChoiceField(
                        key="kv_art",
                        label=_("Ihre Krankenversicherung"),
                        options=HEALTH_INSURANCE,
                        documents=(DocumentNeed(KV_BESCHEINIGUNG, ("gesetzlich", "familie")),),
                    ),
                    TextField(
                        key="krankenkasse",
                        label=_("Name der Krankenkasse (falls vorhanden)"),
                        required=False,
                        max_length=100,
                    ),
                    YesNoField(
                        key="rv_befreit",
                        label=_("Sind Sie von der Rentenversicherungspflicht befreit?"),
                        hint=_("Das betrifft vor allem manche Selbständige."),
                    ),
                ),
            ),
            Page(
                key="sv",
                title=_("Wie sind Sie sonst versichert?"),
                intro=_(
                    "Wer privat oder nicht versichert ist, bekommt unter Umständen einen Zuschuss "
                    "zu den Beiträgen."
                ),
                task=_("Anlage SV: Sozialversicherung"),
                condition=SV_NEEDED,
                documents=(VERSICHERUNGSNACHWEIS,),
                fields=(
                    TextField(
                        key="sv_versicherer",
                        label=_("Versicherung (falls vorhanden)"),
                        required=False,
                        max_length=200,
                    ),
                    MoneyField(
                        key="sv_beitrag",
                        label=_("Beitrag im Monat (falls vorhanden)"),
                        required=False,
                    ),
                    YesNoField(
                        key="sv_zuschuss", label=_("Möchten Sie einen Zuschuss zu den Beiträgen?")
                    ),
                ),
            ),
            # --- Ansprüche gegen Dritte -----------------------------------------------------------
            Page(
                key="dritte",
                title=_("Können Sie Geld von anderen bekommen?"),
                intro=_(
                    "„Ansprüche gegen Dritte“ sind Gelder, die Ihnen von anderen Stellen oder "
                    "Personen zustehen. Sie gehen dem Bürgergeld vor."
                ),
                fields=(
                    MultipleChoiceField(
                        key="unterhalt",
                        label=_("Gibt es einen Anspruch auf Unterhalt?"),
                        hint=_("Wählen Sie alles aus, was zutrifft."),
                        options=MAINTENANCE,
                    ),
                    YesNoField(
                        key="unterhalt_gruende",
                        label=_("Gibt es Gründe, warum Sie keinen Unterhalt fordern können?"),
                        hint=_("Zum Beispiel Gewalt oder eine Gefahr für Sie oder Ihr Kind."),
                    ),
                    YesNoField(
                        key="unfall",
                        label=_(
                            "Hatte jemand in Ihrer Bedarfsgemeinschaft einen Unfall oder "
                            "Schaden, an dem jemand anderes schuld ist?"
                        ),
                        documents=(DocumentNeed(UNFALLNACHWEIS, (True,)),),
                    ),
                    MultipleChoiceField(
                        key="andere_leistungen",
                        label=_("Haben Sie andere Leistungen beantragt oder bekommen?"),
                        hint=_("Auch für diesen Monat bei einer anderen Stelle."),
                        options=OTHER_BENEFITS,
                        documents=(DocumentNeed(BESCHEID, tuple(o.value for o in BENEFITS)),),
                    ),
                ),
            ),
            Page(
                key="uh1",
                title=_("Wer ist Ihr früherer Ehe- oder Lebenspartner?"),
                task=_("Anlage UH1: Unterhalt von getrennt lebenden oder geschiedenen Partnern"),
                condition=Contains("unterhalt", "ex_partner"),
                fields=(
                    TextField(
                        key="uh1_name",
                        label=pgettext_lazy("full name of a person", "Name"),
                        max_length=200,
                    ),
                    LongTextField(
                        key="uh1_anschrift",
                        label=_("Anschrift (falls bekannt)"),
                        required=False,
                        max_length=500,
                    ),
                    YesNoField(
                        key="uh1_titel",
                        label=_("Gibt es einen Unterhaltstitel?"),
                        hint=_(
                            "Ein Titel ist ein Urteil oder eine Urkunde, die den Unterhalt "
                            "festlegt."
                        ),
                        documents=(DocumentNeed(UNTERHALTSNACHWEIS, (True,)),),
                    ),
                    MoneyField(
                        key="uh1_betrag",
                        label=_("Wie viel wird im Monat gezahlt?"),
                        hint=_("0, wenn nichts gezahlt wird."),
                    ),
                ),
            ),
            Page(
                key="uh2",
                title=_("Wer muss Unterhalt für Ihr Kind zahlen?"),
                task=_("Anlage UH2: Unterhalt für Kinder"),
                condition=Contains("unterhalt", "kinder"),
                fields=(
                    TextField(
                        key="uh2_name", label=_("Name des anderen Elternteils"), max_length=200
                    ),
                    TextField(key="uh2_kinder", label=_("Für welche Kinder?"), max_length=200),
                    YesNoField(
                        key="uh2_titel",
                        label=_("Gibt es einen Unterhaltstitel?"),
                        hint=_(
                            "Ein Titel ist ein Urteil oder eine Urkunde vom Jugendamt, "
                            "die den Unterhalt festlegt."
                        ),
                        documents=(DocumentNeed(UNTERHALTSNACHWEIS, (True,)),),
                    ),
                    MoneyField(
                        key="uh2_betrag",
                        label=_("Wie viel wird im Monat gezahlt?"),
                        hint=_("0, wenn nichts gezahlt wird."),
                    ),
                ),
            ),
            Page(
                key="uh3",
                title=_("Welche Eltern können Ihnen Unterhalt zahlen?"),
                task=_("Anlage UH3: Unterhalt von den Eltern"),
                condition=Contains("unterhalt", "eltern"),
                fields=(
                    TextField(key="uh3_name", label=_("Namen der Eltern"), max_length=200),
                    LongTextField(
                        key="uh3_anschrift",
                        label=_("Anschrift (falls bekannt)"),
                        required=False,
                        max_length=500,
                    ),
                    MoneyField(
                        key="uh3_betrag",
                        label=_("Wie viel zahlen sie im Monat?"),
                        hint=_("0, wenn nichts gezahlt wird."),
                    ),
                ),
            ),
            Page(
                key="uh4",
                title=_("Warum können Sie keinen Unterhalt fordern?"),
                task=_("Anlage UH4: Gründe gegen eine Unterhaltsforderung"),
                condition=IsYes("unterhalt_gruende"),
                fields=(
                    LongTextField(
                        key="uh4_gruende",
                        label=_("Ihre Gründe"),
                        max_length=2000,
                        hint=_("Das Jobcenter behandelt Ihre Angaben vertraulich."),
                    ),
                ),
            ),
            # --- Erklärungen ----------------------------------------------------------------------
            Page(
                key="erklaerung",
                title=_("Bestätigen Sie Ihre Angaben"),
                intro=_(
                    "Ihre Daten unterliegen dem Sozialgeheimnis. Das Jobcenter erhebt sie nach "
                    "§§ 60 bis 65 SGB I und §§ 67a bis 67c SGB X, um über Ihren Antrag zu "
                    "entscheiden."
                ),
                fields=(
                    MultipleChoiceField(
                        key="erklaerung_wahr",
                        label=_("Richtigkeit"),
                        options=(Option("ja", _("Meine Angaben sind vollständig und richtig.")),),
                        required_message=_("Bitte bestätigen Sie, dass Ihre Angaben stimmen."),
                    ),
                    MultipleChoiceField(
                        key="erklaerung_aenderungen",
                        label=_("Änderungen"),
                        options=(
                            Option("ja", _("Ich teile dem Jobcenter Änderungen sofort mit.")),
                        ),
                        required_message=_("Bitte bestätigen Sie, dass Sie Änderungen mitteilen."),
                    ),
                ),
            ),
        ),
    )
)
