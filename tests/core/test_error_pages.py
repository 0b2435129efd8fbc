"""Errors are answered with pages in the site's design, never a bare traceback."""

import pytest
from django.test import Client, override_settings
from django.urls import path

pytestmark = pytest.mark.django_db


def _explode(request):
    raise RuntimeError("boom")


urlpatterns = [path("explode/", _explode)]
handler500 = "jobcenter.core.views.server_error"


def test_404_page_is_designed(client):
    response = client.get("/musterkreis/gibt-es-nicht/")
    assert response.status_code == 404
    assert b"Seite nicht gefunden" in response.content
    assert b"kern.min" in response.content


def test_unknown_jobcenter_is_404(client, demo_jobcenters):
    assert client.get("/nirgendwo/").status_code == 404


@override_settings(ROOT_URLCONF=__name__)
def test_500_page_is_designed():
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    assert response.status_code == 500
    assert b"Ein technischer Fehler ist aufgetreten" in response.content


def test_csrf_failure_explains_what_to_do(demo_jobcenters):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    assert b"Die Seite ist abgelaufen" in response.content
