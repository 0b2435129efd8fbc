"""The demo BundID: a SAML 2.0 identity provider (pysaml2) for development and the test suite.

It behaves like BundID where the service provider can tell: it answers only signed
AuthnRequests (HTTP-Redirect binding) of the service provider it knows, honours
``RequestedAuthnContext Comparison="minimum"`` (only people at that level or above can be chosen),
names the level reached as ``STORK-QAA-Level-N``, marks each attribute with ``akdb:TrustLevel``,
and sends a signed, encrypted assertion in a signed response (HTTP-POST binding). The synthetic
people are those of the OpenID Connect demo provider plus one at level "normal".
"""

import base64
import zlib

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml
from saml2.attribute_converter import AttributeConverter, do_ava
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.samlp import authn_request_from_string
from saml2.server import Server

from jobcenter.accounts.demo_idp.identities import DEMO_IDENTITIES
from jobcenter.accounts.saml import config as sp_config
from jobcenter.accounts.saml import profile
from jobcenter.accounts.saml.keys import local_key_pair

_EXTRA = {
    "nora-normal": {
        "acr": "STORK-QAA-Level-2",
        "label": "Nora Normal – Benutzername und Passwort, Adresse bestätigt (normal)",
        "given_name": "Nora",
        "family_name": "Normal",
        "birthdate": "1979-06-30",
        "email": "nora.normal@bundid-demo.invalid",
        "address": {
            "street_address": "Probeweg 2",
            "postal_code": "00110",
            "locality": "Musterhausen",
            "country": "DE",
        },
    },
}
PEOPLE = {**DEMO_IDENTITIES, **_EXTRA}
CLAIM_TO_OID = {a.claim: a.oid for a in profile.ATTRIBUTES}


def person_level(key: str) -> int:
    return profile.stork_number(PEOPLE[key]["acr"]) or 1


def people_for(minimum: int) -> list[tuple[str, str]]:
    """(key, label) of the people who can log in at ``minimum`` or above, weakest first."""
    keys = sorted((k for k in PEOPLE if person_level(k) >= minimum), key=person_level)
    return [(key, PEOPLE[key]["label"]) for key in keys]


