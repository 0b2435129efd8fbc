"""Back-office settings in the Django admin: routing rules and per-Jobcenter casework settings.

Cases, customers and households are social data: they are worked on in the back office, never in
the admin. A Jobcenter's administrators see only their own Jobcenter's rows (as in intake/admin.py);
giving them the permissions needs an entry in accounts.backends.ADMINISTRATION_PERMS.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model

from jobcenter.accounts.models import Team
from jobcenter.accounts.session import staff_jobcenter
from jobcenter.casework.models import CaseworkSettings, RoutingRule


class _Scoped(admin.ModelAdmin):
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        jobcenter = staff_jobcenter(request.user)
        return qs.filter(jobcenter=jobcenter) if jobcenter else qs.none()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        jobcenter = None if request.user.is_superuser else staff_jobcenter(request.user)
        if jobcenter is not None:
            if db_field.name == "jobcenter":
                kwargs["queryset"] = type(jobcenter).objects.filter(pk=jobcenter.pk)
            elif db_field.name in ("team", "protected_team"):
                kwargs["queryset"] = Team.objects.filter(jobcenter=jobcenter)
            elif db_field.name == "assignee":
                kwargs["queryset"] = get_user_model().objects.filter(
                    staff_profile__jobcenter=jobcenter
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(RoutingRule)
class RoutingRuleAdmin(_Scoped):
    list_display = ["jobcenter", "position", "kind", "range_from", "range_to", "team", "assignee"]
    list_filter = ["kind"]
    ordering = ["jobcenter", "position"]


@admin.register(CaseworkSettings)
class CaseworkSettingsAdmin(_Scoped):
    list_display = ["jobcenter", "document_deadline_days", "reminder_days_before", "protected_team"]
