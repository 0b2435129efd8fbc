from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "jobcenter.tenants"
    verbose_name = _("Jobcenter")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        # Imported here, not at the top: models exist only once the apps are loaded.
        from jobcenter.tenants.models import Jobcenter
        from jobcenter.tenants.selectors import jobcenter_cache_clear

        post_save.connect(
            jobcenter_cache_clear,
            sender=Jobcenter,
            dispatch_uid="tenants.jobcenter_cache_clear.save",
        )
        post_delete.connect(
            jobcenter_cache_clear,
            sender=Jobcenter,
            dispatch_uid="tenants.jobcenter_cache_clear.delete",
        )
