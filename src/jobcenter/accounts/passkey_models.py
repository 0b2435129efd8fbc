"""A passkey (WebAuthn credential) as a django-otp device.

Being a ``Device`` makes a passkey a second factor like the authenticator app: ``otp_login``
marks the session as confirmed, ``request.user.is_verified()`` and ``staff_required`` accept it,
and the recovery codes (``StaticDevice``) stand beside it. A passkey never accepts a typed
token; it is checked by the WebAuthn ceremony in ``accounts.passkeys``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


class Passkey(Device):
    credential_id = models.CharField(_("Kennung"), max_length=1400, unique=True)  # base64url
    public_key = models.BinaryField(_("Öffentlicher Schlüssel"))
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list, blank=True)
    # Whether the passkey checked its holder (PIN, fingerprint) when it was registered.
    user_verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("Zuletzt benutzt am"), null=True, blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("Passkey")
        verbose_name_plural = _("Passkeys")
        ordering = ["created_at", "pk"]

    def verify_token(self, token) -> bool:
        return False  # no typed codes: only the WebAuthn ceremony (accounts.passkeys) counts
