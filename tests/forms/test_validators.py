"""German identifiers and amounts: what citizens type, what we accept, what we store."""

import pytest

from jobcenter.forms import validators
from jobcenter.forms.validators import FieldError


@pytest.mark.parametrize(
    "raw",
    [
        "DE89 3704 0044 0532 0130 00",
        "de89370400440532013000",
        "GB82 WEST 1234 5698 7654 32",
        "AT61 1904 3002 3457 3201",
    ],
)
def test_valid_ibans_are_normalised(raw):
    assert validators.iban(raw) == raw.replace(" ", "").upper()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("DE89 3704 0044 0532 0130 01", "nicht gültig"),  # one digit wrong: checksum fails
        ("DE89 3704 0044 0532 0130", "22 Zeichen"),
        ("12345", "Format"),
    ],
)
def test_invalid_ibans_say_what_to_check(raw, message):
    with pytest.raises(FieldError, match=message):
        validators.iban(raw)


def test_rentenversicherungsnummer_check_digit():
    assert validators.rvnr_check_digit("65170839J00") == 3
    assert validators.rvnr("65 170839 J 003") == "65170839J003"
    with pytest.raises(FieldError, match="nicht gültig"):
        validators.rvnr("65170839J004")
    with pytest.raises(FieldError, match="12 Zeichen"):
        validators.rvnr("65170839003")
    with pytest.raises(FieldError, match="Geburtsdatum"):
        validators.rvnr("65171339J003")  # month 13


@pytest.mark.parametrize(
    ("raw", "cents"),
    [
        ("450", 45000),
        ("450,5", 45050),
        ("1.234,56", 123456),
        ("1234,56 €", 123456),
        ("12.50", 1250),
        ("1.250", 125000),
        (" 0 ", 0),
        ("1 234,00", 123400),
    ],
)
def test_money_as_germans_write_it(raw, cents):
    assert validators.money_to_cents(raw) == cents


@pytest.mark.parametrize("raw", ["-5", "12,345", "1,2,3", "abc", "1.23.4", ""])
def test_money_rejects_what_is_not_an_amount(raw):
    with pytest.raises(FieldError):
        validators.money_to_cents(raw)


def test_money_formatting_round_trip():
    assert validators.format_cents(123456) == "1.234,56 €"
    assert validators.cents_to_input(45000) == "450"
    assert validators.cents_to_input(45050) == "450,50"


def test_bg_nummer_and_kundennummer_formats():
    assert validators.bg_nummer("12345 BG 0012345") == "12345BG0012345"
    with pytest.raises(FieldError):
        validators.bg_nummer("12345XX0012345")
    assert validators.kundennummer("123d456789") == "123D456789"
    with pytest.raises(FieldError):
        validators.kundennummer("1234567890")


def test_postcode_phone_email():
    assert validators.postcode(" 01067 ") == "01067"
    with pytest.raises(FieldError):
        validators.postcode("1067")
    assert validators.phone("+49 (30) 123-4567") == "+49 (30) 123-4567"
    with pytest.raises(FieldError):
        validators.phone("call me")
    assert validators.email(" kim@example.org ") == "kim@example.org"
    with pytest.raises(FieldError):
        validators.email("kim@")
