"""The form engine's reads — with ``services`` (writes to the registry) the only modules other
apps import from ``jobcenter.forms``:

- the registered definitions (``get``, ``latest``, ``all_definitions``), the form named in a URL
  (``form_key_of``), page flow, page forms, rendering, JSON Schema and the documents a form needs;
- what other apps may read from a form's answers: values by role (``roles.Role``), never by key.

A submission or draft stores ``form_key``, ``form_version`` and its answers; pass its
``form_ident`` (``key@version``) or the definition itself together with the answers. An unknown
form (a version no longer registered) has no roles: every value is empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from jobcenter.forms import numbers
from jobcenter.forms.conditions import CONTEXT_KEY
from jobcenter.forms.definition import (
    FormDefinition,
    FormKind,
    Page,
    PageInstance,
    PerItemPage,
    RepeatPage,
    all_definitions,
    get,
    latest,
    page_intro,
)
from jobcenter.forms.documents import NeededDocument, ToPrepare, documents_needed, to_prepare
from jobcenter.forms.fields import Field, FieldError
from jobcenter.forms.flow import (
    Destination,
    PageAction,
    after_save,
    first_page,
    incomplete_pages,
    next_page,
    previous_page,
    step_of,
)
from jobcenter.forms.rendering import Mode, Section, render_answers
from jobcenter.forms.roles import Role
from jobcenter.forms.schema import form_json_schema
from jobcenter.forms.steps import PageForm, page_is_complete

__all__ = [
    "CONTEXT_KEY",
    "Destination",
    "FormDefinition",
    "FormKind",
    "Mode",
    "NeededDocument",
    "Page",
    "PageAction",
    "PageForm",
    "PageInstance",
    "PerItemPage",
    "RepeatPage",
    "Section",
    "ToPrepare",
    "after_save",
    "all_definitions",
    "documents_needed",
    "documents_needed_for_staff",
    "first_page",
    "form_json_schema",
    "get",
    "incomplete_pages",
    "latest",
    "next_page",
    "page_intro",
    "page_is_complete",
    "previous_page",
    "render_answers",
    "step_of",
    "to_prepare",
]

# URL slug → form key. The slug is what citizens see (the wizard's and the upload pages' URLs);
# the key is what the data stores.
FORM_SLUGS = {
    "weiterbewilligung": "wba",
    "veraenderung": "aenderung",
    "buergergeld": "erstantrag",
    "antrag-sichern": "antrag_gesichert",
    "ortsabwesenheit": "ortsabwesenheit",
    "krankmeldung": "arbeitsunfaehigkeit",
    "einmalige-bedarfe": "einmalige_bedarfe",
    "mietschulden": "darlehen_schulden",
    "umzug": "umzug_zusicherung",
    "nachricht": "nachricht",
}
SLUG_OF = {key: slug for slug, key in FORM_SLUGS.items()}


def form_key_of(slug: str) -> str:
    """The form key of a URL slug; 404 for an unknown one."""
    key = FORM_SLUGS.get(slug)
    if key is None:
        raise Http404
    return key


FormRef = FormDefinition | str | None

# Values given by role for which the form has no field: a paper application's identification
# as the caseworker typed it (the printed WBA has an address; the online one does not ask).
ROLES_KEY = "_rollen"


def definition_of(form: FormRef) -> FormDefinition | None:
    if isinstance(form, FormDefinition) or form is None:
        return form
    return get(form)


def key_for(form: FormRef, role: Role) -> str | None:
    """The answer key of the applicant field with ``role`` in this form, if it has one."""
    definition = definition_of(form)
    return definition.key_for(role) if definition is not None else None


def value_by_role(form: FormRef, answers: Mapping[str, Any], role: Role) -> Any:
    """The stored answer of the applicant field with ``role`` (None: no such field/answer)."""
    key = key_for(form, role)
    if key is not None:
        return answers.get(key)
    by_role = answers.get(ROLES_KEY)
    return by_role.get(role) if isinstance(by_role, Mapping) else None


def item_values_by_role(form: FormRef, answers: Mapping[str, Any], role: Role) -> list[Any]:
    """Every answer to a field with ``role`` in repeatable groups, per-person pages and ordinary
    pages (e.g. all incomes' kinds), in page order; unanswered ones left out."""
    definition = definition_of(form)
    if definition is None:
        return []
    found: list[Any] = []
    for page in definition.pages:
        keys = [f.key for f in page.fields if f.role == role]
        if not keys:
            continue
        if isinstance(page, RepeatPage):
            group = answers.get(page.group)
            stores = group if isinstance(group, list) else []
        elif isinstance(page, PerItemPage):
            stores = [v for k, v in answers.items() if k.startswith(f"{page.key}-")]
        else:
            stores = [answers]
        stores = [s for s in stores if isinstance(s, Mapping)]
        found += [s[k] for s in stores for k in keys if s.get(k) not in (None, "", [])]
    return found


def people_named(form: FormRef, answers: Mapping[str, Any]) -> list[str]:
    """Everyone the answers name: the applicant first, then each person of a repeatable group
    (household members, people who moved in or out), by the ``PERSON_*`` roles."""
    definition = definition_of(form)
    if definition is None:
        return []
    people: list[str] = []

    def add(name: str) -> None:
        if name and name not in people:
            people.append(name)

    add(applicant_facts(definition, answers).name)
    for page in definition.pages:
        if not isinstance(page, RepeatPage):
            continue
        first = next((f.key for f in page.fields if f.role == Role.PERSON_FIRST_NAME), None)
        last = next((f.key for f in page.fields if f.role == Role.PERSON_LAST_NAME), None)
        if first is None and last is None:
            continue
        items = answers.get(page.group)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, Mapping):
                add(" ".join(str(item.get(k) or "").strip() for k in (first, last) if k).strip())
    return people


