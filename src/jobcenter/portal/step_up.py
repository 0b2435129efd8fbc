"""The step-up gate of the wizard: a change of bank account or address needs the level
"substanziell" or a second factor in this session (``accounts.session.meets_assurance``).

Otherwise the page's answers are not taken: everything typed stays in the draft as the page's
kept input (``pending``), the citizen is sent to the step-up page and, after confirming the
login, comes back to the page with the input in place and sends it again. The fields are found
by role (``forms.roles.CHANGE_ROLES``), never by answer key.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from jobcenter.accounts import session as accounts
from jobcenter.forms.roles import CASE_ROLE, CHANGE_ROLES

EMPTY = (None, "", [])


def _about_existing_case(definition) -> bool:
    return definition.key_for(CASE_ROLE) is not None


def changed_keys(definition, page, values: dict, before: dict) -> list[str]:
    """The answer keys of ``page`` with a change role whose new value differs from ``before``."""
    if not _about_existing_case(definition):
        return []
    return [
        field.key
        for field in page.fields
        if field.role in CHANGE_ROLES
        and values.get(field.key) not in EMPTY
        and values.get(field.key) != before.get(field.key)
    ]


def held_values(request, definition, page, values: dict, before: dict) -> dict | None:
    """None when the page may be saved as sent; else the values to save instead (the changed
    fields keep their earlier answers)."""
    keys = changed_keys(definition, page, values, before)
    if not keys or accounts.meets_assurance(request, accounts.SUBSTANTIAL):
        return None
    return {**values, **{key: before.get(key) for key in keys}}


def draft_needs_step_up(request, definition, answers: dict) -> bool:
    """At sending: the draft holds a change of bank account or address and this login is not
    strong enough (it may have been saved in an earlier, stronger session)."""
    if not _about_existing_case(definition) or accounts.meets_assurance(
        request, accounts.SUBSTANTIAL
    ):
        return False
    return any(
        field.role in CHANGE_ROLES and answers.get(field.key) not in EMPTY
        for page in definition.pages
        for field in getattr(page, "fields", ())
    )


def url(back_to: str) -> str:
    return f"{reverse('accounts:step_up')}?" + urlencode(
        {"next": back_to, "level": accounts.SUBSTANTIAL}
    )
