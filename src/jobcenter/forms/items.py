"""Where per-person pages get their persons from: the applicant and a household group.

A ``PerItemPage`` (definition.py) is asked once for every item a source yields. An item is a plain
dict — the *item context* — that the page's ``select`` condition and its field conditions read
with the ordinary conditions (``AtLeast("alter", 15)``, ``IsYes("bg")``, ``Equals(...)``):

- ``nr``: 1, 2, … — stable within one answer set; it is part of the instance's page key
  (``ek-2``) and so of the URL and of the answer key;
- ``name``: how the page and the task list name the item ("Kim Musterfrau");
- ``id``: name and birth date; stored with the instance's answers (``ITEM_ID``), which count only
  for the person they were given for;
- whatever the source adds (``Persons``: ``alter``, ``antragsteller``, ``bg`` and the fields of the
  household item, e.g. ``beziehung``).

Ages are computed from birth dates against the application date, the context value
``antragsdatum`` (the day the application was secured), or today while there is none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from jobcenter.forms.conditions import ALWAYS, CONTEXT_KEY, Condition

ITEM_ID = "_fuer"  # in an instance's answers: the ``id`` of the person they belong to


def age_on(birth: Any, day: dt.date) -> int | None:
    """Completed years on ``day`` (a person born on 29 February turns a year older on 1 March)."""
    if not isinstance(birth, str):
        return None
    try:
        born = dt.date.fromisoformat(birth)
    except ValueError:
        return None
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return max(years, 0)


def reference_date(answers: Mapping[str, Any], key: str = "antragsdatum") -> dt.date:
    context = answers.get(CONTEXT_KEY)
    value = context.get(key) if isinstance(context, Mapping) else None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return timezone.localdate()


def _name(data: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    return " ".join(str(data.get(k)).strip() for k in keys if data.get(k)).strip()


def _identity(data: Mapping[str, Any], *keys: Any) -> str:
    """Who an instance's answers were given for (name and birth date), so answers never pass to
    another person when the household list changes and the numbers shift."""
    flat = [k for part in keys for k in (part if isinstance(part, tuple) else (part,))]
    return "|".join(str(data.get(k) or "") for k in flat)[:300]


@dataclass(frozen=True)
class Persons:
    """The applicant (person 1, from the form's own answers) and the members of ``group``.

    ``bg`` names the yes/no answer of a household member "belongs to the Bedarfsgemeinschaft";
    the applicant always does. ``bg_only_if`` (a condition on the item context) limits what the
    answer can claim, e.g. that a child of 25 or older forms a Bedarfsgemeinschaft of its own.
    """

    group: str
    name_keys: tuple[str, ...] = ("vorname", "nachname")
    birth_key: str = "geburtsdatum"
    bg: str = "bg"
    date_context: str = "antragsdatum"
    bg_only_if: Condition = ALWAYS

    def items(self, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
        day = reference_date(answers, self.date_context)
        people = [
            {
                "nr": 1,
                "name": _name(answers, self.name_keys),
                "antragsteller": True,
                "id": _identity(answers, self.name_keys, self.birth_key),
                "alter": age_on(answers.get(self.birth_key), day),
                "bg": True,
            }
        ]
        members = answers.get(self.group)
        for n, item in enumerate(members if isinstance(members, list) else [], start=2):
            if not isinstance(item, Mapping):
                continue
            person = {
                **item,
                "nr": n,
                "name": _name(item, self.name_keys),
                "antragsteller": False,
                "id": _identity(item, self.name_keys, self.birth_key),
                "alter": age_on(item.get(self.birth_key), day),
                "bg": item.get(self.bg) is True,
            }
            person["bg"] = person["bg"] and self.bg_only_if(person)
            people.append(person)
        return people


@dataclass(frozen=True)
class AnyPerson(Condition):
    """Some person of ``source`` (with age and BG membership worked out) meets ``condition``."""

    source: Persons
    condition: Condition
    scoped = True  # ``condition`` reads a person's context, not the form's answers

    def __call__(self, answers: Mapping[str, Any]) -> bool:
        return any(self.condition(person) for person in self.source.items(answers))


@dataclass(frozen=True)
class Items:
    """The items of a repeatable group (e.g. one Anlage EKS per self-employed activity)."""

    group: str
    name_keys: tuple[str, ...]

    def items(self, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
        items = answers.get(self.group)
        return [
            {
                **item,
                "nr": n,
                "name": _name(item, self.name_keys),
                "id": _identity(item, self.name_keys),
            }
            for n, item in enumerate(items if isinstance(items, list) else [], start=1)
            if isinstance(item, Mapping)
        ]