@dataclass(frozen=True)
class ApplicantFacts:
    """Who the applicant is and how to reach them, as the answers say (stripped text, numbers in
    their one spelling, "" where not answered)."""

    first_name: str = ""
    last_name: str = ""
    birth_date: dt.date | None = None
    bg_nummer: str = ""
    kundennummer: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    new_street: str = ""
    new_postcode: str = ""
    new_city: str = ""
    email: str = ""
    phone: str = ""
    account_holder: str = ""
    iban: str = ""
    topic: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def current_street(self) -> str:
        """Where the applicant lives now: the address, else the new one of a change notice."""
        return self.street or self.new_street

    @property
    def current_postcode(self) -> str:
        return self.postcode or self.new_postcode

    @property
    def current_city(self) -> str:
        return self.city or self.new_city


_NUMBER_ROLES = {
    Role.BG_NUMMER: numbers.compact,
    Role.KUNDENNUMMER: numbers.compact,
    Role.IBAN: numbers.iban_compact,
}


def applicant_facts(form: FormRef, answers: Mapping[str, Any]) -> ApplicantFacts:
    """The applicant facts of a form's answers, found by the fields' roles."""
    definition = definition_of(form)
    if definition is None:
        return ApplicantFacts()

    def text(role: Role) -> str:
        value = value_by_role(definition, answers, role)
        if not isinstance(value, str):
            return ""
        value = value.strip()
        return _NUMBER_ROLES[role](value) if role in _NUMBER_ROLES else value

    birth = None
    if raw := text(Role.BIRTH_DATE):
        try:
            birth = dt.date.fromisoformat(raw)
        except ValueError:
            birth = None
    return ApplicantFacts(
        **{
            role.value: text(role)
            for role in (
                Role.FIRST_NAME,
                Role.LAST_NAME,
                Role.BG_NUMMER,
                Role.KUNDENNUMMER,
                Role.STREET,
                Role.POSTCODE,
                Role.CITY,
                Role.NEW_STREET,
                Role.NEW_POSTCODE,
                Role.NEW_CITY,
                Role.EMAIL,
                Role.PHONE,
                Role.ACCOUNT_HOLDER,
                Role.IBAN,
                Role.TOPIC,
            )
        },
        birth_date=birth,
    )


