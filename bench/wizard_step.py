"""Benchmark P1 (QUALITY.md §3.4): wizard step GET and POST against a hello-world view.

    uv run python bench/wizard_step.py [--duration 8] [--rounds 3] [--connections 16]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/jc_bench_step \\
        uv run python bench/wizard_step.py --db postgres   # that database is DROPPED

One run starts gunicorn exactly as ``make run`` starts it (bench/httpserver.py reads the
Makefile: sync workers; ``--workers`` processes) on a fresh database
(SQLite, or PostgreSQL with ``--db postgres``) with the project's settings and middleware,
prepares a session with a draft, and measures with ``wrk`` back to back:

1. ``GET  /bench/hello/``                          — hello-world, same middleware, server, DB,
   with the draft's session cookie (what every citizen page pays: a session read), and once
   without any cookie (the cheapest request the stack serves; ratios to both are printed)
   (and ``/bench/musterkreis/chrome/``: the same inside the page frame, base.html + Jobcenter)
2. ``GET  /musterkreis/veraenderung/arbeitsbeginn/`` — a step with 6 questions (10 inputs),
   rendered from the definition in one template pass
3. ``POST`` of the same step: parse + validate every field, save the draft in one transaction
   (row lock, revision check, JSON merge), answer 302

The same session and CSRF cookies go with every request, so the baseline pays the same cookie
parsing. Ratios are what we compare (the load generator shares the two cores); the table is
printed as Markdown for docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.httpserver import (  # noqa: E402  (the script runs as a file)
    load_average,
    setup_database,
    start_gunicorn,
)

STEP = "/musterkreis/veraenderung/arbeitsbeginn/"
HELLO_NO_SESSION = "hello-world GET, no session"


def wait_for(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)  # localhost only
            return
        except Exception:
            time.sleep(0.2)
    raise SystemExit(f"server did not come up: {url}")


class Client:
    """A tiny cookie-keeping client that does not follow redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect
        )

    def get(self, path: str) -> str:
        return self.opener.open(self.base + path).read().decode()

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        try:
            return self.opener.open(self.base + path, body).status
        except urllib.error.HTTPError as exc:
            return exc.code

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name)

    def form_fields(self, path: str) -> dict:
        html = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        revision = re.search(r'name="revision" value="(\d+)"', html).group(1)
        return {"csrfmiddlewaretoken": token, "revision": revision}


def prepare(base: str) -> tuple[str, str]:
    """Walk to the step once (creating the draft); return the cookie header and the POST body."""
    import datetime as dt

    c = Client(base)
    person = {
        "vorname": "Kim",
        "nachname": "Musterfrau",
        "geburtsdatum-tag": "27",
        "geburtsdatum-monat": "3",
        "geburtsdatum-jahr": "1980",
        "bg_nummer": "12345BG0012345",
        "aktion": "weiter",
    }
    assert (
        c.post(
            "/musterkreis/veraenderung/person/",
            {**c.form_fields("/musterkreis/veraenderung/person/"), **person},
        )
        == 302
    )
    assert (
        c.post(
            "/musterkreis/veraenderung/auswahl/",
            {
                **c.form_fields("/musterkreis/veraenderung/auswahl/"),
                "aenderungen": ["arbeitsbeginn"],
                "aktion": "weiter",
            },
        )
        == 302
    )
    start = dt.date.today() - dt.timedelta(days=3)
    step = {
        **c.form_fields(STEP),
        "aktion": "weiter",
        "ab_person": "Kim Musterfrau",
        "ab_arbeitgeber": "Bäckerei Korn",
        "ab_beginn-tag": str(start.day),
        "ab_beginn-monat": str(start.month),
        "ab_beginn-jahr": str(start.year),
        "ab_stunden": "20",
        "ab_brutto": "1.200,00",
        "ab_erste_zahlung-tag": "",
        "ab_erste_zahlung-monat": "",
        "ab_erste_zahlung-jahr": "",
    }
    assert c.post(STEP, step) == 302, "the step POST must validate and redirect"
    # Later POSTs carry this (then stale) revision with the same answers: not a conflict, so
    # every request takes the full path: validate, lock, compare, save, redirect.
    cookies = f"csrftoken={c.cookie('csrftoken')}; sessionid={c.cookie('sessionid')}"
    return cookies, urllib.parse.urlencode(step)


