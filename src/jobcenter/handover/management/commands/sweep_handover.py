"""``manage.py sweep_handover``: re-queue handover jobs whose task will never run (cron)."""

from django.core.management.base import BaseCommand

from jobcenter.handover.jobs import jobs_sweep


class Command(BaseCommand):
    help = "Re-queue handover jobs (bundle build, folder, push) left behind by a lost worker."

    def handle(self, *args, **options):
        self.stdout.write(f"{jobs_sweep()} re-queued")
