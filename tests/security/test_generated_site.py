"""Generated requests against every page of the site, taken from the URL configuration: each
named URL pattern is opened as the person it is for (the owner of the object, staff of its
Jobcenter, or anonymous) and every form on it is sent with generated values (fields read from
the page's HTML, files where it takes files). A new page, form or upload endpoint is covered
without touching this file; only the exemptions below are listed by hand, each with its reason.

The wizard pages themselves (every page of every form) are in test_generated_requests.py, the
handover API in tests/handover/test_schemathesis.py. Objects for URLs with an id come from the
access matrix (tests/<app>/access_cases.py: every object URL has a builder there).
"""

from __future__ import annotations

import os
import re
import uuid

import pytest
from django.test import Client
from django.urls import get_resolver, resolve, reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from jobcenter.accounts.models import Role
from jobcenter.forms.selectors import FORM_SLUGS
from tests.accounts.fixtures import login_as, make_citizen, make_staff
from tests.security import access_matrix as matrix
from tests.security.generated import (
    MESSAGE_MARKERS,
    HtmlForm,
    Tally,
    html_forms,
    odd_text,
    post_data,
    upload_files,
)
from tests.security.test_access_matrix import World, _walk
from tests.security.test_generated_requests import GENERATED

# Examples per page: CI 1 (about 1,800 requests over the 286 targets); the full run
# (bench/generated_requests.py) sets GENERATED_REQUESTS_EXAMPLES for both files.
SITE_EXAMPLES = int(os.environ.get("GENERATED_SITE_EXAMPLES", "1"))

# Patterns not sent from here, and why.
EXEMPT_PREFIXES = {
    "admin:": "Django's admin (only verified administrators; Django's own forms and checks)",
    "demo_idp:": "the demo identity provider of `make run`, not served in production",
    "oauth2_provider:": "the demo OpenID provider of `make run`, not served in production",
    "handover_api:": "the handover API: schemathesis (tests/handover/test_schemathesis.py)",
}
EXEMPT = {
    "portal:wizard_page": "every page of every form: test_generated_requests.py::test_wizard_page",
}
# Forms of the page frame (header, footer) that appear on every page: sent on their own URL,
# not again from every page (a logout in the middle would turn the rest into anonymous requests).
FRAME_FORMS = {"accounts:logout", "backoffice:logout", "set_language", "accounts:session_extend"}
# Fields for a POST-only URL (the GET answers 405) whose form is on another page.
ACTION_FIELDS = {
    name: []
    for name in ("next", "language", "text", "status", "reason", "to", "aktion", "bestaetigen")
}
PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _exempt(name: str) -> bool:
    return name in EXEMPT or name.startswith(tuple(EXEMPT_PREFIXES))


def _site_targets() -> list[tuple[str, str, str]]:
    """(URL name, actor, form slug or "") for every named pattern that is not exempt."""
    targets = []
    for name, route, params in _walk(get_resolver().url_patterns):
        if _exempt(name):
            continue
        case = matrix.CASES.get(name)
        if case is not None:  # an object URL: as whom the object is for
            actors = [a for a in ("owner", "staff_same") if a in case.allowed] or ["anonymous"]
        elif route.startswith("backoffice/"):
            actors = ["staff_same"]
        elif route.startswith("konto/"):
            actors = ["owner", "anonymous"]
        else:
            actors = ["owner"]
        forms_ = sorted(FORM_SLUGS) if "form" in params else [""]
        targets += [(name, actor, slug) for actor in actors for slug in forms_]
    return targets


SITE_TARGETS = _site_targets()


def test_the_site_targets_come_from_the_url_configuration():
    names = {name for name, *_ in _walk(get_resolver().url_patterns)}
    assert set(EXEMPT) <= names, "an exemption names a URL that no longer exists"
    covered = {name for name, *_ in SITE_TARGETS}
    assert {n for n in names if not _exempt(n)} == covered
    # Among them the staff forms and the upload endpoints of issue 17.
    assert {
        "backoffice:paper_intake",
        "backoffice:case_detail",
        "mailbox:staff_decision_send",
        "mailbox:write",
        "documents:upload",
        "documents:draft_upload",
    } <= covered


