"""A PostgreSQL database of its own for a fault test, reached directly or through a proxy.

The server is the one of ``DATABASE_URL`` when that is PostgreSQL, else the local default
(``postgres://postgres@127.0.0.1:5432``); without a reachable server the test is skipped.
The database is created (and migrated) for the test and dropped afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parents[2]


def server() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get(
            "FAULT_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        )
    params = dj_database_url.parse(url)
    return {
        "host": params["HOST"] or "127.0.0.1",
        "port": int(params["PORT"] or 5432),
        "user": params["USER"] or "postgres",
        "password": params["PASSWORD"] or "",
    }


def _admin(params: dict):
    import psycopg

    return psycopg.connect(
        host=params["host"],
        port=params["port"],
        user=params["user"],
        password=params["password"] or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=3,
    )


class PgDatabase:
    def __init__(self, tmp_path: Path):
        self.params = server()
        try:
            with _admin(self.params) as conn:
                self.name = f"jc_fault_{uuid.uuid4().hex[:10]}"
                conn.execute(f'CREATE DATABASE "{self.name}"')
        except Exception as error:
            pytest.skip(f"no PostgreSQL server for the fault tests ({type(error).__name__})")
        self.media = tmp_path / "media"
        self.direct_url = self.url_for(self.params["host"], self.params["port"])
        self.manage("migrate", "-v0")

    def url_for(self, host: str, port: int) -> str:
        auth = self.params["user"] + (
            f":{self.params['password']}" if self.params["password"] else ""
        )
        return f"postgres://{auth}@{host}:{port}/{self.name}"

    def env(self, url: str | None = None, **extra: str) -> dict:
        return {
            **os.environ,
            "DATABASE_URL": url or self.direct_url,
            "MEDIA_ROOT": str(self.media),
            "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
            "EMAIL_HOST": "",
            **extra,
        }

    def manage(self, *args, timeout=180, **env) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(**env),
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        ).stdout

    def python(self, module: str, *args, url: str | None = None, **extra) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            env=self.env(url, **extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, module: str, *args, timeout=120) -> str:
        proc = self.python(module, *args)
        out, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err
        return out

    def sql(self, query: str) -> list:
        import psycopg

        with psycopg.connect(
            host=self.params["host"],
            port=self.params["port"],
            user=self.params["user"],
            password=self.params["password"] or None,
            dbname=self.name,
            autocommit=True,
            connect_timeout=3,
        ) as conn:
            return [list(row) for row in conn.execute(query).fetchall()]

    def drop(self) -> None:
        with _admin(self.params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def as_json(out: str):
    return json.loads(out.strip().splitlines()[-1])
