"""The citizen's mailbox ("Postfach"): status of each application in plain language, requests
for documents with their deadlines, and messages from the Jobcenter.

Only for signed-in citizens; everything shown belongs to the account (the submissions it sent).
A request's page lists the documents and the legal notice; the upload against an item is offered
by the documents app through ``casework.selectors.upload_url_for`` (until it is connected, the page
says how else to hand the documents in). Every page carries personal data: ``no-store``.
"""

from django.contrib import messages as flash
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from jobcenter.accounts.session import citizen_required
from jobcenter.casework import selectors as casework
from jobcenter.casework import services as casework_services
from jobcenter.forms import selectors as forms
from jobcenter.mailbox import selectors as mailbox_selectors
from jobcenter.tenants.decorators import with_jobcenter


@require_safe
@never_cache
@with_jobcenter
@citizen_required
def mailbox(request):
    cases = []
    for case in casework.citizen_cases(request.user):
        definition = forms.get(case.submission.form_ident)
        cases.append(
            {
                "case": case,
                "status": casework.plain_status(case.state, case.submission.form_ident),
                "title": definition.title if definition else case.form_key,
            }
        )
    messages = casework.citizen_messages(request.user)
    response = render(
        request,
        "portal/mailbox/index.html",
        {
            "cases": cases,
            "requests": casework.citizen_requests(request.user),
            "messages_list": messages,
            # The two-way mailbox: decisions, the citizen's threads, consent to e-delivery.
            "mailbox": {
                "decisions": mailbox_selectors.citizen_decisions(request.user, request.jobcenter),
                "threads": mailbox_selectors.citizen_threads(request.user, request.jobcenter),
                "consent": mailbox_selectors.has_consent(request.user),
            },
        },
    )
    casework_services.messages_mark_read(user=request.user, ids=[m.pk for m in messages])
    return response


@require_safe
@never_cache
@with_jobcenter
@citizen_required
def request_detail(request, public_id):
    document_request = casework.citizen_request(
        request.user, public_id, jobcenter=request.jobcenter
    )
    items = [
        {
            "item": item,
            "upload_url": casework.upload_url_for(item)
            if item.received_at is None and document_request.status == "open"
            else None,
        }
        for item in document_request.items.all()
    ]
    return render(
        request,
        "portal/mailbox/request.html",
        {
            "document_request": document_request,
            "items": items,
            "jobcenter_of_case": document_request.case.jobcenter,
        },
    )


@require_POST
@never_cache
@with_jobcenter
@citizen_required
def reply(request, public_id):
    case = casework.citizen_case(request.user, public_id, jobcenter=request.jobcenter)
    try:
        casework_services.message_from_citizen(
            case=case, user=request.user, body=request.POST.get("nachricht", "")[:5000]
        )
        flash.success(request, _("Ihre Nachricht ist beim Jobcenter angekommen."))
    except casework_services.CaseworkError as error:
        flash.error(request, str(error))
    return redirect("portal:mailbox", jobcenter=request.jobcenter.slug)
