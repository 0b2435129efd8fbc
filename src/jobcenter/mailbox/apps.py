from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobcenter.casework import signals as casework


class MailboxConfig(AppConfig):
    name = "jobcenter.mailbox"
    verbose_name = _("Postfach")

    def ready(self) -> None:
        # Imported here, not at the top: the receivers import models, which exist only once the
        # apps are loaded.
        from jobcenter.mailbox import receivers

        # The case page: the messages of the case, the decisions sent and the forms to send more.
        casework.case_panels_wanted.connect(receivers.case_panel, dispatch_uid="mailbox.panel")