def wrk(
    url: str,
    seconds: int,
    connections: int,
    lua: str | None = None,
    *,
    threads: int = 2,
    cookie: str | None = None,
) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if lua:
        cmd += ["-s", lua]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * factor,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def lua_script(tmp: Path, name: str, sessions: list[tuple[str, str]], post: bool) -> str:
    """A wrk script that sends every request as the next of ``sessions`` (cookie header, POST
    body), each wrk thread starting at a different one: every citizen saves their own draft, as
    in life — one draft shared by all connections would queue every save on that draft's row
    lock (PostgreSQL) and make its revision checks collide. No sessions: no cookie at all."""
    path = tmp / f"{name}.lua"
    if not sessions:
        path.write_text("")
        return str(path)

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [
        "local cookies = {" + ", ".join(quoted(c) for c, _b in sessions) + "}",
        "local bodies = {" + ", ".join(quoted(b) for _c, b in sessions) + "}",
        "local threads = 0",
        "setup = function(thread)",
        "  thread:set('offset', threads * math.floor(#cookies / 2))",
        "  threads = threads + 1",
        "end",
        "local i = nil",
        "request = function()",
        "  i = ((i or offset or 0) % #cookies) + 1",
        "  local headers = {}",
        "  headers['Cookie'] = cookies[i]",
    ]
    if post:
        lines += [
            "  headers['Content-Type'] = 'application/x-www-form-urlencoded'",
            "  return wrk.format('POST', nil, headers, bodies[i])",
        ]
    else:
        lines += ["  return wrk.format('GET', nil, headers, nil)"]
    path.write_text("\n".join([*lines, "end"]) + "\n")
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--drafts", type=int, default=32, help="citizens (a session and a draft each)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8871)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved; the median counts")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    tmp, env, _jobcenter = setup_database(args.db, "bench-step-")
    from django.db import connection

    connection.close()  # the server's database from here on
    base = f"http://127.0.0.1:{args.port}"
    server = start_gunicorn(env, args.port, workers=args.workers)
    loads = [load_average()]
    try:
        wait_for(base + "/bench/hello/")
        sessions = [prepare(base) for _ in range(args.drafts)]
        get_lua = lua_script(tmp, "get", sessions, post=False)
        post_lua = lua_script(tmp, "post", sessions, post=True)
        bare_lua = lua_script(tmp, "bare", [], post=False)
        # Warm up every worker on every path (template and definition caches).
        for url, lua in (
            (base + "/bench/hello/", get_lua),
            (base + "/bench/musterkreis/chrome/", get_lua),
            (base + STEP, get_lua),
            (base + STEP, post_lua),
        ):
            wrk(url, 2, args.connections, lua)
        targets = {
            "hello-world GET": (base + "/bench/hello/", get_lua),
            HELLO_NO_SESSION: (base + "/bench/hello/", bare_lua),
            "page frame GET (base.html + Jobcenter, no form)": (
                base + "/bench/musterkreis/chrome/",
                get_lua,
            ),
            "wizard step GET": (base + STEP, get_lua),
            "wizard step POST (validate + save draft)": (base + STEP, post_lua),
        }
        # Interleaved rounds, median per endpoint: a noisy neighbour on the two cores then
        # hits every endpoint alike instead of skewing one of them.
        rounds: dict[str, list[dict]] = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, (url, lua) in targets.items():
                rounds[name].append(wrk(url, args.duration, args.connections, lua))
        results = {
            name: sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
            for name, runs in rounds.items()
        }
        spread = {
            name: (min(r["rps"] for r in runs), max(r["rps"] for r in runs))
            for name, runs in rounds.items()
        }
        loads.append(load_average())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)

    hello = results["hello-world GET"]["rps"]
    bare = results[HELLO_NO_SESSION]["rps"]
    print(
        f"\ngunicorn as make run starts it ({args.workers} sync "
        f"workers), wrk -t2 -c{args.connections} -d{args.duration}s, {args.db}, median of "
        f"{args.rounds} interleaved rounds (spread: min–max), one run; load average (1 min) "
        f"{' → '.join(loads)}; hello-world = with the draft's session "
        "cookie, as every other request here\n"
    )
    frame = results["page frame GET (base.html + Jobcenter, no form)"]["rps"]
    print(
        "| endpoint | req/s | spread | p99 | non-2xx/3xx | ratio to hello-world | "
        "ratio to hello-world without session | ratio to page frame |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        low, high = spread[name]
        print(
            f"| {name} | {r['rps']:,.0f} | {low:,.0f}–{high:,.0f} | {r['p99_ms']:.1f} ms | "
            f"{r['errors']} | "
            f"{r['rps'] / hello:.2f}× | {r['rps'] / bare:.2f}× | {r['rps'] / frame:.2f}× |"
        )
    bad = [n for n, r in results.items() if r["errors"] or r["socket_errors"]]
    if bad:
        print(f"\nWARNING: errors in {bad}: " + "; ".join(results[n]["socket_errors"] for n in bad))


if __name__ == "__main__":
    main()
