"""The back office's legal hold page of a case, and the citizen's own data as one ZIP archive.

Thin: parse, call one service, render. The hold page needs a caseworker or team lead who can
see the case (casework's ``case_for_staff``: same Jobcenter, § 35 protection); reading it and
changing the hold are audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from jobcenter.accounts import session as accounts
from jobcenter.accounts.models import Role
from jobcenter.audit import services as audit
from jobcenter.casework import selectors as casework
from jobcenter.core.forms import posted
from jobcenter.retention import export, selectors, services
from jobcenter.retention.forms import HoldForm, ReleaseForm
from jobcenter.retention.models import LegalHold


@require_http_methods(["GET", "POST"])
@never_cache
@accounts.staff_required(Role.SACHBEARBEITUNG, Role.TEAMLEITUNG)
def case_hold(request, public_id):
    case = casework.case_for_staff(request, public_id)
    active = selectors.active_hold(case)
    release = request.POST.get("release") == "1"
    hold_form = HoldForm(
        None if release or active else posted(request),
        initial={"reason": LegalHold.Reason.values[0]},
    )
    # With a hold in place or on "release" the page takes no reason: a form without fields.
    form = ReleaseForm(posted(request)) if release or active else hold_form
    if request.method == "POST" and form.is_valid():
        try:
            if release:
                services.hold_release(case=case, by=request.user)
                messages.success(request, _("Die Aufbewahrungssperre ist aufgehoben."))
            else:
                services.hold_place(
                    case=case, reason=request.POST.get("reason", ""), by=request.user
                )
                messages.success(
                    request,
                    _(
                        "Der Vorgang ist gesperrt und wird nicht gelöscht, "
                        "bis die Sperre aufgehoben ist."
                    ),
                )
            return redirect("retention:case_hold", public_id=case.public_id)
        except services.RetentionError as error:
            form.add_error(None, str(error))  # in the error summary
    audit.record(
        actor=request.user,
        jobcenter=case.jobcenter,
        action=audit.Action.VIEW,
        object_type="case",
        object_id=case.public_id,
        summary="Aufbewahrungssperre angesehen",
    )
    return render(
        request,
        "retention/case_hold.html",
        {
            "case": case,
            "active": selectors.active_hold(case),
            "form": form,
            "hold_form": hold_form,
            "holds": selectors.holds_of(case),
        },
        status=400 if form.errors else 200,
    )


@require_safe
@never_cache
@accounts.citizen_required
def my_data(request):
    """Everything the service holds about the signed-in citizen, as one ZIP archive."""

    data, filename = export.citizen_archive(user=request.user)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
