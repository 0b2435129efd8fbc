"""Complete Erstantrag answer sets for the demo (development only), given through the form engine.

A demo Erstantrag must look like one a citizen sent: the Hauptantrag and every Anlage its
household calls for (WEP, KI, VE, HG, EK, EKS, KDU, VM, SV, UH, MEB), and nothing the engine would
refuse. So the answers are not written as one dict: a household (``Household``) answers the form
page by page as the wizard does — the engine says which page comes next for the answers so far
(``next_page``), each page's input is validated by its ``PageForm``, and the answers sent are those
of the pages that apply (``submitted_answers``), exactly like ``submission_create``. A household
that leaves a required question open or gives an invalid answer raises ``DemoAnswerError``, and
``tests/casework/test_demo_erstantrag.py`` checks every demo submission against its definition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jobcenter.forms import selectors as forms
from jobcenter.intake.services import submitted_answers

FORM = "erstantrag@2026-1"
EMPLOYERS = ["Bäckerei Korn", "Pflegedienst Lind", "Spedition Nord", "Café am Markt", "Hotel Post"]
CASHIERS = ["AOK Musterland", "Techniker Krankenkasse", "BARMER", "DAK-Gesundheit"]
BIRTHPLACES = ["Musterhausen, Deutschland", "Köln, Deutschland", "Leipzig, Deutschland"]
ABROAD = [
    ("türkisch", "Izmir, Türkei"),
    ("polnisch", "Krakau, Polen"),
    ("syrisch", "Aleppo, Syrien"),
    ("ukrainisch", "Charkiw, Ukraine"),
    ("rumänisch", "Cluj-Napoca, Rumänien"),
]


class DemoAnswerError(ValueError):
    """A demo household's answer that the form engine refuses (a bug in the demo data)."""


def iban_for(number: int) -> str:
    """A German IBAN with a valid check sum (synthetic bank code and account number)."""
    bban = f"37040044{number % 10**10:010d}"
    check = 98 - int(bban + "131400") % 97  # "DE" = 13 14, then "00"
    return f"DE{check:02d}{bban}"


@dataclass
class Member:
    """A household member as the "Wer wohnt mit Ihnen zusammen?" page asks for them, plus the
    answers of their Anlagen (by the per-person page's key: "wep", "ki", "ve", "hg", "ek")."""

    vorname: str
    nachname: str
    geburtsdatum: dt.date
    beziehung: str
    bg: bool
    anlagen: dict[str, dict[str, Any]] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        return {
            "vorname": self.vorname,
            "nachname": self.nachname,
            "geburtsdatum": self.geburtsdatum.isoformat(),
            "beziehung": self.beziehung,
            "bg": self.bg,
        }


@dataclass
class Household:
    """What one demo household answers: the form's own questions (``answers``), the members,
    the applicant's Anlagen (``own``: by per-person page key), the self-employed activities with
    their Anlage EKS, and the assets of the Anlage VM."""

    answers: dict[str, Any]
    members: list[Member] = field(default_factory=list)
    own: dict[str, dict[str, Any]] = field(default_factory=dict)
    activities: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    assets: list[dict[str, Any]] = field(default_factory=list)

    def values_for(self, page: forms.Page) -> Any:
        """The input for ``page``: a list of items for a group page, else a dict by field key."""
        if isinstance(page, forms.RepeatPage):
            if page.group == "personen":
                return [m.row() for m in self.members]
            if page.group == "taetigkeiten":
                return [activity for activity, _eks in self.activities]
            if page.group == "vermoegenswerte":
                return self.assets
            raise DemoAnswerError(f"{FORM}: no demo items for group {page.group!r}")
        if isinstance(page, forms.PageInstance):
            kind, nr = page.template.key, page.item["nr"]
            if kind == "eks":
                return self.activities[nr - 1][1]
            if nr == 1:
                return self.own.get(kind, {})
            return self.members[nr - 2].anlagen.get(kind, {})
        return self.answers


def _raw(page: forms.Page, values: Any) -> dict[str, list[str]]:
    """``values`` as the browser would post them for ``page`` (each field's own raw form)."""
    out: dict[str, list[str]] = {}

    def put(f, name: str, value: Any) -> None:
        raw = f.to_raw(value)
        if isinstance(raw, dict):
            for part, v in raw.items():
                out[f"{name}-{part}"] = [v]
        elif isinstance(raw, list):
            out[name] = raw
        else:
            out[name] = [raw]

    if isinstance(page, forms.RepeatPage):
        out[f"{page.group}-count"] = [str(len(values))]
        for i, item in enumerate(values):
            for f in page.fields:
                put(f, f"{page.group}-{i}-{f.key}", item.get(f.key))
    else:
        for f in page.fields:
            put(f, f.key, values.get(f.key))
    return out


