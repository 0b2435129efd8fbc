"""A database that separate processes can share with the test.

SQLite: a migrated file (the test suite's in-memory database is private to its process).
PostgreSQL: a fresh database created for the test and dropped afterwards.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


class ExternalDB:
    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.media = tmp_path / "media"
        if connection.vendor == "postgresql":
            params = connection.settings_dict
            self.name = f"jc_ext_{uuid.uuid4().hex[:10]}"
            auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
            host = f"{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
            self.url = f"postgres://{auth}@{host}/{self.name}"
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.name}"')
        else:
            self.name = None
            self.url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
        self.env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "MEDIA_ROOT": str(self.media),
            "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
        }
        self.manage("migrate", "-v0")

    def manage(self, *args, timeout=120) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        ).stdout

    def proc(self, *args) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.intake.procs", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args, timeout=120) -> str:
        p = self.proc(*args)
        out, err = p.communicate(timeout=timeout)
        assert p.returncode == 0, err
        return out

    def sql(self, query: str):
        """One query in a child process (keeps the test's own connection out of it)."""
        code = (
            "import django,json;django.setup();from django.db import connection;"
            f"c=connection.cursor();c.execute({query!r});print(json.dumps(c.fetchall()))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
        import json

        return json.loads(out)

    def drop(self) -> None:
        if self.name:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
