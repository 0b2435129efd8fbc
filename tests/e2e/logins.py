"""Logging the browser in without going through the login pages (they have tests of their own):
a session made by Django's test client, handed to the browser as its cookie."""

from django.conf import settings
from django.test import Client

from tests.accounts.fixtures import login_as, make_citizen


def citizen_session(page, live_server, *, second_factor: bool, citizen=None):
    """Log ``page``'s browser in as a citizen (new unless given), with or without a second
    factor (with one, changing the bank account or the address needs no step-up)."""
    citizen = citizen or make_citizen()
    client = Client()
    login_as(client, citizen, second_factor=second_factor)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return citizen
