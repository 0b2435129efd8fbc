"""CPU cost per request in-process (Django test client, no server, no load generator).

    uv run python bench/inprocess.py [--n 200] [--repeat 7]

A complement to ``wizard_step.py`` on a shared 2-core box: each endpoint is called ``n`` times
in a loop, in ``repeat`` interleaved rounds (every endpoint once per round), and the median of
the rounds' process-CPU means is reported with their spread (min–max). Same settings,
middleware, database engine and endpoints as wizard_step.py. It measures CPU, not what a
citizen waits for: that is ``wizard_step.py``'s, through the server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
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
    rounds: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        call()  # warm-up
    for _ in range(args.repeat):
        for name, call in calls.items():
            t0 = time.process_time()
            for _ in range(args.n):
                call()
            rounds[name].append((time.process_time() - t0) / args.n * 1000)
    median = {name: statistics.median(means) for name, means in rounds.items()}
    hello = median["hello-world GET"]
    print(
        f"\nin-process, Django test client, process CPU per call: median of {args.repeat} "
        f"interleaved rounds of {args.n} calls (spread: min–max of the rounds)\n"
    )
    print("| endpoint | ms per request | spread | × hello-world cost |")
    print("| --- | ---: | ---: | ---: |")
    for name, ms in median.items():
        low, high = min(rounds[name]), max(rounds[name])
        print(f"| {name} | {ms:.2f} | {low:.2f}–{high:.2f} | {ms / hello:.1f}× |")


if __name__ == "__main__":
    main()
