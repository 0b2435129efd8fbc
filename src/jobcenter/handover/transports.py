"""The transports: one class per kind, in a registry (``register``/``get``).

A transport delivers one built bundle. ``deliver(delivery, parts)`` returns a short text for
the case history when the bundle was handed over, raises to be retried (durable job with
backoff, jobs.py), or returns ``None`` when nothing is delivered by pushing — the pull API:
its client fetches and acknowledges (api.py), which completes the delivery.

- ``folder``: folder.write_bundle below ``HANDOVER_FOLDER_ROOT/<transport.folder>``;
  the bundle directory is named ``<reference>_<bundle id>``.
- ``push``: one POST of a JSON envelope (manifest, metadata and every part base64-encoded) to
  ``transport.url``, with ``Idempotency-Key: <bundle id>`` and
  ``X-Jobcenter-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>``.
  2xx = delivered; anything else (or no connection) raises and is retried with backoff.
  Redirects are never followed (a 3xx is a failure, shown with its status in the admin).
- ``api``: pull; nothing to do here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from jobcenter.handover.bundle import PART_MANIFEST, PART_META
from jobcenter.handover.folder import write_bundle


class DeliveryFailed(Exception):
    pass


class BaseTransport:
    kind = ""
    pushes = True

    def deliver(self, delivery, parts: list[tuple[str, bytes]]) -> str | None:
        raise NotImplementedError


_registry: dict[str, BaseTransport] = {}


def register(transport: BaseTransport) -> BaseTransport:
    _registry[transport.kind] = transport
    return transport


def get(kind: str) -> BaseTransport:
    return _registry[kind]


def bundle_dirname(bundle) -> str:
    return f"{bundle.submission.reference}_{bundle.public_id}"


def folder_path(transport) -> Path:
    root = Path(settings.HANDOVER_FOLDER_ROOT).resolve()
    path = (root / (transport.folder or ".")).resolve()
    if path != root and root not in path.parents:
        raise DeliveryFailed("folder outside HANDOVER_FOLDER_ROOT")
    return path


class FolderTransport(BaseTransport):
    kind = "folder"

    def deliver(self, delivery, parts):
        write_bundle(folder_path(delivery.transport), bundle_dirname(delivery.bundle), parts)
        return _("Ordner „%(name)s“") % {"name": delivery.transport.name}


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def push_body(delivery, parts: list[tuple[str, bytes]]) -> bytes:
    by_name = dict(parts)
    envelope = {
        "bundle_id": str(delivery.bundle.public_id),
        "manifest": json.loads(by_name[PART_MANIFEST]),
        "metadata": json.loads(by_name[PART_META]),
        "parts": [
            {"name": name, "content_base64": base64.b64encode(data).decode()}
            for name, data in parts
            if name != PART_MANIFEST
        ],
    }
    return json.dumps(envelope, sort_keys=True, separators=(",", ":")).encode()


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A push is never redirected: urllib would turn the POST into a GET and send the signature
    and the idempotency key to another host. A 3xx is an HTTPError (→ DeliveryFailed)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


class PushTransport(BaseTransport):
    kind = "push"

    def deliver(self, delivery, parts):
        transport = delivery.transport
        if not transport.url.startswith(("https://", "http://")):
            raise DeliveryFailed("only http(s) endpoints")
        body = push_body(delivery, parts)
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            transport.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Idempotency-Key": str(delivery.bundle.public_id),
                "X-Jobcenter-Signature": sign(transport.secret, int(time.time()), body),
                "User-Agent": "Jobcenter-Online-Handover/1",
            },
        )
        try:
            with _opener.open(  # scheme checked above
                request, timeout=settings.HANDOVER_PUSH_TIMEOUT_SECONDS
            ) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            delivery.response_status = exc.code
            if 300 <= exc.code < 400:
                raise DeliveryFailed(
                    f"HTTP {exc.code}: redirect not followed "
                    f"(Location: {exc.headers.get('Location', '')[:200]})"
                ) from exc
            raise DeliveryFailed(f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise DeliveryFailed(f"no connection: {getattr(exc, 'reason', exc)}") from exc
        delivery.response_status = status
        if not 200 <= status < 300:
            raise DeliveryFailed(f"HTTP {status}")
        return _("HTTP-Übermittlung „%(name)s“ (HTTP %(status)s)") % {
            "name": transport.name,
            "status": status,
        }


class ApiTransport(BaseTransport):
    kind = "api"
    pushes = False

    def deliver(self, delivery, parts):
        return None


register(FolderTransport())
register(PushTransport())
register(ApiTransport())
