"""Security headers that Django's own settings do not cover, and the answer to oversized
requests."""

import logging

from django.core.exceptions import RequestDataTooBig
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import add_never_cache_headers

from jobcenter.core.views import bad_request, request_too_large

logger = logging.getLogger("jobcenter.requests")

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(self), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


class PermissionsPolicyMiddleware:
    """Deny powerful browser features; the camera stays allowed for taking photos of documents."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


PRIVATE_PREFIXES = ("/konto/", "/backoffice/", "/admin/")


class PrivatePagesNoStoreMiddleware:
    """Pages of an account, the back office or the administration show personal data or secrets
    (TOTP keys, recovery codes): no browser or proxy may keep a copy. Pages for signed-in users
    elsewhere are treated the same. Views may still set stricter headers themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if request.path.startswith(PRIVATE_PREFIXES) or signed_in:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RequestTooLargeMiddleware:
    """A form post over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` gets a page that says so (413).

    Left to Django, the first reader of ``request.POST`` (the CSRF check) raises
    ``RequestDataTooBig``, which is logged at ERROR with a traceback for every such request —
    anyone can flood the log — and answered with a generic 400. Reading the form here, before
    the CSRF check, turns it into one WARNING line and a clear page; so does a body that cannot
    be parsed (400). Must come before
    ``CsrfViewMiddleware``; files over the per-file limit are handled by the upload handler.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_TYPES:
            try:
                request.POST  # noqa: B018 -- parsed here so that the size check fails here
            except RequestDataTooBig:
                logger.warning(
                    "request too large: %s %s (%s bytes)",
                    request.method,
                    request.path,
                    request.META.get("CONTENT_LENGTH", "?"),
                )

                response = request_too_large(request)
                response._has_been_logged = True
                return response
            except MultiPartParserError as error:
                # A body that cannot be parsed (a part header over 10 KiB, a broken boundary):
                # Django would log its traceback each time, so anyone could flood the log.
                logger.warning(
                    "unreadable form body: %s %s (%s)", request.method, request.path, error
                )
                response = bad_request(request, error)
                response._has_been_logged = True
                return response
        return self.get_response(request)
