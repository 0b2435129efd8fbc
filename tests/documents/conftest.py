"""A real clamd (own test signatures only) and a real S3 endpoint (moto server), once per session.

clamd is started from the Debian package with a database folder that holds only two test
signatures for the EICAR test file (by content and by MD5), no freshclam, no network: it starts
in well under a second. ``clamd`` switches the documents scanner to it for one test.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.documents import corpus

CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"


def _wait_for(check, timeout=30.0, what="server"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start")


@pytest.fixture(scope="session")
def clamd_socket(tmp_path_factory):
    if not Path(CLAMD).exists():
        pytest.fail("clamd is missing: apt-get install clamav-daemon clamav (see .ci/run)")
    base = tmp_path_factory.mktemp("clamd")
    db = base / "db"
    db.mkdir()
    (db / "custom.ndb").write_text(f"Jobcenter.Test.EICAR-NDB:0:*:{corpus.EICAR_MARK.hex()}\n")
    (db / "custom.hdb").write_text(
        f"{corpus.eicar_md5()}:{len(corpus.eicar())}:Jobcenter.Test.EICAR-HDB\n"
    )
    sock = base / "clamd.sock"
    conf = base / "clamd.conf"
    conf.write_text(
        "\n".join(
            [
                f"LocalSocket {sock}",
                f"DatabaseDirectory {db}",
                "Foreground yes",
                "StreamMaxLength 50M",
                "MaxFileSize 50M",
                "MaxScanSize 100M",
                f"PidFile {base}/pid",
                f"TemporaryDirectory {base}",
                f"LogFile {base}/clamd.log",
                "",
            ]
        )
    )
    process = subprocess.Popen(
        [CLAMD, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )

    def up():
        if process.poll() is not None:
            raise RuntimeError(f"clamd exited: {process.stderr.read().decode()[-2000:]}")
        if not sock.exists():
            return False
        with socket.socket(socket.AF_UNIX) as s:
            try:
                s.connect(str(sock))
                s.sendall(b"zPING\0")
                return s.recv(16).startswith(b"PONG")
            except OSError:
                return False

    _wait_for(up, what="clamd")
    yield str(sock)
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def clamd(settings, clamd_socket):
    settings.DOCUMENTS_SCANNER = "clamd"
    settings.CLAMD_SOCKET = clamd_socket
    return clamd_socket


@pytest.fixture
def clamd_down(settings, tmp_path):
    """clamd configured but not reachable (nothing listens on the socket)."""
    settings.DOCUMENTS_SCANNER = "clamd"
    settings.CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    settings.CLAMD_TIMEOUT = 2


@pytest.fixture
def media(settings, tmp_path):
    """Local storage in a fresh folder, so a test can look at everything that was stored."""
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    import sys

    server = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
    if not Path(server).exists():
        pytest.fail("moto_server is missing: the dev dependency moto[server]")
    port = _free_port()
    process = subprocess.Popen(
        [server, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def up():
        if process.poll() is not None:
            raise RuntimeError("moto_server exited")
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", port)) == 0

    _wait_for(up, what="moto_server")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.fixture
def s3_storage(settings, moto_endpoint):
    """The default storage on S3 (django-storages against moto), in a fresh bucket."""
    import uuid

    import boto3

    bucket = f"test-{uuid.uuid4().hex[:12]}"
    options = {
        "bucket_name": bucket,
        "endpoint_url": moto_endpoint,
        "region_name": "us-east-1",
        "access_key": "testing",
        "secret_key": "testing",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    ).create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    client = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )

    def keys() -> list[str]:
        listing = client.list_objects_v2(Bucket=bucket)
        return [o["Key"] for o in listing.get("Contents", [])]

    return keys