def attributes_of(key: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The person's attribute values by OID, and each attribute's trust level word."""
    person = PEOPLE[key]
    level_word = profile.WORD_OF_STORK[person_level(key)]
    claims = {k: v for k, v in person.items() if k in CLAIM_TO_OID}
    claims.update(person.get("address", {}))
    claims["bpk2"] = f"demo-bpk2-{key}"
    values = {CLAIM_TO_OID[c]: [str(v)] for c, v in claims.items() if c in CLAIM_TO_OID}
    # An e-mail address is never checked against an ID card: at most "normal".
    trust = {oid: level_word for oid in values}
    email_oid = CLAIM_TO_OID["email"]
    if email_oid in trust:
        trust[email_oid] = "NORMAL" if person_level(key) >= 2 else "UNTERGEORDNET"
    return values, trust


class TrustLevelAttributes(AttributeConverter):
    """Writes the attributes by OID (URI name format), each with BundID's ``akdb:TrustLevel``."""

    def __init__(self, trust: dict[str, str]):
        super().__init__(saml.NAME_FORMAT_URI)
        self.trust = trust

    def to_(self, attrvals):
        return [
            saml.Attribute(
                name=oid,
                name_format=saml.NAME_FORMAT_URI,
                attribute_value=do_ava(values),
                extension_attributes={profile.TRUST_LEVEL_ATTR: self.trust.get(oid, "NORMAL")},
            )
            for oid, values in attrvals.items()
        ]


def idp_base() -> str:
    return settings.SAML_DEMO_IDP_BASE_URL.rstrip("/")


def _key_files():
    return local_key_pair(
        settings.VAR_DIR / "demo_saml_idp_key.pem",
        settings.VAR_DIR / "demo_saml_idp_cert.pem",
        "Demo-BundID (development only)",
    )


def idp_settings(base: str, sp_metadata: str | None = None) -> dict:
    key, cert = _key_files()
    return {
        "entityid": f"{base}{reverse('demo_idp:saml_metadata')}",
        "xmlsec_binary": sp_config.xmlsec_binary(),
        "key_file": str(key),
        "cert_file": str(cert),
        "metadata": {"inline": [sp_metadata]} if sp_metadata else {},
        "service": {
            "idp": {
                "name": "Demo-BundID",
                "endpoints": {
                    "single_sign_on_service": [
                        (f"{base}{reverse('demo_idp:saml_sso')}", BINDING_HTTP_REDIRECT)
                    ],
                },
                "want_authn_requests_signed": True,
                "name_id_format": [saml.NAMEID_FORMAT_PERSISTENT],
                "signing_algorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                "digest_algorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
                "policy": {
                    "default": {"lifetime": {"minutes": 5}, "name_form": saml.NAME_FORMAT_URI}
                },
            }
        },
    }


def idp_metadata_xml(base: str | None = None) -> str:
    config = IdPConfig()
    config.load(idp_settings((base or idp_base()).rstrip("/")))
    return str(entity_descriptor(config))


def request_issuer(saml_request: str) -> str:
    """The Issuer of a (deflated, base64) AuthnRequest, read before its signature is checked,
    only to know whose metadata to check it with."""
    xml = zlib.decompress(base64.b64decode(saml_request), -15)
    request = authn_request_from_string(xml)
    if request is None or request.issuer is None:
        raise ValueError("AuthnRequest without issuer")
    return request.issuer.text.strip()


def known_sp_base(issuer: str) -> str:
    """The base URL of the service provider that ``issuer`` names, if it is this installation's
    (the demo trusts only itself)."""
    if settings.SAML_SP_ENTITY_ID:
        if issuer != settings.SAML_SP_ENTITY_ID or not settings.SAML_SP_BASE_URL:
            raise ValueError("unknown service provider")
        return settings.SAML_SP_BASE_URL.rstrip("/")
    suffix = reverse("accounts:saml_metadata")
    if not issuer.endswith(suffix) or not issuer.startswith(("http://", "https://")):
        raise ValueError("unknown service provider")
    return issuer[: -len(suffix)]


def server_for(issuer: str, trust: dict[str, str] | None = None) -> Server:
    sp_metadata = sp_config.sp_metadata_xml(known_sp_base(issuer))
    config = IdPConfig()
    config.load(idp_settings(idp_base(), sp_metadata))
    if trust is not None:
        config.attribute_converters = [TrustLevelAttributes(trust)]
    return Server(config=config)


def parse_request(params: dict):
    """Check and parse a signed AuthnRequest (HTTP-Redirect binding); raises when it is not."""
    if not params.get("Signature") or not params.get("SigAlg"):
        raise ValueError("unsigned AuthnRequest")
    issuer = request_issuer(params["SAMLRequest"])
    server = server_for(issuer)
    parsed = server.parse_authn_request(
        params["SAMLRequest"],
        BINDING_HTTP_REDIRECT,
        relay_state=params.get("RelayState"),
        sigalg=params["SigAlg"],
        signature=params["Signature"],
    )
    if parsed is None:
        raise ValueError("AuthnRequest refused")
    return issuer, parsed


def requested_minimum(authn_request) -> int:
    context = authn_request.requested_authn_context
    if context is None:
        return 1
    numbers = [profile.stork_number(ref.text) for ref in context.authn_context_class_ref]
    return min([n for n in numbers if n] or [1])


def response_for(
    issuer: str, authn_request, person: str, *, sign: bool = True, encrypt: bool = True, level=None
) -> tuple[str, str]:
    """(ACS URL, base64 SAMLResponse) for ``person``: signed, with a signed encrypted assertion
    (``sign``/``encrypt``/``level`` let the tests build the broken answers an SP must refuse)."""
    values, trust = attributes_of(person)
    server = server_for(issuer, trust)
    binding_args = server.response_args(authn_request, [BINDING_HTTP_POST])
    name_id = saml.NameID(
        format=saml.NAMEID_FORMAT_PERSISTENT,
        sp_name_qualifier=issuer,
        name_qualifier=server.config.entityid,
        text=f"demo-{person}",
    )
    response = server.create_authn_response(
        identity=values,
        in_response_to=binding_args["in_response_to"],
        destination=binding_args["destination"],
        sp_entity_id=issuer,
        name_id=name_id,
        authn={
            "class_ref": profile.STORK_LEVELS[level or person_level(person)],
            "authn_auth": server.config.entityid,
        },
        sign_response=sign,
        sign_assertion=sign,
        encrypt_assertion=encrypt,
        encrypted_advice_attributes=False,
    )
    encoded = base64.b64encode(str(response).encode()).decode()
    return binding_args["destination"], encoded


def display_information(authn_request) -> dict:
    """The organisation name and online service id of the request's akdb extension, as BundID
    shows them before it sends the citizen back."""
    found = {}
    extensions = authn_request.extensions
    for element in extensions.extension_elements if extensions else ():
        stack = [element]
        while stack:
            node = stack.pop()
            if node.tag in ("OrganizationDisplayName", "OnlineServiceId"):
                found[node.tag] = node.text or ""
            stack.extend(node.children or ())
    return found
