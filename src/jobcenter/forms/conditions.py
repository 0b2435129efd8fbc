"""Conditions: when a page or a field applies, and when a document is needed.

A condition is a small named, immutable object (``IsYes("haushalt_geaendert")``), not a lambda and
not an expression inside a template, for three reasons: a reviewer can read a definition without
running it; a condition can describe itself (for the docs and the caseworker view); and it can be
compared, hashed and shown in tests. Conditions read the *stored* answers (``dict`` of field key
to JSON value), so they behave the same in the wizard, in the renderer and in the JSON export.

Answers of repeatable groups are lists of dicts; ``AnyItem`` looks inside them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

Answers = Mapping[str, Any]


class Condition:
    def __call__(self, answers: Answers) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def __and__(self, other: Condition) -> Condition:
        return AllOf((self, other))

    def __or__(self, other: Condition) -> Condition:
        return AnyOf((self, other))

    def __invert__(self) -> Condition:
        return Not(self)


@dataclass(frozen=True)
class Always(Condition):
    def __call__(self, answers: Answers) -> bool:
        return True


@dataclass(frozen=True)
class IsYes(Condition):
    """A yes/no question was answered "Ja"."""

    field: str

    def __call__(self, answers: Answers) -> bool:
        return answers.get(self.field) is True


@dataclass(frozen=True)
class Equals(Condition):
    field: str
    value: Any

    def __call__(self, answers: Answers) -> bool:
        return answers.get(self.field) == self.value


@dataclass(frozen=True)
class Contains(Condition):
    """A multiple-choice answer includes ``value`` (e.g. one change picked from the catalogue)."""

    field: str
    value: str

    def __call__(self, answers: Answers) -> bool:
        chosen = answers.get(self.field)
        return isinstance(chosen, list) and self.value in chosen


@dataclass(frozen=True)
class AnyItem(Condition):
    """Some item of a repeatable group satisfies ``condition`` (e.g. any new person is a child)."""

    group: str
    condition: Condition

    def __call__(self, answers: Answers) -> bool:
        items = answers.get(self.group)
        return isinstance(items, list) and any(
            isinstance(item, Mapping) and self.condition(item) for item in items
        )


@dataclass(frozen=True)
class AllOf(Condition):
    conditions: tuple[Condition, ...]

    def __call__(self, answers: Answers) -> bool:
        return all(c(answers) for c in self.conditions)


@dataclass(frozen=True)
class AnyOf(Condition):
    conditions: tuple[Condition, ...]

    def __call__(self, answers: Answers) -> bool:
        return any(c(answers) for c in self.conditions)


@dataclass(frozen=True)
class Not(Condition):
    condition: Condition

    def __call__(self, answers: Answers) -> bool:
        return not self.condition(answers)


@dataclass(frozen=True)
class AtLeast(Condition):
    """A number answer is at least ``value`` (e.g. a person's age: ``AtLeast("alter", 15)``)."""

    field: str
    value: int

    def __call__(self, answers: Answers) -> bool:
        number = answers.get(self.field)
        return isinstance(number, int) and not isinstance(number, bool) and number >= self.value


@dataclass(frozen=True)
class Below(Condition):
    """A number answer is below ``value``; an unknown number is not below anything."""

    field: str
    value: int

    def __call__(self, answers: Answers) -> bool:
        number = answers.get(self.field)
        return isinstance(number, int) and not isinstance(number, bool) and number < self.value


@dataclass(frozen=True)
class In(Condition):
    """A single-choice answer is one of ``values``."""

    field: str
    values: tuple

    def __call__(self, answers: Answers) -> bool:
        return answers.get(self.field) in self.values


@dataclass(frozen=True)
class DateWithinDays(Condition):
    """A date answer lies at most ``days`` days after today — past dates included (``0``: the
    date has come). It depends on the day it is asked, so it is meant for what is worked out once
    on arrival (``CaseFlag``), not for pages or fields, which must not change overnight."""

    field: str
    days: int

    def __call__(self, answers: Answers) -> bool:
        value = answers.get(self.field)
        if not isinstance(value, str):
            return False
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            return False
        return date <= timezone.localdate() + dt.timedelta(days=self.days)


# Values that do not come from the citizen's answers but from the situation — the login's
# assurance level, the application date — are kept in the answers under this key, written by the
# wizard on every save (so the receipt and the caseworker see what the wizard decided on).
CONTEXT_KEY = "_kontext"


@dataclass(frozen=True)
class ContextIn(Condition):
    """A context value (``CONTEXT_KEY``) is one of ``values``, e.g. the login's assurance level."""

    key: str
    values: tuple

    def __call__(self, answers: Answers) -> bool:
        context = answers.get(CONTEXT_KEY)
        return isinstance(context, Mapping) and context.get(self.key) in self.values


@dataclass(frozen=True)
class AnyInstance(Condition):
    """Some instance of a per-person page (``PerItemPage``, answers under ``"<page>-<n>"``)
    satisfies ``condition`` — e.g. anyone's Anlage EK names self-employment."""

    page: str
    condition: Condition
    scoped = True  # ``condition`` reads an instance's answers, not the form's

    def __call__(self, answers: Answers) -> bool:
        prefix = self.page + "-"
        return any(
            key.startswith(prefix)
            and key[len(prefix) :].isdigit()
            and isinstance(value, Mapping)
            and self.condition(value)
            for key, value in answers.items()
        )


ALWAYS = Always()
