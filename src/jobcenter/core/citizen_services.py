"""The citizen services offered on a Jobcenter's start page.

Each app that offers a service (a form, the upload of documents, …) registers it here, so the start
page lists only what exists. Order is by ``position``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Start page groups, in order: on a phone the cards stack, so what most citizens come for (the
# WBA, a change) is on the first screen.
FREQUENT = "haeufig"
APPLY = "beantragen"
MORE = "weitere"
GROUPS = (
    (FREQUENT, _("Häufig gebraucht")),
    (APPLY, _("Bürgergeld zum ersten Mal beantragen")),
    (MORE, _("Weitere Anliegen")),
)


@dataclass(frozen=True)
class CitizenService:
    key: str
    title: str  # lazily translated
    description: str  # lazily translated
    url_name: str  # reversed with the Jobcenter's slug
    position: int = 100
    is_available: Callable[[object], bool] = lambda jobcenter: True
    group: str = FREQUENT
    # Further URL arguments next to the Jobcenter's slug, e.g. (("form", "umzug"),).
    url_kwargs: tuple[tuple[str, str], ...] = ()

    def url_for(self, jobcenter) -> str:
        return reverse(self.url_name, kwargs={"jobcenter": jobcenter.slug, **dict(self.url_kwargs)})


_services: dict[str, CitizenService] = {}


def register(service: CitizenService) -> CitizenService:
    _services[service.key] = service
    return service


def services_for(jobcenter) -> list[CitizenService]:
    return sorted(
        (s for s in _services.values() if s.is_available(jobcenter)), key=lambda s: s.position
    )


def grouped_services_for(jobcenter) -> list[tuple[str, list[CitizenService]]]:
    """(group title, services) in the order of ``GROUPS``; empty groups left out."""
    services = services_for(jobcenter)
    out = []
    for key, title in GROUPS:
        found = [s for s in services if s.group == key]
        if found:
            out.append((title, found))
    return out
