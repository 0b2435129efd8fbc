"""`make run` serves with gunicorn and keeps the worker alive: kill it, and it comes back."""

import os
import queue
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Output:
    """The lines `make run` prints, read in a thread so the test can wait for one."""

    def __init__(self, stream):
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self._queue.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float) -> re.Match:
        deadline = time.monotonic() + timeout
        for line in self.lines:
            if found := re.search(pattern, line):
                return found
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            self.lines.append(line)
            if found := re.search(pattern, line):
                return found
        raise AssertionError(f"no line matching {pattern!r}:\n" + "\n".join(self.lines[-40:]))


def get(url: str) -> int:
    # Generous: on a loaded machine the first page waits for the boot of the worker processes.
    with urllib.request.urlopen(url, timeout=90) as response:  # noqa: S310 (loopback)
        return response.status


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_make_run_serves_with_gunicorn_and_restarts_a_killed_worker(tmp_path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT"}
    }
    env.update(VAR_DIR=str(tmp_path), PORT=str(port), WEB_WORKERS="1")
    make = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    out = Output(make.stdout)
    children = []
    try:
        out.wait_for(r"Demo logins", timeout=240)
        out.wait_for(rf"Citizens: http://127\.0\.0\.1:{port}/konto/anmelden/", timeout=5)
        out.wait_for(r"Listening at: http://127\.0\.0\.1:" + str(port), timeout=120)
        assert get(f"http://127.0.0.1:{port}/") == 200
        assert get(f"http://127.0.0.1:{port}/static/kern/kern.min.css") == 200
        assert not any("runserver" in line or "development server" in line for line in out.lines)
        first = int(out.wait_for(r"\[supervise\] worker started \(pid (\d+)\)", 30).group(1))
        children.append(first)

        os.kill(first, signal.SIGKILL)

        out.wait_for(r"\[supervise\] worker exited", timeout=30)
        restarted = rf"\[supervise\] worker started \(pid (?!{first}\))(\d+)\)"
        again = int(out.wait_for(restarted, timeout=30).group(1))
        children.append(again)
        assert again != first and alive(again)
        assert get(f"http://127.0.0.1:{port}/") == 200
    finally:
        # What Ctrl+C in the terminal does: a signal to the foreground process group.
        os.killpg(make.pid, signal.SIGINT)
        try:
            make.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)
            raise
    time.sleep(0.5)
    assert not [pid for pid in children if alive(pid)], "Ctrl+C must stop the worker too"
