"""The form wizard: one page per topic, Back/Continue, check-answers — without JavaScript.

The views are thin: they find the draft of this browser session, bind the page to the request
(``forms.selectors.PageForm``), call one intake service to save, and redirect (POST/redirect/GET,
so reloading never re-posts). All form knowledge — pages, order, conditions, validation,
rendering — comes from the form definition through ``jobcenter.forms.selectors``.

URL shape: ``/<jobcenter>/<form slug>/<page key>/`` with ``?von=pruefen`` when the citizen came
from the check page through a change link (after saving, they return there, unless the change
opened pages that still need answers).

A draft is created on the first page POST, not on the first GET, so visitors who only look
leave nothing behind. Pages are sent with ``Cache-Control: no-store``: they contain personal
data, and the browser's back button must fetch the page again so it shows the saved answers and
carries the current revision.
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.accounts import session as accounts
from jobcenter.accounts.session import citizen_of
from jobcenter.documents import selectors as uploads
from jobcenter.documents.wizard import annotate_file_fields, has_file_fields, receive_page_files
from jobcenter.forms import prefill
from jobcenter.forms import selectors as forms
from jobcenter.forms.roles import Role
from jobcenter.forms.selectors import FORM_SLUGS, SLUG_OF, form_key_of
from jobcenter.intake import selectors as drafts
from jobcenter.intake import services as intake
from jobcenter.intake.mail import resume_link_email
from jobcenter.intake.selectors import draft_of
from jobcenter.portal import step_up
from jobcenter.portal.forms import ResumeLinkForm
from jobcenter.portal.submissions import link_url, submit_draft
from jobcenter.tenants import selectors as tenants
from jobcenter.tenants.decorators import with_jobcenter

logger = logging.getLogger(__name__)

FROM_CHECK = "pruefen"
SENT_TO_KEY = "intake_resume_link_sent_to"  # between "Link schicken" (POST) and the sent page
LONG_FORM = 6  # steps; from here on a task list helps to keep the overview
# Sections of the check page from which they open one by one: a family's Erstantrag (20 and
# more sections, metres long on a phone); a WBA with a few changes stays open.
LONG_CHECK_PAGE = 10


def _definition(form_key: str, draft):
    # A draft keeps the version it was started with; a new one gets the newest version.
    definition = forms.get(draft.form_ident) if draft else forms.latest(form_key)
    if definition is None:
        raise Http404
    return definition


def _answers(request, definition, draft) -> dict:
    """The draft's answers with the form's context values as they are now (``forms.prefill``)."""
    return prefill.with_context(
        definition,
        draft.answers if draft else {},
        today=timezone.localdate(),
        assurance_level=accounts.assurance_level(request) or "",
    )


def _suggested(request, page, answers, draft) -> tuple[dict, object | None]:
    """On a page never saved before: the login's identity claims and, for a signed-in citizen,
    who they are from their last application (shown for confirmation; saved when the citizen
    sends the page). Returns (answers, that application or None)."""
    if draft is not None and page.key in draft.page_revisions:
        return answers, None
    if page.prefill:
        answers = prefill.from_claims(page, answers, accounts.identity_data(request))
    citizen = citizen_of(request)
    if citizen is None or not prefill.wants_last_application(page, answers):
        return answers, None
    last = drafts.last_submission_of_user(user=citizen, jobcenter=request.jobcenter)
    suggested = prefill.from_last_application(page, answers, last)
    return ({**answers, **suggested}, last) if suggested else (answers, None)


def _known(request, page) -> tuple[list[tuple[str, str]], object | None]:
    """What the signed-in citizen last told this Jobcenter for the page's ``shows_known``
    roles (e.g. the bank account), shown read-only next to the question."""
    citizen = citizen_of(request) if page.shows_known else None
    if citizen is None:
        return [], None
    recent = drafts.recent_submissions_of_user(user=citizen, jobcenter=request.jobcenter)
    return prefill.known_values(page, recent)


def _page_url(
    request, form: str, page_key: str, *, from_check: bool = False, more: bool = False
) -> str:
    url = reverse(
        "portal:wizard_page",
        kwargs={"jobcenter": request.jobcenter.slug, "form": form, "page": page_key},
    )
    params = [f"von={FROM_CHECK}"] if from_check else []
    if more:
        params.append("weitere=1")
    return url + ("?" + "&".join(params) if params else "")


def _check_url(request, form: str) -> str:
    return reverse(
        "portal:wizard_check", kwargs={"jobcenter": request.jobcenter.slug, "form": form}
    )


def _resume_url(request, form: str, definition, draft) -> str:
    """Where a returning citizen continues: the first page still missing, else the summary."""
    incomplete = forms.incomplete_pages(definition, _answers(request, definition, draft))
    url = _page_url(request, form, incomplete[0].key) if incomplete else _check_url(request, form)
    if not draft.revision:
        return url  # opened for the citizen ("Antrag gesichert"), never saved: no "welcome back"
    return url + ("&" if "?" in url else "?") + "fortsetzen=1"


@require_safe
@never_cache
@with_jobcenter
def start(request, form: str):
    """Entry from the start page: continue a saved draft, or begin at the first page."""
    form_key = form_key_of(form)
    draft = draft_of(request, form_key)
    definition = _definition(form_key, draft)
    answers = _answers(request, definition, draft)
    if draft:
        return redirect(_resume_url(request, form, definition, draft))
    if definition.starts_with and definition.starts_with in SLUG_OF:
        # The Erstantrag begins by securing the application date (a submission of its own).
        return redirect(
            "portal:wizard_start",
            jobcenter=request.jobcenter.slug,
            form=SLUG_OF[definition.starts_with],
        )
    return redirect(_page_url(request, form, forms.first_page(definition, answers).key))


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@with_jobcenter
def page(request, form: str, page: str):
    form_key = form_key_of(form)
    draft = draft_of(request, form_key)
    definition = _definition(form_key, draft)
    answers = _answers(request, definition, draft)
    current = definition.page(page, answers)
    if current is None:
        raise Http404
    from_check = (request.POST if request.method == "POST" else request.GET).get(
        "von"
    ) == FROM_CHECK

    if request.method != "POST":
        if not current.applies(answers):
            # An old link or bookmark to a page that no longer applies: go on to the next one.
            following = forms.next_page(definition, answers, current.key)
            return redirect(
                _page_url(request, form, following.key) if following else _check_url(request, form)
            )
        pending = draft.pending_input.get(current.key) if draft else None
        shown, carried_from = answers, None
        if not pending:
            shown, carried_from = _suggested(request, current, answers, draft)
        page_form = forms.PageForm(
            current, shown, pending, extra_item=request.GET.get("weitere") == "1"
        )
        return _render_page(
            request,
            form,
            definition,
            current,
            page_form,
            draft,
            from_check=from_check,
            resumed=request.GET.get("fortsetzen") == "1",
            carried_from=carried_from,
        )

    action = forms.PageAction.parse(request.POST.get("aktion"))
    page_form = forms.PageForm(current, answers, request.POST, remove=action.remove)
    try:
        seen = int(request.POST.get("revision", "0"))
    except ValueError:
        seen = 0

    if action.keeps_input:
        valid = page_form.is_valid()
        values = page_form.values if valid else page_form.partial_values()
        pending = None if valid else page_form.raw_input(extra_item=action.adds)
    elif page_form.is_valid():
        values, pending = page_form.values, None
    else:
        if request.FILES and draft is not None:
            # documents (issue 7): keep the chosen files even when other answers need fixing.
            receive_page_files(request, draft=draft, page_form=page_form)
        return _render_page(
            request, form, definition, current, page_form, draft, from_check=from_check
        )

    if draft is None:
        if (
            action.back
            and not any(v not in (None, "", []) for v in values.values())
            and not pending
        ):
            # Nothing typed yet: leaving creates no draft.
            return redirect("portal:start", jobcenter=request.jobcenter.slug)
        draft = intake.draft_create(
            jobcenter=request.jobcenter,
            form_key=definition.key,
            form_version=definition.version,
            session_key=intake.draft_owner_key_ensure(request),
            user=citizen_of(request),
        )
    # A change of bank account or address waits for a stronger login, the input kept.
    held = step_up.held_values(request, definition, current, values, answers)
    if held is not None:
        values, pending = held, page_form.raw_input()
    try:
        if definition.context:  # kept with the answers: the receipt decides as the wizard did
            values = {**values, forms.CONTEXT_KEY: answers[forms.CONTEXT_KEY]}
        draft = intake.draft_save_page(
            draft=draft,
            page_key=current.key,
            values=values,
            seen_revision=seen,
            pending=pending,
            current_page=current.key,
        )
    except intake.DraftConflict as conflict:
        return _render_page(
            request,
            form,
            definition,
            current,
            page_form,
            conflict.draft,
            from_check=from_check,
            conflict=True,
        )
    if held is not None:
        return redirect(step_up.url(_page_url(request, form, current.key, from_check=from_check)))
    answers = _answers(request, definition, draft)
    if request.FILES or getattr(request, "upload_problems", None):
        # documents (issue 7): files of the page's file fields go to the draft as uploads.
        page_form.is_valid()
        if receive_page_files(request, draft=draft, page_form=page_form):
            return _render_page(
                request, form, definition, current, page_form, draft, from_check=from_check
            )

    return _go(
        request,
        form,
        draft,
        forms.after_save(
            definition,
            answers,
            current.key,
            action,
            from_check=from_check,
            pending=pending is not None,
        ),
    )


def _go(request, form: str, draft, to: forms.Destination):
    if to.kind == "start":
        return redirect("portal:start", jobcenter=request.jobcenter.slug)
    if to.kind == "page":
        return redirect(
            _page_url(request, form, to.page_key, from_check=to.from_check, more=to.more)
        )
    if to.kind == "submit":
        return submit_draft(request, draft)
    return HttpResponseRedirect(_check_url(request, form) + (f"#{to.anchor}" if to.anchor else ""))


def keep_after_timeout(request, user, *, jobcenter: str, form: str, page: str) -> str | None:
    """The login timed out while the citizen filled in this page, and the page was sent after
    that: keep what was typed in their draft — as "Zurück" keeps it (valid answers saved, the
    rest as the page's raw input) — and return the page's address for after the next login.

    Runs before the logout (``accounts.middleware``), so the draft is found as usual; it belongs
    to the account, so only that citizen sees the input again (not whoever logs in next on
    this computer). Files chosen on the page are not kept.
    """
    request.jobcenter = tenants.jobcenter_get(slug=jobcenter)
    form_key = FORM_SLUGS.get(form)
    citizen = citizen_of(request)
    if request.jobcenter is None or form_key is None or citizen is None:
        return None
    draft = draft_of(request, form_key)
    definition = forms.get(draft.form_ident) if draft else forms.latest(form_key)
    if definition is None:
        return None
    answers = _answers(request, definition, draft)
    current = definition.page(page, answers)
    if current is None:
        return None
    page_form = forms.PageForm(current, answers, request.POST)
    valid = page_form.is_valid()
    values = page_form.values if valid else page_form.partial_values()
    pending = None if valid else page_form.raw_input()
    if draft is None:
        draft = intake.draft_create(
            jobcenter=request.jobcenter,
            form_key=definition.key,
            form_version=definition.version,
            session_key=intake.draft_owner_key_ensure(request),
            user=citizen,
        )
    if definition.context:
        values = {**values, forms.CONTEXT_KEY: answers[forms.CONTEXT_KEY]}
    try:
        seen = int(request.POST.get("revision", "0"))
    except ValueError:
        seen = 0
    try:
        intake.draft_save_page(
            draft=draft,
            page_key=current.key,
            values=values,
            seen_revision=seen,
            pending=pending,
            current_page=current.key,
        )
    except intake.DraftConflict:
        return None  # another tab saved this page meanwhile: that stays
    return _page_url(request, form, current.key, from_check=request.POST.get("von") == FROM_CHECK)


NAME_ROLES = (Role.PERSON_FIRST_NAME, Role.PERSON_LAST_NAME)
SUMMARY_PARTS = 3  # name, then two more answers ("Sam Musterfrau, 01.05.1982, Kind")


def _item_cards(current, page_form) -> list[dict]:
    """The items of a repeatable group, each with ``done`` (every answer given and valid) and a
    one-line ``summary``. A done item is shown closed (<details>: the household page with three
    people was metres long on a phone); its fields stay in the form, so "Weiter" sends them
    as before, and one click opens them. An item with an error or a gap stays open, and so
    does a single item (the page is short, and a change link must land on its fields)."""
    if not isinstance(current, forms.RepeatPage):
        return []
    if len(page_form.items) < 2:
        return [{"item": item, "done": False, "summary": ""} for item in page_form.items]
    checked = forms.PageForm(current, page_form.answers, page_form.raw_input())
    checked.is_valid()
    cards = []
    for shown, check in zip(page_form.items, checked.items, strict=True):
        fields = check.fields
        done = not any(bf.errors for bf in [*shown.fields, *fields]) and not all(
            bf.field.is_blank(bf.raw) for bf in fields
        )
        cards.append({"item": shown, "done": done, "summary": _summary(fields) if done else ""})
    return cards


def _summary(fields) -> str:
    names, rest = [], []
    for bf in fields:
        if bf.field.widget == "file" or bf.field.kind == "yesno":
            continue
        value = bf.field.clean(bf.raw)  # valid: checked above
        if value in (None, "", []):
            continue
        text = bf.field.display(value)
        text = text if len(text) <= 60 else text[:59] + "…"
        (names if bf.field.role in NAME_ROLES else rest).append(text)
    parts = ([" ".join(names)] if names else []) + rest
    return ", ".join(parts[:SUMMARY_PARTS])


def _render_page(
    request,
    form,
    definition,
    current,
    page_form,
    draft,
    *,
    from_check=False,
    resumed=False,
    conflict=False,
    carried_from=None,
):
    answers = _answers(request, definition, draft)
    known, known_from = _known(request, current)

    annotate_file_fields(page_form, draft)  # documents (issue 7): what was uploaded already
    step, steps = forms.step_of(definition, answers, current.key)
    previous = forms.previous_page(definition, answers, current.key)
    context = {
        "definition": definition,
        "page": current,
        "form": page_form,
        "item_cards": _item_cards(current, page_form),
        "form_slug": form,
        "draft": draft,
        "revision": draft.revision if draft else 0,
        "step": step,
        "steps": steps,
        "progress_label": _("Schritt %(n)d von %(m)d") % {"n": step, "m": steps},
        "intro": forms.page_intro(definition, current, answers),
        "is_first": previous is None,
        # Before the first answer: what to have at hand, from the definition's document needs.
        "prepare": forms.to_prepare(definition) if previous is None and not draft else [],
        "sends": definition.submit_on_last_page
        and forms.next_page(definition, answers, current.key) is None,
        "from_check": from_check,
        "resumed": resumed and draft is not None,
        "conflict": conflict,
        "carried_from": carried_from,
        "known": known,
        "known_from": known_from,
        "multipart": has_file_fields(page_form),
        "check_url": _check_url(request, form),
        "overview_url": reverse(
            "portal:wizard_overview", kwargs={"jobcenter": request.jobcenter.slug, "form": form}
        )
        if steps > LONG_FORM
        else "",
    }
    if conflict:
        # Show what the other tab saved for this page, next to the citizen's own input.
        context["saved_sections"] = [
            s
            for s in forms.render_answers(definition, answers, mode=forms.Mode.PDF)
            if s.page_key == current.key
        ]
    return render(request, "portal/wizard/page.html", context)


@require_safe
@never_cache
@with_jobcenter
def check(request, form: str):
    """ "Prüfen Sie Ihre Angaben": every answer with a change link, and the documents needed."""
    form_key = form_key_of(form)
    draft = draft_of(request, form_key)
    if draft is None:
        # Back button after "Absenden": show the receipt again instead of an empty form.
        sent = drafts.last_submission_for_owner(
            jobcenter=request.jobcenter,
            form_key=form_key,
            session_key=drafts.draft_owner_key(request),
            user=citizen_of(request),
        )
        if sent is not None and request.GET.get("fortsetzen") != "1":
            return redirect(link_url(sent))
        return redirect("portal:wizard_start", jobcenter=request.jobcenter.slug, form=form)
    definition = _definition(form_key, draft)
    answers = _answers(request, definition, draft)
    sections = forms.render_answers(definition, answers, mode=forms.Mode.CHECK)
    for section in sections:
        section.change_url = _page_url(request, form, section.page_key, from_check=True)
    incomplete = [
        {"title": p.title, "url": _page_url(request, form, p.key, from_check=True)}
        for p in forms.incomplete_pages(definition, answers)
    ]
    step, steps = forms.step_of(definition, answers, None)
    last = forms.previous_page(definition, answers, None)
    documents = forms.documents_needed(definition, answers)
    # documents (issue 7): which of them were uploaded already (the personal checklist)
    checklist = uploads.checklist(documents, list(uploads.uploads_for_draft(draft)))
    return render(
        request,
        "portal/wizard/check.html",
        {
            "definition": definition,
            "draft": draft,
            "form_slug": form,
            "sections": sections,
            "incomplete": incomplete,
            "documents": documents,
            "checklist": checklist,
            "documents_arrived": sum(1 for item in checklist if item.needed and item.arrived),
            "step": step,
            "steps": steps,
            # A long form's check page (a family's Erstantrag) would be metres long on a
            # phone: its sections open one by one (<details>, no script), or all with ?alle=1.
            "collapsed": len(sections) > LONG_CHECK_PAGE and request.GET.get("alle") != "1",
            "progress_label": _("Schritt %(n)d von %(m)d") % {"n": step, "m": steps},
            "back_url": _page_url(request, form, last.key) if last else None,
            "resumed": request.GET.get("fortsetzen") == "1",
            "stale": request.GET.get("geaendert") == "1",
        },
    )


@require_safe
@never_cache
@with_jobcenter
def overview(request, form: str):
    """The task list of a long form: every step that applies, with its status."""
    form_key = form_key_of(form)
    draft = draft_of(request, form_key)
    definition = _definition(form_key, draft)
    answers = _answers(request, definition, draft)
    incomplete = {p.key for p in forms.incomplete_pages(definition, answers)}
    saved = draft.page_revisions if draft else {}
    sections: list[dict] = []
    number = 0
    for p in definition.applicable_pages(answers):
        number += 1
        status = (
            "done"
            if draft is not None and p.key not in incomplete
            else "progress"
            if p.key in saved
            else "open"
        )
        # Consecutive pages of one task form a section (the main form, each Anlage per
        # person); the steps stay in the order the citizen walks them, so a part of the main
        # form that follows an Anlage is a section of its own again.
        task = str(p.task)
        if not sections or sections[-1]["task"] != task:
            sections.append(
                {
                    "task": task,
                    "title": task or definition.title,
                    "anlage": bool(task),
                    "tasks": [],
                    "id": f"tasks-{len(sections) + 1}",
                }
            )
        section = sections[-1]
        section["tasks"].append(
            {
                "number": number,
                "title": p.title,
                "status": status,
                "url": _page_url(request, form, p.key),
            }
        )
    for section in sections:
        states = {t["status"] for t in section["tasks"]}
        section["status"] = (
            "done" if states == {"done"} else "open" if states == {"open"} else "progress"
        )
    return render(
        request,
        "portal/wizard/overview.html",
        {
            "definition": definition,
            "sections": sections,
            "check_number": number + 1,
            "check_url": _check_url(request, form),
            "all_done": draft is not None and not incomplete,
        },
    )


@require_POST
@with_jobcenter
def discard(request, form: str):
    """ "Neu beginnen": delete this session's draft of the form."""
    form_key = form_key_of(form)
    draft = draft_of(request, form_key)
    if draft is not None:
        intake.draft_discard(draft=draft)
    return redirect("portal:wizard_start", jobcenter=request.jobcenter.slug, form=form)


# --- "Link zum Weitermachen per E-Mail schicken" (save and return without an account) -----------


def _came_from(request, form: str, definition) -> tuple[str, str]:
    """``?seite=`` names the page the citizen came from: (its key, the URL back there)."""
    key = request.GET.get("seite", "")
    if key == FROM_CHECK:
        return key, _check_url(request, form)
    if (
        key
        and definition.page(key, _answers(request, definition, draft_of(request, definition.key)))
        is not None
    ):
        return key, _page_url(request, form, key)
    return "", reverse(
        "portal:wizard_start", kwargs={"jobcenter": request.jobcenter.slug, "form": form}
    )


def _saved_draft(request, form: str):
    """This browser's (or account's) draft of ``form`` and its definition, or (None, None)."""
    form_key = form_key_of(form)
    draft = draft_of(request, form_key)
    return (draft, _definition(form_key, draft)) if draft else (None, None)


def _with_came_from(url: str, key: str) -> str:
    return f"{url}?seite={key}" if key else url


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@with_jobcenter
def resume_link(request, form: str):
    """Ask for an e-mail address and send the link that opens this draft in any browser."""
    draft, definition = _saved_draft(request, form)
    if draft is None:
        return redirect("portal:wizard_start", jobcenter=request.jobcenter.slug, form=form)
    came_from, back_url = _came_from(request, form, definition)
    if request.method == "POST":
        link_form = ResumeLinkForm(request.POST)
        if link_form.is_valid():
            email = link_form.cleaned_data["email"]
            link = request.build_absolute_uri(
                reverse(
                    "portal:wizard_resume",
                    kwargs={
                        "jobcenter": request.jobcenter.slug,
                        "form": form,
                        "token": intake.draft_resume_token(draft),
                    },
                )
            )
            message = resume_link_email(
                form_title=str(definition.title),
                jobcenter=request.jobcenter,
                expires_at=draft.expires_at,
                link=link,
                recipient=email,
            )
            try:
                message.send(fail_silently=False)
            except OSError as error:  # smtplib.SMTPException is an OSError
                logger.warning("resume link e-mail not sent: %s", type(error).__name__)
                link_form.add_error(
                    None,
                    _(
                        "Die E-Mail konnte gerade nicht verschickt werden. Bitte versuchen Sie es "
                        "in ein paar Minuten noch einmal."
                    ),
                )
            else:
                request.session[SENT_TO_KEY] = email
                return redirect(
                    _with_came_from(
                        reverse(
                            "portal:wizard_resume_sent",
                            kwargs={"jobcenter": request.jobcenter.slug, "form": form},
                        ),
                        came_from,
                    )
                )
    else:
        prefill = forms.applicant_facts(draft.form_ident, draft.answers).email
        link_form = ResumeLinkForm(initial={"email": prefill})
    return render(
        request,
        "portal/wizard/resume_link.html",
        {
            "definition": definition,
            "draft": draft,
            "form": link_form,
            "back_url": back_url,
        },
    )


@require_safe
@never_cache
@with_jobcenter
def resume_sent(request, form: str):
    """After sending: where the link went (shown once, not kept) and until when it works."""
    draft, definition = _saved_draft(request, form)
    if draft is None:
        return redirect("portal:wizard_start", jobcenter=request.jobcenter.slug, form=form)
    came_from, back_url = _came_from(request, form, definition)
    again_url = _with_came_from(
        reverse(
            "portal:wizard_resume_link", kwargs={"jobcenter": request.jobcenter.slug, "form": form}
        ),
        came_from,
    )
    return render(
        request,
        "portal/wizard/resume_sent.html",
        {
            "definition": definition,
            "draft": draft,
            "back_url": back_url,
            "again_url": again_url,
            "sent_to": request.session.pop(SENT_TO_KEY, ""),
        },
    )


@require_safe
@never_cache
@with_jobcenter
def resume(request, form: str, token: str):
    """The link from the e-mail: tie the draft to this browser and continue where it stopped.

    A wrong or tampered token answers 404, a draft that expired, was deleted or was already
    submitted 410 — both with the same friendly page, which says nothing about the draft.
    """
    form_key = form_key_of(form)
    try:
        draft = intake.draft_from_resume_token(
            token=token, jobcenter=request.jobcenter, form_key=form_key
        )
    except intake.ResumeLinkInvalid:
        return _resume_gone(request, form, status=404)
    except intake.ResumeLinkGone as gone:
        return _resume_gone(request, form, status=410, submitted=gone.submitted)
    definition = forms.get(draft.form_ident)
    if definition is None:
        return _resume_gone(request, form, status=410)
    draft = intake.draft_bind_to_session(request, draft)
    return redirect(_resume_url(request, form, definition, draft))


def _resume_gone(request, form: str, *, status: int, submitted: bool = False):
    definition = forms.latest(form_key_of(form))
    return render(
        request,
        "portal/wizard/resume_gone.html",
        {
            "definition": definition,
            "form_slug": form,
            "submitted": submitted,
            "expiry_days": intake.expiry_days(),
        },
        status=status,
    )


__all__ = ["_", "check", "discard", "page", "resume", "resume_link", "resume_sent", "start"]
