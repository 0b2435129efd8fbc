"""SQLite with one writer at a time per database file, queued in the kernel.

SQLite lets one transaction write at a time; the others wait in SQLite's busy handler, which
polls with growing sleeps (up to 100 ms between tries). Under concurrent submits (several
gunicorn threads and processes and the worker) a waiting writer therefore often sleeps long
after the lock became free, and writes per second fall well below what one writer could do.

This backend takes an exclusive ``flock`` on ``<database>.writer-lock`` before it begins a
transaction (``BEGIN IMMEDIATE`` already takes SQLite's write lock at that point, see
settings) and releases it at commit or rollback. A waiting writer waits in short polls of the
flock, so it starts as soon as the previous writer commits. Nothing else changes:
the database, its locking and the busy timeout stay SQLite's (autocommit writes outside a
transaction still use the busy handler), and a process that dies releases its flock with its
file descriptor. In-memory databases (the test suite) have nothing to share and skip it.
"""

from __future__ import annotations

import fcntl
import os
import time

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

# Polls of the writer lock: short at first (a submit's transaction takes milliseconds).
_POLL_SECONDS = (0.0002, 0.0005, 0.001, 0.002)


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_fd: int | None = None
    _writer_held = False

    def _writer_lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or not name:
            return None
        return f"{name}.writer-lock"

    def _writer_acquire(self) -> None:
        path = self._writer_lock_path()
        if path is None or self._writer_held:
            return
        if self._writer_fd is None:
            self._writer_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        tries = 0
        while True:
            try:
                fcntl.flock(self._writer_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OperationalError("database is locked (writer lock)") from None
                time.sleep(_POLL_SECONDS[min(tries, len(_POLL_SECONDS) - 1)])
                tries += 1
        self._writer_held = True

    def _writer_release(self) -> None:
        if self._writer_held and self._writer_fd is not None:
            fcntl.flock(self._writer_fd, fcntl.LOCK_UN)
        self._writer_held = False

    def _start_transaction_under_autocommit(self):
        self._writer_acquire()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._writer_release()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._writer_release()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._writer_release()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._writer_release()
            if self._writer_fd is not None:
                os.close(self._writer_fd)
                self._writer_fd = None
