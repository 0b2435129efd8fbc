"""BundID login endpoints: start, assertion consumer service, finish, and the SP metadata."""

from urllib.parse import urlencode, urlparse

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from jobcenter.accounts import services, session
from jobcenter.accounts.saml import config, flow
from jobcenter.accounts.views import LEVEL_LABELS, _next
from jobcenter.tenants import selectors as tenants


def _enabled():
    if not settings.SAML_ENABLED:
        raise Http404


def _jobcenter(request, next_url: str):
    """The Jobcenter the login is for: ``?jobcenter=`` or the first segment of the way back."""
    slug = request.GET.get("jobcenter") or urlparse(next_url).path.strip("/").split("/")[0]
    return tenants.jobcenter_get(slug=slug) if slug else None


def refused(request, exc: flow.LoginRefused):
    """The clear page for every refused BundID login: what happened, and the ways on."""
    return render(
        request,
        "accounts/saml/refused.html",
        {
            "reason": exc.reason,
            "name": settings.SAML_PROVIDER_NAME,
            "reached_label": LEVEL_LABELS.get(exc.details.get("reached", ""), ""),
            "needed_label": LEVEL_LABELS.get(exc.details.get("needed", ""), ""),
        },
        status=503 if exc.reason == "unavailable" else 400,
    )


@require_safe
def login(request):
    _enabled()
    next_url = _next(request)
    level = request.GET.get("level")
    level = level if level in session.LEVELS else session.BASIC
    try:
        location = flow.start(
            request, next_url=next_url, level=level, jobcenter=_jobcenter(request, next_url)
        )
    except flow.LoginRefused as exc:
        return refused(request, exc)
    return redirect(location)


# The IdP posts cross-site: no CSRF token and no session cookie here. What protects this view is
# the signed assertion answering an outstanding request of ours, once; the browser is bound to the
# login in ``finish``.
@csrf_exempt
@require_POST
def acs(request):
    _enabled()
    try:
        verified = flow.accept(request, request.POST.get("SAMLResponse", ""))
    except flow.LoginRefused as exc:
        return refused(request, exc)
    query = urlencode({"anfrage": verified.request_id})
    return redirect(f"{reverse('accounts:saml_finish')}?{query}")


@require_safe
def finish(request):
    _enabled()
    try:
        user, level, claims, next_url = flow.finish(request, request.GET.get("anfrage", ""))
    except flow.LoginRefused as exc:
        return refused(request, exc)
    services.login_user(request, user, method="saml", level=level)
    request.session[session.SESSION_IDENTITY] = claims
    return redirect(next_url or "accounts:overview")


@require_safe
def metadata(request):
    """The SP metadata (entity id, ACS, signing and encryption certificates) for BundID."""
    _enabled()
    xml = config.sp_metadata_xml(config.base_url(request))
    return HttpResponse(xml, content_type="application/samlmetadata+xml; charset=utf-8")
