"""The caseworker's daily tools: work queues by due date with counts, the next-case flow with
keyboard shortcuts, documents beside the answers, and the letter for a person without an
account."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.audit.models import AuditEntry
from jobcenter.casework import services
from jobcenter.casework.models import Case
from tests.accounts.fixtures import login_as, make_staff, make_team
from tests.casework.factories import make_case

QUEUE = reverse("backoffice:queue")


@pytest.fixture
def team(jobcenter):
    return make_team(jobcenter, "Leistung 2")


@pytest.fixture
def sb(jobcenter, team):
    return make_staff(jobcenter, username="sb.queue", teams=[team])


def _case(jobcenter, sb, team, *, days_ago, name, assignee=True):
    case = make_case(jobcenter, nachname=name)
    Case.objects.filter(pk=case.pk).update(
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        team=team,
        assignee=sb if assignee else None,
    )
    case.refresh_from_db()
    return case


def _request(case, by, *, in_days):
    return services.document_request_create(
        case=case,
        by=by,
        items=[("mietvertrag", "Mietvertrag", "Sie selbst")],
        deadline=timezone.localdate() + dt.timedelta(days=in_days),
        message="Bitte auch die Nebenkosten.",
    )


@pytest.fixture
def month(jobcenter, sb, team):
    """Old (late), new, waiting for documents, unassigned in the team, withdrawn."""
    old = _case(jobcenter, sb, team, days_ago=20, name="Alt")
    new = _case(jobcenter, sb, team, days_ago=2, name="Neu")
    waiting = _case(jobcenter, sb, team, days_ago=5, name="Wartend")
    _request(waiting, sb, in_days=3)
    free = _case(jobcenter, sb, team, days_ago=1, name="Frei", assignee=False)
    gone = _case(jobcenter, sb, team, days_ago=30, name="Weg")
    services.case_withdraw(case=gone, by=sb, reason="Anruf")
    return {"old": old, "new": new, "waiting": waiting, "free": free, "gone": gone}


def test_my_queue_is_sorted_by_due_date_open_only_with_counts(client, sb, month):
    login_as(client, sb)
    response = client.get(QUEUE)
    assert response.status_code == 200
    work = response.context["work"]
    assert [e.case.last_name for e in work.entries] == ["Alt", "Wartend", "Neu"]
    due = {e.case.last_name: (e.due, e.due_reason, e.is_late) for e in work.entries}
    today = timezone.localdate()
    assert due["Alt"] == (today - dt.timedelta(days=6), "eingang", True)
    assert due["Wartend"] == (today + dt.timedelta(days=3), "frist", False)
    assert work.total == 3
    counts = {state: n for state, _label, n in work.counts}
    assert counts == {
        "eingegangen": 2,
        "in_bearbeitung": 0,
        "unterlagen_angefordert": 1,
        "vollstaendig": 0,
    }
    assert work.queue_totals == {"meine": 3, "team": 4, "frei": 1}
    html = response.content.decode()
    assert "Unterlagen angefordert: 1" in html and "Weg" not in html
    assert AuditEntry.objects.filter(actor=sb, object_type="queue", object_id="meine").exists()


def test_team_queue_and_state_filter(client, sb, month):
    login_as(client, sb)
    team = client.get(QUEUE, {"liste": "team"}).context["work"]
    assert [e.case.last_name for e in team.entries] == ["Alt", "Wartend", "Neu", "Frei"]
    free = client.get(QUEUE, {"liste": "frei"}).context["work"]
    assert [e.case.last_name for e in free.entries] == ["Frei"]
    waiting = client.get(QUEUE, {"liste": "meine", "status": "unterlagen_angefordert"})
    assert [e.case.last_name for e in waiting.context["work"].entries] == ["Wartend"]


def test_other_jobcenter_sees_nothing_of_the_queue(client, other_jobcenter, month):
    login_as(client, make_staff(other_jobcenter))
    assert client.get(QUEUE, {"liste": "team"}).context["work"].entries == []


def test_case_page_offers_previous_and_next_with_modifier_shortcuts(client, sb, month):
    login_as(client, sb)
    url = reverse("backoffice:case_detail", kwargs={"public_id": month["waiting"].public_id})
    response = client.get(url, {"liste": "meine"})
    queue = response.context["queue"]
    assert queue.previous == month["old"] and queue.next == month["new"]
    assert queue.position == 2 and queue.total == 3
    html = response.content.decode()
    assert 'aria-keyshortcuts="Alt+Shift+N"' in html and "backoffice/shortcuts.js" in html
    # No single-character shortcut anywhere (WCAG 2.1.4).
    assert 'aria-keyshortcuts="N"' not in html


def test_completing_a_case_goes_on_to_the_next_of_the_queue(client, sb, month):
    login_as(client, sb)
    old = month["old"]
    services.case_transition(case=old, to_state=Case.State.IN_BEARBEITUNG, by=sb)
    page = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": old.public_id}), {"liste": "meine"}
    )
    following = page.context["queue_fields"]["weiter"]
    assert following == str(month["waiting"].public_id)
    response = client.post(
        reverse("backoffice:case_state", kwargs={"public_id": old.public_id}),
        {"state": "vollstaendig", "liste": "meine", "weiter": following},
    )
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("backoffice:case_detail", kwargs={"public_id": month["waiting"].public_id})
        + "?liste=meine"
    )
    old.refresh_from_db()
    assert old.state == Case.State.VOLLSTAENDIG


def test_without_a_queue_the_case_stays(client, sb, month):
    login_as(client, sb)
    old = month["old"]
    response = client.post(
        reverse("backoffice:case_state", kwargs={"public_id": old.public_id}),
        {"state": "in_bearbeitung"},
    )
    assert response["Location"] == reverse(
        "backoffice:case_detail", kwargs={"public_id": old.public_id}
    )


def test_a_case_that_left_the_queue_keeps_its_place(client, sb, month):
    login_as(client, sb)
    services.case_withdraw(case=month["waiting"], by=sb, reason="Anruf")
    url = reverse("backoffice:case_detail", kwargs={"public_id": month["waiting"].public_id})
    found = client.get(url, {"liste": "meine"}).context["queue"]
    assert found.position is None
    assert found.previous == month["old"] and found.next == month["new"]


def test_a_case_opened_from_the_inbox_outside_my_queue_offers_no_previous_or_next(
    client, sb, month
):
    # From the inbox (no queue in the URL), a case of the team that is not in "Meine Fälle":
    # it has no place among my cases, so no neighbours of it there, and finishing it stays.
    login_as(client, sb)
    inbox = client.get(reverse("backoffice:inbox")).content.decode()
    url = reverse("backoffice:case_detail", kwargs={"public_id": month["free"].public_id})
    assert f'href="{url}"' in inbox
    response = client.get(url)
    queue = response.context["queue"]
    assert queue.position is None
    assert queue.previous is None and queue.next is None
    assert response.context["queue_fields"] == {}
    bar = response.content.decode().split('data-testid="queue-bar"')[1].split("</nav>")[0]
    assert "Nicht in „Meine Fälle“" in bar
    assert 'rel="prev"' not in bar and 'rel="next"' not in bar
    assert "Zur Liste „Meine Fälle“" in bar


def test_a_case_opened_from_the_inbox_inside_my_queue_keeps_previous_and_next(client, sb, month):
    login_as(client, sb)
    url = reverse("backoffice:case_detail", kwargs={"public_id": month["waiting"].public_id})
    response = client.get(url)
    queue = response.context["queue"]
    assert queue.position == 2 and queue.total == 3
    assert queue.previous == month["old"] and queue.next == month["new"]
    assert response.context["queue_fields"]["weiter"] == str(month["new"].public_id)


def test_needs_beside_the_answers_show_requested_and_missing(client, sb, month):
    login_as(client, sb)
    url = reverse("backoffice:case_detail", kwargs={"public_id": month["waiting"].public_id})
    html = client.get(url).content.decode()
    assert 'data-testid="case-needs"' in html
    deadline = (timezone.localdate() + dt.timedelta(days=3)).strftime("%d.%m.%Y")
    assert f"angefordert, Frist {deadline}" in html


def _pdf_text(data: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_letter_for_a_person_without_an_account(client, sb, month, tmp_path, settings):
    settings.PUBLIC_BASE_URL = "https://jobcenter.example"
    login_as(client, sb)
    waiting = month["waiting"]
    document_request = waiting.document_requests.get()
    case_page = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": waiting.public_id})
    )
    letter_url = reverse(
        "backoffice:request_letter", kwargs={"public_id": document_request.public_id}
    )
    assert letter_url in case_page.content.decode()
    response = client.get(letter_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(response.content, tmp_path).split())
    deadline = document_request.deadline.strftime("%d.%m.%Y")
    assert f"Bitte schicken Sie uns die Unterlagen bis zum {deadline}." in text
    assert "Mietvertrag (für: Sie selbst)" in text
    assert waiting.reference in text
    assert f"https://jobcenter.example/{waiting.jobcenter.slug}/unterlagen/" in text
    assert "§ 60" in text and "§ 66 SGB I" in text and "Rechtsfolgenbelehrung" in text
    assert "Bitte auch die Nebenkosten." in text
    assert AuditEntry.objects.filter(
        actor=sb, object_id=str(waiting.public_id), summary__startswith="Brief"
    ).exists()


def test_requesting_for_a_person_without_an_account_points_to_the_letter(client, sb, month):
    login_as(client, sb)
    case = month["new"]
    response = client.post(
        reverse("backoffice:case_request", kwargs={"public_id": case.public_id}),
        {
            "other": "Kontoauszüge",
            "deadline": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
            "liste": "meine",
        },
        follow=True,
    )
    assert "Bitte drucken Sie den Brief" in response.content.decode()
    assert response.redirect_chain[-1][0].startswith(
        reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lindenstraße 5", ("lindenstr", "5")),
        ("Lindenstr. 5a", ("lindenstr", "5a")),
        ("lindenstrasse 5 A", ("lindenstr", "5a")),
        ("Am Musterplatz 12-14", ("ammusterplatz", "12")),
        ("Straße des 17. Juni 3", ("strdes17juni", "3")),
        ("Gartenweg", ("gartenweg", "")),
    ],
)
def test_street_spellings(text, expected):
    from jobcenter.casework.selectors import split_street

    assert split_street(text) == expected


def test_customer_search_by_address(client, sb, jobcenter):
    from jobcenter.audit.models import AuditEntry
    from tests.casework.factories import make_customer

    lia = make_customer(
        jobcenter, first_name="Lia", last_name="Berg", street="Lindenstraße 5", postcode="00123"
    )
    make_customer(
        jobcenter, first_name="Ole", last_name="Tal", street="Lindenstraße 7", postcode="00123"
    )
    make_customer(
        jobcenter, first_name="Ida", last_name="Berg", street="Gartenweg 5", postcode="00124"
    )
    login_as(client, sb)
    url = reverse("backoffice:customer_search")

    def found(**params):
        response = client.get(url, {f"suche-{k}": v for k, v in params.items()})
        assert response.status_code == 200, response.context["search_form"].errors
        return response.context["results"]

    hits = found(street="Lindenstr. 5", postcode="00123")
    assert [s.customer for s in hits] == [lia]
    assert hits[0].reasons == ["Gleiche Straße und Hausnummer, gleiche Postleitzahl"]
    assert {s.customer.first_name for s in found(street="lindenstrasse")} == {"Lia", "Ole"}
    assert {s.customer.first_name for s in found(postcode="00123")} == {"Lia", "Ole"}
    # With a name: who fits both.
    assert [s.customer for s in found(name="Berg", street="Lindenstraße 5")] == [lia]
    entry = AuditEntry.objects.filter(actor=sb, object_type="customer_search").latest("id")
    assert "street" in entry.summary and "Lindenstr" not in entry.summary
