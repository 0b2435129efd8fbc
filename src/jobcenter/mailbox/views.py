"""Citizen pages of the two-way mailbox (under /<jobcenter>/postfach/) and the staff actions
(under /backoffice/postfach/), all without JavaScript.

Citizens: write a message (topic, optionally about an application, attachments), read and
answer a thread, open a decision (the first retrieval is recorded), opt in or out of electronic
delivery. Staff: answer a thread, send a decision PDF or a quick decision from the case page,
download a decision (audited), the list of decisions to send by post and marking one as
posted. Objects outside the
person's reach answer 404. Every page carries personal data: ``no-store``.
"""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.accounts import access, session
from jobcenter.audit import services as audit
from jobcenter.casework import selectors as casework
from jobcenter.core.forms import posted
from jobcenter.documents.services import UploadRejected
from jobcenter.documents.uploads import problems_of
from jobcenter.mailbox import forms, selectors, services
from jobcenter.tenants.decorators import with_jobcenter

FILES = "anlagen"


def _mailbox(request):
    return redirect(reverse("portal:mailbox", kwargs={"jobcenter": request.jobcenter.slug}))


def _files(request) -> list:
    return request.FILES.getlist(FILES)


# --- citizen -------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@with_jobcenter
@session.citizen_required
def write(request):
    cases = selectors.citizen_cases_here(request.user, request.jobcenter)
    form = forms.WriteForm(posted(request), cases=cases)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.thread_start(
                user=request.user,
                jobcenter=request.jobcenter,
                topic=data["thema"],
                subject=data["betreff"],
                body=data["nachricht"],
                case=data["antrag"],
                files=_files(request),
                problems=problems_of(request),
            )
        except services.MailboxError as error:
            form.add_error("nachricht", str(error))
        except UploadRejected as rejected:
            for message in rejected.messages:
                form.add_error(None, message)
        else:
            flash.success(request, _("Ihre Nachricht ist beim Jobcenter angekommen."))
            return redirect(
                "mailbox:thread", jobcenter=request.jobcenter.slug, public_id=thread.public_id
            )
    return render(request, "mailbox/citizen/write.html", {"form": form, "files_field": FILES})


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@with_jobcenter
@session.citizen_required
def thread(request, public_id):
    found = selectors.citizen_thread(request.user, public_id, jobcenter=request.jobcenter)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.citizen_reply(
                thread=found,
                user=request.user,
                body=request.POST.get("nachricht", ""),
                files=_files(request),
                problems=problems_of(request),
            )
        except services.MailboxError as error:
            errors.append(str(error))
        except UploadRejected as rejected:
            errors.extend(rejected.messages)
        else:
            flash.success(request, _("Ihre Nachricht ist beim Jobcenter angekommen."))
            return redirect(
                "mailbox:thread", jobcenter=request.jobcenter.slug, public_id=found.public_id
            )
        found = selectors.citizen_thread(request.user, public_id, jobcenter=request.jobcenter)
    posts = list(found.posts.all())
    response = render(
        request,
        "mailbox/citizen/thread.html",
        {
            "thread": found,
            "posts": posts,
            "errors": errors,
            "files_field": FILES,
            "forwarded": selectors.case_forwarded(found.case),
        },
    )
    services.posts_mark_read(user=request.user, posts=posts)
    return response


def _retrieved(request, decision):
    return services.decision_retrieved(
        decision=decision, login_level=session.assurance_level(request) or ""
    )


@require_safe
@never_cache
@with_jobcenter
@session.citizen_required
def decision(request, public_id):
    found = selectors.citizen_decision(request.user, public_id, jobcenter=request.jobcenter)
    found = _retrieved(request, found)
    return render(request, "mailbox/citizen/decision.html", {"decision": found})


@require_safe
@never_cache
@with_jobcenter
@session.citizen_required
def decision_pdf(request, public_id):
    found = selectors.citizen_decision(request.user, public_id, jobcenter=request.jobcenter)
    _retrieved(request, found)
    return _pdf(found)


def _pdf(found, *, inline: bool = False) -> FileResponse:
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=not inline,
        filename=f"Bescheid-{found.case.reference}-{found.sent_at:%Y%m%d}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@session.citizen_required
def consent(request):
    if request.method == "POST":
        given = request.POST.get("einwilligung") == "ja"
        services.consent_set(
            user=request.user,
            given=given,
            login_level=session.assurance_level(request) or "",
            login_method=session.login_method(request) or "",
        )
        flash.success(
            request,
            _("Sie bekommen Bescheide ab jetzt in Ihr Postfach.")
            if given
            else _("Sie bekommen Bescheide ab jetzt wieder per Post."),
        )
        return redirect("mailbox:consent")
    return render(
        request,
        "mailbox/citizen/consent.html",
        {
            "current": selectors.consent_of(request.user),
            "history": selectors.consent_history(request.user),
        },
    )


