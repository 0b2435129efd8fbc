"""The form wizard: one page per topic, Back/Continue, check-answers — without JavaScript.

The views are thin: they find the draft of this browser session, bind the page to the request
(``forms.service.PageForm``), call one intake service to save, and redirect (POST/redirect/GET,
so reloading never re-posts). All form knowledge — pages, order, conditions, validation,
rendering — comes from the form definition through ``jobcenter.forms.service``.

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
import secrets

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.accounts import service as accounts
from jobcenter.forms import service as forms
from jobcenter.forms.fields import FieldError
from jobcenter.intake import selectors as drafts
from jobcenter.intake import services as intake
from jobcenter.intake.mail import resume_link_email
from jobcenter.portal.forms import ResumeLinkForm
from jobcenter.portal.views import with_jobcenter

logger = logging.getLogger(__name__)

# URL slug → form key. The slug is what citizens see; the key is what the data stores.
FORM_SLUGS = {"weiterbewilligung": "wba", "veraenderung": "aenderung",
              "buergergeld": "erstantrag", "antrag-sichern": "antrag_gesichert"}
SLUG_OF = {key: slug for slug, key in FORM_SLUGS.items()}
FROM_CHECK = "pruefen"
OWNER_KEY = intake.DRAFT_OWNER_SESSION_KEY
SENT_TO_KEY = "intake_resume_link_sent_to"  # between "Link schicken" (POST) and the sent page
LONG_FORM = 6  # steps; from here on a task list helps to keep the overview


def _resolve_form(form: str):
    key = FORM_SLUGS.get(form)
    if key is None:
        raise Http404
    return key


def _owner_key(request, *, create: bool = False) -> str | None:
    """The key that ties drafts to this browser: random, kept in the session *data*.

    Not Django's session key itself: that one is replaced at login (``cycle_key``), while the
    session data — and so this key — survives it, so the accounts issue can hand the drafts over
    to the account (``intake.services.drafts_claim_for_user``).
    """
    key = request.session.get(OWNER_KEY)
    if key is None and create:
        key = request.session[OWNER_KEY] = secrets.token_urlsafe(24)
    return key


def _citizen(request):
    """The signed-in citizen, or None (staff never fill in citizens' forms)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "kind", "") == "citizen":
        return user
    return None


def _draft(request, form_key: str):
    # A signed-in citizen's draft follows the account to any browser; otherwise the browser's.
    citizen = _citizen(request)
    if citizen is not None:
        draft = drafts.draft_for_user(jobcenter=request.jobcenter, form_key=form_key,
                                      user=citizen)
        if draft is not None:
            return draft
    return drafts.draft_for_session(
        jobcenter=request.jobcenter, form_key=form_key, session_key=_owner_key(request),
    )


def _definition(form_key: str, draft):
    # A draft keeps the version it was started with; a new one gets the newest version.
    definition = forms.get(draft.form_ident) if draft else forms.latest(form_key)
    if definition is None:
        raise Http404
    return definition


def _answers(request, definition, draft) -> dict:
    """The draft's answers, with the form's context values as they are now (``CONTEXT_KEY``).

    The application date stays as stored (set when the date was secured; today otherwise);
    the login's assurance level is always the current one. Forms without context values get
    the stored answers as they are.
    """
    answers = draft.answers if draft else {}
    if not definition.context:
        return answers
    stored = answers.get(forms.CONTEXT_KEY)
    context = {"antragsdatum": timezone.localdate().isoformat(),
               **(stored if isinstance(stored, dict) else {})}
    if "vertrauensniveau" in definition.context:
        context["vertrauensniveau"] = accounts.assurance_level(request) or ""
    context = {k: v for k, v in context.items() if k in definition.context}
    return {**answers, forms.CONTEXT_KEY: context}


def _claim(claims: dict, path: str):
    value = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _prefilled(request, page, answers, draft) -> dict:
    """Suggest a state-account login's identity claims on a page never saved before."""
    if not page.prefill or (draft is not None and page.key in draft.page_revisions):
        return answers
    claims = accounts.identity_data(request)
    if not claims:
        return answers
    suggested = {}
    for key, path in page.prefill:
        value, f = _claim(claims, path), next((f for f in page.fields if f.key == key), None)
        if f is None or value in (None, "") or answers.get(key) not in (None, ""):
            continue
        try:  # only what the field itself would accept
            suggested[key] = f.clean(f.to_raw(str(value)))
        except (FieldError, ValueError, TypeError):
            continue
    return {**answers, **suggested}


# What a signed-in citizen's last application may suggest on a page never saved before: who
# they are and how to reach them. Never an answer about their situation (it may have changed and
# is asked anew), nor a bank account (the WBA asks for a *new* one).
CARRIED_OVER = ("vorname", "nachname", "geburtsdatum", "bg_nummer", "kundennummer", "telefon",
                "email")


def _carried_over(request, page, answers, draft) -> tuple[dict, object | None]:
    """Suggest ``CARRIED_OVER`` answers from the account's last application: (answers, that
    application or None). Shown for confirmation only — saved when the citizen sends the page."""
    citizen = _citizen(request)
    if citizen is None or (draft is not None and page.key in draft.page_revisions):
        return answers, None
    wanted = [f for f in page.fields
              if f.key in CARRIED_OVER and answers.get(f.key) in (None, "")]
    if not wanted:
        return answers, None
    last = drafts.last_submission_of_user(user=citizen, jobcenter=request.jobcenter)
    if last is None:
        return answers, None
    suggested = {}
    for f in wanted:
        value = last.answers.get(f.key)
        if value in (None, ""):
            continue
        try:  # only what the field itself would accept
            suggested[f.key] = f.clean(f.to_raw(value))
        except (FieldError, ValueError, TypeError):
            continue
    return ({**answers, **suggested}, last) if suggested else (answers, None)


def _page_url(request, form: str, page_key: str, *, from_check: bool = False,
              more: bool = False) -> str:
    url = reverse("portal:wizard_page", kwargs={
        "jobcenter": request.jobcenter.slug, "form": form, "page": page_key})
    params = [f"von={FROM_CHECK}"] if from_check else []
    if more:
        params.append("weitere=1")
    return url + ("?" + "&".join(params) if params else "")


def _check_url(request, form: str) -> str:
    return reverse("portal:wizard_check",
                   kwargs={"jobcenter": request.jobcenter.slug, "form": form})


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
    form_key = _resolve_form(form)
    draft = _draft(request, form_key)
    definition = _definition(form_key, draft)
    answers = _answers(request, definition, draft)
    if draft:
        return redirect(_resume_url(request, form, definition, draft))
    if definition.starts_with and definition.starts_with in SLUG_OF:
        # The Erstantrag begins by securing the application date (a submission of its own).
        return redirect("portal:wizard_start", jobcenter=request.jobcenter.slug,
                        form=SLUG_OF[definition.starts_with])
    return redirect(_page_url(request, form, forms.first_page(definition, answers).key))


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@with_jobcenter
def page(request, form: str, page: str):
    form_key = _resolve_form(form)
    draft = _draft(request, form_key)
    definition = _definition(form_key, draft)
    answers = _answers(request, definition, draft)
    current = definition.page(page, answers)
    if current is None:
        raise Http404
    from_check = (request.POST if request.method == "POST" else request.GET).get("von") \
        == FROM_CHECK

    if request.method != "POST":
        if not current.applies(answers):
            # An old link or bookmark to a page that no longer applies: go on to the next one.
            following = forms.next_page(definition, answers, current.key)
            return redirect(_page_url(request, form, following.key) if following
                            else _check_url(request, form))
        pending = draft.pending_input.get(current.key) if draft else None
        shown, carried_from = answers, None
        if not pending:
            shown = _prefilled(request, current, answers, draft)
            shown, carried_from = _carried_over(request, current, shown, draft)
        page_form = forms.PageForm(current, shown, pending,
                                   extra_item=request.GET.get("weitere") == "1")
        return _render_page(request, form, definition, current, page_form, draft,
                            from_check=from_check, resumed=request.GET.get("fortsetzen") == "1",
                            carried_from=carried_from)

    action = request.POST.get("aktion", "weiter")
    remove = None
    if action.startswith("entfernen-"):
        try:
            remove = int(action.removeprefix("entfernen-"))
        except ValueError:
            remove = None
    page_form = forms.PageForm(current, answers, request.POST, remove=remove)
    try:
        seen = int(request.POST.get("revision", "0"))
    except ValueError:
        seen = 0

    adding = action == "hinzufuegen"
    if action == "zurueck" or adding or remove is not None:
        # Keep everything without nagging: valid answers into the draft, otherwise the raw
        # input for the page as typed (errors appear only on "Weiter").
        valid = page_form.is_valid()
        values = page_form.values if valid else page_form.partial_values()
        pending = None if valid else page_form.raw_input(extra_item=adding)
    elif page_form.is_valid():
        values, pending = page_form.values, None
    else:
        if request.FILES and draft is not None:
            # documents (issue 7): keep the chosen files even when other answers need fixing.
            from jobcenter.documents.wizard import receive_page_files

            receive_page_files(request, draft=draft, page_form=page_form)
        return _render_page(request, form, definition, current, page_form, draft,
                            from_check=from_check)

    if draft is None:
        if action == "zurueck" and not any(v not in (None, "", []) for v in values.values()) \
                and not pending:
            # Nothing typed yet: leaving creates no draft.
            return redirect("portal:start", jobcenter=request.jobcenter.slug)
        draft = intake.draft_create(
            jobcenter=request.jobcenter, form_key=definition.key,
            form_version=definition.version, session_key=_owner_key(request, create=True),
            user=_citizen(request),
        )
    try:
        if definition.context:  # kept with the answers: the receipt decides as the wizard did
            values = {**values, forms.CONTEXT_KEY: answers[forms.CONTEXT_KEY]}
        draft = intake.draft_save_page(draft=draft, page_key=current.key, values=values,
                                       seen_revision=seen, pending=pending,
                                       current_page=current.key)
    except intake.DraftConflict as conflict:
        return _render_page(request, form, definition, current, page_form, conflict.draft,
                            from_check=from_check, conflict=True)
    answers = _answers(request, definition, draft)
    if request.FILES or getattr(request, "upload_problems", None):
        # documents (issue 7): files of the page's file fields go to the draft as uploads.
        from jobcenter.documents.wizard import receive_page_files

        page_form.is_valid()
        if receive_page_files(request, draft=draft, page_form=page_form):
            return _render_page(request, form, definition, current, page_form, draft,
                                from_check=from_check)

    if action == "zurueck":
        previous = forms.previous_page(definition, answers, current.key)
        if previous is None:
            return redirect("portal:start", jobcenter=request.jobcenter.slug)
        return redirect(_page_url(request, form, previous.key))
    if adding:
        # With pending input the extra item is already counted in it.
        return redirect(_page_url(request, form, current.key, from_check=from_check,
                                  more=pending is None))
    if remove is not None:
        return redirect(_page_url(request, form, current.key, from_check=from_check))
    if from_check:
        # Back to the summary — unless the change opened pages that still need answers.
        incomplete = forms.incomplete_pages(definition, answers)
        if incomplete:
            return redirect(_page_url(request, form, incomplete[0].key, from_check=True))
        return HttpResponseRedirect(_check_url(request, form) + "#" + current.key)
    following = forms.next_page(definition, answers, current.key)
    if following is None and definition.submit_on_last_page:
        # "Antrag gesichert": the page's own button sends it — no check page in between.
        from jobcenter.portal.submissions import submit_draft

        return submit_draft(request, draft)
    if following is None:
        return redirect(_check_url(request, form))
    return redirect(_page_url(request, form, following.key))


def keep_after_timeout(request, user, *, jobcenter: str, form: str, page: str) -> str | None:
    """The login timed out while the citizen filled in this page, and the page was sent after
    that: keep what was typed in their draft — as "Zurück" keeps it (valid answers saved, the
    rest as the page's raw input) — and return the page's address for after the next login.

    Runs before the logout (``accounts.middleware``), so the draft is found as usual; it belongs
    to the account, so only that citizen sees the input again (not whoever logs in next on
    this computer). Files chosen on the page are not kept.
    """
    from jobcenter.tenants import selectors as tenants

    request.jobcenter = tenants.jobcenter_get(slug=jobcenter)
    form_key = FORM_SLUGS.get(form)
    citizen = _citizen(request)
    if request.jobcenter is None or form_key is None or citizen is None:
        return None
    draft = _draft(request, form_key)
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
            jobcenter=request.jobcenter, form_key=definition.key,
            form_version=definition.version, session_key=_owner_key(request, create=True),
            user=citizen)
    if definition.context:
        values = {**values, forms.CONTEXT_KEY: answers[forms.CONTEXT_KEY]}
    try:
        seen = int(request.POST.get("revision", "0"))
    except ValueError:
        seen = 0
    try:
        intake.draft_save_page(draft=draft, page_key=current.key, values=values,
                               seen_revision=seen, pending=pending, current_page=current.key)
    except intake.DraftConflict:
        return None  # another tab saved this page meanwhile: that stays
    return _page_url(request, form, current.key,
                     from_check=request.POST.get("von") == FROM_CHECK)


