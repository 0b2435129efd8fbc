"""``manage.py sweep_handover``: re-queue handover jobs whose task will never run, and
make good what was missed while a Jobcenter had no active transport (cron)."""

from django.core.management.base import BaseCommand

from jobcenter.handover.jobs import jobs_sweep
from jobcenter.handover.services import transports_catch_up_all


class Command(BaseCommand):
    help = "Re-queue handover jobs (bundle build, folder, push) left behind by a lost worker."

    def handle(self, *args, **options):
        self.stdout.write(f"{jobs_sweep()} re-queued")
        caught = transports_catch_up_all()
        self.stdout.write(
            f"{caught['bundles']} bundles made, {caught['deliveries']} deliveries "
            "added (missed while no transport was active)"
        )
