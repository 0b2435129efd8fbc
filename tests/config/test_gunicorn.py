"""gunicorn's configuration (src/jobcenter/config/gunicorn.py), the same for `make run`,
production and the benchmarks: each worker loads the URL configuration with every view, the
translations and the template engines when it starts, not on some citizen's first request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.httpserver import makefile_service

ROOT = Path(__file__).resolve().parents[2]
CONFIG = "src/jobcenter/config/gunicorn.py"

# A fresh interpreter as gunicorn's worker is when the hook runs: the WSGI application loaded
# (Django set up, the middleware built), no request served yet.
WORKER = """
import gc, json, runpy, sys
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
config = runpy.run_path(sys.argv[1])
before = set(sys.modules)
config["post_worker_init"](None)
after_hook = set(sys.modules)

from django.db import connections
from django.template import engines
from django.template.loader import get_template
from django.urls import get_resolver, resolve, reverse
from django.utils import translation

def walk(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from walk(pattern.url_patterns)
        else:
            yield pattern.callback

# What the first requests would do: resolve a path, reverse names in every language, render
# with the template engines.
views = {view.__module__ for view in walk(get_resolver().url_patterns)}
resolve("/")
for code in ("de", "en", "ar"):
    with translation.override(code):
        reverse("healthz")
for engine in engines.all():
    getattr(engine, "engine", None) and engine.engine.template_libraries
get_template("base.html")
print(json.dumps({
    "worker_class": config["worker_class"],
    "loaded_by_hook": sorted(after_hook - before),
    "views": sorted(views),
    "not_loaded": sorted(views - after_hook),
    "loaded_later": sorted(m for m in set(sys.modules) - after_hook if m.startswith("jobcenter")),
    "database_opened": any(c.connection is not None for c in connections.all()),
    "frozen": gc.get_freeze_count(),
}))
"""


def run_worker_boot(tmp_path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, CONFIG],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
            "PYTHONPATH": str(ROOT / "src"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "VAR_DIR": str(tmp_path),
            "LOG_LEVEL": "ERROR",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_worker_loads_the_urlconf_and_every_view_before_its_first_request(tmp_path):
    boot = run_worker_boot(tmp_path)
    assert boot["worker_class"] == "sync"
    assert "jobcenter.config.urls" in boot["loaded_by_hook"]
    assert "jobcenter.portal.views" in boot["loaded_by_hook"]
    assert boot["not_loaded"] == []
    # The first requests import no more of the project (URLs, views, template tags).
    assert boot["loaded_later"] == []
    # Each worker opens its own database connection on its first request, never one it could
    # share with a sibling.
    assert boot["database_opened"] is False
    # What the warm-up loaded is kept out of the garbage collector's rounds.
    assert boot["frozen"] > 100_000


def test_make_run_and_the_benchmarks_start_gunicorn_with_the_configuration():
    web = makefile_service("web", HOST="127.0.0.1", PORT=8000, WEB_WORKERS=2)
    assert web[1:3] == ["-m", "gunicorn"]
    assert web[web.index("-c") + 1] == CONFIG
    for bench in ("scaleout.py", "crash_test.py"):
        assert f'"{CONFIG}"' in (ROOT / "bench" / bench).read_text(), bench
