"""``/metrics`` for Prometheus, only for the monitoring system.

Allowed with the bearer token of ``METRICS_TOKEN`` or from an address of ``METRICS_ALLOWED_IPS``
(the address the app sees: behind the reverse proxy that is the proxy, so the nginx site only
passes /metrics from the monitoring network). Everyone else gets the ordinary 404, as if there
were no such page; with neither setting the page is off.
"""

import hmac
import ipaddress

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from jobcenter.monitoring.metrics import exposition


def _token_ok(request) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def _address_ok(request) -> bool:
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net) for net in settings.METRICS_ALLOWED_IPS)


@never_cache
@require_safe
def metrics(request):
    if not (_token_ok(request) or _address_ok(request)):
        raise Http404
    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)
