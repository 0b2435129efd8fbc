"""Filling wizard pages through Django's test client (shared by the wizard tests)."""

import datetime as dt

from django.utils import timezone

BASE = "/musterkreis/weiterbewilligung"
VAEM = "/musterkreis/veraenderung"


def date_parts(name: str, date: dt.date | str) -> dict:
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return {
        f"{name}-tag": str(date.day),
        f"{name}-monat": str(date.month),
        f"{name}-jahr": str(date.year),
    }


def ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


PERSON = {
    "vorname": "Kim",
    "nachname": "Musterfrau",
    **date_parts("geburtsdatum", "1980-03-27"),
    "strasse": "Musterweg 1",
    "plz": "00155",
    "ort": "Musterstadt",
    "bg_nummer": "12345BG0012345",
    "telefon": "",
    "email": "",
}


def revision_of(response) -> str:
    html = response.content.decode()
    marker = 'name="revision" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def submit(client, url: str, data: dict, *, action: str = "weiter"):
    """GET the page (for its revision), then POST it like the browser does."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return client.post(url, {"revision": revision_of(page), "aktion": action, **data})


def strong_login(client):
    """Log ``client`` in as a citizen with a second factor: strong enough to change the bank
    account or the address."""
    from tests.accounts.fixtures import login_as, make_citizen

    return login_as(client, make_citizen(), second_factor=True)
