"""The restore drill: back up, wipe, restore; the app serves the same cases and documents.

scripts/backup.py against a real installation (processes with the production settings module):
SQLite with the files in a folder, PostgreSQL with the files in S3 (the moto server as the
stand-in for the S3-compatible storage).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(env: dict, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _base_env(tmp_path: Path) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "VAR_DIR": str(tmp_path / "var"),
        "ALLOWED_HOSTS": "testserver",
        "SECRET_KEY": "restore-drill-" + "x" * 40,
        "LOG_LEVEL": "WARNING",
        "EMAIL_HOST": "",
    }


def _drill(env: dict, tmp_path: Path, wipe) -> None:
    before = _run(env, "-m", "tests.deploy.drill", "create")
    assert before["cases"] and before["documents"] and before["receipts"]
    folder = tmp_path / "backup"
    made = _run(env, "scripts/backup.py", "backup", str(folder))
    assert made["files"] >= 2  # the receipt and the normalised PDF at least

    wipe()
    restored = _run(env, "scripts/backup.py", "restore", str(folder))
    assert restored["files"] == made["files"]
    after = _run(env, "-m", "tests.deploy.drill", "check")
    assert after == before


def test_restore_drill_sqlite_and_files_folder(tmp_path):
    database = tmp_path / "var" / "db.sqlite3"
    media = tmp_path / "var" / "media"
    env = {**_base_env(tmp_path), "DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": str(media)}

    def wipe():
        database.unlink()
        shutil.rmtree(media)

    _drill(env, tmp_path, wipe)


def test_restore_drill_postgresql_and_s3(tmp_path, moto_endpoint):
    import boto3
    import psycopg

    from tests.reliability.pg import server

    params = server()
    name = f"jc_drill_{uuid.uuid4().hex[:10]}"

    def admin():
        return psycopg.connect(
            host=params["host"],
            port=params["port"],
            user=params["user"],
            password=params["password"] or None,
            dbname="postgres",
            autocommit=True,
            connect_timeout=3,
        )

    try:
        with admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server")
    bucket = f"drill-{uuid.uuid4().hex[:10]}"
    s3 = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    s3.create_bucket(Bucket=bucket)
    auth = params["user"] + (f":{params['password']}" if params["password"] else "")
    env = {
        **_base_env(tmp_path),
        "DATABASE_URL": f"postgres://{auth}@{params['host']}:{params['port']}/{name}",
        "STORAGE_BACKEND": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": moto_endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
    }

    def wipe():
        with admin() as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=item["Key"])

    try:
        _drill(env, tmp_path, wipe)
    finally:
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
