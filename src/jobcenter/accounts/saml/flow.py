"""The steps of a BundID login, between the views and pysaml2.

1. ``start``: a signed AuthnRequest (HTTP-Redirect) with BundID's profile; the request id is
   kept in the database and, to bind the login to this browser, in the session.
2. ``accept``: the IdP's POST to the ACS. pysaml2 checks the signature of the assertion, decrypts
   it, checks audience, destination, time and that it answers an outstanding request of ours;
   here: the assertion was encrypted, the request is answered only once, the level reached is at
   least the one asked for. The account is found or created; the login waits in the database.
3. ``finish``: the browser that started the login (the session holds the request id) picks the
   login up and is logged in at the level BundID asserted.
"""

import base64
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, extension_element_from_string
from saml2.response import UnsolicitedResponse
from saml2.saml import AuthnContextClassRef
from saml2.samlp import Extensions, RequestedAuthnContext, response_from_string
from saml2.xmldsig import SIG_RSA_SHA256

from jobcenter.accounts import session
from jobcenter.accounts.saml import config, profile
from jobcenter.accounts.saml.models import SamlLoginRequest
from jobcenter.accounts.state_login import identity_user

log = logging.getLogger(__name__)

SESSION_PENDING = "accounts.saml.pending"
REQUEST_MAX_AGE = timedelta(minutes=15)
KEEP_FOR = timedelta(days=1)


class LoginRefused(Exception):
    """The login cannot go on; ``reason`` picks the explanation shown to the citizen."""

    def __init__(self, reason: str, **details):
        super().__init__(reason)
        self.reason = reason
        self.details = details


@dataclass(frozen=True)
class Verified:
    request_id: str
    next_url: str


def _young():
    return timezone.now() - REQUEST_MAX_AGE


class OutstandingRequests(Mapping):
    """pysaml2's ``outstanding`` queries, read from the database: our unanswered young requests."""

    def _row(self, request_id):
        return SamlLoginRequest.objects.filter(
            request_id=str(request_id), answered_at=None, created_at__gte=_young()
        ).first()

    def __getitem__(self, request_id):
        row = self._row(request_id)
        if row is None:
            raise KeyError(request_id)
        return row.next_url

    def __contains__(self, request_id):
        return self._row(request_id) is not None

    def __iter__(self):
        return iter(())

    def __len__(self):  # pysaml2 ignores an empty (falsy) mapping
        return 1


def start(request, *, next_url: str, level: str, jobcenter=None) -> str:
    """Create and sign the AuthnRequest; returns the IdP URL to send the browser to."""
    service = config.service_profile(jobcenter)
    stork = config.minimum_stork_level(level, service.level)
    saml_client = config.client(config.base_url(request))
    try:
        idp = config.idp_entity_id(saml_client)
    except LookupError as exc:
        log.error("BundID login not configured: %s", exc)
        raise LoginRefused("unavailable") from exc
    extension = extension_element_from_string(
        profile.authentication_request_xml(
            display_name=service.display_name, online_service_id=service.online_service_id
        )
    )
    request_id, info = saml_client.prepare_for_authenticate(
        entityid=idp,
        binding=BINDING_HTTP_REDIRECT,
        response_binding=BINDING_HTTP_POST,
        extensions=Extensions(extension_elements=[extension]),
        requested_authn_context=RequestedAuthnContext(
            authn_context_class_ref=[AuthnContextClassRef(text=profile.STORK_LEVELS[stork])],
            comparison="minimum",
        ),
        sign=True,
        sigalg=SIG_RSA_SHA256,
    )
    SamlLoginRequest.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    SamlLoginRequest.objects.create(
        request_id=request_id,
        next_url=next_url,
        minimum_level=profile.LEVEL_OF_STORK[stork],
    )
    request.session[SESSION_PENDING] = request_id
    return dict(info["headers"])["Location"]


