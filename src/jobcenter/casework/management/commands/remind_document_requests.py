"""Daily: remind citizens of document requests whose deadline is near (once per request)."""

from django.core.management.base import BaseCommand

from jobcenter.casework.services import document_requests_remind


class Command(BaseCommand):
    help = "Erinnert an Mitwirkungsaufforderungen kurz vor Fristende (täglich ausführen)."

    def handle(self, *args, **options):
        count = document_requests_remind()
        self.stdout.write(f"{count} reminder(s) queued.")
