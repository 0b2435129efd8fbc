"""Back-office casework pages: inbox, case detail and its actions, matching, paper intake, audit.

Thin views: parse the request, call one casework service or selector, render. Every page needs a
staff login confirmed with TOTP (``staff_required``) and shows only the staff member's Jobcenter;
a case that is not visible (another Jobcenter, a protected case without the permission) answers
404. Views of personal data are written to the audit log (jobcenter.audit), changes are recorded
by the services. Everything works without JavaScript: filters are a GET form, actions POST forms.
"""

from __future__ import annotations

import uuid

from csp.constants import SELF
from csp.decorators import csp_update
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jobcenter.accounts import access, session
from jobcenter.accounts.models import Kind, Role, Team
from jobcenter.audit import services as audit
from jobcenter.backoffice import forms, work
from jobcenter.backoffice import selectors as backoffice_selectors
from jobcenter.casework import selectors, services
from jobcenter.casework.models import TRANSITIONS, Case
from jobcenter.casework.normalise import norm_name, norm_number
from jobcenter.core.forms import posted
from jobcenter.documents import services as documents
from jobcenter.documents.services import UploadRejected
from jobcenter.forms import selectors as form_engine

CASE_ROLES = access.CASE_ROLES
# After these the case waits for others (the handover, the person): the caseworker goes on.
FINISHING_STATES = {Case.State.VOLLSTAENDIG, Case.State.UEBERGEBEN}


def _jobcenter(request):
    jobcenter = access.staff_jobcenter(request.user)
    if jobcenter is None:  # platform superusers without a Jobcenter have no inbox
        raise Http404
    return jobcenter


def _case(request, public_id) -> Case:
    return selectors.case_for_staff(request, public_id)


def _to_case(case: Case, request=None):
    """Back to the case page, in the queue it was opened from (``work.queue_params``)."""
    params = work.queue_params(request.POST) if request is not None else {}
    return redirect(work.case_url(case, params))


def _to_next_or_case(request, case: Case):
    """After an action that finishes the caseworker's turn on a case: the next case of the
    queue it was opened from (``work.next_case_redirect``), else the case again."""
    return work.next_case_redirect(request, case) or _to_case(case, request)


def _error(request, error: Exception) -> None:
    messages.error(request, str(error))


# --- inbox ---------------------------------------------------------------------------------------


@require_safe
@never_cache
@session.staff_required(*CASE_ROLES)
def inbox(request):
    jobcenter = _jobcenter(request)
    teams = list(Team.objects.filter(jobcenter=jobcenter))
    staff = selectors.assignable_staff(jobcenter)
    form = forms.InboxFilterForm(request.GET or None, jobcenter=jobcenter, teams=teams, staff=staff)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.InboxFilters(
        **{
            k: data.get(k) or ""
            for k in (
                "form",
                "state",
                "team",
                "assignee",
                "channel",
                "age",
                "customer",
                "overdue",
                "q",
            )
        },
        urgent=data.get("dringend") or "",
        sort=data.get("sort") or "neu",
        after=request.GET.get("nach", "")[:200],
    )
    filters.state = filters.state or "offen"
    page = selectors.inbox_page(request, filters)
    titles = dict(forms.form_choices())
    for case in page.rows:
        case.form_title = titles.get(case.form_key, case.form_key)
        case.flags_shown = (
            form_engine.flags_shown(form_engine.latest(case.form_key), case.flags)
            if case.flags
            else []
        )
    # The list shows names and birth dates: every page view is recorded, with the kind of
    # search (never the search text, which is itself personal data) and the rows shown.
    audit.record(
        actor=request.user,
        jobcenter=jobcenter,
        action=audit.Action.VIEW,
        object_type="inbox",
        object_id="search" if filters.q else "list",
        summary=f"Posteingang angesehen ({len(page.rows)} Vorgänge"
        + (f", Suche nach {page.search_kind}" if filters.q else "")
        + ")",
    )
    params = request.GET.copy()
    params.pop("nach", None)
    next_url = ""
    if page.next_cursor:
        params["nach"] = page.next_cursor
        next_url = f"?{params.urlencode()}"
    first_url = ""
    if filters.after:
        params.pop("nach", None)
        first_url = f"?{params.urlencode()}"
    all_states = request.GET.copy()
    all_states.pop("nach", None)
    all_states["state"] = "alle"
    bulk = forms.BulkForm(teams=teams, staff=staff)
    return render(
        request,
        "backoffice/inbox.html",
        {
            "form": form,
            "page": page,
            "rows": page.rows,
            "next_url": next_url,
            "first_url": first_url,
            "bulk": bulk,
            "filtered": bool(request.GET),
            "back": request.get_full_path(),
            "all_states_url": f"?{all_states.urlencode()}",
        },
    )


