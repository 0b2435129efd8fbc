"""BundID's request profile on top of SAML 2.0.

- Levels: the AuthnRequest asks for ``STORK-QAA-Level-1`` … ``-4`` with ``Comparison="minimum"``;
  the assertion's AuthnContextClassRef names the level reached, and each attribute carries
  ``akdb:TrustLevel`` (UNTERGEORDNET, NORMAL, SUBSTANTIELL, HOCH) for how well it was checked.
- Attributes are requested by OID in the ``akdb:AuthenticationRequest`` extension, together with
  the display information (organisation name, online service id) BundID shows to the citizen.
- The attributes are turned into the same identity claims as the OpenID Connect login gives
  (given_name, family_name, birthdate, address, email), so the forms prefill either way.
"""

from dataclasses import dataclass
from xml.etree import ElementTree  # nosec B405  # only to name prefixes for writing, nothing parsed
from xml.sax.saxutils import escape, quoteattr  # nosec B406  # escapes text we write, parses nothing

from jobcenter.accounts import session

AKDB_NS = "https://www.akdb.de/request/2018/09"
CLASSIC_UI_NS = "https://www.akdb.de/request/2018/09/classic-ui/v1"
TRUST_LEVEL_ATTR = f"{{{AKDB_NS}}}TrustLevel"
# The prefixes of BundID's documentation (the XML means the same with any prefix; people and
# log readers compare with the documentation).
for _prefix, _uri in (
    ("saml2p", "urn:oasis:names:tc:SAML:2.0:protocol"),
    ("saml2", "urn:oasis:names:tc:SAML:2.0:assertion"),
    ("akdb", AKDB_NS),
    ("classic-ui", CLASSIC_UI_NS),
):
    ElementTree.register_namespace(_prefix, _uri)

STORK_LEVELS = {
    1: "STORK-QAA-Level-1",
    2: "STORK-QAA-Level-2",
    3: "STORK-QAA-Level-3",
    4: "STORK-QAA-Level-4",
}
# BundID: 1/2 = user name and password, 3 = ELSTER certificate ("substanziell"), 4 = eID ("hoch")
LEVEL_OF_STORK = {1: session.BASIC, 2: session.BASIC, 3: session.SUBSTANTIAL, 4: session.HIGH}
TRUST_WORDS = {"UNTERGEORDNET": 1, "NORMAL": 2, "SUBSTANTIELL": 3, "HOCH": 4}
WORD_OF_STORK = {number: word for word, number in TRUST_WORDS.items()}


@dataclass(frozen=True)
class Attribute:
    oid: str
    claim: str  # the identity claim it fills (see accounts.oidc.IDENTITY_CLAIMS)
    required: bool = False


BPK2 = "urn:oid:1.3.6.1.4.1.25484.494450.3"  # BundID's pseudonym of the person for this service
ATTRIBUTES = (
    Attribute(BPK2, "bpk2", required=True),
    Attribute("urn:oid:2.5.4.42", "given_name", required=True),
    Attribute("urn:oid:2.5.4.4", "family_name", required=True),
    Attribute("urn:oid:1.2.40.0.10.2.1.1.55", "birthdate", required=True),
    Attribute("urn:oid:1.2.40.0.10.2.1.1.225566", "birth_name"),
    Attribute("urn:oid:1.3.6.1.5.5.7.9.2", "place_of_birth"),
    Attribute("urn:oid:2.5.4.16", "street_address"),
    Attribute("urn:oid:2.5.4.17", "postal_code"),
    Attribute("urn:oid:2.5.4.7", "locality"),
    Attribute("urn:oid:1.2.40.0.10.2.1.1.225599", "country"),
    Attribute("urn:oid:0.9.2342.19200300.100.1.3", "email"),
)
CLAIM_OF_OID = {attribute.oid: attribute.claim for attribute in ATTRIBUTES}
ADDRESS_PARTS = ("street_address", "postal_code", "locality", "country")
# Attributes whose trust level limits the login level: the ID-card step may only be skipped when
# the name and birth date really come from an ID card or an ELSTER certificate.
IDENTITY_CLAIMS = ("given_name", "family_name", "birthdate")


def stork_number(value: str) -> int | None:
    """1–4 for ``STORK-QAA-Level-N`` (any case), None for anything else."""
    text = (value or "").strip().upper()
    prefix = "STORK-QAA-LEVEL-"
    if text.startswith(prefix) and text[len(prefix) :] in {"1", "2", "3", "4"}:
        return int(text[len(prefix) :])
    return None


def authentication_request_xml(
    *, display_name: str, online_service_id: str, attributes=ATTRIBUTES
) -> str:
    """The ``akdb:AuthenticationRequest`` extension element as XML text."""
    requested = "".join(
        f"<akdb:RequestedAttribute Name={quoteattr(a.oid)}"
        f' RequiredAttribute="{"true" if a.required else "false"}"/>'
        for a in attributes
    )
    display = (
        "<akdb:DisplayInformation>"
        f'<classic-ui:Version xmlns:classic-ui="{CLASSIC_UI_NS}">'
        f"<classic-ui:OrganizationDisplayName>{escape(display_name)}"
        "</classic-ui:OrganizationDisplayName>"
        f"<classic-ui:OnlineServiceId>{escape(online_service_id)}</classic-ui:OnlineServiceId>"
        "</classic-ui:Version>"
        "</akdb:DisplayInformation>"
    )
    return (
        f'<akdb:AuthenticationRequest xmlns:akdb="{AKDB_NS}" Version="2">'
        f"<akdb:RequestedAttributes>{requested}</akdb:RequestedAttributes>"
        f"{display}"
        "</akdb:AuthenticationRequest>"
    )


def claims_from_attributes(values: dict[str, str]) -> dict:
    """``{oid: value}`` → the identity claims of the OIDC login (address as one dict)."""
    flat = {
        CLAIM_OF_OID[oid]: value for oid, value in values.items() if oid in CLAIM_OF_OID and value
    }
    address = {part: flat.pop(part) for part in ADDRESS_PARTS if part in flat}
    if address:
        flat["address"] = address
    return flat


def login_level(class_refs: list[str], trust_levels: dict[str, str]) -> str:
    """The login's assurance level: the STORK level of the authentication, lowered to the trust
    level of the name and birth date when those were checked less well. Unknown → basic."""
    numbers = [n for n in (stork_number(ref) for ref in class_refs) if n]
    if not numbers:
        return session.BASIC
    number = min(numbers)
    for claim in IDENTITY_CLAIMS:
        word = trust_levels.get(claim)
        if word is not None:
            number = min(number, TRUST_WORDS.get(word.strip().upper(), 1))
    return LEVEL_OF_STORK[number]
