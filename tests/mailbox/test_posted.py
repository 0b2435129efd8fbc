"""Flagged decisions marked "per Post versandt": the service (first marking counts, audited),
the staff action on the list /backoffice/postfach/zur-post/ (POST only, CSRF, object access
through the staff decision selector), the rule of § 37 Abs. 2 SGB X and the proof of delivery."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobcenter.audit.models import AuditEntry
from jobcenter.mailbox import rules, selectors, services
from jobcenter.mailbox.models import Decision
from tests.accounts.fixtures import login_as, make_citizen, make_staff
from tests.casework.factories import make_case
from tests.documents.corpus import simple_pdf

pytestmark = pytest.mark.django_db


def _flagged(jobcenter, staff, *, email="post@example.invalid", title="Bescheid") -> Decision:
    citizen = make_citizen(email)
    services.consent_set(user=citizen, given=True, login_level="basic")
    case = make_case(jobcenter, user=citizen)
    decision = services.decision_send(case=case, by=staff, title=title, data=simple_pdf())
    services.decisions_flag_unretrieved(today=timezone.localdate() + dt.timedelta(days=11))
    decision.refresh_from_db()
    assert decision.post_flagged_at is not None
    return decision


def _url(decision) -> str:
    return reverse("mailbox:staff_decision_posted", kwargs={"public_id": decision.public_id})


def test_a_letter_counts_as_notified_on_the_fourth_day_after_posting():
    # Thursday late evening (local time) → Monday; not moved off the weekend
    posted = timezone.make_aware(dt.datetime(2026, 3, 5, 23, 30))
    assert rules.notified_by_post_on(posted) == dt.date(2026, 3, 9)
    assert rules.POSTED_NOTIFIED_AFTER_DAYS == 4


def test_marking_posted_records_the_first_time_and_person_once(jobcenter, staff):
    decision = _flagged(jobcenter, staff)
    marked = services.decision_mark_posted(decision=decision, by=staff)
    first = marked.posted_at
    assert first is not None and marked.posted_by == staff
    assert marked.notified_by_post_on == rules.notified_by_post_on(first)
    other = make_staff(jobcenter, username="sb-zweite")
    again = services.decision_mark_posted(decision=Decision.objects.get(pk=decision.pk), by=other)
    assert again.posted_at == first and again.posted_by == staff
    entries = AuditEntry.objects.filter(
        object_type="decision", object_id=str(decision.public_id), action="change"
    )
    assert entries.count() == 1 and entries.get().actor_id == staff.pk


def test_only_a_flagged_decision_can_be_marked_posted(jobcenter, staff):
    citizen = make_citizen("frisch@example.invalid")
    services.consent_set(user=citizen, given=True, login_level="basic")
    waiting = services.decision_send(
        case=make_case(jobcenter, user=citizen), by=staff, title="Bescheid", data=simple_pdf()
    )
    with pytest.raises(services.MailboxError):
        services.decision_mark_posted(decision=waiting, by=staff)
    assert Decision.objects.get(pk=waiting.pk).posted_at is None


def test_a_flagged_decision_is_settled_only_once_posted(jobcenter, staff):
    decision = _flagged(jobcenter, staff)
    case = decision.case
    assert not selectors.settled_decisions(case).exists()
    # a retrieval after the flag does not settle it: the letter goes out all the same
    services.decision_retrieved(decision=decision, login_level="normal")
    assert not selectors.settled_decisions(case).exists()
    services.decision_mark_posted(decision=decision, by=staff)
    assert list(selectors.settled_decisions(case)) == [decision]


def test_the_proof_of_delivery_has_the_posting_and_the_notified_day_by_post(jobcenter, staff):
    decision = _flagged(jobcenter, staff)
    proof = selectors.proof_of_delivery(decision)
    assert proof["posted_at"] is None and proof["notified_on_by_post"] is None
    assert proof["rule_by_post"] is None
    decision = services.decision_mark_posted(decision=decision, by=staff)
    proof = selectors.proof_of_delivery(decision)
    assert proof["posted_at"] == decision.posted_at.isoformat()
    assert proof["notified_on_by_post"] == rules.notified_by_post_on(decision.posted_at).isoformat()
    assert proof["rule_by_post"].startswith("§ 37 Abs. 2 SGB X")
    assert proof["flagged_for_post_at"] == decision.post_flagged_at.isoformat()


def test_the_caseworker_marks_a_row_posted_and_the_list_shrinks(client, jobcenter, staff):
    first = _flagged(jobcenter, staff, email="eins@example.invalid", title="Erster Bescheid")
    second = _flagged(jobcenter, staff, email="zwei@example.invalid", title="Zweiter Bescheid")
    login_as(client, staff)
    listing = reverse("mailbox:staff_post_list")
    html = client.get(listing).content.decode()
    assert html.count('data-testid="post-list-row"') == 2
    assert f'action="{_url(first)}"' in html and "Als per Post versandt markieren" in html
    assert "csrfmiddlewaretoken" in html and "<script>" not in html and " style=" not in html
    assert reverse("mailbox:staff_decision_pdf", kwargs={"public_id": first.public_id}) in html
    inbox = client.get(reverse("mailbox:staff_inbox")).content.decode()
    assert "Bescheide für den Postversand (2)" in inbox

    response = client.post(_url(first))
    assert response.status_code == 302 and response["Location"] == listing
    first.refresh_from_db()
    assert first.posted_at is not None and first.posted_by == staff
    assert AuditEntry.objects.filter(
        object_type="decision", object_id=str(first.public_id), action="change", actor=staff
    ).exists()
    html = client.get(listing).content.decode()
    assert html.count('data-testid="post-list-row"') == 1
    assert _url(second) in html and _url(first) not in html
    assert "ist als per Post versandt markiert" in html
    inbox = client.get(reverse("mailbox:staff_inbox")).content.decode()
    assert "Bescheide für den Postversand (1)" in inbox
    # the case page shows the posting and the day it counts as notified by post
    case_html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": first.case.public_id})
    ).content.decode()
    assert 'data-testid="posted"' in case_html
    assert first.notified_by_post_on.strftime("%d.%m.%Y") in case_html
    # again: nothing changes
    posted_at = first.posted_at
    client.post(_url(first))
    first.refresh_from_db()
    assert first.posted_at == posted_at
    services.decision_mark_posted(decision=second, by=staff)
    html = client.get(listing).content.decode()
    assert 'data-testid="no-post-list"' in html


def test_the_action_is_post_only_with_csrf(jobcenter, staff):
    decision = _flagged(jobcenter, staff)
    client = Client(enforce_csrf_checks=True)
    login_as(client, staff)
    assert client.get(_url(decision)).status_code == 405
    assert client.post(_url(decision)).status_code == 403
    assert Decision.objects.get(pk=decision.pk).posted_at is None


def test_another_jobcenters_staff_and_citizens_get_404(client, jobcenter, other_jobcenter, staff):
    decision = _flagged(jobcenter, staff)
    login_as(client, make_staff(other_jobcenter, username="sb-fremd"))
    assert client.post(_url(decision)).status_code == 404
    other_list = client.get(reverse("mailbox:staff_post_list")).content.decode()
    assert str(decision.public_id) not in other_list and 'data-testid="no-post-list"' in other_list
    login_as(client, decision.case.submission.user)
    assert client.post(_url(decision)).status_code == 404
    assert Decision.objects.get(pk=decision.pk).posted_at is None
    assert not AuditEntry.objects.filter(action="change", object_type="decision").exists()


# --- letters (no consent): the same "posted" step --------------------------------------------


def _letter(jobcenter, staff, *, email="brief@example.invalid", title="Ablehnungsbescheid"):
    case = make_case(jobcenter, user=make_citizen(email))
    decision = services.decision_send(case=case, by=staff, title=title, data=simple_pdf())
    assert decision.channel == Decision.Channel.POST and decision.post_flagged_at is None
    return decision


def test_a_letter_is_settled_only_once_marked_posted(jobcenter, staff):
    letter = _letter(jobcenter, staff)
    assert not selectors.settled_decisions(letter.case).exists()
    assert letter.counts_as_notified_on is None
    marked = services.decision_mark_posted(decision=letter, by=staff)
    assert marked.posted_at is not None and marked.posted_by == staff
    assert list(selectors.settled_decisions(letter.case)) == [letter]
    assert marked.counts_as_notified_on == rules.notified_by_post_on(marked.posted_at)
    proof = selectors.proof_of_delivery(marked)
    assert proof["channel"] == "post" and proof["flagged_for_post_at"] is None
    assert proof["posted_at"] == marked.posted_at.isoformat()
    assert proof["notified_on_by_post"] == rules.notified_by_post_on(marked.posted_at).isoformat()
    assert proof["notified_on"] is None and proof["consent"] is None
    entries = AuditEntry.objects.filter(
        object_type="decision", object_id=str(letter.public_id), action="change"
    )
    assert entries.count() == 1


def test_letters_and_flagged_decisions_share_the_list_longest_waiting_first(
    client, jobcenter, staff
):
    flagged = _flagged(jobcenter, staff, email="flag@example.invalid", title="Nicht abgerufen")
    letter = _letter(jobcenter, staff, email="ohne@example.invalid", title="Brief ohne Konto")
    # the letter waits since it was made, the flagged decision since its flag (later)
    Decision.objects.filter(pk=letter.pk).update(sent_at=timezone.now() - dt.timedelta(days=2))
    login_as(client, staff)
    listing = reverse("mailbox:staff_post_list")
    html = client.get(listing).content.decode()
    assert html.count('data-testid="post-list-row"') == 2
    assert html.index("Brief ohne Konto") < html.index("Nicht abgerufen")
    assert "keine Einwilligung: Brief" in html and "im Postfach nicht abgerufen" in html
    assert AuditEntry.objects.filter(
        object_type="decision", object_id="zur-post", action="view", actor=staff
    ).exists()
    case_html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": letter.case.public_id})
    ).content.decode()
    assert "Noch nicht als per Post versandt markiert." in case_html
    assert client.post(_url(letter)).status_code == 302
    letter.refresh_from_db()
    assert letter.posted_at is not None
    html = client.get(listing).content.decode()
    assert html.count('data-testid="post-list-row"') == 1 and _url(flagged) in html
    case_html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": letter.case.public_id})
    ).content.decode()
    assert 'data-testid="posted"' in case_html
    assert letter.notified_by_post_on.strftime("%d.%m.%Y") in case_html
    assert "Noch nicht als per Post versandt markiert." not in case_html


def test_a_decision_retrieved_in_time_cannot_be_marked_posted(jobcenter, staff):
    citizen = make_citizen("abgeholt@example.invalid")
    services.consent_set(user=citizen, given=True, login_level="basic")
    decision = services.decision_send(
        case=make_case(jobcenter, user=citizen), by=staff, title="Bescheid", data=simple_pdf()
    )
    services.decision_retrieved(decision=decision, login_level="basic")
    with pytest.raises(services.MailboxError):
        services.decision_mark_posted(decision=decision, by=staff)
    assert Decision.objects.get(pk=decision.pk).posted_at is None


# --- the citizen sees the posting ------------------------------------------------------------


def test_the_day_that_counts_for_the_citizen():
    notice = timezone.make_aware(dt.datetime(2026, 11, 20, 9, 0))
    posted = timezone.make_aware(dt.datetime(2026, 12, 3, 10, 0))
    flagged = timezone.make_aware(dt.datetime(2026, 12, 1, 4, 0))
    day = rules.counts_as_notified_on
    assert day(notice_sent_at=notice, post_flagged_at=None, posted_at=None) == dt.date(2026, 11, 24)
    # not retrieved in time: the mailbox's day does not count, the posting does once it is made
    assert day(notice_sent_at=notice, post_flagged_at=flagged, posted_at=None) is None
    assert day(notice_sent_at=notice, post_flagged_at=flagged, posted_at=posted) == dt.date(
        2026, 12, 7
    )
    # a letter
    assert day(notice_sent_at=None, post_flagged_at=None, posted_at=None) is None
    assert day(notice_sent_at=None, post_flagged_at=None, posted_at=posted) == dt.date(2026, 12, 7)


def _citizen_pages(client, decision):
    jobcenter = decision.case.jobcenter
    login_as(client, decision.case.submission.user)
    box = client.get(reverse("portal:mailbox", kwargs={"jobcenter": jobcenter.slug}))
    page = client.get(
        reverse(
            "mailbox:decision",
            kwargs={"jobcenter": jobcenter.slug, "public_id": decision.public_id},
        )
    )
    assert box.status_code == 200 and page.status_code == 200
    return box.content.decode(), page.content.decode()


def test_the_citizen_sees_that_a_decision_was_posted_and_when_it_counts(client, jobcenter, staff):
    decision = _flagged(jobcenter, staff, title="Änderungsbescheid")
    box, page = _citizen_pages(client, decision)
    assert 'data-testid="posted-notice"' in page and "schicken wir ihn Ihnen per Post" in page
    assert "sobald der Brief verschickt ist" in page  # the mailbox's day does not count
    assert rules.notified_on(decision.notice_sent_at).strftime("%d.%m.%Y") not in page
    assert "kommt per Post, weil es nicht rechtzeitig abgerufen wurde" in box

    services.decision_mark_posted(decision=decision, by=staff)
    posted = timezone.make_aware(dt.datetime(2026, 12, 3, 10, 0))
    Decision.objects.filter(pk=decision.pk).update(posted_at=posted)
    box, page = _citizen_pages(client, decision)
    assert (
        "Deshalb haben wir ihn Ihnen am 3. Dezember 2026 per Post geschickt. "
        "Er gilt am 7. Dezember 2026 als bekannt gegeben." in page
    )
    assert '<dd class="kern-description-list-item__value" data-testid="notified-on">' in page
    assert "07.12.2026" in page and "03.12.2026" in page  # the facts, short dates
    assert (
        "am 3. Dezember 2026 per Post an Sie verschickt, gilt am 7. Dezember 2026 als bekannt "
        "gegeben" in box
    )
    assert "<script>" not in page and " style=" not in page


def test_the_posting_dates_follow_the_language(client, jobcenter, staff):
    decision = _flagged(jobcenter, staff)
    services.decision_mark_posted(decision=decision, by=staff)
    Decision.objects.filter(pk=decision.pk).update(
        posted_at=timezone.make_aware(dt.datetime(2026, 12, 3, 10, 0))
    )
    login_as(client, decision.case.submission.user)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    _box, page = _citizen_pages(client, decision)
    # English date formats (Django's), whatever the state of the catalogue
    assert "Dec. 3, 2026" in page and "Dec. 7, 2026" in page
    assert "3. Dezember 2026" not in page
