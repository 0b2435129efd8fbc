"""The view decorator every citizen-facing app uses: the Jobcenter of the URL."""

from functools import wraps

from django.http import Http404

from jobcenter.tenants import selectors as tenants


def with_jobcenter(view):
    """Resolve the ``jobcenter`` slug of the URL to ``request.jobcenter`` or answer 404."""

    @wraps(view)
    def wrapper(request, *args, jobcenter: str, **kwargs):
        request.jobcenter = tenants.jobcenter_get(slug=jobcenter)
        if request.jobcenter is None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
