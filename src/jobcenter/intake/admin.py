"""Submissions and their follow-up jobs in the Django admin (administrators only).

Read-only: a submission cannot be changed (model layer), and jobs change only through the
"retry" action. A Jobcenter's administrators see only their own Jobcenter's rows (submissions:
also those forwarded to it). Failed jobs
show their last error; the list filters by status so "what keeps failing" is one click away.
"""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jobcenter.accounts.session import staff_jobcenter
from jobcenter.intake import jobs
from jobcenter.intake.models import Submission, SubmissionJob


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _scoped(request, queryset, field):
    if request.user.is_superuser:
        return queryset
    jobcenter = staff_jobcenter(request.user)
    return queryset.filter(**{field: jobcenter}) if jobcenter else queryset.none()


def _received_or_competent(request, queryset):
    """Submissions received by the staff member's Jobcenter, and those forwarded to it (§ 16
    SGB I: the back office opened a case for it there; ``cases`` is casework's relation)."""
    if request.user.is_superuser:
        return queryset
    jobcenter = staff_jobcenter(request.user)
    if jobcenter is None:
        return queryset.none()
    return queryset.filter(Q(jobcenter=jobcenter) | Q(cases__jobcenter=jobcenter)).distinct()


class SubmissionJobInline(admin.TabularInline):
    model = SubmissionJob
    extra = 0
    can_delete = False
    fields = ["kind", "status", "attempts", "next_attempt_at", "last_error", "done_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(_ReadOnly):
    list_display = ["reference", "form_key", "form_version", "jobcenter", "received_at", "channel"]
    list_filter = ["form_key", "channel", "jobcenter"]
    search_fields = ["reference"]
    date_hierarchy = "received_at"
    # Answers are social data: the caseworker view (back office) shows them to those who may
    # see them; the admin shows the metadata only.
    fields = [
        "reference",
        "jobcenter",
        "form_key",
        "form_version",
        "language",
        "channel",
        "received_at",
        "public_id",
    ]
    readonly_fields = fields
    inlines = [SubmissionJobInline]

    def get_queryset(self, request):
        # "Jobcenter" is where it was received (the receipt and its time stay with it); the
        # Jobcenter it was forwarded to sees it as well.
        return _received_or_competent(
            request, super().get_queryset(request).select_related("jobcenter")
        )

    def get_list_filter(self, request):
        # Only platform administrators see more than one Jobcenter.
        filters = list(super().get_list_filter(request))
        return filters if request.user.is_superuser else [f for f in filters if f != "jobcenter"]


@admin.register(SubmissionJob)
class SubmissionJobAdmin(_ReadOnly):
    list_display = [
        "submission",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "updated_at",
        "short_error",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["submission__reference"]
    fields = [
        "submission",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "lease_until",
        "last_error",
        "task_id",
        "created_at",
        "updated_at",
        "done_at",
    ]
    readonly_fields = fields
    actions = ["retry"]

    def get_queryset(self, request):
        return _scoped(
            request,
            super().get_queryset(request).select_related("submission"),
            "submission__jobcenter",
        )

    @admin.display(description=_("Letzter Fehler"))
    def short_error(self, job):
        return job.last_error[:120]

    def has_change_permission(self, request, obj=None):
        # Needed for the action to show; the form itself stays read-only (readonly_fields).
        return self.has_view_permission(request, obj)

    @admin.action(description=_("Ausgewählte Aufgaben erneut versuchen"))
    def retry(self, request, queryset):
        count = refused = 0
        for job in queryset.exclude(status=SubmissionJob.Status.DONE):
            if jobs.job_retry(job=job):
                count += 1
            else:
                refused += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d Aufgabe wird erneut versucht.",
                "%(n)d Aufgaben werden erneut versucht.",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(n)d Aufgabe läuft gerade und wird nicht ein zweites Mal gestartet.",
                    "%(n)d Aufgaben laufen gerade und werden nicht ein zweites Mal gestartet.",
                    refused,
                )
                % {"n": refused},
                messages.WARNING,
            )
