"""Field roles: declared once on the field, checked when the definition is built, read by role."""

import datetime as dt

import pytest

from jobcenter.forms import numbers
from jobcenter.forms import selectors as forms
from jobcenter.forms.definition import FormDefinition, Page, RepeatPage
from jobcenter.forms.fields import TextField
from jobcenter.forms.flow import PageAction
from jobcenter.forms.roles import Role


def _form(*pages) -> FormDefinition:
    return FormDefinition(key="r", version="1-1", title="R", description="", pages=pages)


def test_an_applicant_role_is_on_one_field_only():
    with pytest.raises(ValueError, match="two fields"):
        _form(
            Page(
                key="a",
                title="A",
                fields=(
                    TextField(key="plz", label="P", role=Role.POSTCODE),
                    TextField(key="plz2", label="P", role=Role.POSTCODE),
                ),
            )
        )


def test_roles_belong_where_they_make_sense():
    _form(Page(key="a", title="A", fields=(TextField(key="v", label="V", role="first_name"),)))
    with pytest.raises(ValueError, match="does not belong"):
        _form(
            RepeatPage(
                key="g",
                title="G",
                group="g",
                item_label="%(n)d",
                add_label="+",
                fields=(TextField(key="v", label="V", role=Role.FIRST_NAME),),
            )
        )
    with pytest.raises(ValueError, match="does not belong"):
        _form(
            Page(
                key="a",
                title="A",
                fields=(TextField(key="v", label="V", role="person_first_name"),),
            )
        )
    with pytest.raises(ValueError, match="unknown role"):
        _form(Page(key="a", title="A", fields=(TextField(key="v", label="V", role="vorname"),)))


@pytest.mark.parametrize("definition", forms.all_definitions(), ids=lambda d: d.ident)
def test_every_form_says_who_the_applicant_is_and_how_to_reach_them(definition):
    for role in (Role.FIRST_NAME, Role.LAST_NAME, Role.BIRTH_DATE, Role.EMAIL):
        assert definition.key_for(role), (definition.ident, role)


def test_values_a_form_has_no_field_for_are_kept_by_role():
    wba = forms.get("wba@2026-1")  # asks no address
    answers = forms.answers_by_role(
        wba, {Role.FIRST_NAME: "Kim", Role.POSTCODE: "00155", Role.CITY: ""}
    )
    assert answers == {"vorname": "Kim", forms.ROLES_KEY: {"postcode": "00155"}}
    facts = forms.applicant_facts(wba, answers)
    assert (facts.first_name, facts.postcode, facts.city) == ("Kim", "00155", "")
    assert forms.applicant_facts("gibt-es-nicht@1-1", answers).first_name == ""
    assert forms.applicant_facts(wba, {"geburtsdatum": "1980-03-27"}).birth_date == (
        dt.date(1980, 3, 27)
    )


def test_incomes_are_found_by_role_in_either_form():
    wba, vaem = forms.latest("wba"), forms.latest("aenderung")
    wba_answers = {"einkommen": [{"art": "rente", "brutto": "812.00"}]}
    vaem_answers = {"ek_art": "rente", "ek_betrag": "812.00"}
    for definition, answers in ((wba, wba_answers), (vaem, vaem_answers)):
        assert forms.item_values_by_role(definition, answers, Role.INCOME_KIND) == ["rente"]
        assert forms.item_values_by_role(definition, answers, Role.INCOME_AMOUNT) == ["812.00"]


def test_the_iban_is_defined_once():
    assert numbers.iban("de89 3704 0044 0532 0130 00") == "DE89370400440532013000"
    assert numbers.iban("DE89370400440532013001") is None  # check sum
    assert numbers.iban_problem("DE8937040044053201300") == numbers.IbanProblem.LENGTH
    assert numbers.format_iban("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00"


def test_page_buttons():
    assert PageAction.parse(None).name == "weiter"
    assert PageAction.parse("entfernen-2").remove == 2
    assert PageAction.parse("entfernen-x").remove is None
    assert PageAction.parse("zurueck").keeps_input and not PageAction.parse("weiter").keeps_input
