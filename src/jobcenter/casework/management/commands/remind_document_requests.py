"""Remind citizens of document requests whose deadline is near (once per request).

Production: run it from cron or a systemd timer (docs/OPERATIONS.md), e.g. hourly or daily.
``--every SECONDS`` keeps it running and repeats the run (``make run`` starts it like this beside
the worker). Each request is reminded at most once (``reminded_at``, set under a row lock), so
any schedule and overlapping runs are safe.
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from jobcenter.casework.services import document_requests_remind


class Command(BaseCommand):
    help = "Erinnert an Mitwirkungsaufforderungen kurz vor Fristende (täglich ausführen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            help="Keep running and repeat every SECONDS (0: run once).",
        )
        parser.add_argument(
            "--runs",
            type=int,
            default=0,
            help="With --every: stop after this many runs (0: never).",
        )

    def handle(self, *args, every: float = 0, runs: int = 0, **options):
        done = 0
        while True:
            count = document_requests_remind()
            self.stdout.write(f"{count} reminder(s) queued.")
            done += 1
            if not every or (runs and done >= runs):
                return
            if not connection.in_atomic_block:  # (tests run it inside a transaction)
                connection.close()  # hold no connection while sleeping
            time.sleep(every)
            if not connection.in_atomic_block:
                close_old_connections()
