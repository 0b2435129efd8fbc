from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandoverConfig(AppConfig):
    name = "jobcenter.handover"
    verbose_name = _("Übergabe")

    def ready(self) -> None:
        from jobcenter.casework.service import register_case_panel, register_transition_hook
        from jobcenter.documents.services import register_ready_hook
        from jobcenter.handover import panel, services

        register_case_panel(panel.case_panel)
        register_transition_hook(services.on_case_transition)
        register_ready_hook(services.on_upload_ready)