def _parse(request, saml_response: str):
    saml_client = config.client(config.base_url(request))
    try:
        response = saml_client.parse_authn_request_response(
            saml_response, BINDING_HTTP_POST, outstanding=OutstandingRequests()
        )
    except UnsolicitedResponse as exc:  # no outstanding request of ours: used or too old
        log.warning("BundID response refused: %s", exc)
        raise LoginRefused("replayed") from exc
    except Exception as exc:  # pysaml2 raises many kinds; every one means "not accepted"
        log.warning("BundID response refused: %s: %s", type(exc).__name__, exc)
        raise LoginRefused("invalid") from exc
    if response is None or response.assertion is None:
        raise LoginRefused("invalid")
    return response


def _only_encrypted_assertions(saml_response: str) -> bool:
    """True when the response carries its assertion encrypted only (BundID's profile)."""
    try:
        xml = base64.b64decode(saml_response, validate=False)
        message = response_from_string(xml)
    except Exception:  # unreadable: refused as not encrypted
        return False
    return bool(message and message.encrypted_assertion and not message.assertion)


def _attributes(assertion) -> tuple[dict[str, str], dict[str, str]]:
    """({oid: first value}, {claim: trust level word}) of the assertion's attributes."""
    values, trust = {}, {}
    for statement in assertion.attribute_statement:
        for attribute in statement.attribute:
            texts = [v.text for v in attribute.attribute_value if v.text]
            if texts:
                values[attribute.name] = texts[0].strip()
            word = (attribute.extension_attributes or {}).get(profile.TRUST_LEVEL_ATTR)
            claim = profile.CLAIM_OF_OID.get(attribute.name)
            if word and claim:
                trust[claim] = word
    return values, trust


def _class_refs(assertion) -> list[str]:
    refs = []
    for statement in assertion.authn_statement:
        context = statement.authn_context
        if context is not None and context.authn_context_class_ref is not None:
            refs.append(context.authn_context_class_ref.text or "")
    return refs


def accept(request, saml_response: str) -> Verified:
    """Verify the IdP's response and keep the login for the browser that asked for it."""
    if not saml_response:
        raise LoginRefused("invalid")
    if config.require_encryption() and not _only_encrypted_assertions(saml_response):
        log.warning("BundID response refused: the assertion was not encrypted")
        raise LoginRefused("invalid")
    response = _parse(request, saml_response)
    values, trust = _attributes(response.assertion)
    level = profile.login_level(_class_refs(response.assertion), trust)
    claims = profile.claims_from_attributes(values)
    subject = claims.pop("bpk2", "") or (response.name_id.text if response.name_id else "")
    with transaction.atomic():
        row = (
            SamlLoginRequest.objects.select_for_update()
            .filter(request_id=response.in_response_to, answered_at=None)
            .first()
        )
        if row is None:  # answered meanwhile: the same response posted twice
            raise LoginRefused("replayed")
        row.answered_at = timezone.now()
        row.save(update_fields=["answered_at"])
    if session.LEVELS.index(level) < session.LEVELS.index(row.minimum_level):
        raise LoginRefused("level", reached=level, needed=row.minimum_level)
    if not subject:
        raise LoginRefused("invalid")
    user = identity_user(issuer=response.issuer(), subject=subject, claims=claims, level=level)
    if user is None or not user.is_active:
        raise LoginRefused("invalid")
    row.result = {"user_id": user.pk, "level": level, "claims": claims}
    row.save(update_fields=["result"])
    return Verified(request_id=row.request_id, next_url=row.next_url)


def finish(request, request_id: str):
    """(user, level, claims, next_url) for the login this browser started; raises otherwise."""
    if not request_id or request.session.get(SESSION_PENDING) != request_id:
        raise LoginRefused("session")
    with transaction.atomic():
        row = (
            SamlLoginRequest.objects.select_for_update()
            .filter(
                request_id=request_id,
                finished_at=None,
                answered_at__isnull=False,
                created_at__gte=_young(),
            )
            .first()
        )
        if row is None or not row.result:
            raise LoginRefused("replayed")
        result, row.result, row.finished_at = row.result, {}, timezone.now()
        row.save(update_fields=["result", "finished_at"])
    request.session.pop(SESSION_PENDING, None)
    user = get_user_model().objects.filter(pk=result["user_id"], is_active=True).first()
    if user is None:
        raise LoginRefused("invalid")
    return user, result["level"], result["claims"], row.next_url
