"""Amounts are read as people type them in their language and shown in its number format."""

import pytest
from django.utils import translation

from jobcenter.forms import validators


@pytest.mark.parametrize(
    ("language", "raw", "cents"),
    [
        ("de", "1.234,56", 123456),
        ("de", "1234,5", 123450),
        ("de", "12.50", 1250),  # a decimal point typed on a German page
        ("de", "1.250", 125000),
        ("en", "1,234.56", 123456),
        ("en", "1234.5", 123450),
        ("en", "12,50", 1250),  # a decimal comma typed on an English page
        ("en", "1,250", 125000),
        ("uk", "1 234,56", 123456),
        ("uk", "1\u00a0234,56", 123456),
        ("ru", "450,5 €", 45050),
        ("tr", "1.234,56", 123456),
        ("ar", "١٢٣٤٫٥٦", 123456),  # Arabic-Indic digits and decimal sign
        ("ar", "1234,56", 123456),
    ],
)
def test_amounts_as_typed_in_each_language(language, raw, cents):
    with translation.override(language):
        assert validators.money_to_cents(raw) == cents


@pytest.mark.parametrize(
    ("language", "shown", "input_"),
    [
        ("de", "1.234,56 €", "1234,56"),
        ("en", "1,234.56 €", "1234.56"),
        ("uk", "1\u00a0234,56 €", "1234,56"),
    ],
)
def test_amounts_shown_and_given_back_in_the_language(language, shown, input_):
    with translation.override(language):
        assert validators.format_cents(123456) == shown
        assert validators.cents_to_input(123456) == input_
        assert validators.money_to_cents(validators.cents_to_input(123456)) == 123456


@pytest.mark.parametrize("language", ["de", "en", "uk", "ar", "tr", "ru"])
def test_the_input_round_trip_keeps_the_value_in_every_language(language):
    with translation.override(language):
        for cents in (0, 5, 45050, 123456, 99_999_999):
            assert validators.money_to_cents(validators.cents_to_input(cents)) == cents
