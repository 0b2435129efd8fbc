"""The rules that generate the Anlagen of the Erstantrag (docs/DOMAIN.md §3): per person, by age
against the application date (boundaries 14/15 and 24/25), by answer, and the asset limits of
the Karenzzeit. Plain answer dicts, no database."""

import datetime as dt

import jsonschema
import pytest

from jobcenter.forms import selectors as forms
from jobcenter.forms.definitions.erstantrag_2026_1 import ERSTANTRAG, asset_limit, bg_members
from jobcenter.forms.items import age_on

APPLIED = dt.date(2026, 3, 10)  # the application date the ages are counted against


def birthday(years: int, *, days_later: int = 0) -> str:
    """Born so that the person turns ``years`` on the application date (or ``days_later``)."""
    return (APPLIED.replace(year=APPLIED.year - years) + dt.timedelta(days=days_later)).isoformat()


def member(name: str, born: str, beziehung: str = "kind", bg: bool = True) -> dict:
    return {
        "vorname": name,
        "nachname": "Muster",
        "geburtsdatum": born,
        "beziehung": beziehung,
        "bg": bg,
    }


def answers(*members: dict, **more) -> dict:
    return {
        "vorname": "Kim",
        "nachname": "Muster",
        "geburtsdatum": "1980-03-27",
        "mitbewohner": bool(members),
        "personen": list(members),
        "wohnform": "miete",
        "_kontext": {"antragsdatum": APPLIED.isoformat()},
        **more,
    }


def anlagen(data: dict) -> list[str]:
    """The Anlagen that apply, as "<task>" strings in order (each instance once)."""
    seen: list[str] = []
    for page in ERSTANTRAG.applicable_pages(data):
        if page.task and str(page.task) not in seen:
            seen.append(str(page.task))
    return seen


def codes(data: dict) -> list[str]:
    """The Anlagen as "CODE:person" (e.g. "EK:Kim Muster"), from the instance page keys."""
    out = []
    for page in ERSTANTRAG.applicable_pages(data):
        if not page.task:
            continue
        code = str(page.task).split(":")[0].removeprefix("Anlage ")
        who = page.reason if isinstance(page, forms.PageInstance) else ""
        entry = f"{code}:{who}" if who else code
        if entry not in out:
            out.append(entry)
    return out


def test_age_is_counted_against_the_application_date():
    assert age_on("2011-03-10", APPLIED) == 15
    assert age_on("2011-03-11", APPLIED) == 14
    assert age_on("2008-02-29", dt.date(2026, 2, 28)) == 17
    assert age_on("2008-02-29", dt.date(2026, 3, 1)) == 18
    assert age_on("kaputt", APPLIED) is None and age_on(None, APPLIED) is None


def test_single_adult_renting_gets_ek_and_kdu_only():
    assert codes(answers()) == ["KDU", "EK:Kim Muster"]


def test_no_housing_costs_no_kdu():
    assert "KDU" not in codes(answers(wohnform="ohne_kosten"))
    assert "KDU" in codes(answers(wohnform="eigentum"))


@pytest.mark.parametrize(
    ("days_later", "expected"),
    [
        (0, ["WEP:Alex Muster", "EK:Alex Muster"]),  # 15 on the application date
        (1, ["KI:Alex Muster"]),  # turns 15 the day after: still 14
    ],
)
def test_boundary_14_15(days_later, expected):
    found = codes(answers(member("Alex", birthday(15, days_later=days_later))))
    alex = [c for c in found if c.endswith("Alex Muster")]
    assert alex == expected


def test_age_uses_the_secured_date_not_today():
    data = answers(member("Alex", birthday(15, days_later=1)))
    assert "KI:Alex Muster" in codes(data)
    data["_kontext"]["antragsdatum"] = (APPLIED + dt.timedelta(days=1)).isoformat()
    assert "WEP:Alex Muster" in codes(data)


@pytest.mark.parametrize(("days_later", "in_bg"), [(1, True), (0, False)])
def test_boundary_24_25_a_child_of_25_forms_its_own_bg(days_later, in_bg):
    data = answers(member("Robin", birthday(25, days_later=days_later)))
    found = codes(data)
    assert ("WEP:Robin Muster" in found) is in_bg
    assert ("EK:Robin Muster" in found) is in_bg
    # Outside the BG, a grown-up child in the household makes it a Haushaltsgemeinschaft.
    assert ("HG:Kim Muster" in found) is not in_bg
    assert bg_members(data) == (2 if in_bg else 1)


def test_couple_with_two_children():
    data = answers(
        member("Sam", "1982-05-01", "partner_ehe"),
        member("Alex", birthday(10)),
        member("Jo", birthday(16)),
        familienstand="verheiratet",
    )
    assert codes(data) == [
        "WEP:Sam Muster",
        "WEP:Jo Muster",
        "KI:Alex Muster",
        "KDU",
        "EK:Kim Muster",
        "EK:Sam Muster",
        "EK:Jo Muster",
    ]


