from django.conf import settings


def site(request):
    """What the base template needs on every page: the current Jobcenter (if the URL names one)
    and the operator of the installation."""
    return {
        "current_jobcenter": getattr(request, "jobcenter", None),
        "operator": settings.OPERATOR,
    }
