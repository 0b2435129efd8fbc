"""``next`` (where a form goes back to) is taken only as a path of this site: a value that is
neither a path nor a URL (``0``, ``index``) sends the citizen to the default page, it is never
looked up as a view name (a server error before)."""

import pytest
from django.urls import reverse

from tests.accounts.fixtures import login_as, make_staff


@pytest.mark.parametrize("next_url", ["0", "index", "overview", "accounts:overview"])
def test_session_extend_ignores_a_next_that_is_not_a_path(client, citizen, next_url):
    login_as(client, citizen)
    response = client.post(reverse("accounts:session_extend"), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_session_extend_goes_back_to_a_path_of_this_site(client, citizen):
    login_as(client, citizen)
    response = client.post(reverse("accounts:session_extend"), {"next": "/musterkreis/?a=1"})
    assert response["Location"] == "/musterkreis/?a=1"


def test_staff_login_ignores_a_next_that_is_not_a_path(client, jobcenter):
    login_as(client, make_staff(jobcenter))
    response = client.get(reverse("backoffice:login"), {"next": "0"})
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:overview")
