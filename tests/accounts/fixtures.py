"""Factories and login helpers for account tests (import what you need in a test module)."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.accounts import session as login_state
from jobcenter.accounts.models import Kind, Role, StaffProfile, Team

PASSWORD = "Sichere-Passphrase-2026"
_counter = itertools.count(1)


def make_citizen(email=None, *, verified=True, password=PASSWORD):
    user = get_user_model()(
        username=f"c-test-{next(_counter)}",
        email=email or f"person{next(_counter)}@example.invalid",
        kind=Kind.CITIZEN,
        email_verified_at=timezone.now() if verified else None,
    )
    user.set_password(password)
    user.save()
    return user


def make_staff(
    jobcenter,
    *,
    roles=(Role.SACHBEARBEITUNG,),
    username=None,
    password=PASSWORD,
    teams=(),
    totp=True,
):
    user = get_user_model()(
        username=username or f"staff{next(_counter)}",
        kind=Kind.STAFF,
        first_name="Test",
        last_name="Staff",
    )
    user.set_password(password)
    user.save()
    profile = StaffProfile.objects.create(
        user=user, jobcenter=jobcenter, roles=[str(r) for r in roles]
    )
    profile.teams.set(teams)
    if totp:
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def make_team(jobcenter, name=None):
    return Team.objects.create(jobcenter=jobcenter, name=name or f"Team {next(_counter)}")


def totp_now(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login_as(client, user, *, level=login_state.BASIC, method="password", second_factor=None):
    """Log ``client`` in as ``user`` like the real login does (staff with a verified TOTP)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    user._jobcenter_login = {"method": method, "level": level}
    client.force_login(
        user,
        backend="jobcenter.accounts.backends.CitizenBackend"
        if user.kind == Kind.CITIZEN
        else "jobcenter.accounts.backends.StaffBackend",
    )
    session = client.session
    data = dict(session.get(login_state.SESSION_AUTH) or {})
    data.update({"method": method, "level": level})
    session[login_state.SESSION_AUTH] = data
    if second_factor is None:
        second_factor = user.kind == Kind.STAFF
    if second_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def citizen(db):
    return make_citizen("erika@example.invalid")


@pytest.fixture
def staff(jobcenter):
    return make_staff(jobcenter)