def _render_page(request, form, definition, current, page_form, draft, *, from_check=False,
                 resumed=False, conflict=False, carried_from=None):
    answers = _answers(request, definition, draft)
    from jobcenter.documents.wizard import annotate_file_fields, has_file_fields

    annotate_file_fields(page_form, draft)  # documents (issue 7): what was uploaded already
    step, steps = forms.step_of(definition, answers, current.key)
    previous = forms.previous_page(definition, answers, current.key)
    context = {
        "definition": definition,
        "page": current,
        "form": page_form,
        "form_slug": form,
        "draft": draft,
        "revision": draft.revision if draft else 0,
        "step": step,
        "steps": steps,
        "progress_label": _("Schritt %(n)d von %(m)d") % {"n": step, "m": steps},
        "intro": forms.page_intro(definition, current, answers),
        "is_first": previous is None,
        "sends": definition.submit_on_last_page
        and forms.next_page(definition, answers, current.key) is None,
        "from_check": from_check,
        "resumed": resumed and draft is not None,
        "conflict": conflict,
        "carried_from": carried_from,
        "multipart": has_file_fields(page_form),
        "check_url": _check_url(request, form),
        "overview_url": reverse("portal:wizard_overview", kwargs={
            "jobcenter": request.jobcenter.slug, "form": form}) if steps > LONG_FORM else "",
    }
    if conflict:
        # Show what the other tab saved for this page, next to the citizen's own input.
        context["saved_sections"] = [
            s for s in forms.render_answers(definition, answers, mode=forms.Mode.PDF)
            if s.page_key == current.key
        ]
    return render(request, "portal/wizard/page.html", context)


