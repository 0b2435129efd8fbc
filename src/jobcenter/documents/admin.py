"""Uploaded documents in the admin (read-only; a Jobcenter's administrators see their own).

The list says which virus scanner is configured; with the embedded default ("none") every file
shows "nicht geprüft (kein Virenscanner eingerichtet)".
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jobcenter.accounts.session import staff_jobcenter
from jobcenter.documents.models import Upload, UploadFile
from jobcenter.documents.scanners import get_scanner


class UploadFileInline(admin.TabularInline):
    model = UploadFile
    extra = 0
    can_delete = False
    fields = [
        "position",
        "original_name",
        "content_type",
        "size",
        "scan",
        "scanner",
        "signature",
        "scanned_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    list_display = ["doc_title", "person", "submission", "received_at", "status", "scanner_info"]
    list_filter = ["status", "channel"]
    readonly_fields = [
        "public_id",
        "jobcenter",
        "submission",
        "doc_type",
        "doc_title",
        "person",
        "channel",
        "received_at",
        "status",
        "size",
        "pages",
        "attempts",
        "next_attempt_at",
        "last_error",
        "ready_at",
        "scanner_info",
    ]
    exclude = ["draft", "user", "file", "sha256", "task_id"]
    inlines = [UploadFileInline]

    @admin.display(description=_("Virenscanner (eingerichtet)"))
    def scanner_info(self, obj=None):
        return get_scanner().label

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": _("Nachweise – Virenscanner: %(scanner)s") % {"scanner": get_scanner().label},
        }
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("submission")
        if request.user.is_superuser:
            return queryset
        jobcenter = staff_jobcenter(request.user)
        return queryset.filter(jobcenter=jobcenter) if jobcenter else queryset.none()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
