"""The pull API (``/api/v1/…``): JSON only, no session, no CSRF; ``Authorization: Bearer``.

Every view parses the request, resolves the integration from its token (selectors), calls one
selector or service and answers JSON as described in openapi.py. A bundle of another Jobcenter,
or one not offered to this integration, is 404 (its existence is not revealed).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from jobcenter.handover import openapi, selectors, services
from jobcenter.handover.models import JobState


def _json(data, status=200, **headers) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    for key, value in headers.items():
        response[key.replace("_", "-")] = value
    add_never_cache_headers(response)
    return response


def _error(status: int, error: str, detail: str = "") -> JsonResponse:
    body = {"error": error, **({"detail": detail} if detail else {})}
    extra = {"WWW_Authenticate": 'Bearer realm="jobcenter-online"'} if status == 401 else {}
    return _json(body, status=status, **extra)


def _integration(request):
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return selectors.integration_for_token(token.strip())


def _api(view):
    """Token check for every operation; the integration is passed on."""

    def wrapper(request, *args, **kwargs):
        transport = _integration(request)
        if transport is None:
            return _error(401, "unauthorized", "Authorization: Bearer <token> erforderlich.")
        return view(request, transport, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return csrf_exempt(wrapper)


def _iso(value):
    return value.isoformat() if value else None


def _bundle_json(bundle, delivery) -> dict:
    """``cursor`` is the offer's (delivery's) id: the order in which bundles were offered."""
    acknowledged_at = delivery.done_at if delivery.status == JobState.DONE else None
    parts = [
        {
            "name": info["name"],
            "media_type": info["media_type"],
            "sha256": info["sha256"],
            "size": info["size"],
            "href": reverse(
                "handover_api:part", kwargs={"bundle_id": bundle.public_id, "name": info["name"]}
            ),
        }
        for info in bundle.parts
    ]
    return {
        "id": str(bundle.public_id),
        "cursor": delivery.pk,
        "kind": bundle.kind,
        "reference": bundle.submission.reference,
        "form": bundle.submission.form_ident,
        "received_at": _iso(bundle.case.received_at),
        "created_at": _iso(bundle.done_at),
        "acknowledged_at": _iso(acknowledged_at),
        "parts": parts,
    }


def _int(value: str | None, *, default: int, low: int, high: int) -> int | None:
    if value is None:
        return default
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if low <= number <= high else None


def _bundle(transport, bundle_id: str):
    try:
        public_id = uuid.UUID(bundle_id)
    except ValueError:
        return None
    return selectors.bundle_for_integration(transport=transport, public_id=public_id)


@require_GET
def schema(request):
    return _json(openapi.SCHEMA)


@require_GET
@_api
def bundles(request, transport):
    since = _int(request.GET.get("since"), default=0, low=0, high=2**53)
    limit = _int(request.GET.get("limit"), default=settings.HANDOVER_API_PAGE_SIZE, low=1, high=200)
    if since is None or limit is None:
        return _error(400, "invalid_parameter", "since ≥ 0, 1 ≤ limit ≤ 200")
    page = selectors.offered_bundles(transport=transport, since=since, limit=limit)
    return _json(
        {
            "bundles": [_bundle_json(d.bundle, d) for d in page],
            "next_cursor": page[-1].pk if len(page) == limit else None,
        }
    )


@require_GET
@_api
def bundle(request, transport, bundle_id):
    found = _bundle(transport, bundle_id)
    if found is None:
        return _error(404, "not_found")
    delivery = selectors.delivery_of(transport=transport, bundle=found)
    return _json(_bundle_json(found, delivery))


@require_GET
@_api
def part(request, transport, bundle_id, name):
    found = _bundle(transport, bundle_id)
    info = found.part_info(name) if found is not None else None
    if info is None:
        return _error(404, "not_found")
    try:
        data = services.bundle_part(found, name)
    except OSError:  # the stored file is gone (storage fault): say so, retry later
        response = _error(
            503,
            "part_unavailable",
            "Der Teil ist vorübergehend nicht verfügbar; bitte später erneut abrufen.",
        )
        response["Retry-After"] = "60"
        return response
    services.part_fetched(transport=transport, bundle=found, name=name)
    response = HttpResponse(data, content_type=info["media_type"])
    response["Digest-SHA256"] = info["sha256"]
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    add_never_cache_headers(response)
    return response


@require_POST
@_api
def acknowledge(request, transport, bundle_id):
    found = _bundle(transport, bundle_id)
    if found is None:
        return _error(404, "not_found")
    delivery, new = services.delivery_acknowledge(transport=transport, bundle=found)
    return _json(
        {
            "id": str(found.public_id),
            "acknowledged_at": _iso(delivery.done_at),
            "already_acknowledged": not new,
        }
    )
