"""Errors are answered with pages in the site's design, never a bare traceback."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from jobcenter.config import urls as site_urls
from tests.portal.wizard_helpers import PERSON

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


# --- pages that must render without the database ------------------------------------------------


def _database_error(request):
    from django.db import OperationalError

    raise OperationalError("connection refused")


# The site's own URLs too: the error pages link to them.
urlpatterns += [path("db-down/", _database_error), *site_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_500_page_says_what_is_true_and_renders_without_the_database(django_db_blocker, jobcenter):
    from tests.accounts.fixtures import login_as, make_citizen

    client = Client(raise_request_exception=False)
    login_as(client, make_citizen())  # a session whose lookup needs the database
    with django_db_blocker.block():
        response = client.get("/explode/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "kern.min" in html, "the designed page, not the plain-text fallback"
    assert "Ihre bisherigen Eingaben sind gespeichert" not in html
    assert "vielleicht nicht gespeichert" in html


@override_settings(ROOT_URLCONF=__name__, UNAVAILABLE_RETRY_AFTER_SECONDS=60)
def test_database_outage_answers_503_and_offers_to_send_the_posted_fields_again(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level("WARNING"):
        response = client.post(
            "/db-down/?seite=2",
            {
                "vorname": 'Kim "K"',
                "kinder": ["Ada", "Bo"],
                "password": "geheim-geheim",
                "aktion": "weiter",
            },
        )
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    assert "geht nicht verloren" in html and "etwa eine Minute" in html
    assert '<form method="post" action="/db-down/?seite=2"' in html
    for field in (
        'name="vorname" value="Kim &quot;K&quot;"',
        'name="kinder" value="Ada"',
        'name="kinder" value="Bo"',
        'name="aktion" value="weiter"',
    ):
        assert field in html
    assert "geheim-geheim" not in html and "Passwörter" in html
    assert html.count('name="csrfmiddlewaretoken"') == 2  # language switch and this form
    assert "<script" not in html.split("</header>")[1]
    records = [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]
    assert len(records) == 1 and records[0].levelname == "WARNING" and not records[0].exc_info


@override_settings(ROOT_URLCONF=__name__)
def test_database_outage_on_a_page_view_says_when_to_reload():
    response = Client(raise_request_exception=False).get("/db-down/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Seite neu laden" in html and 'href="/db-down/"' in html


def test_a_real_page_answers_503_while_the_database_refuses_connections(monkeypatch, jobcenter):
    from django.db import OperationalError, connection

    client = Client(raise_request_exception=False)
    client.get("/musterkreis/weiterbewilligung/person/")  # a session and its cookie

    def refused():
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refused)
    response = client.post(
        "/musterkreis/weiterbewilligung/person/", {"revision": "0", "aktion": "weiter", **PERSON}
    )  # valid: saved
    assert response.status_code == 503
    assert 'name="nachname" value="Musterfrau"' in response.content.decode()


# --- oversized posts ------------------------------------------------------------------------------


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_post_gets_413_and_one_warning_without_traceback(caplog, jobcenter):
    client = Client(raise_request_exception=False)
    with caplog.at_level("INFO"):
        response = client.post("/musterkreis/weiterbewilligung/person/", {"vorname": "x" * 5000})
    assert response.status_code == 413
    assert "Zu viele Daten auf einmal" in response.content.decode()
    noisy = [r for r in caplog.records if r.levelno >= 30]
    assert len(noisy) == 1, [r.getMessage() for r in noisy]
    assert noisy[0].levelname == "WARNING" and not noisy[0].exc_info


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_multipart_post_gets_413(jobcenter):
    client = Client(raise_request_exception=False)
    response = client.post(
        "/musterkreis/weiterbewilligung/person/", {"vorname": "x" * 5000, "datei": ("a.txt", b"a")}
    )
    assert response.status_code == 413


def test_a_malformed_multipart_post_gets_400_and_one_warning_without_traceback(caplog, jobcenter):
    """A part header over Django's limit (10 KiB) cannot be parsed: anyone could send that
    again and again, so it must not write a traceback into the log each time (found by the
    generated requests)."""
    boundary = "grenze"
    body = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="datei"; filename="{"x" * 11000}.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.7\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    client = Client(raise_request_exception=False)
    with caplog.at_level("INFO"):
        response = client.post(
            "/musterkreis/weiterbewilligung/person/",
            body,
            content_type=f"multipart/form-data; boundary={boundary}",
        )
    assert response.status_code == 400
    assert "<html" in response.content.decode()  # a page in the site's design, not plain text
    noisy = [r for r in caplog.records if r.levelno >= 30]
    assert len(noisy) == 1, [r.getMessage() for r in noisy]
    assert noisy[0].levelname == "WARNING" and not noisy[0].exc_info