@require_safe
@never_cache
@with_jobcenter
def check(request, form: str):
    """"Prüfen Sie Ihre Angaben": every answer with a change link, and the documents needed."""
    form_key = _resolve_form(form)
    draft = _draft(request, form_key)
    if draft is None:
        # Back button after "Absenden": show the receipt again instead of an empty form.
        sent = drafts.last_submission_for_owner(
            jobcenter=request.jobcenter, form_key=form_key, session_key=_owner_key(request),
            user=_citizen(request))
        if sent is not None and request.GET.get("fortsetzen") != "1":
            from jobcenter.portal.submissions import link_url

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
    step, _steps = forms.step_of(definition, answers, None)
    last = forms.previous_page(definition, answers, None)
    documents = forms.documents_needed(definition, answers)
    # documents (issue 7): which of them were uploaded already (the personal checklist)
    from jobcenter.documents import selectors as uploads

    checklist = uploads.checklist(documents, list(uploads.uploads_for_draft(draft)))
    return render(request, "portal/wizard/check.html", {
        "definition": definition,
        "draft": draft,
        "form_slug": form,
        "sections": sections,
        "incomplete": incomplete,
        "documents": documents,
        "checklist": checklist,
        "step": step,
        "back_url": _page_url(request, form, last.key) if last else None,
        "resumed": request.GET.get("fortsetzen") == "1",
        "stale": request.GET.get("geaendert") == "1",
    })


