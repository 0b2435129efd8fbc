"""The SQLite backend queues writing transactions on a file lock (jobcenter/core/sqlite)."""

import threading
import time

import pytest
from django.db.utils import OperationalError

from jobcenter.core.sqlite.base import DatabaseWrapper


def _connect(path, timeout=5):
    settings_dict = {
        "ENGINE": "jobcenter.core.sqlite",
        "NAME": str(path),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": timeout,
        },
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TEST": {},
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
    }
    conn = DatabaseWrapper(settings_dict, alias="writer-lock-test")
    conn.ensure_connection()
    return conn


def _begin(conn):
    # What transaction.atomic does on SQLite (autocommit stays on, an explicit BEGIN).
    conn._start_transaction_under_autocommit()


def _counter(conn) -> int:
    with conn.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        return cursor.fetchone()[0]


@pytest.fixture(autouse=True)
def _own_connections(django_db_blocker):
    # These connections are the test's own files, not the suite's test database.
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "db.sqlite3"
    conn = _connect(path)
    with conn.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    conn.close()
    return path


def test_a_second_writer_waits_until_the_first_commits(db_path):
    first = _connect(db_path)
    _begin(first)
    with first.cursor() as cursor:
        cursor.execute("UPDATE counter SET n = n + 1")
    started = threading.Event()

    def write():
        second = _connect(db_path)  # a connection belongs to its thread
        _begin(second)
        started.set()
        with second.cursor() as cursor:
            cursor.execute("UPDATE counter SET n = n + 1")
        second.commit()
        second.close()

    thread = threading.Thread(target=write)
    thread.start()
    time.sleep(0.2)
    assert not started.is_set()  # queued behind the open transaction
    first.commit()
    thread.join(5)
    assert started.is_set()
    assert _counter(first) == 2
    first.close()


def test_the_lock_is_released_by_rollback_and_close(db_path):
    first, second = _connect(db_path), _connect(db_path, timeout=0.3)
    _begin(first)
    first.rollback()
    _begin(second)
    second.rollback()
    _begin(first)
    first.close()  # a connection closed mid-transaction (a dying request) frees the queue
    _begin(second)
    second.commit()
    second.close()


def test_a_writer_gives_up_after_the_timeout(db_path):
    first, second = _connect(db_path), _connect(db_path, timeout=0.2)
    _begin(first)
    with pytest.raises(OperationalError, match="locked"):
        _begin(second)
    first.rollback()
    first.close()
    second.close()


def test_concurrent_read_modify_write_transactions_lose_nothing(db_path):
    errors = []

    def work():
        conn = _connect(db_path)
        try:
            for _ in range(25):
                _begin(conn)
                value = _counter(conn)
                with conn.cursor() as cursor:
                    cursor.execute("UPDATE counter SET n = %s", [value + 1])
                conn.commit()
        except Exception as error:  # collected: a thread's failure must fail the test
            errors.append(error)
        finally:
            conn.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    conn = _connect(db_path)
    assert _counter(conn) == 100
    conn.close()


def test_in_memory_databases_need_no_lock(tmp_path):
    conn = _connect(":memory:")
    _begin(conn)
    conn.commit()
    assert conn._writer_fd is None
    conn.close()
