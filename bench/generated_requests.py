"""Generated requests, the full run: every wizard page of every form
(tests/security/test_generated_requests.py), every page and form of the site from the URL
configuration (tests/security/test_generated_site.py) and schemathesis against the handover API
(tests/handover/test_schemathesis.py), with enough hypothesis examples per target for more than
10,000 requests; prints the requests per status.

    uv run python bench/generated_requests.py [--examples 32] [-- extra pytest arguments]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jc_fuzz \\
        uv run python bench/generated_requests.py

``--time-limit`` ends the run after so many seconds and prints what was counted so far (each
target's requests are counted when its test ends), marked INCOMPLETE.

Exit status 0 only when every test passed: 0 responses 5xx, 0 tracebacks, every rejected input
answered with a message.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=32, help="hypothesis examples per target")
    parser.add_argument("--site-examples", type=int, default=4, help="per page of the site")
    parser.add_argument("--api-examples", type=int, default=200, help="schemathesis, per operation")
    parser.add_argument("--processes", default="2", help="pytest -n")
    parser.add_argument("--time-limit", type=float, default=0, help="seconds (0: none)")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()
    report = Path(tempfile.mkstemp(prefix="generated-requests-", suffix=".jsonl")[1])
    env = {
        **os.environ,
        "GENERATED_REQUESTS_EXAMPLES": str(args.examples),
        "GENERATED_SITE_EXAMPLES": str(args.site_examples),
        "SCHEMATHESIS_EXAMPLES": str(args.api_examples),
        "GENERATED_REQUESTS_REPORT": str(report),
    }
    started = time.monotonic()
    run = subprocess.Popen(
        [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-n", args.processes),
            "tests/security/test_generated_requests.py",
            "tests/security/test_generated_site.py",
            *("tests/handover/test_schemathesis.py", *args.pytest_args),
        ],
        cwd=ROOT,
        env=env,
    )
    complete = True
    try:
        run.wait(timeout=args.time_limit or None)
    except subprocess.TimeoutExpired:
        complete = False
        run.terminate()
        run.wait()
    statuses: Counter = Counter()
    notes: Counter = Counter()
    quiet: set[str] = set()
    targets = 0
    for line in report.read_text().splitlines():
        entry = json.loads(line)
        targets += 1
        statuses.update({int(k): v for k, v in entry["statuses"].items() if k.isdigit()})
        for k, v in entry["statuses"].items():
            if not k.isdigit():  # "200 no message": a posted form answered without a message
                notes[k] += v
                quiet.add(entry["target"])
    report.unlink()
    for target in sorted(quiet):
        print("answered without a message:", target)
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(
        f"\n{sum(statuses.values()):,} generated requests against {targets} targets "
        f"({args.examples} examples each, {database}) in {time.monotonic() - started:.0f} s: "
        + ", ".join(f"{code}: {n:,}" for code, n in sorted(statuses.items()))
        + f"; 5xx: {sum(n for code, n in statuses.items() if code >= 500)}; "
        + (
            f"answered without a message: {dict(notes)} on {len(quiet)} targets; "
            if notes
            else "; "
        )
        + ("PASS" if run.returncode == 0 else "FAIL")
        + ("" if complete else f" (INCOMPLETE: stopped after {args.time_limit:.0f} s)")
    )
    sys.exit(run.returncode if complete else 2)


if __name__ == "__main__":
    main()
