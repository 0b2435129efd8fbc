"""Retention in the Django admin: a Jobcenter's own rules (its administrators keep them, within
the limits ``RetentionRule.clean`` checks), and the proof that the shredder ran (read only)."""

from django.contrib import admin

from jobcenter.accounts.session import staff_jobcenter
from jobcenter.retention.models import DeletionRecord, LegalHold, RetentionRule, ShredRun


class _Scoped(admin.ModelAdmin):
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        jobcenter = staff_jobcenter(request.user)
        return qs.filter(jobcenter=jobcenter) if jobcenter else qs.none()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        jobcenter = None if request.user.is_superuser else staff_jobcenter(request.user)
        if jobcenter is not None and db_field.name == "jobcenter":
            kwargs["queryset"] = type(jobcenter).objects.filter(pk=jobcenter.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRule)
class RetentionRuleAdmin(_Scoped):
    list_display = ["jobcenter", "category", "doc_type", "period", "unit", "action"]
    list_filter = ["category"]


@admin.register(DeletionRecord)
class DeletionRecordAdmin(_ReadOnly, _Scoped):
    list_display = ["at", "jobcenter", "category", "doc_type", "action", "count", "rule"]
    list_filter = ["category", "action"]


@admin.register(ShredRun)
class ShredRunAdmin(_ReadOnly):
    list_display = ["created_at", "day", "dry_run", "status", "attempts", "done_at"]
    readonly_fields = ["report", "last_error"]


@admin.register(LegalHold)
class LegalHoldAdmin(_ReadOnly, _Scoped):
    list_display = ["case", "reason", "placed_at", "released_at"]
