from django.conf import settings


def site(request):
    """What the base template needs on every page: the current Jobcenter (if the URL names one),
    the operator of the installation, and whether the page belongs to the back office (staff
    pages live under /backoffice/ whichever app serves them; their header names the back office
    and leads to its start, not to the citizens' service)."""
    return {
        "current_jobcenter": getattr(request, "jobcenter", None),
        "operator": settings.OPERATOR,
        "back_office": request.path.startswith("/backoffice/"),
    }