def test_unmarried_partner_gets_ve_and_relatives_outside_the_bg_give_hg_per_bg_member():
    data = answers(
        member("Sam", "1982-05-01", "partner"), member("Oma", "1950-01-01", "eltern", bg=False)
    )
    found = codes(data)
    assert "VE:Sam Muster" in found
    assert [c for c in found if c.startswith("HG:")] == ["HG:Kim Muster", "HG:Sam Muster"]
    # A flatmate is neither BG nor relative: no HG.
    assert not any(
        c.startswith("HG:") for c in codes(answers(member("Flo", "1990-01-01", "andere", bg=False)))
    )


def test_eks_per_self_employed_activity():
    data = answers(**{"ek-1": {"arten": ["selbststaendig", "kindergeld"]}})
    assert [p.key for p in ERSTANTRAG.applicable_pages(data)].count("taetigkeiten") == 1
    data["taetigkeiten"] = [
        {"art": "Friseursalon", "person": "Kim", "seit": "2020-01-01"},
        {"art": "Kurierdienst", "person": "Kim", "seit": "2021-01-01"},
    ]
    found = codes(data)
    assert "EKS:Friseursalon" in found and "EKS:Kurierdienst" in found
    # No self-employment: no activities page, no EKS (even with activities left in the draft).
    data["ek-1"] = {"arten": ["keins"]}
    assert not any(c.startswith("EKS") for c in codes(data))


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"mehrbedarf": ["ernaehrung"]}, "MEB"),
        ({"mehrbedarf": ["besonders"]}, "BB"),
        ({"kv_art": "privat"}, "SV"),
        ({"kv_art": "keine"}, "SV"),
        ({"rv_befreit": True}, "SV"),
        ({"unterhalt": ["ex_partner"]}, "UH1"),
        ({"unterhalt": ["kinder"]}, "UH2"),
        ({"unterhalt": ["eltern"]}, "UH3"),
        ({"unterhalt_gruende": True}, "UH4"),
        ({"karenzzeit_vorbei": True}, "VM"),
        ({"vermoegen_erheblich": True}, "VM"),
    ],
)
def test_anlagen_by_answer(extra, code):
    assert code not in codes(answers())
    assert code in codes(answers(**extra))


def test_sv_also_for_another_member_without_insurance():
    data = answers(member("Sam", "1982-05-01", "partner_ehe"), **{"wep-2": {"kv_art": "privat"}})
    assert "SV" in codes(data)


def test_asset_limit_is_40000_plus_15000_per_further_member():
    assert asset_limit(1) == 40_000_00
    assert asset_limit(2) == 55_000_00
    assert asset_limit(4) == 85_000_00


@pytest.mark.parametrize(
    ("members", "cents", "needed"),
    [
        (0, 40_000_00, False),
        (0, 40_000_01, True),
        (1, 55_000_00, False),
        (1, 55_000_01, True),
        (3, 85_000_00, False),
        (3, 85_000_01, True),
    ],
)
def test_declared_assets_above_the_limit_call_for_anlage_vm(members, cents, needed):
    people = [member(f"P{n}", "1990-01-01", "verwandt") for n in range(members)]
    data = answers(
        *people, karenzzeit_vorbei=False, vermoegen_erheblich=False, vermoegen_summe=cents
    )
    assert ("VM" in codes(data)) is needed


def test_members_outside_the_bg_do_not_raise_the_limit():
    data = answers(
        member("Flo", "1990-01-01", "andere", bg=False),
        karenzzeit_vorbei=False,
        vermoegen_erheblich=False,
        vermoegen_summe=50_000_00,
    )
    assert "VM" in codes(data)


def test_id_card_step_and_document_depend_on_the_login():
    data = answers()
    assert "ausweis" in [p.key for p in ERSTANTRAG.applicable_pages(data)]
    titles = [d.document.key for d in forms.documents_needed(ERSTANTRAG, data)]
    assert "ausweis" in titles
    for level in ("substantial", "high"):
        data["_kontext"]["vertrauensniveau"] = level
        assert "ausweis" not in [p.key for p in ERSTANTRAG.applicable_pages(data)]
        assert "ausweis" not in [d.document.key for d in forms.documents_needed(ERSTANTRAG, data)]
    data["_kontext"]["vertrauensniveau"] = "basic"
    assert "ausweis" in [p.key for p in ERSTANTRAG.applicable_pages(data)]


