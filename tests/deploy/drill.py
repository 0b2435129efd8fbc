"""The two halves of the restore drill, run as processes of the installation under test.

python -m tests.deploy.drill create   -> JSON: what the installation holds
python -m tests.deploy.drill check    -> JSON: what it serves (the same, after a restore)
"""

import hashlib
import json
import os
import sys


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def create() -> dict:
    from django.core.management import call_command
    from django.test import Client

    from jobcenter.accounts.models import Role
    from jobcenter.tenants.demo import seed_jobcenters
    from tests.accounts.fixtures import login_as, make_citizen, make_staff
    from tests.documents import corpus
    from tests.documents.helpers import (
        drain_documents,
        post_files,
        submission_with_documents,
        upload_url,
    )
    from tests.intake.factories import drain

    call_command("migrate", verbosity=0)
    jobcenter = seed_jobcenters()[0]
    make_staff(jobcenter, roles=[Role.SACHBEARBEITUNG], username="drill")
    owner = make_citizen("drill@example.invalid")
    submission = submission_with_documents(jobcenter, user=owner)
    client = Client()
    login_as(client, owner)
    response = post_files(
        client, upload_url(submission), [("a.jpg", corpus.photo(300, 400), "image/jpeg")]
    )
    assert response.status_code == 302, response.status_code
    drain_documents()
    drain()
    return check()


def check() -> dict:
    from django.test import Client
    from django.urls import reverse

    from jobcenter.accounts.models import User
    from jobcenter.casework.models import Case
    from jobcenter.documents.models import Upload
    from jobcenter.intake.models import Receipt
    from tests.accounts.fixtures import login_as

    staff = Client()
    login_as(staff, User.objects.get(username="drill"))
    cases = {}
    for case in Case.objects.select_related("submission").order_by("pk"):
        page = staff.get(reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}))
        assert page.status_code == 200, page.status_code
        reference = case.submission.reference
        assert reference in page.content.decode()
        cases[reference] = str(case.public_id)
    documents = {}
    for upload in Upload.objects.order_by("pk"):
        response = staff.get(
            reverse("documents:staff_download", kwargs={"upload_id": upload.public_id})
        )
        assert response.status_code == 200, response.status_code
        documents[str(upload.public_id)] = _sha(b"".join(response.streaming_content))
    receipts = {}
    for receipt in Receipt.objects.select_related("submission"):
        with receipt.file.open("rb") as f:
            receipts[receipt.submission.reference] = _sha(f.read())
    return {"cases": cases, "documents": documents, "receipts": receipts}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.config.settings")
    import django

    django.setup()
    result = create() if sys.argv[1] == "create" else check()
    print(json.dumps(result))