def answers_through_the_form(
    definition: forms.FormDefinition,
    values_for: Callable[[forms.Page], Any],
    context: Mapping[str, Any],
) -> dict[str, Any]:
    """Answer ``definition`` page by page as the wizard does and return what would be sent.

    ``values_for(page)`` gives a page's answers (Python values; a list of items on a group page).
    Every page is validated by the engine; a refused page raises ``DemoAnswerError``.
    """
    answers: dict[str, Any] = {forms.CONTEXT_KEY: dict(context)}
    page = forms.first_page(definition, answers)
    for _step in range(500):  # a guard: no demo form has that many pages
        form = forms.PageForm(page, answers, _raw(page, values_for(page)))
        if not form.is_valid():
            raise DemoAnswerError(f"{definition.ident}, page {page.key}: {form.errors}")
        answers = {**answers, **form.values}
        page = forms.next_page(definition, answers, page.key)
        if page is None:
            break
    missing = forms.incomplete_pages(definition, answers)
    if missing:
        raise DemoAnswerError(f"{definition.ident}: incomplete {[p.key for p in missing]}")
    return submitted_answers(definition, answers)


# --- the households ---------------------------------------------------------------------------


def _born(rng, day: dt.date, years_from: int, years_to: int) -> dt.date:
    return day - dt.timedelta(days=rng.randrange(365 * years_from + 10, 365 * years_to - 10))


def _earner(rng, *, minijob: bool = False) -> dict[str, Any]:
    return {
        "arten": ["erwerbstaetigkeit"],
        "brutto": (rng.randrange(300, 538) if minijob else rng.randrange(900, 2400)) * 100,
        "arbeitgeber": rng.choice(EMPLOYERS),
    }


NO_INCOME = {"arten": ["keins"], "brutto": None, "arbeitgeber": None}


def _adult(*, familienstand: str, kv: str = "gesetzlich") -> dict[str, Any]:
    """The Anlage WEP of a grown-up household member."""
    return {
        "deutsch": True,
        "familienstand": familienstand,
        "rv_nummer": None,
        "erwerbsfaehig": True,
        "ausbildung": "nein",
        "kv_art": kv,
    }


def _child(*, kindergeld: str = "antragsteller", unterhalt: str = "nein", age: int = 8):
    """The Anlage KI of a child under 15."""
    return {
        "kindergeld": kindergeld,
        "unterhalt": unterhalt,
        "betreuung": "kita" if age < 6 else "schule",
    }