def test_documents_name_the_person_they_are_for():
    data = answers(
        member("Sam", "1982-05-01", "partner_ehe"),
        member("Alex", birthday(10)),
        **{
            "ki-3": {"kindergeld": "antragsteller", "unterhalt": "nein", "betreuung": "kita"},
            "ek-2": {"arten": ["erwerbstaetigkeit"], "brutto": 250000},
        },
    )
    needed = {d.document.key: d.reasons for d in forms.documents_needed(ERSTANTRAG, data)}
    assert needed["ausweis"] == ["Sie selbst", "Sam Muster"]
    assert needed["kindergeldbescheid"] == ["Alex Muster"]
    assert needed["lohnabrechnung"] == ["Sam Muster"]
    assert "Alex Muster" in needed["geburtsurkunde"]


# Pages whose title is a statement, not a question: the declaration asks the citizen to confirm
# ("Bestätigen Sie Ihre Angaben"), and a question mark would turn it into a wrong question.
STATEMENT_TITLES = {"erklaerung"}


def test_every_page_title_is_a_question_and_a_statement_is_not_asked():
    for page in ERSTANTRAG.pages:
        if page.key in STATEMENT_TITLES:
            assert not str(page.title).endswith("?"), page.key
        else:
            assert str(page.title).endswith("?"), page.key


def test_instance_answers_fit_the_schema_and_stale_keys_do_not():
    schema = forms.form_json_schema(ERSTANTRAG)
    data = answers(
        member("Sam", "1982-05-01", "partner_ehe"),
        **{"ek-1": {"arten": ["keins"], "brutto": None, "arbeitgeber": None}},
    )
    data["_kontext"]["vertrauensniveau"] = ""
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "ek-1": {"unbekannt": 1}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "xy-1": {}}, schema)


def test_an_anlage_stays_with_its_person_when_the_household_changes():
    sam, jo = member("Sam", "1982-05-01", "partner_ehe"), member("Jo", birthday(30), "verwandt")
    data = answers(sam, jo)
    ek_sam = ERSTANTRAG.page("ek-2", data)
    form = forms.PageForm(ek_sam, data, {"arten": ["keins"], "brutto": "", "arbeitgeber": ""})
    assert form.is_valid()
    data = {**data, **form.values}
    assert forms.page_is_complete(ERSTANTRAG.page("ek-2", data), data)
    # Sam leaves the list: Jo is person 2 now, and does not inherit Sam's Anlage EK.
    jo["bg"] = True
    data["personen"] = [jo]
    assert ERSTANTRAG.page("ek-2", data).reason == "Jo Muster"
    assert not forms.page_is_complete(ERSTANTRAG.page("ek-2", data), data)
    assert forms.render_answers(ERSTANTRAG, data)[-1]  # renders without Sam's answers
    rows = {r.key: r.value for s in forms.render_answers(ERSTANTRAG, data) for r in s.rows}
    assert rows["ek-2.arten"] == "Keine Angabe"


def test_staff_read_the_documents_needed_in_the_third_person():
    data = answers(
        member("Sam", "1982-05-01", "partner_ehe"),
        **{"ek-1": {"arten": ["erwerbstaetigkeit"], "brutto": 100000}},
    )
    staff = {d.document.key: d.reasons for d in forms.documents_needed_for_staff(ERSTANTRAG, data)}
    assert staff["ausweis"] == ["Kim Muster", "Sam Muster"]
    assert "Kim Muster" in staff["lohnabrechnung"]
    citizen = {d.document.key: d.reasons for d in forms.documents_needed(ERSTANTRAG, data)}
    assert citizen["ausweis"] == ["Sie selbst", "Sam Muster"]  # the citizen's own wording stays
    unnamed = {**data, "vorname": "", "nachname": ""}
    staff = {
        d.document.key: d.reasons for d in forms.documents_needed_for_staff(ERSTANTRAG, unnamed)
    }
    assert staff["ausweis"] == ["Antragsteller/in", "Sam Muster"]
    assert all("Sie" not in reason.split() for reasons in staff.values() for reason in reasons)


def test_the_asset_page_names_the_limit_of_this_household():
    page = ERSTANTRAG.page("vermoegen")
    assert "40.000,00 €" in forms.page_intro(ERSTANTRAG, page, answers())
    two = answers(member("Sam", "1982-05-01", "partner_ehe"))
    assert "für Ihre Bedarfsgemeinschaft also 55.000,00 €" in forms.page_intro(
        ERSTANTRAG, page, two
    )


def test_reasons_of_the_documents_needed_are_plain_text():
    from django.utils import translation

    with translation.override("de"):
        needed = forms.documents_needed(ERSTANTRAG, answers(member("Alex", birthday(30))))
    reasons = [reason for need in needed for reason in need.reasons]
    assert "Sie selbst" in reasons
    assert all(type(reason) is str for reason in reasons)
    assert ", ".join(reasons)
