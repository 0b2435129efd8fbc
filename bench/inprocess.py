"""CPU cost per request in-process (Django test client, no server, no load generator).

    uv run python bench/inprocess.py [--n 200] [--repeat 7]

A complement to ``wizard_step.py`` on a shared 2-core box: each endpoint is called ``n`` times
in a loop, ``repeat`` times, and the *minimum* mean is reported — the run least disturbed by
other processes. Same settings, middleware, database engine and endpoints as wizard_step.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
FORM_URLENCODED = "application/x-www-form-urlencoded"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "VAR_DIR": tmp,
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        }
    )
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from jobcenter.tenants.demo import seed_jobcenters

    call_command("migrate", verbosity=0)
    seed_jobcenters()
    c = Client(HTTP_HOST="localhost")
    step = "/musterkreis/veraenderung/arbeitsbeginn/"

    def revision(path: str) -> str:
        return re.search(r'name="revision" value="(\d+)"', c.get(path).content.decode()).group(1)

    person = "/musterkreis/veraenderung/person/"
    c.post(
        person,
        {
            "revision": revision(person),
            "vorname": "Kim",
            "nachname": "M",
            "geburtsdatum-tag": "1",
            "geburtsdatum-monat": "1",
            "geburtsdatum-jahr": "1980",
            "bg_nummer": "12345BG0012345",
        },
    )
    choice = "/musterkreis/veraenderung/auswahl/"
    c.post(choice, {"revision": revision(choice), "aenderungen": ["arbeitsbeginn"]})
    start = dt.date.today() - dt.timedelta(days=3)
    data = {
        "revision": revision(step),
        "aktion": "weiter",
        "ab_person": "Kim Musterfrau",
        "ab_arbeitgeber": "Bäckerei Korn",
        "ab_beginn-tag": str(start.day),
        "ab_beginn-monat": str(start.month),
        "ab_beginn-jahr": str(start.year),
        "ab_stunden": "20",
        "ab_brutto": "1.200,00",
    }
    assert c.post(step, data).status_code == 302

    calls = {
        "hello-world GET": lambda: c.get("/bench/hello/"),
        "page frame GET (base.html + Jobcenter, no form)": lambda: c.get(
            "/bench/musterkreis/chrome/"
        ),
        "wizard step GET": lambda: c.get(step),
        # As a browser sends a form without file inputs (and as wrk does in wizard_step.py).
        "wizard step POST (validate + save draft)": lambda: c.post(
            step, urlencode(data), content_type=FORM_URLENCODED
        ),
    }
    best = {}
    for name, call in calls.items():
        call()
        means = []
        for _ in range(args.repeat):
            t0 = time.process_time()
            for _ in range(args.n):
                call()
            means.append((time.process_time() - t0) / args.n * 1000)
        best[name] = min(means)
    hello = best["hello-world GET"]
    print(f"\nin-process, Django test client, min of {args.repeat} × {args.n} calls\n")
    print("| endpoint | ms per request | × hello-world cost |")
    print("| --- | ---: | ---: |")
    for name, ms in best.items():
        print(f"| {name} | {ms:.2f} | {ms / hello:.1f}× |")


if __name__ == "__main__":
    main()
