"""The scale-out topology, end to end on loopback: a lost app server and a lost worker lose nothing.

    uv run python bench/scaleout.py [--applications 60] [--clients 6] [--json]

needs nginx (Debian package ``nginx-light`` or ``nginx``) and a PostgreSQL server
(``SCALEOUT_POSTGRES_URL``, default ``postgres://postgres@127.0.0.1:5432/postgres``; a database
``jc_scaleout_<random>`` is created there and dropped afterwards).

What runs, each a separate process as on separate boxes (nothing shared but the network
services; every app process gets its own ``VAR_DIR``):

- nginx as the load balancer (round robin; a server that refuses connections is taken out and
  the request goes to the other, as ``proxy_next_upstream error`` does in production),
- two app servers: gunicorn (sync workers, 2 each) with the production settings module,
- two workers: ``manage.py db_worker``,
- the sweepers every few seconds (``sweep_submission_jobs``, ``sweep_uploads``, ``sweep_emails``,
  ``sweep_handover``: the systemd timers), with job leases of a few seconds so that a killed
  worker's job comes back within the run,
- PostgreSQL (the server above),
- S3: the moto server the tests use (``moto_server``). It is a stand-in for the S3-compatible
  object storage of production (MinIO, Ceph RGW, a cloud bucket); it speaks the same API to
  django-storages but proves nothing about that product's durability,
- SMTP: aiosmtpd in this process (messages counted in memory).

The applications: each client has a citizen session (cookie) with a draft of the continuation
application; through the load balancer it opens the draft's documents page (reads the session),
uploads a PDF (multipart) and submits. A 302 to the receipt page is an acknowledgement; a 502 of
a request cut by a killed server is sent again, as a person would press the button again. When
a third of the applications are acknowledged, one app server (``kill -9`` of its process group)
and one worker (``kill -9`` mid-job) die. Afterwards the script waits until the queue is empty
and checks:

- every acknowledged draft became exactly one submission, and no other submissions exist,
- every submission has exactly one receipt row and one receipt PDF in the bucket,
- every upload of an acknowledged application is stored (S3 ``quarantine/`` original and the
  normalised ``documents/`` PDF) and attached to its submission,
- every confirmation e-mail arrived (at least once; a worker killed between the SMTP server's
  "250" and recording it may send one twice: counted, not hidden),
- every session established before the kill still works after it (the session lives in the
  database, not in the app process): the documents page answers 200 with the client's draft,
- no request ended in an error other than the retried 502 of the kill.

Exit status 0 when everything holds; ``--json`` prints the figures as one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JOBCENTER = "musterkreis"
FORM = "weiterbewilligung"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
LEASE_SECONDS = "8"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up on port {port}")


def nginx_conf(base: Path, port: int, upstreams: list[int]) -> Path:
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;" for p in upstreams
    )
    user = "user root;" if os.geteuid() == 0 else ""
    conf = base / "nginx.conf"
    conf.write_text(
        f"""
{user}
worker_processes 1;
pid {base}/nginx.pid;
error_log {base}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {base}/nginx-access.log;
    client_body_temp_path {base}/body;
    proxy_temp_path {base}/proxy;
    fastcgi_temp_path {base}/fastcgi;
    uwsgi_temp_path {base}/uwsgi;
    scgi_temp_path {base}/scgi;
    upstream app {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 30m;
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Request-ID $request_id;
            # A server that refuses the connection: the request goes to the next one. A request
            # already sent (POST) is never sent twice by the proxy.
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""
    )
    return conf


class Topology:
    def __init__(self, base: Path, database_url: str, s3: str, bucket: str, smtp_port: int):
        self.base = base
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "jobcenter.config.settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "JOBCENTER_MODE": "development",
            "SECRET_KEY": secrets.token_urlsafe(40),  # the same on every box
            "DATABASE_URL": database_url,
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": s3,
            "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": "testing",
            "S3_SECRET_ACCESS_KEY": "testing",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "0",
            "DOCUMENTS_SCANNER": "none",
            "INTAKE_JOB_LEASE_SECONDS": LEASE_SECONDS,
            "EMAIL_JOB_LEASE_SECONDS": LEASE_SECONDS,
            "HANDOVER_JOB_LEASE_SECONDS": LEASE_SECONDS,
            "DOCUMENTS_JOB_LEASE_SECONDS": LEASE_SECONDS,
            "DOCUMENTS_JOB_BACKOFF_SECONDS": "2",
            "EMAIL_JOB_BACKOFF_SECONDS": "2",
            "LOG_LEVEL": "WARNING",
            "METRICS_TOKEN": "scaleout-metrics",
        }
        self.processes: dict[str, subprocess.Popen] = {}

    def env_for(self, name: str) -> dict:
        var = self.base / name
        var.mkdir(exist_ok=True)
        return {**self.env, "VAR_DIR": str(var), "MEDIA_ROOT": str(var / "media")}

    def start(self, name: str, args: list[str]) -> subprocess.Popen:
        log = (self.base / f"{name}.log").open("ab")
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env_for(name),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env_for("manage"),
            check=True,
            capture_output=True,
        )

    def app(self, name: str, port: int) -> None:
        process = self.start(
            name,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "src/jobcenter/config/gunicorn.py",  # make run's and production's
                "jobcenter.config.wsgi:application",
                "--pythonpath",
                "src",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
            ],
        )
        wait_for_port(port, process, name)

    def worker(self, name: str) -> None:
        self.start(
            name,
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--worker-id", name],
        )

    def sweeper(self) -> None:
        self.start("sweeper", [sys.executable, str(Path(__file__)), "--sweeper"])

    def kill(self, name: str) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes[name].wait(10)

    def stop_all(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM if name != "lb" else signal.SIGQUIT)
        for process in self.processes.values():
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)


