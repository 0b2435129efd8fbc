"""Security headers that Django's own settings do not cover."""

from django.utils.cache import add_never_cache_headers

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
