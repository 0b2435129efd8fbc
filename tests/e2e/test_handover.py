"""The caseworker sees the handover on the case page, with axe on the page.

A Jobcenter with a folder transport: the caseworker marks the case complete in the browser, the
worker builds and writes the bundle, the page shows "Übergeben/erledigt" and the handover panel
(when, how); the printable PDF downloads.
"""

import re

import pytest
from playwright.sync_api import expect

from jobcenter.handover.models import Transport
from tests.accounts.fixtures import make_staff
from tests.e2e.test_caseworker_day import _staff_login
from tests.handover.helpers import make_ready_case
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db(transaction=True)


def test_caseworker_sees_when_and_how_the_case_was_handed_over(
    page, live_server, jobcenter, axe, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    settings.HANDOVER_FOLDER_ROOT = tmp_path / "handover"
    Transport.objects.create(jobcenter=jobcenter, kind="folder", name="E-Akte-Import")
    case = make_ready_case(jobcenter, documents=1)
    sb = make_staff(jobcenter, username="sb.uebergabe")

    _staff_login(page, live_server.url, sb)
    page.goto(f"{live_server.url}/backoffice/vorgaenge/{case.public_id}/")
    expect(page.get_by_test_id("handover-none")).to_contain_text("automatisch an die E-Akte")
    axe(page)
    page.get_by_role("button", name="Status: In Bearbeitung").click()
    page.get_by_role("button", name="Status: Vollständig").click()
    expect(page.get_by_test_id("case-state")).to_have_text("Vollständig")
    drain()  # the worker: build the bundle, write it into the folder
    page.reload()
    expect(page.get_by_test_id("case-state")).to_have_text("Übergeben/erledigt")
    expect(page.get_by_test_id("handover-row")).to_contain_text("E-Akte-Import (Ordner)")
    expect(page.get_by_test_id("handover-row")).to_contain_text("übergeben am")
    expect(page.get_by_test_id("history")).to_contain_text("Antrag übergeben: Ordner")
    axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Druckfassung herunterladen")).click()
    assert download.value.suggested_filename == f"{case.reference}-druck.pdf"
