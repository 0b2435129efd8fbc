"""Transports, bundles and deliveries in the Django admin (administrators only).

A Jobcenter's administrators see and configure only their own Jobcenter's transports; the
pull API's token is made by the action "Neuen Zugangsschlüssel erzeugen" and shown once, on a
page of its own (audited).
Bundles and deliveries are read-only; failed ones show their last error and can be retried.
"""

from django.contrib import admin, messages
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jobcenter.accounts.session import staff_jobcenter
from jobcenter.casework.selectors import may_see_protected
from jobcenter.handover import jobs, services
from jobcenter.handover.models import Bundle, Delivery, HandoverSettings, JobState, Transport


def _scoped(request, queryset, field="jobcenter"):
    if request.user.is_superuser:
        return queryset
    jobcenter = staff_jobcenter(request.user)
    return queryset.filter(**{field: jobcenter}) if jobcenter else queryset.none()


def _without_hidden_protected(request, queryset, case_field):
    """§ 35 SGB I: protected cases' bundles (reference, document titles) only for the protected
    team — the rule of casework.selectors.visible_cases; the operator sees every Jobcenter."""
    if request.user.is_superuser or may_see_protected(request.user):
        return queryset
    return queryset.exclude(**{f"{case_field}__is_protected": True})


class _OwnJobcenter(admin.ModelAdmin):
    """Administrators of a Jobcenter: their own rows only, and new rows go to it."""

    def get_queryset(self, request):
        return _scoped(request, super().get_queryset(request))

    def get_exclude(self, request, obj=None):
        return [] if request.user.is_superuser else ["jobcenter"]

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.jobcenter = staff_jobcenter(request.user)
        super().save_model(request, obj, form, change)


@admin.register(HandoverSettings)
class HandoverSettingsAdmin(_OwnJobcenter):
    list_display = ["jobcenter", "trigger"]


@admin.register(Transport)
class TransportAdmin(_OwnJobcenter):
    list_display = ["name", "kind", "jobcenter", "enabled", "token_hint"]
    list_filter = ["kind", "enabled"]
    readonly_fields = ["token_hint"]
    fields = ["jobcenter", "kind", "name", "enabled", "folder", "url", "secret", "token_hint"]
    actions = ["renew_token"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if request.user.is_superuser else [f for f in fields if f != "jobcenter"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.enabled:  # created or switched on: offer what it missed
            services.transports_catch_up(obj.jobcenter)

    @admin.action(description=_("Neuen Zugangsschlüssel erzeugen (nur Abruf-Schnittstelle)"))
    def renew_token(self, request, queryset):
        """The new tokens are shown once, in this response's body — never in a message (the
        messages cookie is signed, not encrypted); the renewal is audited (services)."""
        issued = [
            {
                "transport": transport,
                "token": services.integration_token_renew(transport=transport, by=request.user),
            }
            for transport in queryset.filter(kind=Transport.Kind.API)
        ]
        if not issued:
            self.message_user(
                request, _("Nur Abruf-Schnittstellen haben Zugangsschlüssel."), messages.WARNING
            )
            return None
        response = TemplateResponse(
            request,
            "admin/handover/transport/tokens.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Neue Zugangsschlüssel"),
                "issued": issued,
            },
        )
        add_never_cache_headers(response)
        return response


class _JobAdmin(admin.ModelAdmin):
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)  # for the action; fields are read-only

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    @admin.display(description=_("Letzter Fehler"))
    def short_error(self, job):
        return job.last_error[:120]

    @admin.action(description=_("Ausgewählte erneut versuchen"))
    def retry(self, request, queryset):
        count = sum(1 for job in queryset.exclude(status=JobState.DONE) if jobs.job_retry(job))
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


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = [
        "transport",
        "status",
        "attempts",
        "next_attempt_at",
        "response_status",
        "last_error",
        "done_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Bundle)
class BundleAdmin(_JobAdmin):
    list_display = [
        "submission",
        "kind",
        "status",
        "attempts",
        "created_at",
        "done_at",
        "short_error",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["submission__reference"]
    exclude = ["parts"]
    inlines = [DeliveryInline]

    def get_queryset(self, request):
        return _without_hidden_protected(
            request,
            _scoped(request, super().get_queryset(request).select_related("submission")),
            "case",
        )


@admin.register(Delivery)
class DeliveryAdmin(_JobAdmin):
    list_display = [
        "bundle",
        "transport",
        "status",
        "attempts",
        "next_attempt_at",
        "response_status",
        "done_at",
        "short_error",
    ]
    list_filter = ["status", "transport__kind"]
    search_fields = ["bundle__submission__reference"]

    def get_queryset(self, request):
        return _without_hidden_protected(
            request,
            _scoped(
                request,
                super().get_queryset(request).select_related("bundle__submission", "transport"),
                "bundle__jobcenter",
            ),
            "bundle__case",
        )
