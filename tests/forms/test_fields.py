"""Field types: parsing, round trips, messages, and robustness against arbitrary input."""

import datetime as dt

import jsonschema
import pytest
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcenter.forms import fields as F
from jobcenter.forms.fields import FieldError

OPTIONS = (F.Option("a", "A"), F.Option("b", "B"))


def one_of_each():
    """One field of every type the engine offers (the property tests walk all of them)."""
    return [
        F.TextField(key="text", label="Text"),
        F.LongTextField(key="long", label="Lang"),
        F.NumberField(key="number", label="Zahl", min_value=1, max_value=30),
        F.MoneyField(key="money", label="Betrag"),
        F.DateField(key="date", label="Datum"),
        F.YesNoField(key="yesno", label="Ja/Nein"),
        F.ChoiceField(key="choice", label="Wahl", options=OPTIONS),
        F.MultipleChoiceField(key="multi", label="Mehrfach", options=OPTIONS),
        F.EmailField(key="email", label="E-Mail"),
        F.PhoneField(key="phone", label="Telefon"),
        F.PostcodeField(key="plz", label="PLZ"),
        F.IbanField(key="iban", label="IBAN"),
        F.RvNummerField(key="rvnr", label="RV-Nummer"),
        F.BgNummerField(key="bg", label="BG-Nummer"),
        F.KundennummerField(key="kdnr", label="Kundennummer"),
        F.FileField(key="file", label="Nachweis"),
    ]


def test_every_field_type_is_covered():
    assert {type(f) for f in one_of_each()} == set(F.ALL_FIELD_TYPES)


def post(**values):
    return MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in values.items()})


@pytest.mark.parametrize("field", one_of_each(), ids=lambda f: f.kind)
def test_required_field_left_empty_gives_a_message(field):
    if isinstance(field, F.FileField):
        assert field.clean(field.raw(post(), field.key)) is None  # placeholder, never required
        return
    with pytest.raises(FieldError) as exc:
        field.clean(field.raw(post(), field.key))
    assert str(field.label) in exc.value.messages[0]


VALID = {
    "text": ("  Kim  ", "Kim"),
    "long": ("Zeile 1\nZeile 2", "Zeile 1\nZeile 2"),
    "number": ("3", 3),
    "money": ("1.234,56", 123456),
    "yesno": ("ja", True),
    "choice": ("b", "b"),
    "multi": (["b", "a"], ["a", "b"]),
    "email": ("kim@example.org", "kim@example.org"),
    "phone": ("030 1234567", "030 1234567"),
    "plz": ("01067", "01067"),
    "iban": ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
    "rvnr": ("65 170839 J 003", "65170839J003"),
    "bg": ("12345BG0012345", "12345BG0012345"),
    "kdnr": ("123D456789", "123D456789"),
}


@pytest.mark.parametrize(
    "field", [f for f in one_of_each() if f.key in VALID], ids=lambda f: f.kind
)
def test_valid_input_round_trips_through_storage(field):
    raw, expected = VALID[field.key]
    value = field.clean(field.raw(post(**{field.key: raw}), field.key))
    assert value == expected
    jsonschema.validate(value, field.json_schema())
    # What we store pre-fills the page again and parses to the same value.
    assert field.clean(field.to_raw(value)) == value
    assert field.display(value)


def test_date_parts_ranges_and_display():
    field = F.DateField(key="d", label="Seit", earliest=-365, latest=0)
    today = timezone.localdate()
    raw = field.raw(
        post(**{"d-tag": str(today.day), "d-monat": str(today.month), "d-jahr": str(today.year)}),
        "d",
    )
    assert field.clean(raw) == today.isoformat()
    tomorrow = today + dt.timedelta(days=1)
    with pytest.raises(FieldError, match="Zukunft"):
        field.clean(
            {"tag": str(tomorrow.day), "monat": str(tomorrow.month), "jahr": str(tomorrow.year)}
        )
    with pytest.raises(FieldError, match="vor dem"):
        field.clean({"tag": "1", "monat": "1", "jahr": str(today.year - 3)})
    with pytest.raises(FieldError, match="gibt es nicht"):
        field.clean({"tag": "31", "monat": "2", "jahr": str(today.year - 0)})
    with pytest.raises(FieldError, match="Es fehlt: Monat"):
        field.clean({"tag": "1", "monat": "", "jahr": "2026"})
    assert field.display("2026-03-27") == "27.03.2026"


def test_number_and_money_bounds():
    with pytest.raises(FieldError, match="mindestens 1"):
        F.NumberField(key="n", label="N", min_value=1).clean("0")
    with pytest.raises(FieldError, match="höchstens"):
        F.MoneyField(key="m", label="M", max_cents=100).clean("2")


def test_optional_fields_store_none_and_schema_allows_null():
    field = F.EmailField(key="e", label="E-Mail", required=False)
    assert field.clean("") is None
    jsonschema.validate(None, field.json_schema())


def test_choices_reject_values_not_offered():
    with pytest.raises(FieldError):
        F.ChoiceField(key="c", label="C", options=OPTIONS).clean("x")
    with pytest.raises(FieldError):
        F.MultipleChoiceField(key="c", label="C", options=OPTIONS).clean(["a", "x"])


# --- property-based: arbitrary input never raises anything but FieldError --------------------

texts = st.text(max_size=60) | st.from_regex(r"[0-9A-Za-z .,/\-+€]{0,40}", fullmatch=True)


@pytest.mark.parametrize("field", one_of_each(), ids=lambda f: f.kind)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a=texts, b=texts, c=texts, many=st.lists(texts, max_size=4))
def test_arbitrary_strings_give_a_value_or_a_field_error(field, a, b, c, many):
    data = MultiValueDict(
        {
            field.key: [a, *many],
            f"{field.key}-tag": [a],
            f"{field.key}-monat": [b],
            f"{field.key}-jahr": [c],
        }
    )
    try:
        value = field.clean(field.raw(data, field.key))
    except FieldError as exc:
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)
        return
    # Whatever was accepted fits the exported schema and displays.
    jsonschema.validate(value, field.json_schema())
    field.display(value)
