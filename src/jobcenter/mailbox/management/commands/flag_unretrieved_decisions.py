"""Flag decisions in the mailbox that were not retrieved in time, for sending by post.

Run it daily (cron or a systemd timer, docs/OPERATIONS.md); ``make run`` runs it hourly beside
the worker. A decision is flagged once (``post_flagged_at``), so overlapping runs are safe.
"""

from django.core.management.base import BaseCommand

from jobcenter.mailbox.services import decisions_flag_unretrieved


class Command(BaseCommand):
    help = "Markiert nicht abgerufene Bescheide im Postfach für den Postversand (täglich)."

    def handle(self, *args, **options):
        count = decisions_flag_unretrieved()
        self.stdout.write(f"{count} decision(s) flagged for the post.")
