"""Processes of the fault tests (run with ``python -m tests.reliability.procs …``).

paused-worker MARKER RELEASE
    ``manage.py db_worker``; the first receipt it renders waits (MARKER written) until the
    file RELEASE exists, so the test can cut the database while a job runs.
"""

import os
import sys
import time
from pathlib import Path


def paused_worker(marker: str, release: str) -> None:
    from django.core.management import call_command

    import jobcenter.receipts.selectors as service
    from jobcenter.receipts import pdf

    real = pdf.render_receipt_pdf

    def paused(submission):
        data = real(submission)
        if not Path(release).exists():
            Path(marker).write_text(str(os.getpid()))
            while not Path(release).exists():
                time.sleep(0.05)
        return data

    pdf.render_receipt_pdf = service.render_receipt_pdf = paused
    call_command("db_worker", "--no-startup-delay", "--interval", "0.2")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.config.settings")
    import django

    django.setup()
    command, *args = sys.argv[1:]
    if command == "paused-worker":
        paused_worker(*args)
