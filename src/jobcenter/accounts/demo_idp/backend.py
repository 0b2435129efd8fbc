from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

from jobcenter.accounts.demo_idp.identities import DEMO_IDENTITIES
from jobcenter.accounts.models import Kind


class DemoIdentityBackend(BaseBackend):
    """Logs a synthetic person in at the demo identity provider only (kind ``idp_demo``)."""

    def authenticate(self, request, demo_identity=None, **kwargs):
        if demo_identity not in DEMO_IDENTITIES or kwargs:
            return None
        person = DEMO_IDENTITIES[demo_identity]
        user, _ = get_user_model().objects.get_or_create(
            username=f"idp-{demo_identity}",
            defaults={
                "kind": Kind.IDP_DEMO,
                "first_name": person["given_name"],
                "last_name": person["family_name"],
            },
        )
        return user if user.kind == Kind.IDP_DEMO else None

    def get_user(self, user_id):
        return get_user_model().objects.filter(pk=user_id, kind=Kind.IDP_DEMO).first()
