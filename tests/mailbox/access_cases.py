"""Access-matrix entries for the mailbox: threads (messages), their attachments and decisions.

Citizens reach only their own threads and the decisions delivered to their mailbox; staff only
through a case they may see (their Jobcenter; a protected case, § 35 SGB I, only the protected
team — the variant "geschützter Fall": the owner still reads, staff_same without the team not).
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from jobcenter.casework.models import Case
from jobcenter.documents.models import Upload
from jobcenter.mailbox import services
from jobcenter.mailbox.models import Attachment
from tests.casework.factories import make_case
from tests.documents.corpus import simple_pdf
from tests.security.access_matrix import register


def _case(world, *, protected=False):
    case = make_case(world.jobcenter, user=world.owner)
    if protected:
        Case.objects.filter(pk=case.pk).update(is_protected=True, protected_by_hand=True)
        case.refresh_from_db()
    return case


def _thread(world, *, protected=False, attachment=False):
    case = _case(world, protected=protected)
    thread = services.thread_start(
        user=world.owner,
        jobcenter=world.jobcenter,
        topic="sonstiges",
        subject="Frage",
        body="Text",
        case=case,
    )
    upload = None
    if attachment:
        name = default_storage.save("documents/test/anlage.pdf", ContentFile(b"%PDF-1.7 test"))
        upload = Upload.objects.create(
            jobcenter=world.jobcenter,
            submission=case.submission,
            user=world.owner,
            doc_type="nachricht",
            doc_title="Anlage zur Nachricht",
            received_at=timezone.now(),
            status=Upload.Status.READY,
            file=name,
            size=13,
        )
        Attachment.objects.create(post=thread.posts.get(), upload=upload)
    return thread, upload


def _decision(world, *, protected=False):
    services.consent_set(user=world.owner, given=True, login_level="basic")
    case = _case(world, protected=protected)
    return services.decision_send(
        case=case, by=world.staff_same, title="Bescheid", data=simple_pdf()
    )


def _flagged_decision(world, *, protected=False):
    """A decision not retrieved in time: on the list for the post."""
    decision = _decision(world, protected=protected)
    services.decisions_flag_unretrieved(today=timezone.localdate() + dt.timedelta(days=30))
    decision.refresh_from_db()
    return decision


def _letter(world, *, protected=False):
    """A decision for a person without consent: a letter, on the list for the post."""
    return services.decision_send(
        case=_case(world, protected=protected),
        by=world.staff_same,
        title="Brief",
        data=simple_pdf(),
    )


for variant, protected, staff in (("", False, {"staff_same"}), ("geschützter Fall", True, set())):

    def thread_page(world, actor, protected=protected):
        thread, _ = _thread(world, protected=protected)
        return {"jobcenter": world.jobcenter.slug, "public_id": thread.public_id}

    def staff_thread(world, actor, protected=protected):
        return {"public_id": _thread(world, protected=protected)[0].public_id}

    def decision_page(world, actor, protected=protected):
        decision = _decision(world, protected=protected)
        return {"jobcenter": world.jobcenter.slug, "public_id": decision.public_id}

    def staff_decision(world, actor, protected=protected):
        return {"public_id": _decision(world, protected=protected).public_id}

    def staff_flagged(world, actor, protected=protected):
        return {"public_id": _flagged_decision(world, protected=protected).public_id}

    def staff_letter(world, actor, protected=protected):
        return {"public_id": _letter(world, protected=protected).public_id}

    def case_kwargs(world, actor, protected=protected):
        return {"public_id": _case(world, protected=protected).public_id}

    def attachment(world, actor, protected=protected):
        thread, upload = _thread(world, protected=protected, attachment=True)
        return {
            "jobcenter": world.jobcenter.slug,
            "public_id": thread.case.submission.public_id,
            "upload_id": upload.public_id,
        }

    def staff_attachment(world, actor, protected=protected):
        return {"upload_id": _thread(world, protected=protected, attachment=True)[1].public_id}

    register("mailbox:thread", variant=variant, allowed={"owner"})(thread_page)
    register("mailbox:decision", variant=variant, allowed={"owner"})(decision_page)
    register("mailbox:decision_pdf", variant=variant, allowed={"owner"})(decision_page)
    register("mailbox:staff_decision_pdf", variant=variant, allowed=staff)(staff_decision)
    register("mailbox:staff_decision_posted", variant=variant, allowed=staff, method="POST")(
        staff_flagged
    )
    register(
        "mailbox:staff_decision_posted",
        variant=f"Brief ohne Einwilligung {variant}".strip(),
        allowed=staff,
        method="POST",
    )(staff_letter)
    register(
        "mailbox:staff_reply", variant=variant, allowed=staff, method="POST", data={"antwort": "Ja"}
    )(staff_thread)
    register(
        "mailbox:staff_decision_send",
        variant=variant,
        allowed=staff,
        method="POST",
        data={"bezeichnung": "Bescheid"},
    )(case_kwargs)
    register(
        "mailbox:staff_decision_quick",
        variant=variant,
        allowed=staff,
        method="POST",
        data={"entscheidung": "zustimmung"},
    )(case_kwargs)
    register(
        "documents:download", variant=f"Anlage einer Nachricht {variant}".strip(), allowed={"owner"}
    )(attachment)
    register(
        "documents:staff_download",
        variant=f"Anlage einer Nachricht {variant}".strip(),
        allowed=staff,
    )(staff_attachment)
