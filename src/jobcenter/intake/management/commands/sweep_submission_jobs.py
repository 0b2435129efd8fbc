"""``manage.py sweep_submission_jobs``: re-queue post-submit jobs that will never run on their
own (a worker killed mid-job, a lost task row). Run every 5 minutes (docs/OPERATIONS.md)."""

import datetime as dt

from django.core.management.base import BaseCommand

from jobcenter.intake import jobs


class Command(BaseCommand):
    help = "Re-queue submission jobs whose worker died or whose task is gone."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=int,
            default=None,
            help="seconds a pending job may be overdue (default: setting "
            "INTAKE_JOB_SWEEP_GRACE_SECONDS)",
        )
        parser.add_argument(
            "--expire-leases",
            action="store_true",
            help="treat every running job as dead (only when no worker runs)",
        )

    def handle(self, *args, grace=None, expire_leases=False, **options):
        now = None
        if expire_leases:
            from django.conf import settings
            from django.utils import timezone

            now = timezone.now() + dt.timedelta(seconds=settings.INTAKE_JOB_LEASE_SECONDS + 1)
        count = jobs.jobs_sweep(
            now=now, grace=dt.timedelta(seconds=grace) if grace is not None else None
        )
        self.stdout.write(f"{count} job(s) re-queued.")
