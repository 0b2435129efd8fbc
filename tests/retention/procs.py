"""Run as separate processes against a real database (the concurrency test).

DATABASE_URL=… python -m tests.retention.procs seed N     → closed cases, 11 years old
DATABASE_URL=… python -m tests.retention.procs shred AT   → one shredder run at time AT
"""

import datetime as dt
import json
import os
import sys
import time


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.config.settings")
    import django

    django.setup()


def seed(n: int) -> None:
    from django.utils import timezone

    from jobcenter.tenants.demo import seed_jobcenters
    from tests.retention.test_shredder import closed_case, files_of

    jobcenter = seed_jobcenters()[0]
    old = timezone.now() - dt.timedelta(days=11 * 366)
    cases = [closed_case(jobcenter, old) for _ in range(n)]
    print(
        json.dumps(
            {"cases": [c.pk for c in cases], "files": [f for c in cases for f in files_of(c)]}
        )
    )


def shred(start_at: float) -> None:
    from jobcenter.retention import services

    time.sleep(max(0.0, start_at - time.time()))
    run = services.shred()
    print(json.dumps(run.report))


if __name__ == "__main__":
    setup()
    command, *args = sys.argv[1:]
    if command == "seed":
        seed(int(args[0]))
    elif command == "shred":
        shred(float(args[0]))
