"""Settings for the benchmarks: the project's settings unchanged, plus a hello-world URL.

Everything that matters for a fair comparison — middleware, session engine, database, template
loaders, DEBUG off — comes from the real settings module; only the URLconf gains one view and the
database is a throwaway SQLite file under var/bench (set by the runner through DATABASE_URL).
"""

import os
from importlib import import_module
from pathlib import Path

_base = import_module(os.environ.get("BENCH_BASE_SETTINGS", "jobcenter.config.settings"))
globals().update({k: v for k, v in vars(_base).items() if k.isupper()})

BENCH_PROJECT_URLCONF = _base.ROOT_URLCONF
ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Logging every request to the console would measure the terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}

# The page-frame baseline template lives in bench/templates.
_templates = _base.TEMPLATES[0]
TEMPLATES = [
    {**_templates, "DIRS": [*_templates["DIRS"], Path(__file__).parent / "templates"]},
    *_base.TEMPLATES[1:],
]
