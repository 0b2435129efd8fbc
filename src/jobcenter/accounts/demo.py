"""Synthetic demo accounts for `make run` (development only): one citizen and one staff member per
role in Jobcenter Musterkreis, with known passwords and a known TOTP secret, so a demo user can
add the secret to an authenticator app (or type codes from `oathtool --totp -b SECRET`)."""

from base64 import b32decode

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.accounts import services
from jobcenter.accounts.models import Kind, Role, StaffProfile, Team

CITIZEN = ("buerger@demo.invalid", "Demo-Buerger-2026")
STAFF_PASSWORD = "Demo-Staff-2026"  # noqa: S105  # nosec B105  # synthetic demo login
# Base32, as authenticator apps expect it. Synthetic and public: demo use only.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105  # nosec B105  # demo
STAFF = [
    ("sb.musterkreis", Role.SACHBEARBEITUNG, "Sam", "Sachbearbeitung"),
    ("tl.musterkreis", Role.TEAMLEITUNG, "Toni", "Teamleitung"),
    ("stat.musterkreis", Role.STATISTIK, "Sascha", "Statistik"),
    ("admin.musterkreis", Role.ADMINISTRATION, "Alex", "Administration"),
]


def _demo_totp(user) -> None:
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return
    key = b32decode(DEMO_TOTP_SECRET).hex()
    TOTPDevice.objects.create(user=user, name="Demo-Authenticator", key=key, confirmed=True)


DEMO_RP_CLIENT = ("jobcenter-online-demo", "demo-client-secret-only-for-development")


def seed_demo_idp_client(base_url: str = "http://127.0.0.1:8000") -> tuple[str, str] | None:
    """Register the service at the demo identity provider (if it is on); (client id, secret)."""
    from django.conf import settings

    if not settings.DEMO_IDP_ENABLED:
        return None
    from oauth2_provider.models import get_application_model

    client_id, secret = DEMO_RP_CLIENT
    application = get_application_model().objects.filter(client_id=client_id).first()
    if application is None:
        application = get_application_model()(client_id=client_id)
    application.name = "Jobcenter Online (Demo)"
    application.client_secret = secret
    application.client_type = "confidential"
    application.authorization_grant_type = "authorization-code"
    application.redirect_uris = f"{base_url.rstrip('/')}/konto/servicekonto/zurueck/"
    application.algorithm = "RS256"
    application.skip_authorization = True
    application.save()
    return DEMO_RP_CLIENT


def seed_accounts(jobcenters) -> list[tuple[str, str, str]]:
    """Create or update the demo accounts; returns (role, login, password) for the printout."""
    jobcenter = next(jc for jc in jobcenters if jc.slug == "musterkreis")
    user_model = get_user_model()
    created = []
    email, password = CITIZEN
    citizen = services.citizen_find(email=email)
    if citizen is None:
        citizen = user_model(
            username="c-demo", email=email, kind=Kind.CITIZEN, first_name="Dana", last_name="Demo"
        )
    citizen.email_verified_at = citizen.email_verified_at or timezone.now()
    citizen.set_password(password)
    citizen.save()
    created.append(("Bürgerin/Bürger", email, password))

    team, _ = Team.objects.get_or_create(jobcenter=jobcenter, name="Leistung 1")
    for username, role, first, last in STAFF:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(username=username, kind=Kind.STAFF)
        user.first_name, user.last_name = first, last
        user.set_password(STAFF_PASSWORD)
        user.save()
        profile, _ = StaffProfile.objects.get_or_create(
            user=user, defaults={"jobcenter": jobcenter}
        )
        profile.jobcenter = jobcenter
        profile.roles = [role.value]
        profile.save()
        profile.teams.add(team)
        _demo_totp(user)
        created.append((str(role.label), username, STAFF_PASSWORD))
    return created