@require_POST
@session.staff_required(*CASE_ROLES)
def inbox_bulk(request):
    jobcenter = _jobcenter(request)
    teams = list(Team.objects.filter(jobcenter=jobcenter))
    staff = selectors.assignable_staff(jobcenter)
    form = forms.BulkForm(request.POST, teams=teams, staff=staff)
    back = request.POST.get("back", "")
    back = back if back.startswith(reverse("backoffice:inbox")) else reverse("backoffice:inbox")
    ids = [_uuid_or_none(v) for v in request.POST.getlist("cases")[:200]]
    ids = [i for i in ids if i is not None]
    if not form.is_valid() or not ids:
        messages.error(request, _("Bitte wählen Sie Vorgänge und eine Aktion aus."))
        return redirect(back)
    data = form.cleaned_data
    kwargs = {}
    if data["assignee"]:
        kwargs["assignee"] = (
            None
            if data["assignee"] == "none"
            else next((u for u in staff if str(u.pk) == data["assignee"]), None)
        )
    if data["team"]:
        kwargs["team"] = (
            None
            if data["team"] == "none"
            else next((t for t in teams if str(t.pk) == data["team"]), None)
        )
    if not data["state"] and not kwargs:
        messages.error(request, _("Bitte wählen Sie eine Aktion aus."))
        return redirect(back)
    cases = list(
        selectors.visible_cases(request).filter(public_id__in=ids).order_by("-received_at")
    )
    done, refused = services.cases_bulk(
        cases=cases, by=request.user, to_state=data["state"] or None, **kwargs
    )
    if done:
        messages.success(
            request,
            ngettext("%(n)d Vorgang geändert.", "%(n)d Vorgänge geändert.", done) % {"n": done},
        )
    else:
        messages.warning(
            request,
            _(
                "Nichts geändert: Die ausgewählten Vorgänge sind schon so, "
                "oder die Änderung ist bei ihnen nicht möglich."
            ),
        )
    if refused:
        messages.warning(request, _("Nicht möglich bei: %(refs)s") % {"refs": ", ".join(refused)})
    return redirect(back)


# --- case detail ---------------------------------------------------------------------------------


def _checklist(case: Case) -> list[tuple[str, str, str]]:
    definition = form_engine.get(case.submission.form_ident)
    if definition is None:
        return []
    with translation.override("de"):
        return [
            (need.document.key, need.title, ", ".join(need.reasons))
            for need in form_engine.documents_needed(definition, case.submission.answers)
        ]


def language_name_german(code: str) -> str:
    """ "Arabisch" for ``ar``: Django's own catalogue names the languages (German active)."""
    try:
        return str(translation.get_language_info(code or "de")["name_translated"])
    except KeyError:
        return code


def _document_viewer(request, case: Case, needs, other_uploads):
    """The document shown beside the answers (``?dokument=<upload>``), if it is one of the
    case's ready uploads; each upload gets the link that shows it there (``show_url``)."""
    from urllib.parse import urlencode

    uploads = [u for need in needs for u in need.uploads] + list(other_uploads)
    base = reverse("backoffice:case_detail", kwargs={"public_id": case.public_id})
    params = work.queue_params(request.GET)
    wanted = request.GET.get("dokument", "")
    shown = None
    for upload in uploads:
        if not upload.staff_url:
            continue
        query = urlencode({**params, "dokument": str(upload.public_id)})
        upload.show_url = f"{base}?{query}#dokument"
        if str(upload.public_id) == wanted:
            shown = upload
    if shown is not None:
        shown.close_url = f"{base}?{urlencode(params)}#nachweise" if params else f"{base}#nachweise"
    return shown