def documents_needed_for_staff(form: FormRef, answers: Mapping[str, Any]) -> list[NeededDocument]:
    """The documents the answers call for, as the back office reads them: where the citizen's
    list says "Sie selbst", the applicant is named in the third person, by the name the
    answers give (the same name as on their per-person pages), else "Antragsteller/in"."""
    definition = definition_of(form)
    if definition is None:
        return []
    applicant = applicant_facts(definition, answers).name or _("Antragsteller/in")
    return documents_needed(definition, answers, applicant=applicant)


@dataclass(frozen=True)
class FlagShown:
    key: str
    label: str
    urgent: bool


def case_flags(form: FormRef, answers: Mapping[str, Any]) -> list[str]:
    """The keys of the form's case flags the answers meet today (worked out once, on arrival)."""
    definition = definition_of(form)
    return [] if definition is None else [f.key for f in definition.flags_for(answers)]


def flags_shown(form: FormRef, keys: Iterable[str]) -> list[FlagShown]:
    """Stored flag keys with their labels, urgent ones first; a key the form no longer
    declares is shown as stored."""
    definition = definition_of(form)
    out = []
    for key in keys:
        flag = definition.flag(key) if definition is not None else None
        out.append(
            FlagShown(key, str(flag.label), flag.urgent) if flag else FlagShown(key, key, False)
        )
    return sorted(out, key=lambda f: not f.urgent)


def answers_by_role(form: FormRef, values: Mapping[Role, Any]) -> dict[str, Any]:
    """Answers for ``form`` from values given by role (e.g. typed from a paper application):
    under the key of the form's field with that role, else under ``ROLES_KEY``; empty values
    are left out."""
    definition = definition_of(form)
    out: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for role, value in values.items():
        if value in (None, ""):
            continue
        key = definition.key_for(role) if definition is not None else None
        if key is not None:
            out[key] = value
        else:
            extra[str(role)] = value
    if extra:
        out[ROLES_KEY] = extra
    return out


def flat_answers(answers: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The answers as (key, value) pairs, values given by role among them (by role name)."""
    by_role = answers.get(ROLES_KEY)
    pairs = [(k, v) for k, v in answers.items() if k != ROLES_KEY]
    if isinstance(by_role, Mapping):
        pairs += list(by_role.items())
    return sorted(pairs)


def applicant_fields(form: FormRef) -> list[Field]:
    """The fields with an applicant role (on the form's ordinary pages)."""
    definition = definition_of(form)
    if definition is None:
        return []
    return [
        f
        for page, f in definition.iter_fields()
        if f.role and not isinstance(page, RepeatPage | PerItemPage)
    ]


def carried_over(
    source: FormRef,
    source_answers: Mapping[str, Any],
    fields: Iterable[Field],
    roles: Iterable[Role],
) -> dict[str, Any]:
    """Answers for ``fields`` (of another form or version) taken over from ``source`` by role:
    only fields with one of ``roles``, only values the target field itself accepts."""
    wanted = set(roles)
    out: dict[str, Any] = {}
    for f in fields:
        if f.role not in wanted:
            continue
        value = value_by_role(source, source_answers, f.role)
        if value in (None, ""):
            continue
        try:
            out[f.key] = f.clean(f.to_raw(value))
        except (FieldError, ValueError, TypeError):
            continue
    return out


def labelled_values_by_role(
    form: FormRef, answers: Mapping[str, Any], roles: Iterable[Role]
) -> list[tuple[str, str]]:
    """(label, value as the check page shows it) of the applicant fields with ``roles`` that
    are answered in ``answers``, in the order of ``roles``."""
    definition = definition_of(form)
    if definition is None:
        return []
    out = []
    for role in roles:
        key = definition.key_for(role)
        value = answers.get(key) if key else None
        if key is None or value in (None, ""):
            continue
        f = definition.field(key)
        out.append((str(f.label), f.display(value)))
    return out
