"""Password login for the two audiences: citizens by e-mail, staff by username.

Each backend only ever returns an account of its own audience, so a citizen's password never opens
the back office and a staff password never opens a citizen account. django-axes' backend runs
before both (settings) and counts failures per (username, IP address) and, beyond a higher
limit, per account (``axes_lockout_parameters``).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from jobcenter.accounts.models import Kind, Role


def axes_username(request, credentials) -> str | None:
    """The name django-axes counts failures under: the e-mail or the staff username."""
    if credentials:
        name = credentials.get("email") or credentials.get("username")
    else:
        name = request.POST.get("email") or request.POST.get("username")
    return (name or "").strip().lower() or None


def account_failures(username: str) -> int:
    """Failed logins of one account from all addresses together, within the cool-off window."""
    from axes.models import AccessAttempt
    from django.db.models import Sum
    from django.utils import timezone

    attempts = AccessAttempt.objects.filter(username=username)
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def axes_lockout_parameters(request_or_attempt, credentials=None) -> list:
    """What django-axes locks (``AXES_LOCKOUT_PARAMETERS``).

    Normally the pair (account, IP address) after ``AXES_FAILURE_LIMIT`` failures, so that one
    attacker cannot lock a person out everywhere. Once an account collected
    ``LOCKOUT_ACCOUNT_FAILURE_LIMIT`` failures from all addresses together (guessing spread over
    many addresses), the account itself is locked from every address until the cool-off ends or
    an administrator unlocks it. With ``AXES_LOCK_BY_USERNAME_AND_IP=false`` the account is
    always locked from every address after ``AXES_FAILURE_LIMIT``.
    """
    if not settings.LOCKOUT_BY_USERNAME_AND_IP:
        return ["username"]
    pair = [["username", "ip_address"]]
    limit = settings.LOCKOUT_ACCOUNT_FAILURE_LIMIT
    if not limit:
        return pair
    from axes.models import AccessBase

    if isinstance(request_or_attempt, AccessBase):
        username = request_or_attempt.username
    elif request_or_attempt is not None or credentials:
        username = axes_username(request_or_attempt, credentials)
    else:
        return pair
    per_pair = settings.AXES_FAILURE_LIMIT
    if isinstance(per_pair, int):
        limit = max(limit, per_pair)
    if username and account_failures(username) >= limit:
        return ["username"]
    return pair


class _AudienceBackend(ModelBackend):
    kind: str = ""

    def _check(self, user, password):
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None and user.kind in (Kind.CITIZEN, Kind.STAFF):
            return user
        return None


class CitizenBackend(_AudienceBackend):
    kind = Kind.CITIZEN

    def authenticate(self, request, email=None, password=None, **kwargs):
        if not email or password is None or kwargs:
            return None
        user = (
            get_user_model().objects.filter(kind=Kind.CITIZEN, email__iexact=email.strip()).first()
        )
        if user is None:
            get_user_model()().set_password(password)  # same time as a real check
            return None
        return self._check(user, password)


class StaffBackend(_AudienceBackend):
    kind = Kind.STAFF

    def authenticate(self, request, username=None, password=None, audience=None, **kwargs):
        # Only the staff login passes audience="staff": Django admin's own form never logs in.
        if audience != "staff" or not username or password is None or kwargs:
            return None
        user = (
            get_user_model()
            .objects.filter(kind=Kind.STAFF, username__iexact=username.strip())
            .first()
        )
        if user is None:
            get_user_model()().set_password(password)
            return None
        return self._check(user, password)

    def has_perm(self, user_obj, perm, obj=None):
        # Administrators of a Jobcenter manage accounts and teams in the Django admin (the admin
        # scopes the lists to their Jobcenter); everything else needs explicit permissions.
        if super().has_perm(user_obj, perm, obj):
            return True
        return _is_administrator(user_obj) and (
            perm.split(".")[0] in ADMINISTRATION_APPS or perm in ADMINISTRATION_PERMS
        )

    def has_module_perms(self, user_obj, app_label):
        return super().has_module_perms(user_obj, app_label) or (
            _is_administrator(user_obj)
            and (
                app_label in ADMINISTRATION_APPS
                or any(p.startswith(f"{app_label}.") for p in ADMINISTRATION_PERMS)
            )
        )


ADMINISTRATION_APPS = frozenset({"accounts"})
# Beyond their accounts and teams, a Jobcenter's administrators see the submissions' metadata
# and the follow-up jobs, and may retry a failed job ("change" only enables the retry action;
# the admin scopes both lists to their Jobcenter and shows no answers). They keep their own
# Jobcenter's routing rules (casework/admin.py scopes them). The casework settings, which name
# the team that may see protected cases (§ 35 SGB I), stay with the operator.
ADMINISTRATION_PERMS = frozenset(
    {
        "intake.view_submission",
        "intake.view_submissionjob",
        "intake.change_submissionjob",
        "casework.view_routingrule",
        "casework.add_routingrule",
        "casework.change_routingrule",
        "casework.delete_routingrule",
        # handover: bundles and deliveries with their errors, and the retry action; the
        # transports themselves (endpoints, secrets, tokens) stay with the operator.
        "handover.view_bundle",
        "handover.change_bundle",
        "handover.view_delivery",
        "handover.change_delivery",
        # retention: their Jobcenter's own retention rules (within the limits), and the proof
        # that the shredder ran (deletion records, read only).
        "retention.view_retentionrule",
        "retention.add_retentionrule",
        "retention.change_retentionrule",
        "retention.delete_retentionrule",
        "retention.view_deletionrecord",
    }
)


def _is_administrator(user) -> bool:
    if not user.is_active or getattr(user, "kind", None) != Kind.STAFF:
        return False
    profile = getattr(user, "staff_profile", None)
    return profile is not None and profile.has_role(Role.ADMINISTRATION)
