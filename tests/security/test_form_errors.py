"""A posted form that is not taken comes back with an error summary at the top (a link to each
field with an error) and the error next to the field, and keeps what was typed: the product's
standard (KERN), as the citizen wizard does. One example per page that the generated-site suite
(test_generated_site.py) found answering without a message.
"""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from jobcenter.accounts.models import Role
from tests.accounts.fixtures import make_citizen, make_staff
from tests.security import access_matrix as matrix
from tests.security.test_access_matrix import World

TYPED = "Von Hand getippt 7"

# (URL name, actor, posted data, field whose error is expected, typed value kept or "")
PAGES = [
    ("accounts:register", "anonymous", {"email": "kim@example.invalid"}, "password", ""),
    ("accounts:register", "anonymous", {}, "email", ""),
    ("accounts:resend_verification", "anonymous", {}, "email", ""),
    ("accounts:resend_verification", "anonymous", {"email": TYPED}, "email", TYPED),
    ("accounts:password_change", "owner", {}, "new_password1", ""),
    ("accounts:email_change", "owner", {}, "new_email", ""),
    ("accounts:email_change", "owner", {"new_email": TYPED}, "new_email", TYPED),
    ("accounts:second_factor_setup", "owner", {}, "otp_token", ""),
    ("accounts:passkey_rename", "owner", {}, "name", ""),
    ("accounts:delete", "owner", {}, "confirm", ""),
    ("staff_account:password_change", "staff_same", {}, "new_password1", ""),
    ("staff_account:authenticator_replace", "staff_same", {}, "otp_token", ""),
    ("staff_account:passkey_rename", "staff_same", {}, "name", ""),
    ("backoffice:case_forward", "staff_same", {}, "reason", ""),
    ("backoffice:case_reopen", "staff_same", {}, "reason", ""),
    ("backoffice:case_request", "staff_same", {"other": TYPED, "deadline": "x"}, "deadline", TYPED),
    ("backoffice:case_match", "staff_same", {"action": "create"}, "first_name", ""),
    # A spoiled hidden "action": the create form's fields come back as typed, with a message.
    ("backoffice:case_match", "staff_same", {"action": "x", "last_name": TYPED}, "", TYPED),
    ("backoffice:case_request", "staff_same", {}, "deadline", ""),
    ("backoffice:paper_intake", "staff_same", {}, "first_name", ""),
    ("backoffice:paper_intake", "staff_same", {"last_name": TYPED}, "first_name", TYPED),
    ("retention:case_hold", "staff_same", {}, "reason", ""),
    ("retention:case_hold", "staff_same", {"reason": "x"}, "reason", ""),
    ("mailbox:write", "owner", {}, "thema", ""),
    ("mailbox:write", "owner", {"betreff": TYPED}, "nachricht", TYPED),
]


@pytest.fixture
def world(jobcenter, other_jobcenter):
    every_role = tuple(Role)
    return World(
        jobcenter=jobcenter,
        other_jobcenter=other_jobcenter,
        owner=make_citizen("owner@example.invalid"),
        other_citizen=make_citizen("other@example.invalid"),
        staff_same=make_staff(jobcenter, roles=every_role),
        staff_other=make_staff(other_jobcenter, roles=every_role),
    )


def _url(world, name, actor):
    case = matrix.CASES.get(name)
    if case is not None:
        return reverse(name, kwargs=case.build(world, actor))
    if name == "mailbox:write":
        return reverse(name, kwargs={"jobcenter": world.jobcenter.slug})
    return reverse(name)


@pytest.mark.parametrize(("name", "actor", "data", "field", "typed"), PAGES)
def test_a_form_not_taken_shows_summary_field_error_and_keeps_the_input(
    world, name, actor, data, field, typed
):
    client = world.client_for(actor)
    response = client.post(_url(world, name, actor), data)
    assert response.status_code in (200, 400), response.status_code
    body = response.content.decode()
    summary = re.search(r'<div [^>]*id="error-summary".*?</div>\s*</div>', body, re.S)
    assert summary, "no error summary"
    assert 'role="alert"' in summary.group(0)
    if field:
        link = re.search(rf'href="#(id_{field}[^"]*)">([^<]+)</a>', summary.group(0))
        assert link, f"no link to {field} in the summary"
        target, message = link.groups()
        assert f'id="{target}"' in body, "the summary links to nothing"
        assert re.search(
            rf'<p class="kern-error" id="id_{field}_error">.*?{re.escape(message)}', body, re.S
        ), "no error next to the field"
    if typed:
        assert f'value="{html.escape(typed)}"' in body or f">{typed}<" in body, "input lost"


@pytest.mark.parametrize("hold_first", [True, False])
def test_the_hold_page_answers_a_refused_post_in_its_error_summary(world, hold_first):
    """Placing a hold twice, or releasing none: the service's refusal is in the summary (it was
    a flash message the page never showed)."""
    client = world.client_for("staff_same")
    url = _url(world, "retention:case_hold", "staff_same")
    if hold_first:
        assert client.post(url, {"reason": "klage"}).status_code == 302
    response = client.post(url, {} if hold_first else {"release": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    summary = re.search(r'<div [^>]*id="error-summary".*?</div>\s*</div>', body, re.S)
    assert summary and 'role="alert"' in summary.group(0)
    assert "<li" in summary.group(0)
    if not hold_first:  # the reason can still be chosen
        assert 'name="reason"' in body
