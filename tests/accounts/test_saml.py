"""BundID login over SAML 2.0 against the demo BundID (pysaml2 IdP in the same project): the
request profile, the levels, and the answers the service provider must refuse."""

import datetime as dt
import json
import subprocess

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from jobcenter.accounts import session as login_state
from jobcenter.accounts.models import OidcIdentity
from jobcenter.accounts.saml import config as sp_config
from jobcenter.accounts.saml import profile
from jobcenter.accounts.saml.keys import local_key_pair
from tests.accounts import saml_helpers as saml

pytestmark = pytest.mark.django_db

DSIG = "http://www.w3.org/2000/09/xmldsig#"


@pytest.fixture(autouse=True)
def bundid(settings):
    settings.SAML_ENABLED = True
    settings.SAML_ONLINE_SERVICE_ID = "JC-ONLINE-TEST"
    return settings


def _level(client):
    from django.contrib.auth import get_user
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    request.user = get_user(request)
    return login_state.assurance_level(request)


@pytest.mark.parametrize(
    ("person", "level"),
    [
        ("lea-basis", "basic"),
        ("nora-normal", "basic"),
        ("max-substanziell", "substantial"),
        ("erika-hoch", "high"),
    ],
)
def test_login_at_each_level(client, person, level):
    response = saml.login(client, person)
    assert response.status_code == 200
    assert _level(client) == level
    assert client.session[login_state.SESSION_AUTH]["method"] == "saml"
    identity = OidcIdentity.objects.get()
    assert identity.subject == f"demo-bpk2-{person}"
    assert identity.issuer.endswith("/demo-idp/saml/metadaten/")


def test_attributes_become_the_identity_claims(client):
    saml.login(client, "erika-hoch")
    claims = client.session[login_state.SESSION_IDENTITY]
    assert claims["given_name"] == "Erika"
    assert claims["family_name"] == "Mustermann"
    assert claims["birthdate"] == "1964-08-12"
    assert claims["email"] == "erika.mustermann@bundid-demo.invalid"
    assert claims["address"] == {
        "street_address": "Heidestraße 17",
        "postal_code": "00120",
        "locality": "Musterhausen",
        "country": "DE",
    }


def test_authn_request_follows_the_bundid_profile(client):
    params = saml.start(client, level="substantial")
    assert params["SigAlg"].endswith("rsa-sha256") and params["Signature"]
    xml = saml.authn_request_xml(params)
    assert '<saml2p:RequestedAuthnContext Comparison="minimum">' in xml
    assert "<saml2:AuthnContextClassRef>STORK-QAA-Level-3</saml2:AuthnContextClassRef>" in xml
    assert 'xmlns:akdb="https://www.akdb.de/request/2018/09"' in xml
    assert '<akdb:AuthenticationRequest Version="2">' in xml
    assert "<saml2p:Extensions><akdb:AuthenticationRequest" in xml
    assert '<akdb:RequestedAttribute Name="urn:oid:2.5.4.42" RequiredAttribute="true" />' in xml
    assert 'Name="urn:oid:0.9.2342.19200300.100.1.3" RequiredAttribute="false"' in xml
    assert "<akdb:DisplayInformation><classic-ui:Version>" in xml
    assert "<classic-ui:OnlineServiceId>JC-ONLINE-TEST</classic-ui:OnlineServiceId>" in xml
    assert "OrganizationDisplayName>Jobcenter Online<" in xml


def test_per_jobcenter_display_name_and_level(client, jobcenter, settings):
    settings.SAML_JOBCENTERS = json.dumps(
        {jobcenter.slug: {"online_service_id": "JC-MK-1", "level": 3}}
    )
    params = saml.start(client, next_url=f"/{jobcenter.slug}/")
    xml = saml.authn_request_xml(params)
    assert f"OrganizationDisplayName>{jobcenter.name}<" in xml
    assert "OnlineServiceId>JC-MK-1<" in xml
    assert "STORK-QAA-Level-3</" in xml


