"""Re-queue uploads still being checked whose task was lost (run every few minutes, like
``sweep_submission_jobs``)."""

from django.core.management.base import BaseCommand

from jobcenter.documents.services import uploads_sweep


class Command(BaseCommand):
    help = "Re-queue uploads whose scan/normalisation task will never run."

    def handle(self, *args, **options):
        count = uploads_sweep()
        self.stdout.write(f"{count} upload(s) re-queued")
