"""Citizen-facing pages: finding one's Jobcenter, its start page and the legal pages."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from jobcenter.core.citizen_services import grouped_services_for, services_for
from jobcenter.portal import guide as guide_answers
from jobcenter.portal.forms import PostcodeForm
from jobcenter.portal.legal import authority_for
from jobcenter.tenants import selectors as tenants
from jobcenter.tenants.decorators import with_jobcenter

LEGAL_PAGES = {"impressum", "datenschutz", "barrierefreiheit"}


@require_safe
def choose_jobcenter(request):
    """The entry page of the installation: find the competent Jobcenter by postcode."""
    jobcenters = tenants.jobcenter_list()
    form = PostcodeForm(request.GET if "plz" in request.GET else None)
    if form.is_bound and form.is_valid():
        found = tenants.jobcenter_for_postcode(postcode=form.cleaned_data["plz"])
        if found:
            return redirect("portal:start", jobcenter=found.slug)
        form.add_error(
            "plz",
            _(
                "Für diese Postleitzahl ist hier kein Jobcenter zuständig. "
                "Bitte wählen Sie Ihr Jobcenter aus der Liste oder fragen Sie bei Ihrer "
                "Stadt- oder Kreisverwaltung nach."
            ),
        )
    elif not form.is_bound and len(jobcenters) == 1:
        return redirect("portal:start", jobcenter=jobcenters[0].slug)
    return render(request, "portal/choose_jobcenter.html", {"form": form, "jobcenters": jobcenters})


@require_safe
@with_jobcenter
def start(request):
    """ "Was möchten Sie tun?" — the services this Jobcenter offers online."""
    groups = [
        {
            "title": title,
            "services": [
                {
                    "title": s.title,
                    "description": s.description,
                    "url": s.url_for(request.jobcenter),
                }
                for s in services
            ],
        }
        for title, services in grouped_services_for(request.jobcenter)
    ]
    return render(request, "portal/start.html", {"groups": groups})


@require_safe
@with_jobcenter
def guide(request):
    """ "Was möchten Sie tun?" as questions: whether the citizen already receives Bürgergeld,
    then what it is about; the answer names the service to use."""
    receives = request.GET.get("bezug", "")
    concern = request.GET.get("anliegen", "")
    found = guide_answers.answer_for(receives, concern)
    service = None
    if found is not None:
        chosen = next((s for s in services_for(request.jobcenter) if s.key == found.service), None)
        if chosen is not None:
            service = {"title": chosen.title, "url": chosen.url_for(request.jobcenter)}
    return render(
        request,
        "portal/guide.html",
        {
            "receives": receives if receives in ("ja", "nein") else "",
            "new": guide_answers.NEW,
            "already": guide_answers.ALREADY,
            "concerns": guide_answers.CONCERNS,
            "concern": concern,
            "found": found,
            "service": service,
            # "Weiter" without a choice: say so at the question.
            "missing": bool(request.GET.get("weiter")) and found is None,
        },
    )


@require_safe
def legal_page(request, page: str, jobcenter: str | None = None):
    """Impressum, Datenschutz and Barrierefreiheit, of a Jobcenter or of the operator."""
    if page not in LEGAL_PAGES:
        raise Http404
    if jobcenter is not None:
        request.jobcenter = tenants.jobcenter_get(slug=jobcenter)
        if request.jobcenter is None:
            raise Http404
    authority = authority_for(getattr(request, "jobcenter", None))
    return render(request, f"portal/legal/{page}.html", {"authority": authority})