def test_idp_offers_only_people_at_the_requested_level(client):
    params = saml.start(client, level="high")
    page = client.get("/demo-idp/saml/sso/", params).content.decode()
    assert "erika-hoch" in page and "max-substanziell" not in page


def test_sp_metadata_names_acs_and_both_certificates(client):
    response = client.get(reverse("accounts:saml_metadata"))
    assert response.status_code == 200
    xml = response.content.decode()
    assert 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    assert "http://testserver/konto/bundid/antwort/" in xml
    assert 'use="signing"' in xml and 'use="encryption"' in xml


def _verify_with_xmlsec1(xml: bytes, cert: str, tmp_path) -> subprocess.CompletedProcess:
    """xmlsec1 checks the enveloped signature with ``cert`` only (``key-name``: a certificate
    inside the document's KeyInfo is not trusted)."""
    document = tmp_path / "sp-metadata.xml"
    document.write_bytes(xml)
    return subprocess.run(
        [
            sp_config.xmlsec_binary(),
            "--verify",
            "--enabled-key-data",
            "key-name",
            "--pubkey-cert-pem",
            cert,
            "--id-attr:ID",
            "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor",
            str(document),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def separate_encryption_pair(settings, tmp_path):
    """An encryption pair other than the signing pair, so the test sees which key signed."""
    key, cert = local_key_pair(tmp_path / "enc.key", tmp_path / "enc.crt", "SP encryption")
    settings.SAML_SP_ENCRYPTION_KEY_FILE, settings.SAML_SP_ENCRYPTION_CERT_FILE = (
        str(key),
        str(cert),
    )
    return str(cert)


def test_sp_metadata_is_signed_with_the_sp_signing_key(client, tmp_path, separate_encryption_pair):
    response = client.get(reverse("accounts:saml_metadata"))
    assert response.status_code == 200
    xml = response.content
    root = ElementTree.fromstring(xml)
    signature = root.find(f"{{{DSIG}}}Signature")
    assert signature is not None, "the SP metadata is not signed"
    method = signature.find(f"{{{DSIG}}}SignedInfo/{{{DSIG}}}SignatureMethod")
    assert method.get("Algorithm") == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    reference = signature.find(f"{{{DSIG}}}SignedInfo/{{{DSIG}}}Reference")
    assert reference.get("URI") == f"#{root.get('ID')}"  # the whole EntityDescriptor
    assert root.get("validUntil") is None  # registered by hand: must not expire unnoticed

    signing_cert = sp_config.sp_key_files()[1]
    verified = _verify_with_xmlsec1(xml, signing_cert, tmp_path)
    assert verified.returncode == 0, verified.stderr
    wrong_key = _verify_with_xmlsec1(xml, separate_encryption_pair, tmp_path)
    assert wrong_key.returncode != 0
    tampered = xml.replace(b"/konto/bundid/antwort/", b"/konto/bundid/fremd/")
    assert tampered != xml
    assert _verify_with_xmlsec1(tampered, signing_cert, tmp_path).returncode != 0


def test_sp_metadata_validity_is_configurable_and_signed(client, settings, tmp_path):
    settings.SAML_SP_METADATA_VALID_DAYS = 30
    xml = client.get(reverse("accounts:saml_metadata")).content
    valid_until = dt.datetime.fromisoformat(ElementTree.fromstring(xml).get("validUntil"))
    expected = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    assert abs(valid_until - expected) < dt.timedelta(minutes=5)
    verified = _verify_with_xmlsec1(xml, sp_config.sp_key_files()[1], tmp_path)
    assert verified.returncode == 0, verified.stderr


def test_saml_pages_are_off_unless_configured(client, settings):
    settings.SAML_ENABLED = False
    assert client.get("/konto/bundid/anmelden/").status_code == 404
    assert client.get(reverse("accounts:saml_metadata")).status_code == 404


# --- refused answers ------------------------------------------------------------------------------


def _refused(response, reason):
    assert response.status_code == 400
    assert saml.refused_reason(response) == reason
    assert "_auth_user_id" not in response.client.session


def test_tampered_assertion_is_refused(client, settings):
    settings.SAML_REQUIRE_ENCRYPTED_ASSERTIONS = False  # to reach the signed assertion's text
    params = saml.start(client)
    xml = saml.decoded(saml.build_response(params, "lea-basis", encrypt=False))
    assert ">Lea<" in xml
    tampered = xml.replace(">Lea<", ">Eve<").replace("STORK-QAA-Level-1", "STORK-QAA-Level-4")
    _refused(saml.post_to_acs(client, saml.encoded(tampered)), "invalid")


def test_tampered_encrypted_assertion_is_refused(client):
    params = saml.start(client)
    xml = saml.decoded(saml.build_response(params, "lea-basis"))
    start = (
        xml.index("<xenc:CipherValue>") + len("<xenc:CipherValue>")
        if "<xenc:CipherValue>" in xml
        else xml.index("CipherValue>") + len("CipherValue>")
    )
    tampered = xml[:start] + ("A" if xml[start] != "A" else "B") + xml[start + 1 :]
    _refused(saml.post_to_acs(client, saml.encoded(tampered)), "invalid")


def test_unsigned_assertion_is_refused(client):
    params = saml.start(client)
    _refused(
        saml.post_to_acs(client, saml.build_response(params, "erika-hoch", sign=False)), "invalid"
    )


def test_unencrypted_assertion_is_refused(client):
    params = saml.start(client)
    response = saml.build_response(params, "erika-hoch", encrypt=False)
    _refused(saml.post_to_acs(client, response), "invalid")


def test_replayed_response_is_refused(client):
    params = saml.start(client)
    acs, saml_response = saml.choose(client, params, "max-substanziell")
    first = client.post(acs, {"SAMLResponse": saml_response})
    assert first.status_code == 302
    _refused(client.post(acs, {"SAMLResponse": saml_response}), "replayed")


def test_unsolicited_response_is_refused(client):
    params = saml.start(client)
    saml_response = saml.build_response(params, "erika-hoch")
    from jobcenter.accounts.saml.models import SamlLoginRequest

    SamlLoginRequest.objects.all().delete()
    _refused(saml.post_to_acs(client, saml_response), "replayed")


def test_lower_level_than_requested_is_refused(client):
    params = saml.start(client, level="substantial")
    _refused(saml.post_to_acs(client, saml.build_response(params, "lea-basis")), "level")


def test_login_finishes_only_in_the_browser_that_started_it(client, django_user_model):
    from django.test import Client

    params = saml.start(client)
    acs, saml_response = saml.choose(client, params, "erika-hoch")
    other = Client()
    answer = other.post(acs, {"SAMLResponse": saml_response})
    assert answer.status_code == 302
    _refused(other.get(answer["Location"]), "session")


def test_level_is_capped_by_the_trust_level_of_the_name():
    refs = ["STORK-QAA-Level-4"]
    assert profile.login_level(refs, {"given_name": "HOCH"}) == "high"
    assert profile.login_level(refs, {"given_name": "NORMAL"}) == "basic"
    assert profile.login_level(refs, {"birthdate": "SUBSTANTIELL"}) == "substantial"
    assert profile.login_level(["urn:other"], {}) == "basic"


def test_login_and_step_up_pages_offer_the_configured_state_login(client, settings):
    page = client.get("/konto/anmelden/").content.decode()
    assert 'href="/konto/bundid/anmelden/?next=' in page and "Weiter zu BundID" in page
    step_up = client.get("/konto/staerkere-anmeldung/?level=high&next=/konto/").content.decode()
    assert "/konto/bundid/anmelden/?next=/konto/&amp;level=high" in step_up
    settings.STATE_LOGIN = "oidc"  # switched by configuration; OIDC is off here, so: none
    assert "/konto/bundid/" not in client.get("/konto/anmelden/").content.decode()
