"""Object-level access, generated from the URL configuration (ASVS 8.2.2, 8.4.1; BSI CON.10.A2).

Every URL pattern with a parameter that could be an object id is requested as the owner, another
citizen, anonymous, staff of the same Jobcenter and staff of another one. Only the registered
combinations may succeed; all others must answer 404 (anonymous: 404 or the login page).
Variants repeat a URL in another situation (forwarded cases: the old and the new Jobcenter,
before and after the forwarding, documents received before and after it).
A new URL with an object id that nobody registered fails ``test_every_object_url_is_covered``.
How to register: tests/security/access_matrix.py.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jobcenter.accounts.models import Role
from tests.accounts.fixtures import login_as, make_citizen, make_staff
from tests.security import access_matrix as matrix

TESTS = Path(__file__).resolve().parents[1]
for module in sorted(TESTS.glob("*/access_cases.py")):
    importlib.import_module(f"tests.{module.parent.name}.access_cases")

# The form wizard addresses a form definition and one of its pages by key; the draft itself is
# found from the session or account (scoped by the intake app), never from the URL.
matrix.not_object_params("form", "page", reason="form definition and page keys, not objects")

LOGIN_PATHS = ("/konto/anmelden/", "/backoffice/anmelden/", "/admin/login/")


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            params = set(entry.pattern.regex.groupindex)
            for part in prefix.split("<")[1:]:
                params.add(part.split(">")[0].split(":")[-1])
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), params


def object_urls():
    found = {}
    for name, route, params in _walk(get_resolver().url_patterns):
        if params - set(matrix.NOT_OBJECT_PARAMS):
            found[name] = route
    return found


def _exempt(name):
    return name in matrix.EXEMPT or any(name.startswith(p) for p in matrix.EXEMPT_PREFIXES)


def test_every_object_url_is_covered():
    missing = [
        f"{name}  ({route})"
        for name, route in object_urls().items()
        if name not in matrix.CASES and not _exempt(name)
    ]  # the plain row, not a variant
    assert not missing, (
        "URL patterns with object ids but no access-matrix entry (register them in "
        "tests/<app>/access_cases.py):\n" + "\n".join(missing)
    )


def test_registered_cases_still_exist():
    assert matrix.covered_url_names() <= set(object_urls())


@dataclass
class World:
    jobcenter: object
    other_jobcenter: object
    owner: object
    other_citizen: object
    staff_same: object
    staff_other: object

    def client_for(self, actor) -> Client:
        client = Client()
        if actor != "anonymous":
            login_as(client, getattr(self, actor))
        return client


@pytest.fixture
def world(jobcenter, other_jobcenter):
    return World(
        jobcenter=jobcenter,
        other_jobcenter=other_jobcenter,
        owner=make_citizen("owner@example.invalid"),
        other_citizen=make_citizen("other@example.invalid"),
        staff_same=make_staff(jobcenter, roles=[Role.SACHBEARBEITUNG, Role.TEAMLEITUNG]),
        staff_other=make_staff(other_jobcenter, roles=[Role.SACHBEARBEITUNG, Role.TEAMLEITUNG]),
    )


@pytest.mark.parametrize("actor", matrix.ACTORS)
@pytest.mark.parametrize("url_name", sorted(matrix.CASES))
def test_access(world, url_name, actor):
    case = matrix.CASES[url_name]
    url = reverse(case.url_name, kwargs=case.build(world, actor))
    client = world.client_for(actor)
    response = getattr(client, case.method.lower())(url, case.data)
    location = response.get("Location", "")
    to_login = response.status_code == 302 and location.startswith(LOGIN_PATHS)
    if actor in case.allowed:
        assert response.status_code < 400 and not to_login, (
            f"{actor} should reach {url} but got {response.status_code} {location}"
        )
    elif actor == "anonymous":
        assert response.status_code == 404 or to_login, (
            f"LEAK: anonymous got {response.status_code} {location} for {url}"
        )
    else:
        assert response.status_code == 404, (
            f"LEAK: {actor} got {response.status_code} {location} for {url}"
        )