@require_safe
@never_cache
@with_jobcenter
def overview(request, form: str):
    """The task list of a long form: every step that applies, with its status."""
    form_key = _resolve_form(form)
    draft = _draft(request, form_key)
    definition = _definition(form_key, draft)
    answers = _answers(request, definition, draft)
    incomplete = {p.key for p in forms.incomplete_pages(definition, answers)}
    saved = draft.page_revisions if draft else {}
    sections: dict[str, dict] = {}
    number = 0
    for p in definition.applicable_pages(answers):
        number += 1
        status = ("done" if draft is not None and p.key not in incomplete
                  else "progress" if p.key in saved else "open")
        # The main form is one section; every Anlage (per person) is a section of its own.
        task = str(p.task)
        section = sections.setdefault(task, {
            "title": task or definition.title, "anlage": bool(task), "tasks": [],
            "id": f"tasks-{len(sections) + 1}"})
        section["tasks"].append({"number": number, "title": p.title, "status": status,
                                 "url": _page_url(request, form, p.key)})
    for section in sections.values():
        states = {t["status"] for t in section["tasks"]}
        section["status"] = ("done" if states == {"done"} else "open" if states == {"open"}
                             else "progress")
    return render(request, "portal/wizard/overview.html", {
        "definition": definition, "sections": list(sections.values()),
        "check_number": number + 1, "check_url": _check_url(request, form),
        "all_done": draft is not None and not incomplete,
    })


