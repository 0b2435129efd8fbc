"""The service provider (pysaml2) as the settings describe it, per installation or per Jobcenter.

One SP entity per installation (entity id, keys, the IdP's metadata); per Jobcenter only what
BundID shows and checks per online service: the organisation's display name, the online service
id and the level asked for by default (``SAML_JOBCENTERS``, see docs/CONFIGURATION.md).
"""

import json
import shutil
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor, sign_entity_descriptor
from saml2.saml import NAMEID_FORMAT_PERSISTENT

from jobcenter.accounts import session
from jobcenter.accounts.saml.keys import local_key_pair

CONFIG_TTL = 3600  # remote IdP metadata is read again after an hour
_configs: dict[tuple, tuple[float, SPConfig]] = {}
_metadata: dict[tuple, tuple[float, str]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class ServiceProfile:
    """What one Jobcenter (or the installation) asks BundID for."""

    display_name: str
    online_service_id: str
    level: int  # STORK-QAA level asked for when the login does not need more


def service_profile(jobcenter=None) -> ServiceProfile:
    overrides = jobcenter_overrides().get(getattr(jobcenter, "slug", ""), {})
    default_name = getattr(jobcenter, "name", "") or settings.SAML_DISPLAY_NAME
    return ServiceProfile(
        display_name=overrides.get("display_name") or default_name,
        online_service_id=overrides.get("online_service_id") or settings.SAML_ONLINE_SERVICE_ID,
        level=int(overrides.get("level") or settings.SAML_REQUESTED_LEVEL),
    )


def jobcenter_overrides() -> dict:
    try:
        value = json.loads(settings.SAML_JOBCENTERS or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def minimum_stork_level(level: str, default: int) -> int:
    """The STORK level to ask for: the Jobcenter's default, raised to what the function needs."""
    needed = {session.SUBSTANTIAL: 3, session.HIGH: 4}.get(level, 1)
    return max(default, needed)


def base_url(request) -> str:
    return (settings.SAML_SP_BASE_URL or request.build_absolute_uri("/")).rstrip("/")


def entity_id(base: str) -> str:
    return settings.SAML_SP_ENTITY_ID or f"{base}{reverse('accounts:saml_metadata')}"


def xmlsec_binary() -> str:
    return settings.SAML_XMLSEC_BINARY or shutil.which("xmlsec1") or "/usr/bin/xmlsec1"


def sp_key_files() -> tuple[str, str, str, str]:
    """(signing key, signing cert, encryption key, encryption cert); in development generated
    into var/ when not configured."""
    key, cert = settings.SAML_SP_KEY_FILE, settings.SAML_SP_CERT_FILE
    if not (key and cert):
        key_path, cert_path = local_key_pair(
            settings.VAR_DIR / "saml_sp_key.pem",
            settings.VAR_DIR / "saml_sp_cert.pem",
            "Jobcenter Online SP (development)",
        )
        key, cert = str(key_path), str(cert_path)
    enc_key = settings.SAML_SP_ENCRYPTION_KEY_FILE or key
    enc_cert = settings.SAML_SP_ENCRYPTION_CERT_FILE or cert
    return key, cert, enc_key, enc_cert


def idp_metadata() -> dict:
    if settings.SAML_IDP_METADATA_FILE:
        return {"local": [settings.SAML_IDP_METADATA_FILE]}
    if settings.SAML_IDP_METADATA_URL:
        remote = {"url": settings.SAML_IDP_METADATA_URL}
        if settings.SAML_IDP_METADATA_CERT_FILE:
            remote["cert"] = settings.SAML_IDP_METADATA_CERT_FILE
        return {"remote": [remote]}
    if settings.DEMO_IDP_ENABLED:
        # Imported here, not at the top: the demo IdP is a development aid, loaded only when
        # enabled, and it imports this module for the service provider's keys.
        from jobcenter.accounts.demo_idp import saml_idp

        return {"inline": [saml_idp.idp_metadata_xml(settings.SAML_DEMO_IDP_BASE_URL)]}
    return {}


def sp_settings(base: str) -> dict:
    key, cert, enc_key, enc_cert = sp_key_files()
    return {
        "entityid": entity_id(base),
        # validUntil of the SP metadata (hours; pysaml2 uses it for nothing else); 0 = none.
        "valid_for": settings.SAML_SP_METADATA_VALID_DAYS * 24,
        "xmlsec_binary": xmlsec_binary(),
        "key_file": key,
        "cert_file": cert,
        "encryption_keypairs": [{"key_file": enc_key, "cert_file": enc_cert}],
        "metadata": idp_metadata(),
        "allow_unknown_attributes": True,
        "accepted_time_diff": settings.SAML_CLOCK_SKEW_SECONDS,
        "service": {
            "sp": {
                "name": settings.SAML_DISPLAY_NAME,
                "endpoints": {
                    "assertion_consumer_service": [
                        (f"{base}{reverse('accounts:saml_acs')}", BINDING_HTTP_POST)
                    ],
                },
                "name_id_format": NAMEID_FORMAT_PERSISTENT,
                "authn_requests_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "signing_algorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                "digest_algorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
            }
        },
    }


def _cache_key(base: str) -> tuple:
    names = [name for name in dir(settings) if name.startswith("SAML_")]
    return (base, settings.DEMO_IDP_ENABLED, *(str(getattr(settings, n)) for n in sorted(names)))


def client(base: str) -> Saml2Client:
    """A SP client for this base URL. The configuration (keys, the IdP's metadata, read at most
    hourly) is cached; the client is new each time, because pysaml2's client remembers every
    person it saw in memory, which must neither grow nor be shared between logins."""
    key = _cache_key(base)
    with _lock:
        cached = _configs.get(key)
        if cached is None or time.monotonic() - cached[0] >= CONFIG_TTL:
            config = SPConfig()
            config.load(sp_settings(base))
            _configs.clear()
            cached = _configs[key] = (time.monotonic(), config)
    return Saml2Client(config=cached[1])


def idp_entity_id(saml_client: Saml2Client) -> str:
    if settings.SAML_IDP_ENTITY_ID:
        return settings.SAML_IDP_ENTITY_ID
    idps = list(saml_client.metadata.identity_providers())
    if len(idps) != 1:
        raise LookupError("SAML_IDP_ENTITY_ID must name one of the IdPs in the metadata")
    return idps[0]


def sp_metadata_xml(base: str) -> str:
    """The SP's metadata for the operator to hand to BundID (and for the demo IdP), signed with
    the SP's signing key (enveloped XML signature, RSA-SHA256), so that BundID can check that it
    comes unchanged from the holder of the key whose requests it will receive.

    Signed with the client's own algorithms: pysaml2's ``create_metadata_string`` reads them from
    the configuration's top level, where an SP's are not, and would sign with RSA-SHA1. Signed
    once per configuration and hour: every signature runs xmlsec1, and this page is public."""
    key = _cache_key(base)
    with _lock:
        cached = _metadata.get(key)
        if cached is not None and time.monotonic() - cached[0] < CONFIG_TTL:
            return cached[1]
    saml_client = client(base)
    _, xml = sign_entity_descriptor(
        entity_descriptor(saml_client.config),
        None,
        saml_client.sec,
        saml_client.signing_algorithm,
        saml_client.digest_algorithm,
    )
    with _lock:
        _metadata.clear()
        _metadata[key] = (time.monotonic(), xml)
    return xml


def require_encryption() -> bool:
    return settings.SAML_REQUIRE_ENCRYPTED_ASSERTIONS