# --- staff ---------------------------------------------------------------------------------------


def _to_case(case):
    return redirect(reverse("backoffice:case_detail", kwargs={"public_id": case.public_id}))


@require_POST
@session.staff_required(*access.CASE_ROLES)
def staff_reply(request, public_id):
    found = selectors.staff_thread(request, public_id)
    try:
        services.staff_reply(thread=found, by=request.user, body=request.POST.get("antwort", ""))
        flash.success(request, _("Die Antwort steht im Postfach der Person."))
    except services.MailboxError as error:
        flash.error(request, str(error))
    return _to_case(found.case)


@require_POST
@session.staff_required(*access.CASE_ROLES)
def staff_decision_send(request, public_id):
    case = casework.case_for_staff(request, public_id)
    form = forms.DecisionForm(request.POST, request.FILES)
    if not form.is_valid():
        flash.error(request, _("Bitte geben Sie eine Bezeichnung an und wählen Sie ein PDF."))
        return _to_case(case)
    corrects = None
    if request.POST.get("berichtigt"):
        corrects = selectors.staff_decision(request, request.POST["berichtigt"])
    try:
        sent = services.decision_upload(
            case=case,
            by=request.user,
            title=form.cleaned_data["bezeichnung"],
            uploaded=form.cleaned_data["datei"],
            corrects=corrects,
        )
    except services.MailboxError as error:
        flash.error(request, str(error))
    else:
        flash.success(request, _sent_text(sent))
    return _to_case(case)


@require_POST
@session.staff_required(*access.CASE_ROLES)
def staff_decision_quick(request, public_id):
    case = casework.case_for_staff(request, public_id)
    try:
        sent = services.decision_quick(
            case=case, by=request.user, choice=request.POST.get("entscheidung", "")
        )
    except services.MailboxError as error:
        flash.error(request, str(error))
    else:
        flash.success(request, _sent_text(sent))
    return _to_case(case)


def _sent_text(sent) -> str:
    if sent.channel == sent.Channel.MAILBOX:
        return _("Der Bescheid steht im Postfach der Person; sie wurde benachrichtigt.")
    return _(
        "Die Person hat nicht in die elektronische Bekanntgabe eingewilligt: Bitte drucken "
        "Sie den Brief, schicken Sie ihn per Post und markieren Sie ihn dann in der Liste "
        "„Bescheide für den Postversand“ als versandt."
    )


@require_safe
@never_cache
@session.staff_required(*access.CASE_ROLES)
def staff_decision_pdf(request, public_id):
    found = selectors.staff_decision(request, public_id)
    audit.record(
        actor=request.user,
        jobcenter=found.case.jobcenter,
        action=audit.Action.VIEW,
        object_type="decision",
        object_id=found.public_id,
        summary=f"Bescheid angesehen: {found.title}",
    )
    return _pdf(found, inline=request.GET.get("ansicht") == "1")


@require_POST
@session.staff_required(*access.CASE_ROLES)
def staff_decision_posted(request, public_id):
    """A letter or a flagged decision went out by post: it leaves the list, the e-file learns
    when."""
    found = selectors.staff_decision(request, public_id)
    try:
        services.decision_mark_posted(decision=found, by=request.user)
    except services.MailboxError as error:
        flash.error(request, str(error))
    else:
        flash.success(
            request,
            _("„%(title)s“ (%(reference)s) ist als per Post versandt markiert.")
            % {"title": found.title, "reference": found.case.reference},
        )
    return redirect("mailbox:staff_post_list")


@require_safe
@never_cache
@session.staff_required(*access.CASE_ROLES)
def staff_post_list(request):
    waiting = selectors.to_post(request)
    jobcenter = access.staff_jobcenter(request.user)
    if waiting and jobcenter is not None:
        audit.record(
            actor=request.user,
            jobcenter=jobcenter,
            action=audit.Action.VIEW,
            object_type="decision",
            object_id="zur-post",
            summary=f"Liste: {len(waiting)} Bescheide für den Postversand",
        )
    return render(request, "mailbox/staff/post_list.html", {"decisions": waiting})


@require_safe
@never_cache
@session.staff_required(*access.CASE_ROLES)
def staff_inbox(request):
    """The mailbox's queue: questions of citizens not answered yet, and how many decisions wait
    for the post."""
    threads = selectors.awaiting_answer(request)
    waiting = selectors.to_post(request)
    jobcenter = access.staff_jobcenter(request.user)
    if threads and jobcenter is not None:
        audit.record(
            actor=request.user,
            jobcenter=jobcenter,
            action=audit.Action.VIEW,
            object_type="thread",
            object_id="offen",
            summary=f"Liste: {len(threads)} offene Anliegen im Postfach",
        )
    return render(
        request, "mailbox/staff/inbox.html", {"threads": threads, "flagged": len(waiting)}
    )