def sweeper_loop() -> None:
    """What the systemd timers run, every two seconds instead of every five minutes."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    while True:
        for command in ("sweep_submission_jobs", "sweep_uploads", "sweep_emails", "sweep_handover"):
            try:
                call_command(command, verbosity=0)
            except Exception as error:  # keep sweeping, as the timer would
                print(f"{command}: {type(error).__name__}: {error}", flush=True)
        connection.close()
        time.sleep(2)


# --- the citizens --------------------------------------------------------------------------------


def small_pdf(n: int) -> bytes:
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    out = io.BytesIO()
    pdf.docinfo["/Title"] = f"Nachweis {n}"
    pdf.save(out)
    return out.getvalue()


class Citizen:
    """One person's browser: the session and CSRF cookies, one draft."""

    def __init__(self, lb: str, cookie_name: str, session_key: str, csrf: str, draft: str, n: int):
        import requests

        self.http = requests.Session()
        self.http.cookies.set(cookie_name, session_key, domain="127.0.0.1", path="/")
        self.http.cookies.set("csrftoken", csrf, domain="127.0.0.1", path="/")
        self.lb, self.csrf, self.draft, self.n = lb, csrf, draft, n
        self.acknowledged = False
        self.errors: list[str] = []
        self.retried_502 = 0

    def _send(self, method: str, path: str, expect: int, **kwargs):
        for _attempt in range(4):
            try:
                response = self.http.request(
                    method, self.lb + path, allow_redirects=False, timeout=60, **kwargs
                )
            except Exception as error:  # counted as an error below
                self.errors.append(f"{method} {path}: {type(error).__name__}")
                return None
            if response.status_code == 502:  # cut by the killed server: press again
                self.retried_502 += 1
                time.sleep(0.5)
                continue
            if response.status_code != expect:
                self.errors.append(f"{method} {path}: {response.status_code}")
            return response
        self.errors.append(f"{method} {path}: 502 four times")
        return None

    def documents_page(self) -> bool:
        page = self._send("GET", f"/{JOBCENTER}/unterlagen/antrag/{FORM}/", 200)
        return page is not None and 'data-document="geburtsurkunde"' in page.text

    def upload(self) -> None:
        self._send(
            "POST",
            f"/{JOBCENTER}/unterlagen/antrag/{FORM}/",
            302,
            data={
                "csrfmiddlewaretoken": self.csrf,
                "art": "geburtsurkunde",
                "person": "Lea Musterfrau",
            },
            files={"dateien": (f"urkunde-{self.n}.pdf", small_pdf(self.n), "application/pdf")},
        )

    def submit(self) -> None:
        response = self._send(
            "POST",
            f"/{JOBCENTER}/{FORM}/absenden/",
            302,
            data={"csrfmiddlewaretoken": self.csrf, "entwurf": self.draft},
        )
        location = response.headers.get("Location", "") if response is not None else ""
        self.acknowledged = "/eingang/" in location

    def start(self) -> None:
        if not self.documents_page():
            self.errors.append("documents page without the draft")
        self.upload()

    def apply(self) -> None:
        self.start()
        self.submit()


