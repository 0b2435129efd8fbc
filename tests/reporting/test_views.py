"""The statistics page: who may see it, what it shows, the CSV export and its audit entry."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobcenter.accounts.models import Role
from jobcenter.audit.models import AuditEntry
from jobcenter.reporting import services
from tests.accounts.fixtures import login_as, make_citizen, make_staff
from tests.reporting.fixtures import at, build_history, build_noise, make_case

pytestmark = pytest.mark.django_db

URL = "/backoffice/statistik/"
PERIOD = "?von=2026-01&bis=2026-04"


@pytest.fixture
def history(jobcenter, other_jobcenter):
    build_history(jobcenter)
    build_noise(other_jobcenter)
    services.summary_rebuild(jobcenter=jobcenter)
    services.summary_rebuild(jobcenter=other_jobcenter)


def _as(client, jobcenter, *roles):
    login_as(client, make_staff(jobcenter, roles=roles))
    return client


@pytest.mark.parametrize("role", [Role.STATISTIK, Role.TEAMLEITUNG, Role.ADMINISTRATION])
def test_the_statistics_roles_see_the_page_and_the_link(client, jobcenter, role):
    response = _as(client, jobcenter, role).get(URL)
    assert response.status_code == 200
    assert 'href="/backoffice/statistik/"' in client.get("/backoffice/").content.decode()


def test_a_caseworker_without_the_role_gets_403_and_no_link(client, jobcenter):
    _as(client, jobcenter, Role.SACHBEARBEITUNG)
    assert client.get(URL).status_code == 403
    # A data download answers 404 to whoever may not have it (docs/SECURITY.md).
    assert client.get(URL + "export/eingaenge.csv").status_code == 404
    assert client.post(URL + "aktualisieren/").status_code == 403
    assert "/backoffice/statistik/" not in client.get("/backoffice/").content.decode()


def test_anonymous_and_citizens_do_not_get_in(client, jobcenter):
    response = client.get(URL)
    assert response.status_code == 302 and "/backoffice/anmelden/" in response["Location"]
    login_as(client, make_citizen())
    assert client.get(URL).status_code == 404


def test_staff_without_the_second_factor_are_sent_to_log_in(client, jobcenter):
    login_as(client, make_staff(jobcenter, roles=[Role.STATISTIK]), second_factor=False)
    assert client.get(URL).status_code == 302


def test_the_page_shows_own_figures_with_accessible_charts(client, history, jobcenter):
    html = _as(client, jobcenter, Role.STATISTIK).get(URL + PERIOD).content.decode()
    charts = re.findall(r'<svg class="rp-chart" role="img"[^>]*aria-labelledby="([^"]+)"', html)
    assert len(charts) == 5
    for labelled in charts:
        title, desc = labelled.split()
        assert f'<title id="{title}">' in html and f'<desc id="{desc}">' in html
    assert html.count("Daten zum Diagramm:") == 5
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert svgs and not any(" style=" in svg or "<script" in svg for svg in svgs)
    assert "<script>" not in html
    # January, all forms: 4 online, 1 paper, 80 % online (the other Jobcenter has 1 + 1).
    assert re.search(
        r'<th scope="row" class="kern-table__header">01/2026</th>'
        r'<td class="kern-table__cell rp-num">4</td>'
        r'<td class="kern-table__cell rp-num">1</td>'
        r'<td class="kern-table__cell rp-num">5</td>'
        r'<td class="kern-table__cell rp-num">80,0 %</td>',
        html,
    )


def test_the_query_count_does_not_grow_with_the_data(client, jobcenter, other_jobcenter):
    _as(client, jobcenter, Role.STATISTIK)
    client.get(URL + PERIOD)
    with CaptureQueriesContext(connection) as few:
        client.get(URL + PERIOD)
    build_history(jobcenter)
    build_noise(other_jobcenter)
    for day in range(1, 20):
        make_case(jobcenter, received=at(2, day), state="eingegangen")
    services.summary_rebuild(jobcenter=jobcenter)
    with CaptureQueriesContext(connection) as many:
        client.get(URL + PERIOD)
    assert len(many) == len(few) <= 16


def test_every_table_exports_as_csv_and_is_audited(client, history, jobcenter):
    _as(client, jobcenter, Role.STATISTIK)
    response = client.get(URL + "export/eingaenge.csv" + PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["Monat", "Online", "Papier", "Gesamt", "Online-Anteil"]
    assert rows[2] == ["01/2026", "4", "1", "5", "80,0 %"]
    assert rows[3] == ["02/2026", "0", "0", "0", "–"]
    entry = AuditEntry.objects.get(action="export")
    assert (entry.object_type, entry.object_id, entry.reason, entry.jobcenter_id) == (
        "statistik",
        "eingaenge",
        "export",
        jobcenter.pk,
    )
    for key in (
        "anteil",
        "trend",
        "formulare",
        "bearbeitung",
        "bearbeitung_formular",
        "rueckstand",
        "fristen",
        "abschluss",
        "abbrueche",
    ):
        assert client.get(f"{URL}export/{key}.csv{PERIOD}").status_code == 200
    assert client.get(URL + "export/unbekannt.csv").status_code == 404


def test_a_bad_period_is_explained_and_the_default_shown(client, jobcenter):
    html = _as(client, jobcenter, Role.STATISTIK).get(URL + "?von=gestern").content.decode()
    assert "JJJJ-MM" in html and 'role="alert"' in html
    # Next to the field, with what was typed kept, and linked from the summary.
    assert 'id="id_von_error"' in html and 'aria-invalid="true"' in html
    assert 'value="gestern"' in html and 'href="#id_von"' in html


def test_a_long_period_is_cut_with_a_notice(client, jobcenter):
    html = (
        _as(client, jobcenter, Role.STATISTIK)
        .get(URL + "?von=2020-01&bis=2026-04")
        .content.decode()
    )
    assert "auf 60 Monate begrenzt" in html and 'value="2021-05"' in html
    assert "von=2021-05&amp;bis=2026-04" in html  # the period shown and exported


@pytest.mark.parametrize("period", ["?von=9999-12", "?bis=9999-12", "?von=0001-01&bis=0001-02"])
def test_a_period_beyond_any_data_is_explained_not_an_error(client, jobcenter, period):
    _as(client, jobcenter, Role.STATISTIK)
    html = client.get(URL + period).content.decode()
    assert "zwischen 2000 und 2100" in html and 'role="alert"' in html
    assert client.get(URL + "export/eingaenge.csv" + period).status_code == 200
    response = client.post(URL + "aktualisieren/", {"von": "9999-12", "bis": "9999-12"})
    assert response.status_code == 302


def test_a_second_refresh_right_after_the_first_does_not_rebuild(client, jobcenter):
    from jobcenter.reporting.models import ChannelMonth

    _as(client, jobcenter, Role.TEAMLEITUNG)
    make_case(jobcenter, received=at(1, 5), state="eingegangen")
    client.post(URL + "aktualisieren/")
    built_at = ChannelMonth.objects.get(jobcenter=jobcenter).built_at
    make_case(jobcenter, received=at(1, 6), state="eingegangen")
    response = client.post(URL + "aktualisieren/", follow=True)
    assert "gerade erst" in response.content.decode()
    assert ChannelMonth.objects.get(jobcenter=jobcenter).built_at == built_at


def test_refresh_rebuilds_the_summary(client, jobcenter):
    _as(client, jobcenter, Role.TEAMLEITUNG)
    make_case(jobcenter, received=at(1, 5), state="eingegangen")
    response = client.post(URL + "aktualisieren/", {"von": "2026-01", "bis": "2026-04"})
    assert response.status_code == 302 and response["Location"].endswith(PERIOD)
    html = client.get(URL + PERIOD).content.decode()
    assert "berechnet am" in html


def test_staff_of_another_jobcenter_see_only_their_own_figures(client, history, other_jobcenter):
    _as(client, other_jobcenter, Role.STATISTIK)
    response = client.get(URL + "export/eingaenge.csv" + PERIOD)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[2] == ["01/2026", "1", "1", "2", "50,0 %"]
    entry = AuditEntry.objects.get(action="export")
    assert entry.jobcenter_id == other_jobcenter.pk
