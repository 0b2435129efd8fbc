"""Login strength per function: assurance levels, second factor, require_assurance,
change_verification ("identity not verified" mark) and re-authentication."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from jobcenter.accounts import session as login_state
from jobcenter.accounts.oidc import level_from_acr
from tests.accounts.fixtures import login_as, make_citizen

pytestmark = pytest.mark.django_db


def _request(client):
    """A request object carrying the client's session and user, as the middleware would."""
    from django.contrib.auth import get_user
    from django_otp.middleware import OTPMiddleware

    request = RequestFactory().get("/")
    request.session = client.session
    request.user = get_user(request)
    OTPMiddleware(lambda r: None)(request)  # wraps request.user with is_verified()
    return request


@pytest.mark.parametrize(
    ("level", "second_factor", "verified"),
    [
        ("basic", False, False),
        ("basic", True, True),
        ("substantial", False, True),
        ("high", False, True),
    ],
)
def test_change_verification(client, level, second_factor, verified):
    user = make_citizen()
    login_as(
        client,
        user,
        level=level,
        method="oidc" if level != "basic" else "password",
        second_factor=second_factor,
    )
    request = _request(client)
    mark = login_state.change_verification(request)
    assert mark.identity_verified is verified
    assert mark.assurance_level == level
    assert mark.as_dict()["second_factor"] is second_factor


def test_anonymous_has_no_level():
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert login_state.assurance_level(request) is None
    assert login_state.has_second_factor(request) is False
    assert login_state.change_verification(request).identity_verified is False


def test_require_assurance_redirects_weaker_logins_to_the_step_up_page(client):
    @login_state.require_assurance("high")
    def view(request):
        return HttpResponse("ok")

    login_as(client, make_citizen(), level="substantial", method="oidc")
    response = view(_request(client))
    assert response.status_code == 302 and reverse("accounts:step_up") in response["Location"]
    login_as(client, make_citizen(), level="high", method="oidc")
    assert view(_request(client)).status_code == 200


@pytest.mark.parametrize(
    ("acr", "level"),
    [
        ("STORK-QAA-Level-1", "basic"),
        ("STORK-QAA-Level-3", "substantial"),
        ("STORK-QAA-Level-4", "high"),
        ("http://eidas.europa.eu/LoA/substantial", "substantial"),
        ("hoch", "high"),
        ("unbekannt", "basic"),
        (None, "basic"),
        (["STORK-QAA-Level-1", "STORK-QAA-Level-4"], "high"),
    ],
)
def test_acr_values_map_to_levels(acr, level):
    assert level_from_acr(acr) == level


def test_extra_acr_values_from_configuration(settings):
    settings.OIDC_ACR_MAP = "urn:land:eid=high,urn:land:pw=basic,kaputt"
    assert level_from_acr("urn:land:eid") == "high"


def test_step_up_page_explains_the_options(client):
    login_as(client, make_citizen())
    page = client.get(reverse("accounts:step_up") + "?level=substantial&next=/konto/")
    assert page.status_code == 200
    assert "zweiten Faktor" in page.content.decode()
