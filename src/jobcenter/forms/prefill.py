"""What a wizard page shows before the citizen typed anything: the form's context values,
suggestions from the login's identity claims, and — by role — from the citizen's last
application. Pure functions of their inputs; the wizard view only gathers the request's parts
(the login's assurance level and claims, the last submission) and passes them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from jobcenter.forms import selectors
from jobcenter.forms.conditions import CONTEXT_KEY
from jobcenter.forms.definition import FormDefinition, Page
from jobcenter.forms.fields import FieldError
from jobcenter.forms.roles import SUGGESTED_ROLES


def with_context(
    definition: FormDefinition, answers: Mapping[str, Any], *, today: dt.date, assurance_level: str
) -> dict:
    """The answers with the form's context values as they are now (``CONTEXT_KEY``).

    The application date stays as stored (set when the date was secured; ``today`` otherwise);
    the login's assurance level is always the current one. Forms without context values get
    the stored answers as they are.
    """
    if not definition.context:
        return dict(answers)
    stored = answers.get(CONTEXT_KEY)
    context = {"antragsdatum": today.isoformat(), **(stored if isinstance(stored, dict) else {})}
    if "vertrauensniveau" in definition.context:
        context["vertrauensniveau"] = assurance_level or ""
    context = {k: v for k, v in context.items() if k in definition.context}
    return {**answers, CONTEXT_KEY: context}


def _claim(claims: Mapping, path: str):
    value = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def from_claims(page: Page, answers: Mapping[str, Any], claims: Mapping | None) -> dict:
    """The answers with a state-account login's identity claims suggested (``page.prefill``)
    where the page has no answer yet; only values the field itself would accept."""
    if not page.prefill or not claims:
        return dict(answers)
    suggested = {}
    for key, path in page.prefill:
        value, f = _claim(claims, path), next((f for f in page.fields if f.key == key), None)
        if f is None or value in (None, "") or answers.get(key) not in (None, ""):
            continue
        try:
            suggested[key] = f.clean(f.to_raw(str(value)))
        except (FieldError, ValueError, TypeError):
            continue
    return {**answers, **suggested}


def from_last_application(page: Page, answers: Mapping[str, Any], last) -> dict:
    """Who the citizen is, where they live and how to reach them (``SUGGESTED_ROLES``),
    suggested on ``page`` from ``last`` (a submission of any form) where the page has no answer
    yet. Never an answer about their situation, nor a bank account (a form that asks for one
    asks for a *new* one; ``Page.shows_known`` shows the old one instead)."""
    wanted = [f for f in page.fields if answers.get(f.key) in (None, "")]
    if last is None or not any(f.role in SUGGESTED_ROLES for f in wanted):
        return {}
    return selectors.carried_over(last.form_ident, last.answers, wanted, SUGGESTED_ROLES)


def wants_last_application(page: Page, answers: Mapping[str, Any]) -> bool:
    """Whether the page has an empty field the last application could suggest."""
    return any(f.role in SUGGESTED_ROLES and answers.get(f.key) in (None, "") for f in page.fields)


def known_values(page: Page, submissions) -> tuple[list[tuple[str, str]], object | None]:
    """For a page with ``shows_known``: the labelled values of those roles from the newest of
    ``submissions`` (newest first) that has all of them, and that submission; else ([], None).
    Shown read-only; nothing is copied into the answers."""
    if not page.shows_known:
        return [], None
    for submission in submissions:
        values = selectors.labelled_values_by_role(
            submission.form_ident, submission.answers, page.shows_known
        )
        if len(values) == len(page.shows_known):
            return values, submission
    return [], None
