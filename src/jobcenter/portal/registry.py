"""The citizen services offered on a Jobcenter's start page.

Each app that offers a service (a form, the upload of documents, …) registers it here, so the start
page lists only what exists. Order is by ``position``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class CitizenService:
    key: str
    title: str  # lazily translated
    description: str  # lazily translated
    url_name: str  # reversed with the Jobcenter's slug
    position: int = 100
    is_available: Callable[[object], bool] = lambda jobcenter: True

    def url_for(self, jobcenter) -> str:
        return reverse(self.url_name, kwargs={"jobcenter": jobcenter.slug})


_services: dict[str, CitizenService] = {}


def register(service: CitizenService) -> CitizenService:
    _services[service.key] = service
    return service


def services_for(jobcenter) -> list[CitizenService]:
    return sorted(
        (s for s in _services.values() if s.is_available(jobcenter)), key=lambda s: s.position
    )
