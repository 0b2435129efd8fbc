from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "jobcenter.portal"
    verbose_name = _("Bürgerportal")

    def ready(self) -> None:
        from jobcenter.accounts.service import register_expired_post_keeper
        from jobcenter.portal.wizard import keep_after_timeout

        # A wizard page sent after the login timed out: what was typed waits in the draft.
        register_expired_post_keeper("portal:wizard_page", keep_after_timeout)
