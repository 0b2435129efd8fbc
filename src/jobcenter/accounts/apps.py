from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jobcenter.accounts"
    verbose_name = _("Konten und Anmeldung")

    def ready(self) -> None:
        # Imported here, not at the top: the receivers import models, which exist only once the
        # apps are loaded.
        from jobcenter.accounts import (
            logfilters,
            receivers,  # noqa: F401  (connects the receivers)
        )

        logfilters.install()  # no secret of a link in any log line
