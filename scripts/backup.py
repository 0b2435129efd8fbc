"""Back up and restore the database and the files of an installation (docs/OPERATIONS.md).

    python scripts/backup.py backup  /backup/jobcenter-2026-12-04
    python scripts/backup.py restore /backup/jobcenter-2026-12-04

Reads the same environment as the app (``/etc/jobcenter/jobcenter.env``): ``DATABASE_URL`` and
the file storage (``STORAGE_BACKEND``, ``MEDIA_ROOT``/``VAR_DIR`` or ``S3_*``).

- PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot while the service runs);
  restore with ``pg_restore --clean --if-exists --no-owner`` into the database of
  ``DATABASE_URL`` (create it empty first).
- SQLite: the online backup API of sqlite3 (a consistent copy while the service runs);
  restore copies it back with the same API.
- Files: every object of the default storage (the media folder, or the S3 bucket) is copied into
  ``files/``; restore writes them back under the same names. ``manifest.json`` lists every file
  with its SHA-256, checked on restore.

The database is dumped first, the files after: stored files are never changed or overwritten
(every name is new), so every file the dump refers to is in the backup; files newer than the
dump are harmless extras. Stop the web and worker services before a restore.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # runs pg_dump/pg_restore with our own arguments
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.config.settings")
    import django

    django.setup()


def _database() -> dict:
    from django.conf import settings

    return settings.DATABASES["default"]


def _program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} is missing (Debian: postgresql-client)")
    return found


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    env.update(
        {
            "PGHOST": str(db.get("HOST") or "127.0.0.1"),
            "PGPORT": str(db.get("PORT") or 5432),
            "PGUSER": str(db.get("USER") or "postgres"),
            "PGDATABASE": db["NAME"],
        }
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def database_backup(target: Path) -> str:
    db = _database()
    if "postgresql" in db["ENGINE"]:
        subprocess.run(  # noqa: S603  # nosec B603  # our own arguments
            [_program("pg_dump"), "--format=custom", "--file", str(target / "database.dump")],
            env=_pg_env(db),
            check=True,
        )
        return "postgresql"
    if "sqlite" in db["ENGINE"]:
        source = sqlite3.connect(db["NAME"])
        copy = sqlite3.connect(target / "database.sqlite3")
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
        return "sqlite"
    raise SystemExit(f"no backup for {db['ENGINE']}")


def database_restore(source: Path, kind: str) -> None:
    db = _database()
    if kind == "postgresql":
        subprocess.run(  # noqa: S603  # nosec B603  # our own arguments
            [
                _program("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                "--dbname",
                db["NAME"],
                str(source / "database.dump"),
            ],
            env=_pg_env(db),
            check=True,
        )
    else:
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        backup = sqlite3.connect(source / "database.sqlite3")
        live = sqlite3.connect(db["NAME"])
        with live:
            backup.backup(live)
        live.close()
        backup.close()


def _all_names(storage, folder: str = "") -> list[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # an empty media folder that was never created
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += _all_names(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def files_backup(target: Path) -> dict[str, str]:
    from django.core.files.storage import default_storage

    manifest = {}
    for name in _all_names(default_storage):
        path = target / "files" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        path.write_bytes(data)
        manifest[name] = hashlib.sha256(data).hexdigest()
    return manifest


def files_restore(source: Path, manifest: dict[str, str]) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    for name, sha256 in manifest.items():
        data = (source / "files" / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise SystemExit(f"{name}: the backup copy is damaged (SHA-256 differs)")
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:
            raise SystemExit(f"{name} was stored as {saved}")


def backup(target: Path) -> dict:
    target.mkdir(parents=True, exist_ok=False)
    kind = database_backup(target)  # first: every file it refers to already exists
    files = files_backup(target)
    manifest = {"database": kind, "files": files}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def restore(source: Path) -> dict:
    manifest = json.loads((source / "manifest.json").read_text())
    database_restore(source, manifest["database"])
    files_restore(source, manifest["files"])
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["backup", "restore"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    _setup()
    manifest = backup(args.folder) if args.action == "backup" else restore(args.folder)
    print(
        json.dumps(
            {
                "action": args.action,
                "database": manifest["database"],
                "files": len(manifest["files"]),
            }
        )
    )


if __name__ == "__main__":
    main()