def prepare_citizens(count: int, lb: str) -> list[Citizen]:
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from tests.forms.answers import WBA_JOB_AND_PERSON
    from tests.intake.factories import make_draft

    from jobcenter.intake.services import DRAFT_OWNER_SESSION_KEY
    from jobcenter.tenants.models import Jobcenter

    jobcenter = Jobcenter.objects.get(slug=JOBCENTER)
    citizens = []
    for n in range(count):
        owner = secrets.token_urlsafe(12)
        store = SessionStore()
        store[DRAFT_OWNER_SESSION_KEY] = owner
        store.create()
        answers = {**WBA_JOB_AND_PERSON, "email": f"person{n}@example.invalid"}
        draft = make_draft(jobcenter, session_key=owner, answers=answers)
        citizens.append(
            Citizen(
                lb,
                settings.SESSION_COOKIE_NAME,
                store.session_key,
                secrets.token_hex(16),
                str(draft.public_id),
                n,
            )
        )
    return citizens


# --- the run -------------------------------------------------------------------------------------


def create_database(server_url: str) -> tuple[str, str]:
    import dj_database_url
    import psycopg

    params = dj_database_url.parse(server_url)
    name = f"jc_scaleout_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
        user=params["USER"] or "postgres",
        password=params["PASSWORD"] or None,
        dbname=params["NAME"] or "postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}", name


