"""Request ids for the logs, and the timing of every request for /metrics."""

import re
import time
import uuid

from jobcenter.monitoring.logging import request_id
from jobcenter.monitoring.metrics import observe_request

# An id set by the reverse proxy (nginx: $request_id) is kept, so its access log and ours match;
# anything else (too long, odd characters: it ends up in every log line) is replaced.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if INCOMING_ID.match(given) else uuid.uuid4().hex
        request.request_id = rid
        # Kept until the response is closed (request_finished, apps.py): Django logs a 4xx/5xx
        # after the middleware has returned.
        request_id.set(rid)
        response = self.get_response(request)
        response["X-Request-ID"] = rid
        return response


class RequestMetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        observe_request(
            request.method,
            match.view_name if match else "",
            response.status_code,
            time.perf_counter() - started,
        )
        return response
