from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobcenter.casework.signals import hidden_cases_wanted
from jobcenter.intake.signals import draft_days_wanted


class RetentionConfig(AppConfig):
    name = "jobcenter.retention"
    verbose_name = _("Aufbewahrung und Löschung")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        # Imported here, not at the top: these modules import models, which exist only once the
        # apps are loaded.
        from jobcenter.retention import receivers
        from jobcenter.retention.models import RetentionRule
        from jobcenter.retention.selectors import rules_cache_clear

        hidden_cases_wanted.connect(receivers.hidden_cases, dispatch_uid="retention.hidden_cases")
        draft_days_wanted.connect(receivers.draft_days, dispatch_uid="retention.draft_days")

        post_save.connect(
            rules_cache_clear, sender=RetentionRule, dispatch_uid="retention.rules_cache_clear.save"
        )
        post_delete.connect(
            rules_cache_clear,
            sender=RetentionRule,
            dispatch_uid="retention.rules_cache_clear.delete",
        )
