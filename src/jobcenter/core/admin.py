"""The e-mail outbox in the admin: platform superusers only (the rows name addresses of every
Jobcenter). Read-only; failed e-mails can be sent again once the mail server works."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jobcenter.core import mail
from jobcenter.core.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["purpose", "status", "attempts", "next_attempt_at", "created_at", "short_error"]
    list_filter = ["status", "purpose"]
    fields = [
        "purpose",
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

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)  # for the action; the form is read-only

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Letzter Fehler"))
    def short_error(self, row):
        return row.last_error[:120]

    @admin.action(description=_("Ausgewählte E-Mails erneut senden"))
    def retry(self, request, queryset):
        count = sum(mail.email_retry(row=row) for row in queryset)
        self.message_user(
            request,
            ngettext(
                "%(n)d E-Mail wird erneut gesendet.", "%(n)d E-Mails werden erneut gesendet.", count
            )
            % {"n": count},
            messages.SUCCESS,
        )
