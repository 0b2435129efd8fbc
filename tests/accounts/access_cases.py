"""Access-matrix entries for the account URLs."""

import secrets

from jobcenter.accounts.models import UserSession
from tests.security.access_matrix import exempt, register

exempt("accounts:verify", "signed token in the URL names the account; no object id")
exempt("accounts:email_confirm", "signed token in the URL; no object id")
exempt("accounts:password_reset_confirm", "Django's uid + one-time token")
exempt(
    "admin:*",
    "Django admin: administrators only (TOTP + role), querysets scoped to their "
    "Jobcenter; tested in tests/backoffice/test_staff_login.py",
)
exempt("oauth2_provider:*", "demo identity provider (development and tests only)")


@register("accounts:session_end", allowed={"owner"}, method="POST")
def session_of_owner(world, actor):
    record = UserSession.objects.create(user=world.owner, session_key=secrets.token_hex(16))
    return {"pk": record.pk}


def _passkey(user):
    from jobcenter.accounts.models import Passkey

    return Passkey.objects.create(
        user=user,
        name="Testschlüssel",
        confirmed=True,
        credential_id=secrets.token_urlsafe(32),
        public_key=b"-",
    )


@register("accounts:passkey_rename", allowed={"owner"})
def passkey_rename_of_owner(world, actor):
    return {"pk": _passkey(world.owner).pk}


@register("accounts:passkey_remove", allowed={"owner"}, method="POST")
def passkey_remove_of_owner(world, actor):
    return {"pk": _passkey(world.owner).pk}


@register("staff_account:passkey_rename", allowed={"staff_same"})
def passkey_rename_of_staff(world, actor):
    return {"pk": _passkey(world.staff_same).pk}


@register("staff_account:passkey_remove", allowed={"staff_same"}, method="POST")
def passkey_remove_of_staff(world, actor):
    return {"pk": _passkey(world.staff_same).pk}
