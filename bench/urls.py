"""The project's URLs plus ``/bench/hello/``: the baseline behind the same middleware."""

from importlib import import_module

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from jobcenter.tenants.decorators import with_jobcenter


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


@with_jobcenter
def chrome(request):
    """Hello-world inside the page frame: Jobcenter lookup + base.html, no form."""
    return render(request, "bench/chrome.html")


_project = import_module(getattr(settings, "BENCH_PROJECT_URLCONF", "jobcenter.config.urls"))
urlpatterns = [
    path("bench/hello/", hello),
    path("bench/<slug:jobcenter>/chrome/", chrome),
    *_project.urlpatterns,
]
handler404 = getattr(_project, "handler404", None) or "django.views.defaults.page_not_found"
