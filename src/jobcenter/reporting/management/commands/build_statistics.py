"""Rebuild the monthly statistics summary of every Jobcenter (run nightly, e.g. from cron)."""

import time

from django.core.management.base import BaseCommand

from jobcenter.reporting.services import summary_rebuild_all


class Command(BaseCommand):
    help = "Recompute the monthly figures (applications per channel, processing times)."

    def handle(self, *args, **options):
        t0 = time.perf_counter()
        built = summary_rebuild_all()
        for slug, (channel_rows, duration_rows) in built.items():
            self.stdout.write(f"{slug}: {channel_rows} channel rows, {duration_rows} duration rows")
        self.stdout.write(f"done in {time.perf_counter() - t0:.1f} s")