def _url(name: str, route: str, kwargs: dict, slug: str, jobcenter) -> str:
    if not kwargs:  # not an object URL: every parameter from its converter
        for match in PARAM.finditer(route):
            converter, param = match.group("converter") or "str", match.group("name")
            kwargs[param] = {
                "jobcenter": jobcenter.slug,
                "form": slug,
            }.get(
                param,
                {"uuid": uuid.uuid4(), "int": 1, "slug": "x", "path": "x"}.get(converter, "x"),
            )
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def site_world(jobcenter, other_jobcenter):
    every_role = tuple(Role)
    return World(
        jobcenter=jobcenter,
        other_jobcenter=other_jobcenter,
        owner=make_citizen("owner@example.invalid"),
        other_citizen=make_citizen("other@example.invalid"),
        staff_same=make_staff(jobcenter, roles=every_role),
        staff_other=make_staff(other_jobcenter, roles=every_role),
    )


@pytest.fixture
def site_target(request, site_world):
    """The URL of this test's target, its object built once (not per example)."""
    name, actor, slug = (request.node.callspec.params[k] for k in ("name", "actor", "slug"))
    routes = {n: r for n, r, _p in _walk(get_resolver().url_patterns)}
    case = matrix.CASES.get(name)
    kwargs = dict(case.build(site_world, actor)) if case else {}
    url = _url(name, routes[name], kwargs, slug, site_world.jobcenter)
    user = None if actor == "anonymous" else getattr(site_world, actor)
    return url, user


@pytest.fixture
def site_tally(request):
    t = Tally(request.node.name)
    yield t
    t.write()


# Beside the wizard's error summary: a field's own error message (KERN ``kern-error``).
SITE_MESSAGE_MARKERS = (*MESSAGE_MARKERS, 'class="kern-error"')


def check(response, *, method: str, tally: Tally) -> None:
    """No server error, no traceback in the response; a posted form answered with a page (200,
    400, 409, 422) shows a message: the error summary or a field's error (the product's
    standard, tests/security/test_form_errors.py). Such an answer is still counted as "no
    message" for the bench's report before it fails the test."""
    html = response.get("Content-Type", "").startswith("text/html")
    body = response.content.decode(errors="replace") if not response.streaming else ""
    assert response.status_code < 500, body[:3000]
    assert "Traceback" not in body
    answered = html and method == "post" and response.status_code in (200, 400, 409, 422)
    # A field's error without the error summary at the top is not enough either.
    summary_missing = 'class="kern-error"' in body and 'role="alert"' not in body
    if answered and (summary_missing or not any(m in body for m in SITE_MESSAGE_MARKERS)):
        tally.statuses[f"{response.status_code} no message"] += 1
        request = response.wsgi_request
        raise AssertionError(
            f"{request.path} answered a posted form without a message "
            f"(no error summary, no field error): {response.status_code}\n"
            + body[max(body.find("<main"), 0) :][:3000]
        )


def _frame_form(action: str, page_url: str) -> bool:
    if action == page_url:
        return False
    try:
        return resolve(action.split("?")[0]).view_name in FRAME_FORMS
    except Exception:
        return False


@pytest.fixture
def site_page(site_target):
    """The page's forms, read once: the examples send what the page offered at the start (a
    form that a state change removes is still sent, as a stale tab would)."""
    url, user = site_target
    client = Client()
    if user is not None:
        login_as(client, user)
    page = client.get(url)
    if page.status_code == 405:  # an action without a page: POST it directly
        return [HtmlForm(action=url, method="post", fields=dict(ACTION_FIELDS))]
    if page.streaming or not page.get("Content-Type", "").startswith("text/html"):
        return []
    return [f for f in html_forms(page.content.decode(), url) if not _frame_form(f.action, url)]


@pytest.mark.parametrize(("name", "actor", "slug"), SITE_TARGETS)
@settings(GENERATED, max_examples=SITE_EXAMPLES)
@given(data=st.data())
def test_every_form_of_the_site(name, actor, slug, site_target, site_page, site_tally, data):
    url, user = site_target
    client = Client(raise_request_exception=True)  # a view's exception fails with its traceback
    # An earlier example may have deleted the account ("Konto löschen" takes a ticked box after
    # a recent login): the rest is sent anonymously.
    if user is not None and type(user).objects.filter(pk=user.pk).exists():
        login_as(client, user)
    page = client.get(url)
    site_tally.record(page)
    check(page, method="get", tally=site_tally)
    for form in site_page:
        body = data.draw(post_data(form.fields, form.hidden))
        if form.method == "post":
            body.update(data.draw(upload_files(form.files)))
            response = client.post(form.action, body)
        else:
            response = client.get(form.action, body)
        site_tally.record(response)
        check(response, method=form.method, tally=site_tally)
    if data.draw(st.booleans()):  # the page's own URL with a body nobody's form would send
        response = client.post(url, {data.draw(odd_text) or "x": data.draw(odd_text)})
        site_tally.record(response)
        check(response, method="", tally=site_tally)
