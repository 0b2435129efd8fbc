"""The registry behind tests/security/test_access_matrix.py.

Every URL pattern that takes an object id must be registered here, by the app that owns it, in a
module ``tests/<app>/access_cases.py`` (imported automatically)::

    from tests.security.access_matrix import register

    @register("portal:draft_detail", allowed={"owner"})
    def draft(world, actor):
        draft = make_draft(owner=world.owner, jobcenter=world.jobcenter)
        return {"jobcenter": world.jobcenter.slug, "pk": draft.pk}

``build(world, actor)`` creates a fresh object that belongs to ``world.owner`` (a citizen) and
``world.jobcenter`` and returns the URL kwargs. It runs once per actor, so a POST that deletes the
object does not disturb the next actor. Actors:

- ``owner``: the citizen who owns the object
- ``other_citizen``: another citizen
- ``anonymous``
- ``staff_same``: a staff member (Sachbearbeitung, TOTP-verified) of the object's Jobcenter
- ``staff_other``: the same, of another Jobcenter

An allowed actor must get a response below 400 that is not a redirect to a login page. Everyone
else must get 404 (anonymous visitors may instead be sent to a login page).

URLs whose parameters are not object ids, or that are protected by a secret in the URL, are
declared with ``exempt(url_name, reason)`` or ``not_object_params(*names, reason=...)``.

The same URL in another situation is a **variant**: ``register(url_name, variant="…", …)``
adds a row of its own next to the plain one (which every object URL still needs). Forwarding
(§ 16 SGB I) uses it: the object starts at ``world.jobcenter`` and is forwarded to
``world.other_jobcenter``, so ``staff_same`` is the old Jobcenter's staff and ``staff_other``
the new one's (before and after the forwarding, the old and the new case, documents received
before and after it)::

    @register("backoffice:case_detail", variant="alter Vorgang nach Weiterleitung",
              allowed={"staff_same"})
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ACTORS = ("owner", "other_citizen", "anonymous", "staff_same", "staff_other")


@dataclass(frozen=True)
class Case:
    url_name: str
    build: Callable
    allowed: frozenset
    method: str = "GET"
    data: dict = field(default_factory=dict)


CASES: dict[str, Case] = {}
EXEMPT: dict[str, str] = {}
EXEMPT_PREFIXES: dict[str, str] = {}
NOT_OBJECT_PARAMS: dict[str, str] = {"jobcenter": "the Jobcenter's public slug (tenant)"}


def register(
    url_name: str, *, allowed, method: str = "GET", data: dict | None = None, variant: str = ""
):
    unknown = set(allowed) - set(ACTORS)
    assert not unknown, f"unknown actors {unknown}"
    key = f"{url_name} [{variant}]" if variant else url_name
    assert key not in CASES, f"registered twice: {key}"

    def decorator(build):
        CASES[key] = Case(url_name, build, frozenset(allowed), method, data or {})
        return build

    return decorator


def covered_url_names() -> set[str]:
    return {case.url_name for case in CASES.values()}


def exempt(url_name: str, reason: str) -> None:
    if url_name.endswith(":*"):
        EXEMPT_PREFIXES[url_name[:-1]] = reason
    else:
        EXEMPT[url_name] = reason


def not_object_params(*names: str, reason: str) -> None:
    for name in names:
        NOT_OBJECT_PARAMS[name] = reason
