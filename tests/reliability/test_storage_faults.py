"""Fault table: the file storage goes away — S3 unreachable, or the disk full.

The submission itself is in the database, so it is acknowledged and kept; the receipt PDF that
cannot be stored is retried with backoff and stored once the storage is back. Nothing is lost and
no half-written file remains.
"""

import contextlib
import subprocess
import uuid

import pytest

from jobcenter.intake import jobs
from jobcenter.intake.models import Receipt, SubmissionJob
from tests.intake.factories import drain, make_submission
from tests.reliability.netproxy import CuttableProxy

pytestmark = pytest.mark.django_db


def _receipt_job(submission):
    return submission.jobs.get(kind=SubmissionJob.Kind.RECEIPT)


def _assert_retried_then_stored(submission, error_part: str):
    job = _receipt_job(submission)
    assert job.status == "pending" and job.attempts == 1, job.last_error
    assert error_part in job.last_error
    assert not Receipt.objects.filter(submission=submission).exists()
    return job


def test_s3_unreachable_the_receipt_waits_and_is_stored_when_it_is_back(
    jobcenter, settings, moto_endpoint
):
    import boto3

    host, port = moto_endpoint.removeprefix("http://").split(":")
    proxy = CuttableProxy(host, int(port)).start()
    bucket = f"fault-{uuid.uuid4().hex[:12]}"
    credentials = {
        "region_name": "us-east-1",
        "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing",
    }
    client = boto3.client("s3", endpoint_url=moto_endpoint, **credentials)
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": f"http://127.0.0.1:{proxy.port}",
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    try:
        proxy.cut()
        submission = make_submission(jobcenter)  # acknowledged: it is in the database
        drain()
        job = _assert_retried_then_stored(submission, "Error")

        proxy.start()
        assert jobs.job_run(job_id=job.pk) == "done"
    finally:
        proxy.cut()
    receipt = Receipt.objects.get(submission=submission)
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
    assert keys == [receipt.file.name]


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MB tmpfs (needs root; skipped otherwise) as the media folder."""
    mount = tmp_path / "media"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_the_receipt_waits_and_is_stored_once_there_is_space(
    jobcenter, settings, tiny_disk
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tiny_disk)},
        },
    }
    filler = tiny_disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as f:
        while True:
            f.write(b"\0" * 65536)
            f.flush()

    submission = make_submission(jobcenter)  # acknowledged: it is in the database
    drain()
    job = _assert_retried_then_stored(submission, "No space left")
    assert not list(tiny_disk.rglob("*.pdf")), "no half-written receipt left behind"

    filler.unlink()
    assert jobs.job_run(job_id=job.pk) == "done"
    (pdf,) = tiny_disk.rglob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert Receipt.objects.get(submission=submission).size == pdf.stat().st_size
