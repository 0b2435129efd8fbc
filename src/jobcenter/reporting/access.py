"""Who may see the statistics: staff of a Jobcenter with one of ``STATISTICS_ROLES``."""

from jobcenter.accounts import access
from jobcenter.accounts.models import Role

STATISTICS_ROLES = (Role.STATISTIK, Role.TEAMLEITUNG, Role.ADMINISTRATION)


def may_see_statistics(user) -> bool:
    profile = getattr(user, "staff_profile", None)
    return (
        access.staff_jobcenter(user) is not None
        and profile is not None
        and any(profile.has_role(role) for role in STATISTICS_ROLES)
    )
