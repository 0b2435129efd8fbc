"""Benchmark for issue 7: a 20 MB photo through the real upload path, web worker memory and
throughput, and the normalisation job's peak memory:

    uv run python bench/upload.py [--n 5] [--mb 20] [--clamd /path/to/clamd.sock]

1. one gunicorn with ONE sync worker (bench.settings = the project's settings) on a fresh SQLite
   database; a session that may upload to one application (as after "Antrag suchen");
2. a small warm-up upload, then the worker's peak RSS (VmHWM from /proc) is read; then ``--n``
   uploads of a ~20 MB JPEG (noise, so it does not compress), each a streamed multipart POST;
   the increase of the worker's peak RSS is what the upload cost in memory (the issue's limit:
   10 MB), and MB/s is the upload throughput (checks, virus scan if --clamd, storage, database);
3. ``manage.py db_worker --batch`` normalises every upload (photo → A4 PDF) in a child process;
   its peak RSS (``ru_maxrss``) and the time per upload are reported.

Prints Markdown for docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm_hwm_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def multipart_file(path: Path, photo: bytes, token: str) -> tuple[str, int]:
    boundary = uuid.uuid4().hex
    with path.open("wb") as f:
        for name, value in (
            ("csrfmiddlewaretoken", token),
            ("art", "sonstiges"),
            ("person", "Kim Musterfrau"),
        ):
            f.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        f.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="dateien"; '
            f'filename="IMG_0001.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
        )
        f.write(photo)
        f.write(f"\r\n--{boundary}--\r\n".encode())
    return boundary, path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--clamd", default="")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "VAR_DIR": str(tmp),
        "MEDIA_ROOT": str(tmp / "media"),
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
        "DOCUMENTS_MAX_FILE_MB": str(args.mb),
    }
    if args.clamd:
        env.update({"DOCUMENTS_SCANNER": "clamd", "CLAMD_SOCKET": args.clamd})
    os.environ.update(env)
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from tests.documents.corpus import big_photo, photo
    from tests.documents.helpers import submission_with_documents

    from jobcenter.documents.models import Upload
    from jobcenter.documents.services import GRANTS
    from jobcenter.tenants.demo import seed_jobcenters

    call_command("migrate", verbosity=0)
    jobcenter = seed_jobcenters()[0]
    submission = submission_with_documents(jobcenter)
    session = SessionStore()
    session[GRANTS] = [str(submission.public_id)]
    session.create()
    path = f"/{jobcenter.slug}/unterlagen/{submission.public_id}/"

    big = big_photo(args.mb)
    small = photo(800, 1000)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        cookie = f"sessionid={session.session_key}"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        html = response.read().decode()
        csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        cookie += f"; csrftoken={csrf_cookie}"

        def post(data: bytes) -> float:
            body = tmp / "body.bin"
            boundary, length = multipart_file(body, data, token)
            started = time.perf_counter()
            with body.open("rb") as f:
                conn.request(
                    "POST",
                    path,
                    body=f,
                    headers={
                        "Cookie": cookie,
                        "Content-Length": str(length),
                        "Content-Type": f"multipart/form-data; boundary={boundary}",
                        "Referer": f"http://127.0.0.1:{port}{path}",
                        "Host": f"127.0.0.1:{port}",
                    },
                )
                reply = conn.getresponse()
                reply.read()
            elapsed = time.perf_counter() - started
            if reply.status != 302:
                raise RuntimeError(f"upload answered {reply.status}")
            return elapsed

        worker = worker_pid(server.pid)
        post(small)
        post(small)
        before = vm_hwm_kb(worker)
        times = [post(big) for _ in range(args.n)]
        after = vm_hwm_kb(worker)
    finally:
        server.terminate()
        server.wait(10)

    # The normalisation job in a fresh child process: its peak RSS before and after the jobs
    # (VmHWM: ru_maxrss would be inherited from this process across fork and exec).
    child = (
        "import time, django; django.setup()\n"
        "from pathlib import Path\n"
        "def hwm(): return int([l for l in Path('/proc/self/status').read_text().splitlines()"
        " if l.startswith('VmHWM:')][0].split()[1])\n"
        "from jobcenter.documents import normalise, services  # noqa\n"
        "from jobcenter.documents.models import Upload\n"
        "base = hwm()\n"
        "t = time.perf_counter()\n"
        "ids = list(Upload.objects.values_list('pk', flat=True))\n"
        "for pk in ids: services.upload_process(upload_id=pk)\n"
        "print(base, hwm(),"
        " (time.perf_counter() - t) / len(ids))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", child], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    job_base, job_peak, job_seconds = int(out[0]), int(out[1]), float(out[2])
    ready = Upload.objects.filter(status=Upload.Status.READY).count()
    size_mb = len(big) / 1024 / 1024
    best = min(times)
    print(
        f"\nphoto {len(big) / 1e6:.1f} MB (JPEG, {args.n} uploads), scanner: "
        f"{'clamd' if args.clamd else 'none'}, gunicorn 1 sync worker\n"
    )
    print("| measure | value |\n| --- | ---: |")
    print(f"| web worker peak RSS before the big uploads | {before / 1024:.1f} MB |")
    print(f"| web worker peak RSS after {args.n} uploads | {after / 1024:.1f} MB |")
    print(
        f"| **increase of the web worker's peak memory** | **{(after - before) / 1024:.1f} MB** |"
    )
    print(
        f"| upload time per photo, best / median | {best:.2f} s / "
        f"{sorted(times)[len(times) // 2]:.2f} s |"
    )
    print(f"| upload throughput (best) | {size_mb / best:.0f} MB/s |")
    print(f"| normalisation worker: uploads ready | {ready} of {args.n + 2} |")
    print(
        f"| normalisation process: peak RSS before / after the jobs | "
        f"{job_base / 1024:.0f} MB / {job_peak / 1024:.0f} MB |"
    )
    print(f"| normalisation: time per upload (photo → A4 PDF, stored) | {job_seconds:.2f} s |")


if __name__ == "__main__":
    main()
