"""Writing a bundle into an import folder atomically (no Django here: the crash test runs it
in a subprocess and kills it mid-write).

Layout: ``<folder>/<name>/`` holds the bundle's parts. The parts are first written into
``<folder>/.tmp-<name>-<random>/`` (same directory, so the same file system), each file is
fsynced, the temporary directory is fsynced, then renamed to ``<name>`` in one step and the
parent fsynced. An importer therefore sees either the whole bundle or nothing; it must ignore
names starting with ".". A run killed mid-write leaves only a ``.tmp-`` directory, which the
next run for the same bundle removes. A bundle already in place counts as written (a run that
crashed after the rename but before recording success).
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

TMP_PREFIX = ".tmp-"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bundle(
    folder: Path,
    name: str,
    parts: Iterable[tuple[str, bytes]],
    *,
    after_part: Callable[[str], None] | None = None,
) -> tuple[Path, bool]:
    """Write ``parts`` as ``folder/name``; returns (path, written now?)."""
    if "/" in name or name.startswith(".") or not name:
        raise ValueError("invalid bundle name")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    for stale in folder.glob(f"{TMP_PREFIX}{name}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    if target.exists():
        return target, False
    tmp = folder / f"{TMP_PREFIX}{name}-{secrets.token_hex(4)}"
    tmp.mkdir()
    try:
        for part_name, data in parts:
            path = tmp / part_name
            with open(path, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if after_part is not None:
                after_part(part_name)
        _fsync_dir(tmp)
        os.rename(tmp, target)
        _fsync_dir(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target, True
