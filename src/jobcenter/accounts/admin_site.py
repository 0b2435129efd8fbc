"""The Django admin, for administrators only.

Only staff accounts get in, and only with a login confirmed by TOTP and the role Administration
(or as a platform superuser). Its own login form is replaced by the staff login, so there is no
second way in without the second factor.
"""

from urllib.parse import urlencode

from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.sites import AdminSite
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobcenterAdminSite(AdminSite):
    site_header = _("Jobcenter Online – Administration")
    site_title = _("Jobcenter Online")
    index_title = _("Verwaltung")

    def has_permission(self, request):
        # Imported here, not at the top: the settings name this module's AdminConfig, so it is
        # imported before the models exist.
        from jobcenter.accounts.models import Kind, Role

        user = request.user
        if not (user.is_active and user.is_authenticated and user.kind == Kind.STAFF):
            return False
        if not (getattr(user, "is_verified", None) and user.is_verified()):
            return False
        if user.is_superuser:
            return True
        profile = getattr(user, "staff_profile", None)
        return profile is not None and profile.has_role(Role.ADMINISTRATION)

    def login(self, request, extra_context=None):
        target = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('backoffice:login')}?{urlencode({'next': target})}")

    def logout(self, request, extra_context=None):
        return redirect("backoffice:overview")


class JobcenterAdminConfig(AdminConfig):
    default_site = "jobcenter.accounts.admin_site.JobcenterAdminSite"
