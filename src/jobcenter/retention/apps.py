from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "jobcenter.retention"
    verbose_name = _("Aufbewahrung und Löschung")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from jobcenter.retention.models import RetentionRule
        from jobcenter.retention.selectors import rules_cache_clear

        post_save.connect(
            rules_cache_clear, sender=RetentionRule, dispatch_uid="retention.rules_cache_clear.save"
        )
        post_delete.connect(
            rules_cache_clear,
            sender=RetentionRule,
            dispatch_uid="retention.rules_cache_clear.delete",
        )