def _case_context(request, case: Case) -> dict:
    needs, other_uploads = selectors.case_document_needs(case)
    definition = form_engine.get(case.submission.form_ident)
    with translation.override("de"):
        # The caseworker reads German, whatever language the citizen used.
        sections = (
            form_engine.render_answers(
                definition, case.submission.answers, mode=form_engine.Mode.CASEWORKER
            )
            if definition and case.channel == "online"
            else []
        )
        form_title = str(definition.title) if definition else case.form_key
        submission_language = language_name_german(case.submission.language)
    return {
        "submission_language": submission_language,
        "case": case,
        "form_title": form_title,
        "flags": form_engine.flags_shown(case.submission.form_ident, case.flags),
        "sections": sections,
        "paper_answers": form_engine.flat_answers(case.submission.answers)
        if case.channel != "online"
        else [],
        "application_date": selectors.case_application_date(request, case),
        "history": selectors.case_history(case),
        "notes": list(case.notes.select_related("author")),
        "requests": selectors.case_requests(case),
        "targets": [
            (s, Case.State(s).label)
            for s in services.allowed_targets(case)
            if s != Case.State.ZURUECKGEZOGEN
        ],
        "can_withdraw": Case.State.ZURUECKGEZOGEN in _targets(case),
        "can_reopen": case.state == Case.State.ZURUECKGEZOGEN and services.may_reopen(request.user),
        "can_request": Case.State.UNTERLAGEN_ANGEFORDERT in _targets(case),
        "can_forward": Case.State.WEITERGELEITET in _targets(case),
        # Nobody works on a closed case any more (forwarded: it is the other Jobcenter's).
        "can_assign": case.is_open,
        "assign_form": forms.AssignForm(
            jobcenter=case.jobcenter,
            staff=_assignable(case),
            initial={"assignee": case.assignee_id, "team": case.team_id},
        ),
        "note_form": forms.NoteForm(),
        "message_form": forms.MessageForm(),
        "case_messages": list(case.messages.order_by("created_at", "id")),
        "identity": case.submission.identity or {},
        "may_unprotect": selectors.may_see_protected(request.user),
        "panels": selectors.case_panels(request, case),
        "needs": needs,
        "other_uploads": other_uploads,
        "shown_document": _document_viewer(request, case, needs, other_uploads),
        # Nothing missing: "Eingegangen → Vollständig" is offered as one click.
        "can_complete_at_once": case.state == Case.State.EINGEGANGEN
        and all(need.status == "eingegangen" for need in needs),
        **work.case_queue_context(request, case),
    }


def _assignable(case: Case) -> list:
    return selectors.assignable_staff(case.jobcenter, protected=case.is_protected)


def _targets(case):
    return TRANSITIONS[case.state]


@require_safe
@never_cache
@csp_update({"frame-src": [SELF]})  # the document beside the answers: our own PDF view only
@session.staff_required(*CASE_ROLES)
def case_detail(request, public_id):
    case = _case(request, public_id)
    audit.record(
        actor=request.user,
        jobcenter=case.jobcenter,
        action=audit.Action.VIEW,
        object_type="case",
        object_id=case.public_id,
        summary="Vorgang angesehen",
    )
    return render(request, "backoffice/case.html", _case_context(request, case))


@require_POST
@session.staff_required(*CASE_ROLES)
def case_state(request, public_id):
    case = _case(request, public_id)
    target = request.POST.get("state", "")
    if target == Case.State.ZURUECKGEZOGEN:
        # Final for the caseworker: only with confirmation and a reason (case_withdraw).
        return redirect("backoffice:case_withdraw", public_id=case.public_id)
    try:
        if target == Case.State.VOLLSTAENDIG and case.state == Case.State.EINGEGANGEN:
            services.case_complete_at_once(case=case, by=request.user)
        else:
            services.case_transition(case=case, to_state=target, by=request.user)
    except services.CaseworkError as error:
        _error(request, error)
        return _to_case(case, request)
    if target in FINISHING_STATES:
        messages.success(
            request,
            _("%(ref)s – Status: %(state)s")
            % {"ref": case.reference, "state": Case.State(target).label},
        )
        return _to_next_or_case(request, case)
    messages.success(request, _("Status: %(state)s") % {"state": Case.State(target).label})
    return _to_case(case, request)


