"""Citizens with a second factor renew their recovery codes like staff do: behind
re-authentication, a confirmation first, the new codes shown once, the old ones void."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.accounts import services
from tests.accounts.fixtures import login_as, make_citizen

pytestmark = pytest.mark.django_db


def test_citizen_renews_recovery_codes(client):
    user = make_citizen()
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    old = services.recovery_codes_generate(user=user)
    login_as(client, user, second_factor=True)
    overview = client.get(reverse("accounts:overview")).content.decode()
    assert reverse("accounts:recovery_codes_renew") in overview
    page = client.get(reverse("accounts:recovery_codes_renew"))
    assert page.status_code == 200 and "noch 10 unbenutzte Codes" in page.content.decode()
    response = client.post(reverse("accounts:recovery_codes_renew"))
    assert response["Location"] == reverse("accounts:recovery_codes")
    new = re.findall(
        r'data-testid="recovery-code">([^<]+)<', client.get(response["Location"]).content.decode()
    )
    assert len(new) == 10 and not set(new) & set(old)
    assert client.get(reverse("accounts:recovery_codes")).status_code == 302  # only once
    assert services.second_factor_verify(user=user, token=new[0]) is not None
    assert services.second_factor_verify(user=user, token=old[1]) is None


def test_without_a_second_factor_there_is_nothing_to_renew(client):
    user = make_citizen()
    login_as(client, user)
    response = client.post(reverse("accounts:recovery_codes_renew"))
    assert response["Location"] == reverse("accounts:overview")
    assert services.recovery_codes_left(user) == 0
