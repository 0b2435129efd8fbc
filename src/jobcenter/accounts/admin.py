"""Accounts in the Django admin. A Jobcenter's administrators see and manage only their own
Jobcenter's staff and teams; citizens' accounts are visible to platform superusers only."""

from axes.utils import reset as axes_reset
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from jobcenter.accounts import services
from jobcenter.accounts.access import staff_jobcenter
from jobcenter.accounts.models import Kind, Role, StaffProfile, Team, User


def _scope_jobcenter(request):
    return None if request.user.is_superuser else staff_jobcenter(request.user)


class StaffProfileForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = StaffProfile
        fields = ["jobcenter", "teams", "roles"]

    def clean(self):
        data = super().clean()
        jobcenter, teams = data.get("jobcenter"), data.get("teams") or []
        if jobcenter and any(team.jobcenter_id != jobcenter.pk for team in teams):
            raise forms.ValidationError(_("Teams müssen zum Jobcenter der Person gehören."))
        return data


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    form = StaffProfileForm
    can_delete = False
    min_num = 0
    max_num = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        jobcenter = _scope_jobcenter(request)
        if db_field.name == "jobcenter" and jobcenter is not None:
            kwargs["queryset"] = type(jobcenter).objects.filter(pk=jobcenter.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        jobcenter = _scope_jobcenter(request)
        if db_field.name == "teams" and jobcenter is not None:
            kwargs["queryset"] = Team.objects.filter(jobcenter=jobcenter)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    inlines = [StaffProfileInline]
    actions = ["unlock", "deactivate", "reset_second_factor"]
    fieldsets = [
        (None, {"fields": ["username", "password", "kind"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email", "email_verified_at"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
        (_("Plattform"), {"fields": ["is_superuser", "is_staff"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["last_login", "date_joined", "email_verified_at"]
    add_fieldsets = [
        (None, {"fields": ["username", "kind", "password1", "password2"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        jobcenter = _scope_jobcenter(request)
        if jobcenter is None:
            return queryset
        # A Jobcenter's administrators manage their own staff, never a platform superuser
        # (who could otherwise be taken over by a password change).
        return queryset.filter(
            kind=Kind.STAFF, staff_profile__jobcenter=jobcenter, is_superuser=False
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "is_staff"] + (["kind"] if obj is not None else [])
        return fields

    @admin.action(description=_("Sperre nach Fehlversuchen aufheben"))
    def unlock(self, request, queryset):
        for user in queryset:
            axes_reset(
                username=(user.email if user.kind == Kind.CITIZEN else user.username).lower()
            )
        messages.success(request, _("Die Sperren sind aufgehoben."))

    @admin.action(description=_("Deaktivieren (beendet alle Sitzungen)"))
    def deactivate(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):
            services.user_deactivate(user=user)
        messages.success(request, _("Die Konten sind deaktiviert."))

    @admin.action(description=_("Zweiten Faktor zurücksetzen (neu einrichten beim nächsten Login)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):
            services.second_factor_remove(user=user)
            services.sessions_end(user=user)
        messages.success(request, _("Der zweite Faktor wird beim nächsten Login neu eingerichtet."))


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "jobcenter"]
    list_filter = ["jobcenter"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        jobcenter = _scope_jobcenter(request)
        return queryset if jobcenter is None else queryset.filter(jobcenter=jobcenter)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        jobcenter = _scope_jobcenter(request)
        if db_field.name == "jobcenter" and jobcenter is not None:
            kwargs["queryset"] = type(jobcenter).objects.filter(pk=jobcenter.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