@require_POST
@session.staff_required(*CASE_ROLES)
def case_assign(request, public_id):
    case = _case(request, public_id)
    form = forms.AssignForm(request.POST, jobcenter=case.jobcenter, staff=_assignable(case))
    if form.is_valid():
        try:
            services.case_assign(
                case=case,
                by=request.user,
                assignee=form.cleaned_data["assignee"],
                team=form.cleaned_data["team"],
            )
            messages.success(request, _("Zuweisung gespeichert."))
        except services.CaseworkError as error:
            _error(request, error)
    else:
        messages.error(request, _("Bitte wählen Sie aus der Liste."))
    return _to_case(case, request)


@require_POST
@session.staff_required(*CASE_ROLES)
def case_take(request, public_id):
    case = _case(request, public_id)
    try:
        services.case_assign(case=case, by=request.user, assignee=request.user)
        messages.success(request, _("Der Vorgang ist Ihnen zugewiesen."))
    except services.CaseworkError as error:
        _error(request, error)
    return _to_case(case, request)


@require_POST
@session.staff_required(*CASE_ROLES)
def case_note(request, public_id):
    case = _case(request, public_id)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        try:
            services.case_add_note(case=case, by=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("Notiz gespeichert."))
        except services.CaseworkError as error:
            _error(request, error)
    else:
        messages.error(request, _("Bitte schreiben Sie eine Notiz (höchstens 5000 Zeichen)."))
    return _to_case(case, request)


@require_POST
@session.staff_required(*CASE_ROLES)
def case_message(request, public_id):
    case = _case(request, public_id)
    form = forms.MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_send(case=case, by=request.user, **form.cleaned_data)
            messages.success(request, _("Die Nachricht steht im Postfach der Person."))
        except services.CaseworkError as error:
            _error(request, error)
    else:
        messages.error(request, _("Bitte geben Sie Betreff und Nachricht an."))
    return _to_case(case, request)


@require_http_methods(["GET", "POST"])
@never_cache
@session.staff_required(*CASE_ROLES)
def case_protect(request, public_id):
    """Protect one case (§ 35 SGB I); GET asks for confirmation first and warns those who
    will no longer see it. Lifting it is for the protected team only."""
    case = _case(request, public_id)
    if request.method == "GET":
        if case.is_protected:
            return _to_case(case, request)
        audit.record(
            actor=request.user,
            jobcenter=case.jobcenter,
            action=audit.Action.VIEW,
            object_type="case",
            object_id=case.public_id,
            summary="Schutz § 35 SGB I geöffnet",
        )
        return render(
            request,
            "backoffice/case_protect.html",
            {"case": case, "loses_sight": not selectors.may_see_protected(request.user)},
        )
    protect = request.POST.get("protected") == "1"
    if not protect and not selectors.may_see_protected(request.user):
        raise Http404
    changed = services.case_set_protected(case=case, by=request.user, protected=protect)
    if not protect and changed.is_protected:
        messages.info(
            request,
            _(
                "Der Schutz von Hand ist aufgehoben. Der Vorgang bleibt "
                "geschützt, weil eine als Beschäftigtenfall gekennzeichnete "
                "Person dazu gehört."
            ),
        )
    if protect and not selectors.may_see_protected(request.user):
        messages.success(
            request, _("Der Vorgang ist jetzt geschützt und für Sie nicht mehr sichtbar.")
        )
        return redirect("backoffice:inbox")
    return _to_case(case, request)


