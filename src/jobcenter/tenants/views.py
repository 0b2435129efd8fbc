from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from jobcenter.tenants.selectors import jobcenter_get


@require_safe
def logo(request, jobcenter: str):
    """The Jobcenter's logo (public; images only, validated on upload by ImageField)."""
    found = jobcenter_get(slug=jobcenter)
    if found is None or not found.logo:
        raise Http404
    response = FileResponse(found.logo.open("rb"))
    response["Cache-Control"] = "public, max-age=3600"
    return response
