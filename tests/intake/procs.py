"""Helpers run as separate processes against a real database (fault and concurrency tests).

DATABASE_URL=… python -m tests.intake.procs seed N          → JSON list of draft pks
DATABASE_URL=… python -m tests.intake.procs submit PK AT    → submits at time.time() == AT
DATABASE_URL=… python -m tests.intake.procs slow-worker MARKER
    runs ``db_worker`` with the receipt rendering paused (MARKER file written first), so
    the test can SIGKILL the worker while it renders.
"""

import json
import os
import sys
import time


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.config.settings")
    import django

    django.setup()


def seed(n: int) -> None:
    from jobcenter.tenants.demo import seed_jobcenters
    from tests.intake.factories import make_draft

    jobcenter = seed_jobcenters()[0]
    print(json.dumps([make_draft(jobcenter).pk for _ in range(n)]))


def submit(pk: int, at: float) -> None:
    from jobcenter.intake import services
    from jobcenter.intake.models import Draft

    draft = Draft.objects.get(pk=pk)
    time.sleep(max(0.0, at - time.time()))
    print(services.submission_create(draft=draft, language="de").reference)


def slow_worker(marker: str) -> None:
    from django.core.management import call_command

    from jobcenter.receipts import pdf

    real = pdf.render_receipt_pdf

    def paused(submission):
        data = real(submission)
        with open(marker, "w") as f:
            f.write(str(os.getpid()))
        time.sleep(600)  # the test kills us here
        return data

    pdf.render_receipt_pdf = paused
    import jobcenter.receipts.selectors as service

    service.render_receipt_pdf = paused
    call_command("db_worker", "--no-startup-delay", "--interval", "0.1", verbosity=0)


if __name__ == "__main__":
    setup()
    command, *args = sys.argv[1:]
    if command == "seed":
        seed(int(args[0]))
    elif command == "submit":
        submit(int(args[0]), float(args[1]))
    elif command == "slow-worker":
        slow_worker(args[0])