def drop_database(server_url: str, name: str) -> None:
    import dj_database_url
    import psycopg

    params = dj_database_url.parse(server_url)
    with psycopg.connect(
        host=params["HOST"] or "127.0.0.1",
        port=params["PORT"] or 5432,
        user=params["USER"] or "postgres",
        password=params["PASSWORD"] or None,
        dbname=params["NAME"] or "postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_moto(base: Path) -> tuple[subprocess.Popen, str]:
    server = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
    port = free_port()
    process = subprocess.Popen(
        [server, "-H", "127.0.0.1", "-p", str(port)],
        stdout=(base / "moto.log").open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for_port(port, process, "moto_server")
    return process, f"http://127.0.0.1:{port}"


def run(args) -> dict:
    base = Path(tempfile.mkdtemp(prefix="scaleout-"))
    server_url = os.environ.get(
        "SCALEOUT_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )
    database_url, database = create_database(server_url)
    moto, s3 = start_moto(base)
    bucket = "jobcenter-scaleout"
    import boto3

    s3_client = boto3.client(
        "s3",
        endpoint_url=s3,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    s3_client.create_bucket(Bucket=bucket)
    from tests.receipts.smtp import SMTPServer

    smtp = SMTPServer().start()
    topology = Topology(base, database_url, s3, bucket, smtp.port)
    os.environ.update(topology.env_for("driver"))
    timings: dict[str, float] = {}
    t0 = time.monotonic()
    try:
        topology.manage("migrate", "--noinput")
        import django

        django.setup()
        from jobcenter.tenants.demo import seed_jobcenters

        seed_jobcenters()
        timings["setup_s"] = round(time.monotonic() - t0, 1)

        ports = {"app1": free_port(), "app2": free_port(), "lb": free_port()}
        topology.app("app1", ports["app1"])
        topology.app("app2", ports["app2"])
        lb = topology.start(
            "lb",
            [
                NGINX,
                "-p",
                str(base),
                "-c",
                str(nginx_conf(base, ports["lb"], [ports["app1"], ports["app2"]])),
                "-g",
                "daemon off;",
            ],
        )
        wait_for_port(ports["lb"], lb, "nginx")
        topology.worker("worker1")
        topology.worker("worker2")
        topology.sweeper()
        lb_url = f"http://127.0.0.1:{ports['lb']}"
        citizens = prepare_citizens(args.applications, lb_url)
        from django.db import connection

        connection.close()

        killed = threading.Event()
        kill_after = max(1, args.applications // 3)

        def one(citizen: Citizen) -> None:
            citizen.apply()
            acknowledged = sum(c.acknowledged for c in citizens)
            if acknowledged >= kill_after and not killed.is_set():
                killed.set()
                topology.kill("app1")
                topology.kill("worker1")

        # Some people start before the kill (session used on both app servers, upload stored)
        # and finish after it: their session must outlive the app server it was used on.
        survivors, others = citizens[: args.survivors], citizens[args.survivors :]
        t_load = time.monotonic()
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(lambda c: c.start(), survivors))
            list(pool.map(one, others))
        after_kill = [c for c in survivors if not c.documents_page()]
        for citizen in survivors:
            citizen.submit()
        timings["load_s"] = round(time.monotonic() - t_load, 1)

        metrics = topology_metrics(lb_url)
        t_drain = time.monotonic()
        report = wait_and_check(citizens, s3_client, bucket, smtp, args.drain_timeout)
        timings["drain_s"] = round(time.monotonic() - t_drain, 1)
        report.update(
            {
                "applications": len(citizens),
                "acknowledged": sum(c.acknowledged for c in citizens),
                "killed_after": kill_after if killed.is_set() else None,
                "retried_502": sum(c.retried_502 for c in citizens),
                "request_errors": [e for c in citizens for e in c.errors],
                "sessions_lost_after_kill": len(after_kill),
                "metrics_scrape_ok": metrics,
                **timings,
            }
        )
        report["ok"] = bool(
            killed.is_set()
            and report["acknowledged"] == len(citizens)
            and not report["problems"]
            and not report["request_errors"]
            and not after_kill
        )
        return report
    finally:
        topology.stop_all()
        smtp.stop()
        moto.terminate()
        moto.wait(10)
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        drop_database(server_url, database)
        if args.keep:
            print(f"logs in {base}", file=sys.stderr)
        else:
            shutil.rmtree(base, ignore_errors=True)


def topology_metrics(lb_url: str) -> bool:
    import requests

    response = requests.get(
        lb_url + "/metrics", headers={"Authorization": "Bearer scaleout-metrics"}, timeout=30
    )
    return response.status_code == 200 and "jobcenter_jobs_waiting" in response.text


def wait_and_check(citizens, s3_client, bucket, smtp, timeout: float) -> dict:
    from django.db import connection

    from jobcenter.documents.models import Upload
    from jobcenter.intake.models import Receipt, Submission, SubmissionJob

    acknowledged = {c.draft for c in citizens if c.acknowledged}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        open_jobs = SubmissionJob.objects.exclude(status="done").count()
        checking = Upload.objects.filter(status=Upload.Status.CHECKING).count()
        if not open_jobs and not checking and Receipt.objects.count() >= len(acknowledged):
            break
        connection.close()
        time.sleep(1)
    problems = []
    submissions = list(Submission.objects.all())
    drafts = [str(s.draft_public_id) for s in submissions]
    if sorted(drafts) != sorted(acknowledged):
        problems.append(
            f"submissions {len(drafts)} (distinct drafts {len(set(drafts))}) "
            f"!= acknowledged {len(acknowledged)}"
        )
    failed_jobs = SubmissionJob.objects.exclude(status="done").count()
    if failed_jobs:
        problems.append(f"{failed_jobs} post-submit jobs not done")
    keys = [
        o["Key"]
        for page in s3_client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        for o in page.get("Contents", [])
    ]
    receipts = {r.submission_id: r for r in Receipt.objects.all()}
    receipt_keys = [k for k in keys if k.startswith("receipts/")]
    if len(receipts) != len(submissions) or len(receipt_keys) != len(submissions):
        problems.append(
            f"receipts: {len(receipts)} rows, {len(receipt_keys)} PDFs in S3, "
            f"{len(submissions)} submissions"
        )
    missing_receipt_files = [r.file.name for r in receipts.values() if r.file.name not in keys]
    if missing_receipt_files:
        problems.append(f"receipt rows without their PDF in S3: {len(missing_receipt_files)}")
    uploads = list(Upload.objects.filter(submission__isnull=False).prefetch_related("files"))
    not_ready = [u for u in uploads if u.status != Upload.Status.READY or u.file.name not in keys]
    originals_missing = [
        f for u in uploads for f in u.files.all() if f.file and f.file.name not in keys
    ]
    # A retried upload (its first POST cut by the kill) may have been stored twice: allowed.
    with_upload = {u.submission_id for u in uploads}
    if len(with_upload) != len(submissions) or not_ready or originals_missing:
        problems.append(
            f"uploads: {len(with_upload)} of {len(submissions)} submissions have theirs, "
            f"{len(not_ready)} not stored as PDF in S3, {len(originals_missing)} originals missing"
        )
    addressed = {}
    for message in smtp.messages:
        addressed[message["To"]] = addressed.get(message["To"], 0) + 1
    expected = {f"person{c.n}@example.invalid" for c in citizens if c.acknowledged}
    missing_mail = expected - set(addressed)
    if missing_mail:
        problems.append(f"confirmation e-mails missing: {len(missing_mail)}")
    return {
        "problems": problems,
        "submissions": len(submissions),
        "receipts": len(receipts),
        "receipt_pdfs_in_s3": len(receipt_keys),
        "uploads_in_s3": len(uploads) - len(not_ready),
        "emails": len(smtp.messages),
        "emails_sent_twice": sum(1 for n in addressed.values() if n > 1),
        # Jobs a worker started more than once: the killed worker's, queued again by the sweeper.
        "jobs_started_again": SubmissionJob.objects.filter(attempts__gt=1).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=60)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument(
        "--survivors", type=int, default=4, help="sessions started before the kill, ended after"
    )
    parser.add_argument("--drain-timeout", type=float, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the logs folder")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sweeper", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sweeper:
        sweeper_loop()
        return
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    report = run(args)
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
