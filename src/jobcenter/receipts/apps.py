from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceiptsConfig(AppConfig):
    name = "jobcenter.receipts"
    verbose_name = _("Eingangsbestätigungen")
