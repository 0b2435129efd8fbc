"""A forwarded case (casework: to the competent Jobcenter): the old Jobcenter's messages and
decisions stay with it, the new one's with the new case — neither Jobcenter's staff sees the
other's, the citizen sees each at its own Jobcenter, a reply into the old thread is refused (it
would reach a Jobcenter no longer competent), and only the new Jobcenter's items go into its
e-file."""

import pytest
from django.urls import reverse

from jobcenter.casework import services as casework
from jobcenter.handover.models import Bundle, Transport
from jobcenter.mailbox import selectors, services
from jobcenter.mailbox.models import Post
from tests.accounts.fixtures import login_as, make_citizen, make_staff
from tests.documents.corpus import simple_pdf
from tests.handover.helpers import complete, make_integration, make_ready_case
from tests.intake.factories import drain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    settings.HANDOVER_FOLDER_ROOT = tmp_path / "handover"
    settings.HANDOVER_JOB_BACKOFF_SECONDS = 0


def test_messages_and_decisions_do_not_cross_a_forwarding(client, jobcenter, other_jobcenter):
    staff_a = make_staff(jobcenter, username="sb-alt")
    staff_b = make_staff(other_jobcenter, username="sb-neu")
    make_integration(jobcenter, "E-Akte alt")
    Transport.objects.create(jobcenter=other_jobcenter, kind="folder", name="Import", folder="b")
    citizen = make_citizen("umzug@example.invalid")
    services.consent_set(user=citizen, given=True, login_level="substantial")
    old = make_ready_case(jobcenter, user=citizen)
    thread_a = services.thread_start(
        user=citizen,
        jobcenter=jobcenter,
        topic="zahlung",
        subject="Frage an das alte Jobcenter",
        body="Geheimnis A",
        case=old,
    )
    decision_a = services.decision_send(
        case=old, by=staff_a, title="Bescheid des alten Jobcenters", data=simple_pdf()
    )
    new = casework.case_forward(case=old, to_jobcenter=other_jobcenter, by=staff_a, reason="Umzug")
    old.refresh_from_db()
    thread_b = services.thread_start(
        user=citizen,
        jobcenter=other_jobcenter,
        topic="termin",
        subject="Frage an das neue Jobcenter",
        body="Geheimnis B",
        case=new,
    )
    services.staff_reply(thread=thread_b, by=staff_b, body="Antwort B")
    decision_b = services.decision_send(
        case=new, by=staff_b, title="Bescheid des neuen Jobcenters", data=simple_pdf()
    )

    # staff: each Jobcenter sees its own, the other's answers 404
    login_as(client, staff_b)
    html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": new.public_id})
    ).content.decode()
    assert "Geheimnis B" in html and "Bescheid des neuen Jobcenters" in html
    assert "Geheimnis A" not in html and "Bescheid des alten Jobcenters" not in html
    assert (
        client.get(
            reverse("mailbox:staff_decision_pdf", kwargs={"public_id": decision_a.public_id})
        ).status_code
        == 404
    )
    reply = reverse("mailbox:staff_reply", kwargs={"public_id": thread_a.public_id})
    assert client.post(reply, {"antwort": "Von B"}).status_code == 404
    login_as(client, staff_a)
    html = client.get(
        reverse("backoffice:case_detail", kwargs={"public_id": old.public_id})
    ).content.decode()
    assert "Geheimnis A" in html and "Bescheid des alten Jobcenters" in html
    assert "Geheimnis B" not in html and "Bescheid des neuen Jobcenters" not in html
    assert (
        client.get(
            reverse("mailbox:staff_decision_pdf", kwargs={"public_id": decision_b.public_id})
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("mailbox:staff_reply", kwargs={"public_id": thread_b.public_id}),
            {"antwort": "Von A"},
        ).status_code
        == 404
    )

    # the citizen: each Jobcenter's mailbox shows its own
    assert [t.pk for t in selectors.citizen_threads(citizen, jobcenter)] == [thread_a.pk]
    assert [t.pk for t in selectors.citizen_threads(citizen, other_jobcenter)] == [thread_b.pk]
    assert selectors.citizen_decisions(citizen, jobcenter) == [decision_a]
    assert selectors.citizen_decisions(citizen, other_jobcenter) == [decision_b]
    login_as(client, citizen)
    wrong = {"jobcenter": other_jobcenter.slug, "public_id": decision_a.public_id}
    assert client.get(reverse("mailbox:decision", kwargs=wrong)).status_code == 404
    wrong = {"jobcenter": other_jobcenter.slug, "public_id": thread_a.public_id}
    assert client.get(reverse("mailbox:thread", kwargs=wrong)).status_code == 404
    # a reply into the old thread would reach the old Jobcenter: refused, the page says why
    url = reverse(
        "mailbox:thread", kwargs={"jobcenter": jobcenter.slug, "public_id": thread_a.public_id}
    )
    page = client.get(url).content.decode()
    assert 'data-testid="thread-forwarded"' in page and 'name="nachricht"' not in page
    posts = Post.objects.count()
    assert client.post(url, {"nachricht": "Noch eine Frage"}).status_code == 200
    assert Post.objects.count() == posts
    with pytest.raises(services.MailboxError):
        services.citizen_reply(thread=thread_a, user=citizen, body="Noch eine Frage")

    # the e-file: the new Jobcenter's bundles carry only its own messages and decisions
    services.decision_retrieved(decision=decision_a, login_level="substantial")
    complete(new)
    drain()
    services.decision_retrieved(decision=decision_b, login_level="substantial")
    drain()
    assert not Bundle.objects.filter(jobcenter=jobcenter).exists()
    bundles = Bundle.objects.filter(case=new)
    assert {b.jobcenter_id for b in bundles} == {other_jobcenter.pk}
    assert sorted(b.kind for b in bundles) == ["antrag", "bescheid", "nachricht", "nachricht"]
    assert {b.decision_id for b in bundles if b.decision_id} == {decision_b.pk}
    assert {b.post.thread_id for b in bundles if b.post_id} == {thread_b.pk}
    assert not Bundle.objects.filter(decision=decision_a).exists()
    assert not Bundle.objects.filter(post__thread=thread_a).exists()
