"""Case detail and its actions, matching, requests, forwarding, paper intake, the audit log."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobcenter.audit.models import AuditEntry
from jobcenter.casework import services
from jobcenter.casework.models import Case, DocumentRequest, Note
from tests.accounts.fixtures import login_as, make_staff
from tests.casework.factories import make_case, make_customer
from tests.forms.answers import WBA_JOB_AND_PERSON
from tests.intake.factories import make_submission


@pytest.fixture
def sb(client, staff):
    login_as(client, staff)
    return client


def url(name, case, **kw):
    return reverse(f"backoffice:{name}", kwargs={"public_id": case.public_id, **kw})


def test_case_page_shows_the_answers_in_german_and_records_the_view(sb, jobcenter, staff):
    submission = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON, language="en")
    case = Case.objects.get(submission=submission)
    response = sb.get(url("case_detail", case))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hat sich Einkommen geändert oder ist neues hinzugekommen?" in html
    assert "Bäckerei Korn" in html and "einkommen.0.zahlende_stelle" in html
    assert case.reference in html and "Eingegangen" in html
    entry = AuditEntry.objects.get(object_id=str(case.public_id), action="view")
    assert entry.actor == staff and entry.jobcenter == jobcenter


def test_case_page_query_count_is_bounded(sb, jobcenter, staff):
    case = make_case(jobcenter)
    services.document_request_create(
        case=case,
        by=staff,
        items=[("a", "A", "")],
        deadline=timezone.localdate() + dt.timedelta(days=5),
    )
    services.case_add_note(case=case, by=staff, text="erste")
    sb.get(url("case_detail", case))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert sb.get(url("case_detail", case)).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(5):
        services.case_add_note(case=case, by=make_staff(jobcenter), text=f"Notiz {i}")
        services.document_request_create(
            case=case,
            by=staff,
            items=[("a", "A", ""), ("b", "B", "")],
            deadline=timezone.localdate() + dt.timedelta(days=5),
        )
    assert count() == before


def test_state_buttons_and_refusal(sb, jobcenter):
    case = make_case(jobcenter)
    assert sb.post(url("case_state", case), {"state": "in_bearbeitung"}).status_code == 302
    case.refresh_from_db()
    assert case.state == "in_bearbeitung"
    response = sb.post(url("case_state", case), {"state": "uebergeben"}, follow=True)
    assert "geht es nicht" in response.content.decode()
    response = sb.post(url("case_state", case), {"state": "<script>"}, follow=True)
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.state == "in_bearbeitung"


def test_take_assign_note(sb, jobcenter, other_jobcenter, staff):
    case = make_case(jobcenter)
    sb.post(url("case_take", case))
    case.refresh_from_db()
    assert case.assignee == staff
    foreign = make_staff(other_jobcenter)
    sb.post(url("case_assign", case), {"assignee": foreign.pk, "team": ""})
    case.refresh_from_db()
    assert case.assignee == staff  # not in the list: refused
    sb.post(url("case_note", case), {"text": "Rückruf"})
    assert Note.objects.get(case=case).text == "Rückruf"
    sb.post(url("case_note", case), {"text": ""})
    assert Note.objects.filter(case=case).count() == 1


def test_request_documents_from_the_checklist(sb, jobcenter):
    submission = make_submission(jobcenter, answers=WBA_JOB_AND_PERSON)
    case = Case.objects.get(submission=submission)
    page = sb.get(url("case_request", case))
    html = page.content.decode()
    assert "Kontoauszüge" in html and "§ 66" in html
    deadline = page.context["form"].initial["deadline"]
    assert deadline == timezone.localdate() + dt.timedelta(days=14)
    choices = [key for key, _label in page.context["form"].fields["documents"].choices]
    bad = sb.post(url("case_request", case), {"deadline": "2000-01-01"})
    assert bad.status_code == 400
    assert "Bitte prüfen Sie Ihre Angaben" in bad.content.decode()
    ok = sb.post(
        url("case_request", case),
        {
            "documents": choices[:1],
            "other": "Personalausweis",
            "deadline": deadline.isoformat(),
            "message": "Danke!",
        },
    )
    assert ok.status_code == 302
    request = DocumentRequest.objects.get(case=case)
    assert request.items.count() == 2 and request.deadline == deadline
    case.refresh_from_db()
    assert case.state == "unterlagen_angefordert"


def test_forward_page(sb, jobcenter, other_jobcenter):
    case = make_case(jobcenter)
    assert (
        sb.post(
            url("case_forward", case), {"jobcenter": other_jobcenter.pk, "reason": ""}
        ).status_code
        == 400
    )
    response = sb.post(
        url("case_forward", case), {"jobcenter": other_jobcenter.pk, "reason": "Wohnort"}
    )
    assert response.status_code == 302
    assert (
        Case.objects.get(submission=case.submission, jobcenter=other_jobcenter).received_at
        == case.received_at
    )
    # The forwarded case is gone from the own inbox's open cases but still readable.
    assert sb.get(url("case_detail", case)).status_code == 200


def test_match_page_confirms_a_suggestion(sb, jobcenter):
    customer = make_customer(jobcenter, bg_nummer="12345BG0007777")
    case = make_case(jobcenter, bg_nummer="12345BG0007777")
    page = sb.get(url("case_match", case))
    assert "BG-Nummer stimmt überein" in page.content.decode()
    sb.post(url("case_match", case), {"action": "link", "customer": str(customer.public_id)})
    case.refresh_from_db()
    assert case.customer == customer
    assert (
        sb.post(url("case_match", case), {"action": "link", "customer": "nicht-da"}).status_code
        == 404
    )


def test_match_page_creates_customer_and_household(sb, jobcenter):
    case = make_case(jobcenter, vorname="Erst", nachname="Antrag", bg_nummer="12345BG0008888")
    page = sb.get(url("case_match", case))
    assert page.context["form"].initial["last_name"] == "Antrag"
    bad = sb.post(
        url("case_match", case),
        {"action": "create", "first_name": "", "last_name": "Antrag", "postcode": "12"},
    )
    assert bad.status_code == 400
    response = sb.post(
        url("case_match", case),
        {
            "action": "create",
            "first_name": "Erst",
            "last_name": "Antrag",
            "birth_date": "1980-03-27",
            "bg_nummer": "12345BG0008888",
            "postcode": "00111",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.customer.last_name == "Antrag" and case.household.bg_nummer == "12345BG0008888"


def test_paper_intake_page(sb, jobcenter):
    known = make_customer(jobcenter, kundennummer="123A456789", bg_nummer="12345BG0001234")
    page = sb.get(reverse("backoffice:paper_intake"))
    assert page.status_code == 200
    bad = sb.post(
        reverse("backoffice:paper_intake"),
        {
            "form_key": "wba",
            "received_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
            "first_name": "",
            "last_name": "X",
        },
    )
    assert bad.status_code == 400
    unknown = sb.post(
        reverse("backoffice:paper_intake"),
        {
            "form_key": "wba",
            "received_on": timezone.localdate().isoformat(),
            "first_name": "A",
            "last_name": "B",
            "kundennummer": "999Z999999",
        },
    )
    assert unknown.status_code == 400
    response = sb.post(
        reverse("backoffice:paper_intake"),
        {
            "form_key": "wba",
            "received_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
            "first_name": "Kim",
            "last_name": "Musterfrau",
            "kundennummer": "123a456789",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(channel="paper")
    assert case.customer == known and case.household.bg_nummer == "12345BG0001234"
    detail = sb.get(response["Location"]).content.decode()
    assert "Papierantrag" in detail


def test_audit_log_is_for_administrators_of_the_jobcenter(
    client, jobcenter, other_jobcenter, staff
):
    case = make_case(jobcenter)
    services.case_add_note(case=case, by=staff, text="x")
    services.case_add_note(case=make_case(other_jobcenter), by=staff, text="y")
    login_as(client, staff)
    assert client.get(reverse("backoffice:audit_log")).status_code == 404
    admin = make_staff(jobcenter, roles=["administration"])
    login_as(client, admin)
    response = client.get(reverse("backoffice:audit_log"))
    assert response.status_code == 200
    entries = response.context["entries"]
    assert entries and all(e.jobcenter_id == jobcenter.pk for e in entries)
    filtered = client.get(reverse("backoffice:audit_log"), {"objekt": str(case.public_id)})
    assert {e.object_id for e in filtered.context["entries"]} == {str(case.public_id)}


def test_message_to_the_citizen_reaches_the_mailbox(sb, client, jobcenter):
    from jobcenter.casework.models import Message
    from tests.accounts.fixtures import make_citizen

    citizen = make_citizen("nachricht@example.invalid")
    case = make_case(jobcenter, user=citizen)
    assert sb.post(url("case_message", case), {"subject": "", "body": ""}).status_code == 302
    assert not Message.objects.filter(case=case).exists()
    sb.post(url("case_message", case), {"subject": "Termin", "body": "Am Montag um 9 Uhr."})
    assert Message.objects.get(case=case).subject == "Termin"
    assert "Am Montag um 9 Uhr." in sb.get(url("case_detail", case)).content.decode()


def test_customer_page_shows_household_and_cases(sb, jobcenter, staff):
    from jobcenter.casework.models import HouseholdMember

    customer = make_customer(jobcenter, bg_nummer="12345BG0005555", kundennummer="555A555555")
    make_customer(
        jobcenter,
        first_name="Lia",
        last_name="Kind",
        bg_nummer="12345BG0005555",
        role=HouseholdMember.Role.KIND,
    )
    case = make_case(jobcenter, bg_nummer="12345BG0005555")
    services.case_link_customer(case=case, customer=customer, by=staff)
    page = sb.get(reverse("backoffice:customer_detail", kwargs={"public_id": customer.public_id}))
    html = page.content.decode()
    assert "Lia Kind" in html and "Kind" in html and case.reference in html
    assert AuditEntry.objects.filter(object_type="customer", action="view").exists()
    assert url("case_detail", case)
    assert (
        reverse("backoffice:customer_detail", kwargs={"public_id": customer.public_id})
        in sb.get(url("case_detail", case)).content.decode()
    )


def test_add_a_household_member_on_the_customer_page(sb, jobcenter):
    customer = make_customer(jobcenter, bg_nummer="12345BG0006666")
    household = customer.memberships.get().household
    add = reverse("backoffice:household_member_add", kwargs={"public_id": household.public_id})
    response = sb.post(
        add,
        {
            "role": "kind",
            "first_name": "Lia",
            "last_name": "Kind",
            "birth_date": "2021-05-05",
            "kunde": str(customer.public_id),
        },
        follow=True,
    )
    assert "Lia" in response.content.decode()
    assert household.members.count() == 2
    bad = sb.post(add, {"role": "kind", "kundennummer": "falsch"}, follow=True)
    assert bad.status_code == 200 and household.members.count() == 2


def test_cancel_a_request_on_the_case_page(sb, jobcenter, staff):
    case = make_case(jobcenter)
    request = services.document_request_create(
        case=case,
        by=staff,
        items=[("a", "A", "")],
        deadline=timezone.localdate() + dt.timedelta(days=3),
    )
    cancel = reverse("backoffice:request_cancel", kwargs={"public_id": request.public_id})
    assert cancel in sb.get(url("case_detail", case)).content.decode()
    assert sb.post(cancel).status_code == 302
    request.refresh_from_db()
    assert request.status == "cancelled"


def test_other_apps_can_add_a_panel_to_the_case_page(sb, jobcenter):
    from jobcenter.casework import signals

    case = make_case(jobcenter)

    def panel(sender, *, request, case, **kwargs):
        return f"<p data-testid='panel'>Dokumente von {case.reference}</p>"

    signals.case_panels_wanted.connect(panel)
    try:
        html = sb.get(url("case_detail", case)).content.decode()
    finally:
        signals.case_panels_wanted.disconnect(panel)
    assert f"<p data-testid='panel'>Dokumente von {case.reference}</p>" in html


def test_unverified_identity_is_shown(sb, jobcenter):
    from jobcenter.intake import services as intake
    from tests.intake.factories import make_draft

    draft = make_draft(jobcenter)
    submission = intake.submission_create(
        draft=draft,
        language="de",
        identity={
            "identity_verified": False,
            "assurance_level": None,
            "second_factor": False,
            "login_method": None,
            "checked_at": "2026-11-24T10:00:00",
        },
    )
    case = Case.objects.get(submission=submission)
    html = sb.get(url("case_detail", case)).content.decode()
    assert "Identität beim Absenden nicht bestätigt" in html
    assert (
        "Identität beim Absenden"
        not in sb.get(url("case_detail", make_case(jobcenter))).content.decode()
    )


def _paper(**more):
    return {
        "form_key": "wba",
        "received_on": timezone.localdate().isoformat(),
        "first_name": "Kim",
        "last_name": "Papier",
        **more,
    }


def test_paper_intake_stores_the_scan_with_the_submission(sb, jobcenter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jobcenter.documents.models import Upload
    from tests.documents.corpus import simple_pdf

    scan = SimpleUploadedFile("scan.pdf", simple_pdf(2), content_type="application/pdf")
    response = sb.post(reverse("backoffice:paper_intake"), _paper(scan=[scan]))
    assert response.status_code == 302
    case = Case.objects.get(channel="paper")
    upload = Upload.objects.get(submission=case.submission)
    assert upload.doc_type == "papierantrag" and upload.person == "Kim Papier"
    assert upload.received_at >= case.received_at


def test_a_refused_scan_registers_nothing_and_says_why(sb, jobcenter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jobcenter.documents.models import Upload
    from tests.documents.corpus import exe_renamed

    bad = SimpleUploadedFile("scan.pdf", exe_renamed(), content_type="application/pdf")
    response = sb.post(reverse("backoffice:paper_intake"), _paper(scan=[bad]))
    assert response.status_code == 400
    assert not Case.objects.filter(channel="paper").exists()
    assert not Upload.objects.exists()
    page = response.content.decode()
    assert "scan.pdf" in page
    assert 'value="Papier"' in page  # what was typed is kept


def test_request_documents_for_a_paper_erstantrag(sb, jobcenter, staff):
    # The Erstantrag names why a document is needed in translatable text ("Sie selbst").
    case = services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="erstantrag",
        form_version="2026-1",
        received_on=timezone.localdate(),
        first_name="Emil",
        last_name="Meyer",
        birth_date=dt.date(1991, 7, 22),
    )
    page = sb.get(url("case_request", case))
    assert page.status_code == 200
    checklist = {key: reasons for key, _title, reasons in page.context["form"].checklist}
    assert checklist["ausweis"] == "Sie selbst"


def test_case_page_names_whom_a_document_is_for_in_the_third_person(sb, jobcenter, staff):
    # The citizen's list says "Personalausweis – Sie selbst"; the caseworker reads about the
    # applicant, by the name the application gives.
    case = services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="erstantrag",
        form_version="2026-1",
        received_on=timezone.localdate(),
        first_name="Emil",
        last_name="Meyer",
        birth_date=dt.date(1991, 7, 22),
    )
    html = sb.get(url("case_detail", case)).content.decode()
    needs = html.split('data-testid="case-needs"')[1].split("</section>")[0]
    assert "Personalausweis oder Reisepass" in needs
    assert "für: Emil Meyer" in needs
    assert "Sie selbst" not in html and "für: Sie" not in html


def test_case_page_names_an_unnamed_applicant_by_role(sb, jobcenter, staff):
    from jobcenter.casework.selectors import case_document_needs

    case = services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="erstantrag",
        form_version="2026-1",
        received_on=timezone.localdate(),
        first_name="",
        last_name="",
        birth_date=None,
    )
    needs, _others = case_document_needs(case)
    assert {need.key: need.reasons for need in needs}["ausweis"] == "Antragsteller/in"


def _emil_case(jobcenter, staff, born=dt.date(1991, 7, 23)):
    return services.paper_application_register(
        jobcenter=jobcenter,
        by=staff,
        form_key="erstantrag",
        form_version="2026-1",
        received_on=timezone.localdate(),
        first_name="Emil",
        last_name="Meyer",
        birth_date=born,
    )


def test_match_page_suggests_the_customer_behind_a_typo_in_the_birth_date(sb, jobcenter, staff):
    emil = make_customer(
        jobcenter, first_name="Emil", last_name="Meyer", birth_date=dt.date(1991, 7, 22)
    )
    case = _emil_case(jobcenter, staff)
    page = sb.get(url("case_match", case))
    assert [s.customer for s in page.context["suggestions"]] == [emil]
    html = page.content.decode()
    assert "Geburtsdatum fast gleich: eine Ziffer anders (22.07.1991 statt 23.07.1991)" in html


def test_manual_customer_search_is_tolerant_scoped_and_audited(
    sb, jobcenter, other_jobcenter, staff
):
    emil = make_customer(
        jobcenter,
        first_name="Emil",
        last_name="Meyer",
        birth_date=dt.date(1991, 7, 22),
        kundennummer="123A456789",
        bg_nummer="12345BG0004444",
    )
    make_customer(
        jobcenter,
        first_name="Emil",
        last_name="Maier",
        birth_date=dt.date(1980, 1, 1),
        is_protected=True,
    )  # § 35: not for staff
    make_customer(
        other_jobcenter, first_name="Emil", last_name="Meyer", birth_date=dt.date(1991, 7, 22)
    )
    case = _emil_case(jobcenter, staff, born=dt.date(1970, 1, 1))
    match = url("case_match", case)

    def found(**query):
        response = sb.get(match, {f"suche-{k}": v for k, v in query.items()})
        assert response.status_code == 200, response.content.decode()
        return [s.customer for s in response.context["results"]]

    assert found(name="Meier") == [emil]  # sounds the same (Kölner Phonetik)
    assert found(name="Emil Mey") == [emil]  # the start of the surname
    assert found(name="Meyer, Emil", birth_date="1991-07-21") == [emil]
    assert found(birth_date="22.07.1991") == [emil]
    assert found(kundennummer="123 a 456789") == [emil]
    assert found(bg_nummer="12345bg0004444") == [emil]
    assert found(name="Schulz") == []
    bad = sb.get(match, {"suche-kundennummer": "12"})
    assert bad.status_code == 400 and "Zehn Zeichen" in bad.content.decode()
    empty = sb.get(match, {"suche-name": ""})
    assert empty.status_code == 400 and "Bitte geben Sie einen Namen" in empty.content.decode()
    # The result list was recorded for the customer, without what was typed.
    shown = AuditEntry.objects.filter(
        object_type="customer", object_id=str(emil.public_id), action="view"
    )
    assert shown.count() == 6
    assert all(case.reference in e.summary and "Meier" not in e.summary for e in shown)
    searches = AuditEntry.objects.filter(
        object_id=str(case.public_id), summary__startswith="Kundensuche"
    )
    assert {e.summary for e in searches} >= {
        "Kundensuche nach name (1)",
        "Kundensuche nach kundennummer (1)",
    }


def test_creating_a_lookalike_customer_asks_first(sb, jobcenter, staff):
    from jobcenter.casework.models import Customer

    emil = make_customer(
        jobcenter, first_name="Emil", last_name="Meyer", birth_date=dt.date(1991, 7, 22)
    )
    case = _emil_case(jobcenter, staff)
    data = {
        "action": "create",
        "first_name": "Emil",
        "last_name": "Meyer",
        "birth_date": "1991-07-23",
    }
    asked = sb.post(url("case_match", case), data)
    assert asked.status_code == 200
    assert [s.customer for s in asked.context["lookalikes"]] == [emil]
    html = asked.content.decode()
    assert "Diese Person gibt es vielleicht schon" in html
    assert Customer.objects.count() == 1
    digest = asked.context["confirm_digest"]
    assert f'name="confirm_new" value="{digest}"' in html
    # Confirmed for another name than the one now typed: asked again.
    again = sb.post(url("case_match", case), {**data, "confirm_new": digest, "first_name": "Emiel"})
    assert again.status_code == 200 and again.context["lookalikes"]
    assert Customer.objects.count() == 1
    done = sb.post(url("case_match", case), {**data, "confirm_new": digest})
    assert done.status_code == 302
    case.refresh_from_db()
    assert Customer.objects.count() == 2 and case.customer != emil
    # Nobody alike: created at once.
    other = _emil_case(jobcenter, staff, born=dt.date(1960, 1, 1))
    response = sb.post(
        url("case_match", other), {"action": "create", "first_name": "Ada", "last_name": "Neu"}
    )
    assert response.status_code == 302


def test_withdrawal_asks_for_confirmation_and_a_reason(sb, jobcenter, staff):
    case = make_case(jobcenter)
    request = services.document_request_create(
        case=case,
        by=staff,
        items=[("a", "A", "")],
        deadline=timezone.localdate() + dt.timedelta(days=5),
    )
    page = sb.get(url("case_detail", case)).content.decode()
    assert 'value="zurueckgezogen"' not in page  # no one-click button
    assert url("case_withdraw", case) in page
    # A forged one-click POST changes nothing and leads to the confirmation.
    response = sb.post(url("case_state", case), {"state": "zurueckgezogen"})
    assert response.status_code == 302 and response["Location"] == url("case_withdraw", case)
    case.refresh_from_db()
    assert case.state == "unterlagen_angefordert"
    assert sb.get(url("case_withdraw", case)).status_code == 200
    assert sb.post(url("case_withdraw", case), {"reason": " "}).status_code == 400
    case.refresh_from_db()
    assert case.state == "unterlagen_angefordert"
    done = sb.post(url("case_withdraw", case), {"reason": "Anruf: Arbeit gefunden"})
    assert done.status_code == 302
    case.refresh_from_db()
    request.refresh_from_db()
    assert case.state == "zurueckgezogen" and request.status == "cancelled"
    history = sb.get(url("case_detail", case)).content.decode()
    assert "Zurückgezogen: Anruf: Arbeit gefunden" in history
    assert AuditEntry.objects.filter(
        object_id=str(case.public_id), reason="Anruf: Arbeit gefunden"
    ).exists()
    # Final for the caseworker: no way back, and no second withdrawal.
    assert url("case_reopen", case) not in history
    assert sb.get(url("case_reopen", case)).status_code == 404
    assert sb.post(url("case_reopen", case), {"reason": "x"}).status_code == 404
    assert sb.get(url("case_withdraw", case)).status_code == 302


def test_a_team_lead_reopens_a_withdrawn_case(client, jobcenter, staff):
    case = make_case(jobcenter)
    services.case_withdraw(case=case, by=staff, reason="Versehen")
    with pytest.raises(services.CaseworkError):
        services.case_reopen(case=case, by=staff, reason="ohne Rolle")
    lead = make_staff(jobcenter, roles=["sachbearbeitung", "teamleitung"])
    login_as(client, lead)
    assert url("case_reopen", case) in client.get(url("case_detail", case)).content.decode()
    assert client.post(url("case_reopen", case), {"reason": ""}).status_code == 400
    response = client.post(url("case_reopen", case), {"reason": "Irrtümlich zurückgezogen"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "in_bearbeitung"
    history = client.get(url("case_detail", case)).content.decode()
    assert "Wieder aufgenommen: Irrtümlich zurückgezogen" in history
    # Only a withdrawn case is reopened.
    assert client.post(url("case_reopen", case), {"reason": "x"}).status_code == 302
    case.refresh_from_db()
    assert case.state == "in_bearbeitung"


def test_withdrawal_is_not_a_bulk_action(sb, jobcenter):
    case = make_case(jobcenter)
    response = sb.post(
        reverse("backoffice:inbox_bulk"),
        {"cases": [str(case.public_id)], "state": "zurueckgezogen"},
        follow=True,
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.state == "eingegangen"


def test_the_customer_page_shows_what_happened(sb, jobcenter):
    customer = make_customer(jobcenter, bg_nummer="12345BG0006677")
    household = customer.memberships.get().household
    add = reverse("backoffice:household_member_add", kwargs={"public_id": household.public_id})
    empty = sb.post(add, {"role": "kind", "kunde": str(customer.public_id)}, follow=True)
    assert empty.redirect_chain[-1][0] == reverse(
        "backoffice:customer_detail", kwargs={"public_id": customer.public_id}
    )
    assert "Bitte geben Sie Vor- und Nachnamen an." in empty.content.decode()
    added = sb.post(
        add,
        {
            "role": "kind",
            "first_name": "Lia",
            "last_name": "Kind",
            "kunde": str(customer.public_id),
        },
        follow=True,
    )
    assert "Die Person gehört jetzt zur Bedarfsgemeinschaft." in added.content.decode()
    # The message was shown there, not later on another page.
    assert "Die Person gehört jetzt" not in sb.get(INBOX_URL).content.decode()


INBOX_URL = reverse("backoffice:inbox")


def test_customer_search_page_finds_a_misspelt_name_and_is_audited(sb, client, jobcenter):
    emil = make_customer(
        jobcenter, first_name="Emil", last_name="Meyer", birth_date=dt.date(1991, 7, 22)
    )
    search = reverse("backoffice:customer_search")
    assert search in sb.get(reverse("backoffice:inbox")).content.decode()
    assert sb.get(search).status_code == 200
    response = sb.get(search, {"suche-name": "Emil Maier"})
    assert [s.customer for s in response.context["results"]] == [emil]
    assert (
        reverse("backoffice:customer_detail", kwargs={"public_id": emil.public_id})
        in response.content.decode()
    )
    assert AuditEntry.objects.filter(
        object_type="customer", object_id=str(emil.public_id), summary="Kundensuche nach name"
    ).exists()
    assert AuditEntry.objects.filter(
        object_type="customer_search", summary="Kundensuche nach name (1)"
    ).exists()
    assert sb.get(search, {"suche-name": ""}).status_code == 400
    login_as(client, make_staff(jobcenter, roles=["statistik"]))
    assert client.get(search).status_code == 404
