"""Print the current TOTP code of the demo staff accounts (development only), so a demo needs no
authenticator app."""

from base64 import b32decode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from jobcenter.accounts.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current one-time code of the demo staff accounts."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo codes exist in development mode only.")
        code = totp(b32decode(DEMO_TOTP_SECRET))
        self.stdout.write(f"{code:06d}")
