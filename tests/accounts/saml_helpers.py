"""Drive a BundID (SAML) login through Django's test client against the demo BundID: the IdP
signs (and encrypts) for real, the SP verifies for real."""

import base64
import re
import zlib
from urllib.parse import parse_qs, urlparse

from jobcenter.accounts.demo_idp import saml_idp

SSO_PARAMS = ("SAMLRequest", "RelayState", "SigAlg", "Signature")


def start(client, *, next_url="/konto/", level=""):
    """GET the SP's login start; returns the IdP's query parameters (the signed AuthnRequest)."""
    query = {"next": next_url, **({"level": level} if level else {})}
    response = client.get("/konto/bundid/anmelden/", query)
    assert response.status_code == 302, response.content[:500]
    location = urlparse(response["Location"])
    assert location.path == "/demo-idp/saml/sso/"
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def authn_request_xml(params) -> str:
    return zlib.decompress(base64.b64decode(params["SAMLRequest"]), -15).decode()


def choose(client, params, person):
    """The demo IdP's answer for ``person``: (ACS path, SAMLResponse)."""
    response = client.post("/demo-idp/saml/sso/", {**params, "identity": person})
    assert response.status_code == 200, response.content[:500]
    return urlparse(response.context["acs_url"]).path, response.context["saml_response"]


def build_response(params, person, **kwargs):
    """A response straight from the demo IdP's code (to build the broken ones)."""
    issuer, parsed = saml_idp.parse_request(params)
    return saml_idp.response_for(issuer, parsed.message, person, **kwargs)[1]


def post_to_acs(client, saml_response):
    return client.post("/konto/bundid/antwort/", {"SAMLResponse": saml_response})


def login(client, person, *, next_url="/konto/", level=""):
    """The whole round trip; returns the last response (the redirect to ``next_url``)."""
    params = start(client, next_url=next_url, level=level)
    acs, saml_response = choose(client, params, person)
    response = client.post(acs, {"SAMLResponse": saml_response})
    assert response.status_code == 302, response.content.decode()[:2000]
    finished = client.get(response["Location"])
    assert finished.status_code == 302, finished.content.decode()[:2000]
    assert finished["Location"] == next_url
    return client.get(finished["Location"])


def decoded(saml_response: str) -> str:
    return base64.b64decode(saml_response).decode()


def encoded(xml: str) -> str:
    return base64.b64encode(xml.encode()).decode()


def refused_reason(response) -> str:
    match = re.search(rb'data-reason="([a-z]+)"', response.content)
    return match.group(1).decode() if match else ""
