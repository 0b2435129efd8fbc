"""``manage.py delete_expired_drafts``: remove drafts older than DRAFT_EXPIRY_DAYS (run daily)."""

from django.core.management.base import BaseCommand

from jobcenter.intake import services


class Command(BaseCommand):
    help = "Delete expired drafts."

    def handle(self, *args, **options):
        count = services.drafts_delete_expired()
        self.stdout.write(f"{count} expired draft(s) deleted.")