@require_POST
@with_jobcenter
def discard(request, form: str):
    """"Neu beginnen": delete this session's draft of the form."""
    form_key = _resolve_form(form)
    draft = _draft(request, form_key)
    if draft is not None:
        intake.draft_discard(draft=draft)
    return redirect("portal:wizard_start", jobcenter=request.jobcenter.slug, form=form)



# --- "Link zum Weitermachen per E-Mail schicken" (save and return without an account) -----------


def _came_from(request, form: str, definition) -> tuple[str, str]:
    """``?seite=`` names the page the citizen came from: (its key, the URL back there)."""
    key = request.GET.get("seite", "")
    if key == FROM_CHECK:
        return key, _check_url(request, form)
    if key and definition.page(key, _answers(request, definition, _draft(
            request, definition.key))) is not None:
        return key, _page_url(request, form, key)
    return "", reverse("portal:wizard_start",
                       kwargs={"jobcenter": request.jobcenter.slug, "form": form})


def _saved_draft(request, form: str):
    """This browser's (or account's) draft of ``form`` and its definition, or (None, None)."""
    form_key = _resolve_form(form)
    draft = _draft(request, form_key)
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
            link = request.build_absolute_uri(reverse("portal:wizard_resume", kwargs={
                "jobcenter": request.jobcenter.slug, "form": form,
                "token": intake.draft_resume_token(draft)}))
            message = resume_link_email(form_title=str(definition.title),
                                        jobcenter=request.jobcenter,
                                        expires_at=draft.expires_at, link=link, recipient=email)
            try:
                message.send(fail_silently=False)
            except OSError as error:  # smtplib.SMTPException is an OSError
                logger.warning("resume link e-mail not sent: %s", type(error).__name__)
                link_form.add_error(None, _(
                    "Die E-Mail konnte gerade nicht verschickt werden. Bitte versuchen Sie es "
                    "in ein paar Minuten noch einmal."))
            else:
                request.session[SENT_TO_KEY] = email
                return redirect(_with_came_from(reverse("portal:wizard_resume_sent", kwargs={
                    "jobcenter": request.jobcenter.slug, "form": form}), came_from))
    else:
        prefill = draft.answers.get("email")
        link_form = ResumeLinkForm(initial={"email": prefill if isinstance(prefill, str) else ""})
    return render(request, "portal/wizard/resume_link.html", {
        "definition": definition, "draft": draft, "form": link_form, "back_url": back_url,
    })


@require_safe
@never_cache
@with_jobcenter
def resume_sent(request, form: str):
    """After sending: where the link went (shown once, not kept) and until when it works."""
    draft, definition = _saved_draft(request, form)
    if draft is None:
        return redirect("portal:wizard_start", jobcenter=request.jobcenter.slug, form=form)
    came_from, back_url = _came_from(request, form, definition)
    again_url = _with_came_from(reverse("portal:wizard_resume_link", kwargs={
        "jobcenter": request.jobcenter.slug, "form": form}), came_from)
    return render(request, "portal/wizard/resume_sent.html", {
        "definition": definition, "draft": draft, "back_url": back_url,
        "again_url": again_url, "sent_to": request.session.pop(SENT_TO_KEY, ""),
    })


@require_safe
@never_cache
@with_jobcenter
def resume(request, form: str, token: str):
    """The link from the e-mail: tie the draft to this browser and continue where it stopped.

    A wrong or tampered token answers 404, a draft that expired, was deleted or was already
    submitted 410 — both with the same friendly page, which says nothing about the draft.
    """
    form_key = _resolve_form(form)
    try:
        draft = intake.draft_from_resume_token(token=token, jobcenter=request.jobcenter,
                                               form_key=form_key)
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
    definition = forms.latest(_resolve_form(form))
    return render(request, "portal/wizard/resume_gone.html", {
        "definition": definition, "form_slug": form, "submitted": submitted,
        "expiry_days": intake.expiry_days(),
    }, status=status)


__all__ = ["_", "check", "discard", "page", "resume", "resume_link", "resume_sent", "start"]