# --- document requests and forwarding ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@session.staff_required(*CASE_ROLES)
def case_request(request, public_id):
    case = _case(request, public_id)
    checklist = _checklist(case)
    form = forms.DocumentRequestForm(
        posted(request),
        checklist=checklist,
        initial={"deadline": services.default_deadline(case.jobcenter)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_request_create(
                case=case,
                by=request.user,
                items=form.items(),
                deadline=form.cleaned_data["deadline"],
                message=form.cleaned_data["message"],
            )
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            if not case.submission.user_id:
                # No mailbox: the caseworker prints the letter from the case page first.
                messages.success(
                    request,
                    _(
                        "Die Unterlagen sind angefordert. Die Person hat kein Konto: Bitte "
                        "drucken Sie den Brief (unter „Angeforderte Unterlagen“) und schicken "
                        "Sie ihn per Post."
                    ),
                )
                return _to_case(case, request)
            messages.success(
                request,
                _(
                    "Die Unterlagen sind angefordert. Die Person sieht die "
                    "Anforderung in ihrem Postfach."
                ),
            )
            return _to_next_or_case(request, case)
    return render(
        request,
        "backoffice/case_request.html",
        {
            "case": case,
            "form": form,
            "legal_notice": services.LEGAL_NOTICE,
            "has_account": bool(case.submission.user_id),
            "queue_fields": work.queue_fields(request),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@never_cache
@session.staff_required(*CASE_ROLES)
def case_forward(request, public_id):
    case = _case(request, public_id)
    form = forms.ForwardForm(posted(request), current=case.jobcenter)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_forward(
                case=case,
                to_jobcenter=form.cleaned_data["jobcenter"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request,
                _(
                    "Der Vorgang ist weitergeleitet. Das Eingangsdatum "
                    "bleibt erhalten (§ 16 SGB I)."
                ),
            )
            return redirect("backoffice:inbox")
        except services.CaseworkError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "backoffice/case_forward.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@never_cache
@session.staff_required(*CASE_ROLES)
def case_withdraw(request, public_id):
    """Withdrawal asks for confirmation and the reason first; afterwards only a team lead can
    reopen the case."""
    case = _case(request, public_id)
    if Case.State.ZURUECKGEZOGEN not in _targets(case):
        messages.error(request, _("Dieser Vorgang kann nicht mehr zurückgezogen werden."))
        return _to_case(case, request)
    form = forms.WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_withdraw(case=case, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Der Antrag ist zurückgezogen."))
            return _to_case(case, request)
        except services.CaseworkError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "backoffice/case_withdraw.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@never_cache
@session.staff_required(Role.TEAMLEITUNG)
def case_reopen(request, public_id):
    case = _case(request, public_id)
    if case.state != Case.State.ZURUECKGEZOGEN:
        messages.error(
            request, _("Nur ein zurückgezogener Vorgang kann wieder aufgenommen werden.")
        )
        return _to_case(case, request)
    form = forms.ReopenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_reopen(case=case, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Der Vorgang ist wieder in Bearbeitung."))
            return _to_case(case, request)
        except services.CaseworkError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "backoffice/case_reopen.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )


# --- matching ------------------------------------------------------------------------------------


def _customer_initial(case: Case) -> dict:
    facts = services.applicant_facts(case.submission)
    return {
        "first_name": facts["first_name"],
        "last_name": facts["last_name"],
        "birth_date": facts["birth_date"],
        "street": facts["street"],
        "postcode": facts["postcode"],
        "city": facts["city"],
        "email": facts["email"],
        "phone": facts["phone"],
        "kundennummer": facts["kundennummer"],
        "bg_nummer": facts["bg_nummer"],
    }


def _new_customer_digest(data: dict) -> str:
    """Names what the caseworker confirmed to create despite look-alikes: if they change the
    name or birth date afterwards, the look-alikes are checked again."""
    import hashlib

    text = "|".join(
        [
            norm_name(data.get("first_name")),
            norm_name(data.get("last_name")),
            str(data.get("birth_date") or ""),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _audit_customers_shown(request, case: Case | None, shown, summary: str) -> None:
    """Customers' names and birth dates were shown: one entry on the case or the search (what
    was looked for — never the text typed —, how many) and one per customer, so their own
    trail says who saw them and why."""
    jobcenter = case.jobcenter if case else _jobcenter(request)
    audit.record(
        actor=request.user,
        jobcenter=jobcenter,
        action=audit.Action.VIEW,
        object_type="case" if case else "customer_search",
        object_id=case.public_id if case else "search",
        summary=f"{summary} ({len(shown)})",
    )
    for suggestion in shown:
        audit.record(
            actor=request.user,
            jobcenter=jobcenter,
            action=audit.Action.VIEW,
            object_type="customer",
            object_id=suggestion.customer.public_id,
            summary=f"{summary}, Vorgang {case.reference}" if case else summary,
        )


@require_safe
@never_cache
@session.staff_required(*CASE_ROLES)
def customer_search(request):
    """Find a customer by name (typo-tolerant), birth date, Kundennummer or BG-Nummer."""
    _jobcenter(request)
    searched = any(key.startswith("suche-") for key in request.GET)
    form = forms.CustomerSearchForm(request.GET if searched else None)
    results = None
    if form.is_bound and form.is_valid():
        results = selectors.customer_search(request, form.probe())
        _audit_customers_shown(request, None, results, f"Kundensuche nach {form.kinds()}")
    return render(
        request,
        "backoffice/customer_search.html",
        {"search_form": form, "results": results},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@never_cache
@session.staff_required(*CASE_ROLES)
def case_match(request, public_id):
    """Suggestions, the manual customer search (GET ``suche-…``), linking, and creating a new
    customer — which first shows the customers that look alike and asks to confirm."""
    case = _case(request, public_id)
    action = request.POST.get("action")
    # Every POST but "link" is the create form's (the only one with typed fields): a spoiled
    # ``action`` is answered with its fields as typed and a message, not a silent page.
    create_form = forms.CustomerForm(
        posted(request) if action != "link" else None, initial=_customer_initial(case)
    )
    lookalikes = []
    confirm_digest = ""
    if request.method == "POST":
        if action == "link":
            customer = (
                selectors.customers_for_staff(request)
                .filter(public_id=_uuid_or_404(request.POST.get("customer")))
                .first()
            )
            if customer is None:
                raise Http404
            try:
                services.case_link_customer(case=case, customer=customer, by=request.user)
                messages.success(request, _("Zugeordnet: %(name)s") % {"name": str(customer)})
                return _to_case(case, request)
            except services.CaseworkError as error:
                _error(request, error)
        elif action == "create" and create_form.is_valid():
            data = create_form.cleaned_data
            digest = _new_customer_digest(data)
            if request.POST.get("confirm_new") != digest:
                lookalikes = selectors.lookalike_customers(
                    request,
                    selectors.Probe(
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        birth_date=data["birth_date"],
                        postcode=data["postcode"] or "",
                        kundennummer=norm_number(data["kundennummer"] or ""),
                        bg_nummer=norm_number(data["bg_nummer"] or ""),
                    ),
                )
            if lookalikes:
                confirm_digest = digest
                _audit_customers_shown(
                    request, case, lookalikes, "Ähnliche Kundinnen/Kunden vor dem Anlegen angezeigt"
                )
            else:
                try:
                    services.customer_create_from_case(case=case, by=request.user, **data)
                    messages.success(request, _("Kundin/Kunde und Bedarfsgemeinschaft angelegt."))
                    return _to_case(case, request)
                except services.CaseworkError as error:
                    create_form.add_error(None, str(error))
        elif action != "create":
            create_form.add_error(None, _("Diese Aktion gibt es nicht. Bitte erneut absenden."))
    searched = any(key.startswith("suche-") for key in request.GET)
    search_form = forms.CustomerSearchForm(request.GET if searched else None)
    results = None
    if search_form.is_bound and search_form.is_valid():
        results = selectors.customer_search(request, search_form.probe())
        _audit_customers_shown(request, case, results, f"Kundensuche nach {search_form.kinds()}")
    suggestions = selectors.match_suggestions(
        case, include_protected=selectors.may_see_protected(request.user)
    )
    audit.record(
        actor=request.user,
        jobcenter=case.jobcenter,
        action=audit.Action.VIEW,
        object_type="case",
        object_id=case.public_id,
        summary=f"Zuordnungsvorschläge angesehen ({len(suggestions)})",
    )
    return render(
        request,
        "backoffice/case_match.html",
        {
            "case": case,
            "suggestions": suggestions,
            "form": create_form,
            "search_form": search_form,
            "results": results,
            "lookalikes": lookalikes,
            "confirm_digest": confirm_digest,
        },
        status=400 if create_form.errors or search_form.errors else 200,
    )


def _uuid_or_none(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _uuid_or_404(value):
    found = _uuid_or_none(value)
    if found is None:
        raise Http404
    return found


@require_safe
@never_cache
@session.staff_required(*CASE_ROLES)
def customer_detail(request, public_id):
    customer = selectors.customer_for_staff(request, public_id)
    households = [m.household for m in customer.memberships.all()]
    audit.record(
        actor=request.user,
        jobcenter=customer.jobcenter,
        action=audit.Action.VIEW,
        object_type="customer",
        object_id=customer.public_id,
        summary="Kundin/Kunde angesehen",
    )
    return render(
        request,
        "backoffice/customer.html",
        {
            "customer": customer,
            "households": households,
            "cases": selectors.cases_of_customer(request, customer),
            "member_form": forms.MemberForm(),
            "protection_history": selectors.protection_history(customer),
        },
    )


@require_http_methods(["GET", "POST"])
@never_cache
@session.staff_required(*CASE_ROLES)
def customer_protect(request, public_id):
    """§ 35 SGB I: flag a customer as an employee or a relative (confirm first), or unflag.

    Everyone who works on cases and sees the customer may flag; whoever is not in the protected
    team is told that they will no longer see the person and their cases. Only members of the
    protected team may unflag (nobody else sees a flagged customer).
    """
    customer = selectors.customer_for_staff(request, public_id)
    may_see = selectors.may_see_protected(request.user)
    if customer.is_protected and not may_see:
        raise Http404
    form_class = forms.UnprotectCustomerForm if customer.is_protected else forms.ProtectCustomerForm
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.customer_set_protected(
                customer=customer,
                by=request.user,
                protected=not customer.is_protected,
                reason=form.cleaned_data.get("reason", ""),
                comment=form.cleaned_data.get("comment", ""),
            )
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            if customer.is_protected:
                messages.success(request, _("Der Schutz ist aufgehoben."))
            elif not may_see:
                messages.success(
                    request,
                    _(
                        "Die Person ist als Beschäftigtenfall gekennzeichnet. Sie und ihre "
                        "Vorgänge sind jetzt nur noch für das zuständige Team sichtbar."
                    ),
                )
                return redirect("backoffice:inbox")
            else:
                messages.success(
                    request,
                    ngettext(
                        "Die Person ist als Beschäftigtenfall gekennzeichnet; %(n)s Vorgang ist "
                        "jetzt geschützt.",
                        "Die Person ist als Beschäftigtenfall gekennzeichnet; %(n)s Vorgänge sind "
                        "jetzt geschützt.",
                        changed,
                    )
                    % {"n": changed},
                )
            return redirect("backoffice:customer_detail", public_id=customer.public_id)
    settings = services.settings_for(customer.jobcenter)
    if request.method == "GET":
        audit.record(
            actor=request.user,
            jobcenter=customer.jobcenter,
            action=audit.Action.VIEW,
            object_type="customer",
            object_id=customer.public_id,
            summary="Kennzeichnung § 35 SGB I geöffnet",
        )
    return render(
        request,
        "backoffice/customer_protect.html",
        {
            "customer": customer,
            "form": form,
            "loses_sight": not may_see,
            "protected_team": settings.protected_team,
            "case_count": selectors.cases_touching(customer)
            .exclude(state=Case.State.WEITERGELEITET)
            .count(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@session.staff_required(*CASE_ROLES)
def household_member_add(request, public_id):
    household = selectors.household_for_staff(request, public_id)
    form = forms.MemberForm(request.POST)
    back = request.POST.get("kunde", "")
    target = (
        selectors.customers_for_staff(request)
        .filter(public_id=_uuid_or_none(back), memberships__household=household)
        .first()
    )
    if form.is_valid():
        try:
            services.household_add_member(household=household, by=request.user, **form.cleaned_data)
            messages.success(request, _("Die Person gehört jetzt zur Bedarfsgemeinschaft."))
        except services.CaseworkError as error:
            _error(request, error)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    if target is None:
        # The first member the user may see (never a flagged person for colleagues).
        target = (
            selectors.customers_for_staff(request)
            .filter(memberships__household=household)
            .order_by("memberships__id")
            .first()
        )
        if target is None:
            return redirect("backoffice:inbox")
    return redirect("backoffice:customer_detail", public_id=target.public_id)


@require_POST
@session.staff_required(*CASE_ROLES)
def request_cancel(request, public_id):
    document_request = selectors.request_for_staff(request, public_id)
    try:
        services.document_request_cancel(request=document_request, by=request.user)
        messages.success(request, _("Die Anforderung ist zurückgenommen."))
    except services.CaseworkError as error:
        _error(request, error)
    return _to_case(document_request.case)


# --- paper intake --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@session.staff_required(*CASE_ROLES)
def paper_intake(request):
    jobcenter = _jobcenter(request)
    form = forms.PaperForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        customer = None
        if data["kundennummer"]:
            customer = (
                selectors.customers_for_staff(request)
                .filter(kundennummer=norm_number(data["kundennummer"]))
                .first()
            )
            if customer is None:
                form.add_error(
                    "kundennummer",
                    _(
                        "Diese Kundennummer kennen wir nicht. Lassen "
                        "Sie das Feld leer, um ohne Zuordnung zu "
                        "erfassen."
                    ),
                )
        if not form.errors:
            try:
                case = documents.paper_application_register(
                    jobcenter=jobcenter,
                    by=request.user,
                    form_key=data["form_key"],
                    form_version=form_engine.latest(data["form_key"]).version,
                    received_on=data["received_on"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    birth_date=data["birth_date"],
                    bg_nummer=data["bg_nummer"] or "",
                    kundennummer=data["kundennummer"] or "",
                    street=data["street"],
                    postcode=data["postcode"] or "",
                    city=data["city"],
                    customer=customer,
                    scans=request.FILES.getlist("scan"),
                    upload_problems=getattr(request, "upload_problems", None),
                )
            except UploadRejected as rejected:
                # Nothing was registered: the whole paper application is entered once.
                for message in rejected.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("Papierantrag erfasst: %(ref)s") % {"ref": case.reference}
                )
                return _to_case(case, request)
    return render(
        request, "backoffice/paper.html", {"form": form}, status=400 if form.errors else 200
    )


# --- audit log (administrators) ------------------------------------------------------------------


@require_safe
@never_cache
@session.staff_required(Role.ADMINISTRATION)
def audit_log(request):
    from django.contrib.auth import get_user_model

    jobcenter = None if request.user.is_superuser else _jobcenter(request)
    staff = (
        get_user_model()
        .objects.filter(kind=Kind.STAFF)
        .order_by("last_name", "first_name", "username")
    )
    if jobcenter is not None:
        staff = staff.filter(staff_profile__jobcenter=jobcenter)
    form = forms.AuditFilterForm(request.GET or None, staff=list(staff))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    object_id = backoffice_selectors.audit_object_id(request, jobcenter, data.get("objekt", ""))
    before = request.GET.get("vor", "")
    page = backoffice_selectors.audit_page(
        request,
        jobcenter,
        backoffice_selectors.AuditFilters(
            object_id=object_id,
            actor_id=int(data["person"]) if data.get("person") else None,
            action=data.get("aktion") or "",
            since=data.get("von"),
            until=data.get("bis"),
            before=int(before) if before.isdigit() else None,
        ),
    )
    params = request.GET.copy()
    params.pop("vor", None)
    if page.more:
        params["vor"] = page.rows[-1].pk
    audit.record(
        actor=request.user,
        jobcenter=jobcenter,
        action=audit.Action.VIEW,
        object_type="audit",
        object_id=object_id or "-",
        summary="Protokoll angesehen",
    )
    return render(
        request,
        "backoffice/audit.html",
        {
            "form": form,
            "entries": page.rows,
            "next_url": f"?{params.urlencode()}" if page.more else "",
            "filtered": bool(data and any(data.values())),
        },
        status=400 if form.errors else 200,
    )
