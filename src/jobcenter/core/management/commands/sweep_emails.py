"""``manage.py sweep_emails``: re-queue e-mails of the outbox whose worker died or whose task
row is gone. Run every 5 minutes, beside ``sweep_submission_jobs`` (docs/OPERATIONS.md)."""

from django.core.management.base import BaseCommand

from jobcenter.core import mail


class Command(BaseCommand):
    help = "Re-queue outgoing e-mails whose worker died or whose task is gone."

    def handle(self, *args, **options):
        self.stdout.write(f"{mail.emails_sweep()} e-mail(s) re-queued.")
