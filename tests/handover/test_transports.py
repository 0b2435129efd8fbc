"""Folder and HTTP push transports, each against the real thing: a directory on disk (and a
writer process killed mid-write), a real HTTP server on 127.0.0.1 that is down, fails, answers."""

import datetime as dt
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobcenter.casework.models import Case
from jobcenter.handover import jobs
from jobcenter.handover.folder import write_bundle
from jobcenter.handover.models import Bundle, Delivery, Transport
from tests.handover.helpers import add_document, complete, make_ready_case
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db
SECRET = "ein-langer-gemeinsamer-schluessel"


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


# --- folder ------------------------------------------------------------------------------------


def test_folder_gets_the_whole_bundle_and_the_case_is_handed_over(jobcenter, settings):
    Transport.objects.create(jobcenter=jobcenter, kind="folder", name="Import", folder="mk/in")
    case = make_ready_case(jobcenter, documents=1)
    complete(case)
    drain()
    folder = Path(settings.HANDOVER_FOLDER_ROOT) / "mk" / "in"
    bundle = Bundle.objects.get(case=case)
    assert _visible(folder) == [f"{case.reference}_{bundle.public_id}"]
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    target = folder / _visible(folder)[0]
    manifest = json.loads((target / "manifest.json").read_bytes())
    for entry in manifest["parts"]:
        assert hashlib.sha256((target / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    case.refresh_from_db()
    assert case.state == "uebergeben"
    assert "Ordner „Import“" in case.events.get(to_state="uebergeben").text
    assert Delivery.objects.get().status == "done"


def test_a_document_sent_after_the_handover_gets_its_own_bundle(jobcenter, settings):
    from jobcenter.documents.models import Upload
    from jobcenter.documents.signals import upload_ready

    Transport.objects.create(jobcenter=jobcenter, kind="folder", name="Import")
    case = make_ready_case(jobcenter, documents=1)
    complete(case)
    drain()
    later = add_document(
        case.submission,
        doc_type="mietvertrag",
        title="Mietvertrag",
        channel=Upload.CHANNEL_LATER,
        received_at=timezone.now() + dt.timedelta(days=2),
    )
    # what documents.services.upload_process does when it is ready
    upload_ready.send(sender=Upload, upload_id=later.pk)
    drain()
    bundles = list(Bundle.objects.filter(case=case).order_by("pk"))
    assert [b.kind for b in bundles] == ["antrag", "nachreichung"]
    assert bundles[1].upload == later and bundles[1].status == "done"
    meta = json.loads(
        (
            Path(settings.HANDOVER_FOLDER_ROOT)
            / f"{case.reference}_{bundles[1].public_id}"
            / "metadaten.json"
        ).read_bytes()
    )
    assert [d["title"] for d in meta["documents"]] == ["Mietvertrag"]
    assert case.events.filter(kind="handover", text__contains="Mietvertrag").count() == 1


WRITER = """
import sys, time
from pathlib import Path
from jobcenter.handover.folder import write_bundle

def stop(name):
    if name == "b.json":
        print("half", flush=True)
        time.sleep(600)

parts = [("a.pdf", b"%PDF" * 100000), ("b.json", b"{}"), ("c.json", b"{}")]
write_bundle(Path(sys.argv[1]), "MK-1_bundle", parts, after_part=stop)
"""


def test_a_writer_killed_mid_write_leaves_no_partial_bundle(tmp_path):
    folder = tmp_path / "import"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, env=env
    )
    assert process.stdout.readline().strip() == b"half"  # two parts written, third not yet
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    assert _visible(folder) == []  # the importer sees nothing
    assert len([p for p in folder.iterdir() if p.name.startswith(".tmp-")]) == 1

    path, written = write_bundle(
        folder, "MK-1_bundle", [("a.pdf", b"%PDF"), ("b.json", b"{}"), ("c.json", b"{}")]
    )
    assert written and _visible(folder) == ["MK-1_bundle"]
    assert sorted(p.name for p in path.iterdir()) == ["a.pdf", "b.json", "c.json"]
    assert list(folder.iterdir()) == [path]  # the leftover temporary folder is gone
    # A bundle already in place counts as written (crash after the rename): not written twice.
    assert write_bundle(folder, "MK-1_bundle", [("x", b"")]) == (path, False)


def test_a_folder_outside_the_root_is_refused(jobcenter):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Transport(jobcenter=jobcenter, kind="folder", name="x", folder="../etc").full_clean()


# --- HTTP push -----------------------------------------------------------------------------------


class Receiver:
    """A real HTTP server on 127.0.0.1; ``answers`` is the list of status codes to give."""

    def __init__(self, port: int = 0):
        self.requests: list[dict] = []
        self.answers: list[int] = []
        self.location = ""
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append({"headers": dict(self.headers), "body": body})
                status = outer.answers.pop(0) if outer.answers else 200
                self.send_response(status)
                if outer.location:
                    self.send_header("Location", outer.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):
                outer.requests.append({"headers": dict(self.headers), "body": b"", "get": True})
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _time_passes():
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def _verify(request) -> dict:
    headers = {k.lower(): v for k, v in request["headers"].items()}
    fields = dict(item.split("=", 1) for item in headers["x-jobcenter-signature"].split(","))
    expected = hmac.new(
        SECRET.encode(), f"{fields['t']}.".encode() + request["body"], "sha256"
    ).hexdigest()
    assert hmac.compare_digest(expected, fields["v1"])
    return headers


@pytest.fixture
def push_case(jobcenter, settings):
    settings.HANDOVER_JOB_BACKOFF_SECONDS = 60
    port = _free_port()
    Transport.objects.create(
        jobcenter=jobcenter,
        kind="push",
        name="Fachverfahren",
        url=f"http://127.0.0.1:{port}/eingang",
        secret=SECRET,
    )
    case = make_ready_case(jobcenter, documents=1)
    complete(case)
    return case, port


def test_push_endpoint_down_then_retried_then_delivered_once(push_case):
    case, port = push_case
    before = timezone.now()
    drain()  # builds the bundle; the push finds nobody listening
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert "no connection" in delivery.last_error
    assert delivery.next_attempt_at >= before + dt.timedelta(seconds=60)  # backoff
    assert Case.objects.get(pk=case.pk).state == "vollstaendig"

    receiver = Receiver(port)
    try:
        receiver.answers = [503]  # up, but not ready: retried again, with a longer backoff
        _time_passes()
        drain()
        delivery.refresh_from_db()
        assert delivery.attempts == 2 and delivery.response_status == 503
        assert delivery.next_attempt_at >= timezone.now() + dt.timedelta(seconds=110)
        _time_passes()
        drain()
        delivery.refresh_from_db()
        assert delivery.status == "done" and delivery.attempts == 3
        assert delivery.response_status == 200
        # Running the job again (a duplicate task) sends nothing.
        assert jobs.job_run(Delivery, delivery.pk, lambda pk: None) == "skipped"
        drain()
    finally:
        receiver.stop()
    assert len(receiver.requests) == 2
    first, second = receiver.requests
    bundle = Bundle.objects.get()
    for request in receiver.requests:
        headers = _verify(request)
        assert headers["idempotency-key"] == str(bundle.public_id)
        assert headers["content-type"] == "application/json"
    assert first["body"] == second["body"]
    envelope = json.loads(second["body"])
    names = {p["name"] for p in envelope["parts"]}
    assert names == {"akte.pdf", "antworten.json", "antwortschema.json", "metadaten.json"}
    assert envelope["manifest"]["bundle_id"] == str(bundle.public_id)
    case.refresh_from_db()
    assert case.state == "uebergeben"
    assert "HTTP-Übermittlung „Fachverfahren“" in case.events.get(to_state="uebergeben").text


@pytest.mark.parametrize("status", [301, 302, 303, 307])
def test_a_redirect_is_never_followed(push_case, status):
    case, port = push_case
    elsewhere = Receiver()
    receiver = Receiver(port)
    receiver.answers = [status]
    receiver.location = f"http://127.0.0.1:{elsewhere.port}/fremd"
    try:
        drain()
    finally:
        receiver.stop()
        elsewhere.stop()
    delivery = Delivery.objects.get()
    assert len(receiver.requests) == 1 and elsewhere.requests == []
    assert delivery.status == "pending" and delivery.response_status == status
    assert f"HTTP {status}" in delivery.last_error and "redirect" in delivery.last_error
    assert Case.objects.get(pk=case.pk).state == "vollstaendig"


def test_a_failed_push_shows_in_the_admin_and_can_be_retried(push_case, settings, client):
    from jobcenter.accounts.models import Role
    from tests.accounts.fixtures import login_as, make_staff

    case, port = push_case
    settings.HANDOVER_JOB_MAX_ATTEMPTS = 1
    drain()
    delivery = Delivery.objects.get()
    assert delivery.status == "failed"

    admin = make_staff(case.jobcenter, roles=[Role.ADMINISTRATION])
    login_as(client, admin)
    page = client.get("/admin/handover/delivery/?status__exact=failed")
    assert page.status_code == 200
    assert "no connection" in page.content.decode()

    receiver = Receiver(port)
    try:
        response = client.post(
            "/admin/handover/delivery/", {"action": "retry", "_selected_action": [delivery.pk]}
        )
        assert response.status_code == 302
        drain()
    finally:
        receiver.stop()
    delivery.refresh_from_db()
    assert delivery.status == "done" and len(receiver.requests) == 1
    assert Case.objects.get(pk=case.pk).state == "uebergeben"


def test_the_admin_of_another_jobcenter_sees_no_deliveries(push_case, other_jobcenter, client):
    from jobcenter.accounts.models import Role
    from tests.accounts.fixtures import login_as, make_staff

    drain()
    login_as(client, make_staff(other_jobcenter, roles=[Role.ADMINISTRATION]))
    page = client.get("/admin/handover/delivery/")
    assert page.status_code == 200
    assert push_case[0].reference not in page.content.decode()
