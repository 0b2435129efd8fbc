"""``manage.py shred``: delete, anonymise or restrict what is past its retention period.

- ``shred --dry-run``: print what would go now (nothing is changed, no file deleted).
- ``shred``: run now, in this process, and print the counts.
- ``shred --enqueue``: queue today's run for the worker (``db_worker``) once; run it daily from
  cron or a systemd timer, or keep it running with ``--every 3600`` (a second call on the same
  day does nothing). ``--sweep`` re-queues a run whose worker died.
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from jobcenter.retention import services


class Command(BaseCommand):
    help = "Löscht, anonymisiert oder schränkt ein, was seine Aufbewahrungsfrist erreicht hat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report what would be deleted now."
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue today's run for the worker (once a day)."
        )
        parser.add_argument(
            "--sweep", action="store_true", help="Re-queue a run whose worker died."
        )
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            help="With --enqueue: keep running and repeat every SECONDS.",
        )

    def handle(self, *args, dry_run=False, enqueue=False, sweep=False, every=0, **options):
        if sweep:
            self.stdout.write(f"{services.runs_sweep()} run(s) queued again.")
            return
        if not enqueue:
            run = services.shred(dry_run=dry_run)
            self._report(run, dry_run=dry_run)
            return
        while True:
            run = services.run_schedule()
            self.stdout.write("today's run queued." if run else "today's run exists already.")
            if not every:
                return
            if not connection.in_atomic_block:
                connection.close()
            time.sleep(every)
            if not connection.in_atomic_block:
                close_old_connections()

    def _report(self, run, *, dry_run: bool) -> None:
        verb = "would be" if dry_run else "were"
        if not run.report:
            self.stdout.write(f"nothing is due ({'dry run' if dry_run else 'done'}).")
        for row in run.report:
            where = row["jobcenter"] or "(platform)"
            kind = row["category"] + (f":{row['doc_type']}" if row["doc_type"] else "")
            self.stdout.write(f"{where}\t{kind}\t{row['count']} {verb}: {row['action']}")
        total = sum(row["count"] for row in run.report)
        self.stdout.write(f"total: {total} ({'dry run' if dry_run else 'done'})")
