"""Fault table, slow client: slowloris-style clients (headers a byte at a time, a body that
trickles) against the web server as ``make run`` starts it (gunicorn, 2 sync workers, the
Makefile's command). A sync worker reads a connection's request until it is complete: a few
slow clients stall the server (so did the gthread workers used before: a connection's thread
waits for the whole request). gunicorn alone is not the answer to slow clients; production runs
nginx in front (docs/SECURITY.md "Slow clients"), which reads the whole request within its
client timeouts before gunicorn sees a byte. This test shows that the server recovers by itself
once the slow clients are gone.
"""

import contextlib
import http.client
import os
import socket
import subprocess
import threading
import time

import pytest
from bench.httpserver import makefile_service

from tests.receipts.smtp import free_port
from tests.reliability.pg import ROOT

WORKERS = 2


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
    }
    server = subprocess.Popen(
        makefile_service("web", HOST="127.0.0.1", PORT=port, WEB_WORKERS=WORKERS),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while healthz_seconds(port) is None:
        assert server.poll() is None, server.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "gunicorn did not come up"
        time.sleep(0.3)
    yield port
    server.terminate()
    server.communicate(timeout=30)


def healthz_seconds(port: int, timeout: float = 5) -> float | None:
    """Seconds for GET /healthz (answered 200), None when not answered within ``timeout``."""
    started = time.monotonic()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.request("GET", "/healthz")
        ok = conn.getresponse().status == 200
        conn.close()
    except (OSError, http.client.HTTPException):
        return None
    return time.monotonic() - started if ok else None


def slow_clients(port: int, count: int, stop: threading.Event) -> list[threading.Thread]:
    """Half send their headers a byte a second, half a POST body a byte a second."""
    headers = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200
    post = (
        b"POST /musterkreis/weiterbewilligung/person/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
    )

    def trickle(n: int):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)) as s:
            if n % 2:
                s.sendall(post)
                data = b"vorname=" + b"a" * 200
            else:
                data = headers
            for byte in data:
                if stop.wait(1):
                    return
                s.sendall(bytes([byte]))

    threads = [threading.Thread(target=trickle, args=(n,), daemon=True) for n in range(count)]
    for t in threads:
        t.start()
    return threads


def test_slow_clients_stall_gunicorn_alone_and_it_recovers_by_itself(gunicorn):
    """Measured here (docs/SECURITY.md "Slow clients"): with slow clients holding the workers, a
    share of other requests is not answered within 5 s. Once they are gone, everything is
    answered again at once, without a restart."""
    stop = threading.Event()
    slow_clients(gunicorn, 8 * WORKERS, stop)
    try:
        time.sleep(3)
        during = [healthz_seconds(gunicorn, timeout=3) for _ in range(6)]
    finally:
        stop.set()
    print(f"answered while slow clients were connected: {during}")
    time.sleep(2)
    deadline = time.monotonic() + 30
    while healthz_seconds(gunicorn) is None:
        assert time.monotonic() < deadline, "not answering after the slow clients left"
        time.sleep(0.5)
    after = [healthz_seconds(gunicorn) for _ in range(10)]
    assert None not in after and max(after) < 2, after
