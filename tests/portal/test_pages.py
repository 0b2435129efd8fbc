"""The citizen entry pages through Django's test client."""

import pytest
from django.core.management import call_command

from jobcenter.tenants.models import Jobcenter

pytestmark = pytest.mark.django_db


def test_choose_page_lists_jobcenters(client, demo_jobcenters):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jobcenter Musterkreis" in content and "Jobcenter Beispielstadt" in content
    assert "00200–00249, 00250–00299" in content


def test_postcode_redirects_to_the_competent_jobcenter(client, demo_jobcenters):
    response = client.get("/", {"plz": "00120"})
    assert response.status_code == 302
    assert response["Location"] == "/musterkreis/"


@pytest.mark.parametrize(
    ("plz", "message"),
    [
        ("", "Bitte geben Sie Ihre Postleitzahl an."),
        ("12a", "Bitte geben Sie eine fünfstellige Postleitzahl an."),
        ("99999", "Für diese Postleitzahl ist hier kein Jobcenter zuständig."),
    ],
)
def test_postcode_errors_are_shown_and_input_kept(client, demo_jobcenters, plz, message):
    response = client.get("/", {"plz": plz})
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count(message) == 2  # in the error summary and next to the field
    assert f'value="{plz}"' in content
    assert 'aria-invalid="true"' in content
    assert "<title>Fehler:" in content


def test_single_jobcenter_installation_skips_the_choice(client, jobcenter):
    Jobcenter.objects.exclude(pk=jobcenter.pk).delete()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/musterkreis/"


def test_start_page_shows_contact_and_voluntariness(client, jobcenter):
    content = client.get("/musterkreis/").content.decode()
    assert "Was möchten Sie tun?" in content
    assert "Online ist freiwillig" in content
    assert "Am Musterplatz 1" in content
    assert "kontakt@jobcenter-musterkreis.invalid" in content


def test_start_page_lists_registered_services(client, jobcenter, monkeypatch):
    from jobcenter.core import citizen_services as registry

    monkeypatch.setattr(registry, "_services", {})
    registry.register(
        registry.CitizenService(
            key="test", title="Testdienst", description="Zum Testen", url_name="portal:jc_impressum"
        )
    )
    content = client.get("/musterkreis/").content.decode()
    assert "Testdienst" in content
    assert 'href="/musterkreis/impressum/"' in content


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("impressum", "Erika Beispiel, Geschäftsführerin"),
        ("datenschutz", "datenschutz@jobcenter-musterkreis.invalid"),
        ("barrierefreiheit", "barrierefrei@jobcenter-musterkreis.invalid"),
    ],
)
def test_jobcenter_legal_pages_come_from_the_jobcenter(client, jobcenter, page, expected):
    content = client.get(f"/musterkreis/{page}/").content.decode()
    assert "Jobcenter Musterkreis" in content
    assert expected in content


@pytest.mark.parametrize("page", ["impressum", "datenschutz", "barrierefreiheit"])
def test_operator_legal_pages_come_from_configuration(client, settings, page):
    settings.OPERATOR = {**settings.OPERATOR, "name": "Zweckverband Testrechenzentrum"}
    content = client.get(f"/{page}/").content.decode()
    assert "Zweckverband Testrechenzentrum" in content


def test_language_switch_keeps_the_page(client, jobcenter):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/musterkreis/"})
    assert response.status_code == 302 and response["Location"] == "/musterkreis/"
    content = client.get("/musterkreis/").content.decode()
    assert "What would you like to do?" in content
    assert '<html lang="en"' in content


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    assert Jobcenter.objects.count() == 2
    assert "Demo-Staff-2026" in capsys.readouterr().out
