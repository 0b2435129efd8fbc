"""Object-level access: scope every query to what the requesting person may see.

Rules (docs/SECURITY.md "Object-level access"):

- a citizen reaches only objects whose owner is their account;
- a staff member reaches only objects of their own Jobcenter (a platform superuser reaches all);
- anonymous visitors reach nothing through these helpers;
- everything else answers 404 — never 403, so the existence of an object is not revealed.

Use the scoping functions in selectors and views instead of filtering by hand::

    draft = get_object_for_request_or_404(
        request, Draft.objects.all(), owner_field="owner", jobcenter_field="jobcenter", pk=pk
    )
"""

from django.db.models import QuerySet
from django.http import Http404

from jobcenter.accounts.models import Kind, Role

# The roles that work on cases: the inbox, the case pages, paper intake. Staff with only the
# statistics or administration role have none of these pages, so they are neither shown the
# links nor offered as the person a case is assigned to.
CASE_ROLES = (Role.SACHBEARBEITUNG, Role.TEAMLEITUNG)


def staff_jobcenter(user):
    """The Jobcenter a staff member belongs to (None for everyone else)."""
    if not getattr(user, "is_authenticated", False) or user.kind != Kind.STAFF:
        return None
    profile = getattr(user, "staff_profile", None)
    return profile.jobcenter if profile else None


def has_role(user, *roles: str) -> bool:
    """The role check of ``staff_required``: one of ``roles``; a superuser has every role."""
    if user.is_superuser:
        return True
    profile = getattr(user, "staff_profile", None)
    return profile is not None and any(profile.has_role(role) for role in roles)


def works_on_cases(user) -> bool:
    """Whether ``user`` can open the casework pages of their Jobcenter (the views are guarded by
    ``staff_required(*CASE_ROLES)`` and need the Jobcenter): for the navigation and for the
    lists of people a case can be assigned to."""
    return (
        getattr(user, "is_active", False)
        and staff_jobcenter(user) is not None
        and has_role(user, *CASE_ROLES)
    )


def owned_by(request, queryset: QuerySet, *, owner_field: str = "owner") -> QuerySet:
    """The citizen's own objects; empty for anyone else (anonymous, staff)."""
    user = request.user
    if not user.is_authenticated or user.kind != Kind.CITIZEN:
        return queryset.none()
    return queryset.filter(**{owner_field: user})


def in_jobcenter(request, queryset: QuerySet, *, jobcenter_field: str = "jobcenter") -> QuerySet:
    """The objects of the staff member's Jobcenter; empty for citizens and anonymous visitors.

    Staff must have confirmed their login with the second factor (``request.user.is_verified``).
    """
    user = request.user
    if not user.is_authenticated or user.kind != Kind.STAFF:
        return queryset.none()
    is_verified = getattr(user, "is_verified", None)
    if not (is_verified and is_verified()):
        return queryset.none()
    if user.is_superuser:
        return queryset
    jobcenter = staff_jobcenter(user)
    if jobcenter is None:
        return queryset.none()
    return queryset.filter(**{jobcenter_field: jobcenter})


def scoped(
    request,
    queryset: QuerySet,
    *,
    owner_field: str | None = "owner",
    jobcenter_field: str | None = "jobcenter",
) -> QuerySet:
    """Citizens see their own objects, staff their Jobcenter's; pass None to deny an audience."""
    user = request.user
    if user.is_authenticated and user.kind == Kind.CITIZEN and owner_field:
        return owned_by(request, queryset, owner_field=owner_field)
    if user.is_authenticated and user.kind == Kind.STAFF and jobcenter_field:
        return in_jobcenter(request, queryset, jobcenter_field=jobcenter_field)
    return queryset.none()


def get_object_for_request_or_404(
    request,
    queryset: QuerySet,
    *,
    owner_field: str | None = "owner",
    jobcenter_field: str | None = "jobcenter",
    **lookup,
):
    """One object the requester may reach, else 404 (also when it exists for someone else)."""
    try:
        return scoped(
            request, queryset, owner_field=owner_field, jobcenter_field=jobcenter_field
        ).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