def household(rng, person: Mapping[str, Any], *, day: dt.date, n: int) -> Household:
    """The household of demo applicant ``person`` (first, last, birth) applying on ``day``;
    ``n`` picks the kind of household, so a month of demo cases shows each Anlage."""
    first, last = person["first"], person["last"]
    name = f"{first} {last}"
    abroad = rng.random() < 0.25
    nationality, birthplace = rng.choice(ABROAD) if abroad else (None, rng.choice(BIRTHPLACES))
    answers: dict[str, Any] = {
        "vorname": first,
        "nachname": last,
        "geburtsdatum": person["birth"].isoformat(),
        "geburtsname": None,
        "geburtsort": birthplace,
        "geschlecht": rng.choice(["weiblich", "maennlich"]),
        "deutsch": not abroad,
        "rv_nummer": None,
        "strasse": person["street"],
        "plz": person["postcode"],
        "ort": person["city"],
        "wohnhaft_bei": None,
        "telefon": f"0{rng.randrange(30, 999)} {rng.randrange(100000, 9999999)}",
        "email": None,
        "familienstand": "ledig",
        "familienstand_seit": None,
        "kontoinhaber": name,
        "iban": iban_for(rng.randrange(10**9, 10**10)),
        "erwerbsfaehig": True,
        "ausbildung": "nein",
        "einrichtung": False,
        "rente": False,
        "vertretung": False,
        "wohnform": "miete",
        "mitbewohner": False,
        "mehrbedarf": ["keiner"],
        "wohnflaeche": rng.randrange(35, 60),
        "zimmer": rng.choice([1, 2]),
        "grundmiete": rng.randrange(320, 520) * 100,
        "schuldzinsen": None,
        "nebenkosten": rng.randrange(80, 160) * 100,
        "heizkosten": rng.randrange(40, 110) * 100,
        "heizung": rng.choice(["zentral", "gas", "strom"]),
        "karenzzeit_vorbei": False,
        "vermoegen_erheblich": False,
        "vermoegen_summe": rng.randrange(0, 2500) * 100,
        "fahrzeug": False,
        "kv_art": "gesetzlich",
        "krankenkasse": rng.choice(CASHIERS),
        "rv_befreit": False,
        "unterhalt": ["keiner"],
        "unterhalt_gruende": False,
        "unfall": False,
        "andere_leistungen": ["keine"],
        "erklaerung_wahr": ["ja"],
        "erklaerung_aenderungen": ["ja"],
    }
    if abroad:
        answers.update(
            staatsangehoerigkeit=nationality,
            einreise=(day - dt.timedelta(days=rng.randrange(400, 3000))).isoformat(),
            aufenthaltstitel="eu" if nationality in ("polnisch", "rumänisch") else "erlaubnis",
            verpflichtungserklaerung=False,
        )
    home = Household(answers=answers, own={"ek": dict(NO_INCOME)})
    kind = n % 6
    if kind in (1, 2) and (day - person["birth"]).days // 365 >= 56:
        kind = 5  # no small children at that age: back on Bürgergeld after a job instead
    if kind == 0:
        # Alone, a minijob next to the search for work.
        home.own["ek"] = _earner(rng, minijob=True)
    elif kind == 1:
        # Single parent: a child under 15 (Anlage KI), maintenance owed by the other parent
        # (Anlage UH2), the extra need of a single parent, child benefit as income.
        child_born = _born(rng, day, 2, 14)
        age = (day - child_born).days // 365
        answers.update(
            familienstand=rng.choice(["ledig", "geschieden"]),
            mitbewohner=True,
            mehrbedarf=["alleinerziehend"],
            wohnflaeche=rng.randrange(55, 75),
            zimmer=rng.choice([2, 3]),
            unterhalt=["kinder"],
            uh2_name=f"{rng.choice(['Jan', 'Marc', 'Deniz'])} {rng.choice(['Roth', 'Bauer'])}",
            uh2_kinder=f"{rng.choice(['Lina', 'Ben', 'Emma', 'Finn'])} {last}",
            uh2_titel=True,
            uh2_betrag=0,
        )
        if answers["familienstand"] != "ledig":
            answers["familienstand_seit"] = (day - dt.timedelta(days=900)).isoformat()
        child = Member(answers["uh2_kinder"].split()[0], last, child_born, "kind", True)
        child.anlagen["ki"] = _child(unterhalt="uvg", age=age)
        home.members = [child]
        home.own["ek"] = {"arten": ["kindergeld"], "brutto": 25500, "arbeitgeber": None}
    elif kind == 2:
        # Married couple with two children: the partner's Anlage WEP and EK, two Anlagen KI.
        partner_first = rng.choice(["Sven", "Aylin", "Marta", "Oleg", "Nina", "Can"])
        partner = Member(partner_first, last, _born(rng, day, 24, 50), "partner_ehe", True)
        partner.anlagen["wep"] = _adult(familienstand="verheiratet", kv="familie")
        partner.anlagen["ek"] = _earner(rng)
        kids = []
        for kid_first in rng.sample(["Lina", "Ben", "Emma", "Finn", "Ida", "Ali"], 2):
            born = _born(rng, day, 1, 14)
            kid = Member(kid_first, last, born, "kind", True)
            kid.anlagen["ki"] = _child(age=(day - born).days // 365)
            kids.append(kid)
        answers.update(
            familienstand="verheiratet",
            familienstand_seit=(day - dt.timedelta(days=rng.randrange(2000, 5000))).isoformat(),
            mitbewohner=True,
            wohnflaeche=rng.randrange(70, 95),
            zimmer=rng.choice([3, 4]),
            grundmiete=rng.randrange(600, 850) * 100,
        )
        home.members = [partner, *kids]
        home.own["ek"] = {"arten": ["kindergeld"], "brutto": 51000, "arbeitgeber": None}
    elif kind == 3:
        # Unmarried couple, the applicant self-employed and privately insured: Anlagen VE, WEP,
        # EK for both, EKS for the activity, SV for the insurance.
        partner_first = rng.choice(["Robin", "Elif", "Jonas", "Vera"])
        partner_last = rng.choice(["Brandt", "Kaya", "Vogel", "Seidel"])
        partner = Member(partner_first, partner_last, _born(rng, day, 22, 55), "partner", True)
        partner.anlagen["wep"] = _adult(familienstand="ledig")
        partner.anlagen["ve"] = {
            "zusammen_seit": (day - dt.timedelta(days=rng.randrange(400, 2500))).isoformat(),
            "gemeinsame_kinder": False,
            "gemeinsames_konto": True,
            "versorgen": False,
        }
        partner.anlagen["ek"] = _earner(rng, minijob=True)
        trade = rng.choice(["Kurierdienst", "Friseursalon", "Grafikdesign", "Reinigungsservice"])
        home.activities = [
            (
                {
                    "art": trade,
                    "person": name,
                    "seit": (day - dt.timedelta(days=rng.randrange(200, 1500))).isoformat(),
                },
                {
                    "einnahmen": rng.randrange(600, 1500) * 100,
                    "ausgaben": rng.randrange(150, 500) * 100,
                    "beschaeftigte": 0,
                    "zuschuss": False,
                },
            )
        ]
        answers.update(
            mitbewohner=True,
            kv_art="privat",
            krankenkasse=None,
            sv_versicherer=rng.choice(["Hansa Kranken", "Muster Privat KV"]),
            sv_beitrag=rng.randrange(280, 520) * 100,
            sv_zuschuss=True,
        )
        home.members = [partner]
        home.own["ek"] = {"arten": ["selbststaendig"], "brutto": None, "arbeitgeber": None}
    elif kind == 4:
        # Living with a parent who is not in the BG (Anlage HG): does the family help?
        parent = Member(
            rng.choice(["Petra", "Ahmet", "Irina", "Klaus"]),
            last,
            person["birth"] - dt.timedelta(days=rng.randrange(365 * 22, 365 * 32)),
            "eltern",
            False,
        )
        answers.update(
            mitbewohner=True,
            wohnform="ohne_kosten",
            grundmiete=None,
            nebenkosten=None,
            heizkosten=None,
            heizung=None,
            wohnflaeche=None,
            zimmer=None,
        )
        home.members = [parent]
        home.own["ek"] = {
            "arten": ["erwerbstaetigkeit"],
            "brutto": rng.randrange(650, 950) * 100,
            "arbeitgeber": rng.choice(EMPLOYERS),
        }
        home.own["hg"] = {
            "unterstuetzung": True,
            "betrag": rng.randrange(50, 200) * 100,
            "einkommen_verwandte": rng.randrange(1800, 3200) * 100,
        }
    else:
        # Back on Bürgergeld after a job ended: the Karenzzeit is over (Anlage VM with a car and
        # savings), unemployment benefit ran out, a costly diet (Anlage MEB).
        answers.update(
            karenzzeit_vorbei=True,
            fahrzeug=True,
            schenkung=False,
            altersvorsorge=False,
            mehrbedarf=["ernaehrung"],
            meb_person=name,
            meb_erkrankung="Zöliakie, glutenfreie Kost",
            andere_leistungen=["alg1"],
        )
        answers["vermoegen_summe"] = rng.randrange(3000, 9000) * 100
        home.assets = [
            {"art": "fahrzeug", "inhaber": name, "wert": rng.randrange(1500, 6000) * 100},
            {"art": "konto", "inhaber": name, "wert": rng.randrange(200, 2500) * 100},
        ]
        home.own["ek"] = {"arten": ["alg1"], "brutto": rng.randrange(700, 1100) * 100}
    return home


def first_application_answers(rng, person: Mapping[str, Any], *, day: dt.date, n: int) -> dict:
    """The answers of a complete Erstantrag 2026-1 of ``person``, sent on ``day``."""
    definition = forms.get(FORM)
    home = household(rng, person, day=day, n=n)
    # Most demo applicants signed in with a password (the ID card is asked for), some with the
    # online ID (proven identity: no ID card step).
    level = "substantial" if rng.random() < 0.2 else ""
    context = {"antragsdatum": day.isoformat(), "vertrauensniveau": level}
    return answers_through_the_form(definition, home.values_for, context)
