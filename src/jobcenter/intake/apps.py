from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "jobcenter.intake"
    verbose_name = _("Eingang")

    def ready(self) -> None:
        # Drafts started before signing in belong to the account afterwards.
        from jobcenter.accounts.service import register_login_hook
        from jobcenter.intake.services import drafts_claim_on_login

        register_login_hook(drafts_claim_on_login)

        # The two forms of this issue appear on every Jobcenter's start page.
        from jobcenter.portal.registry import CitizenService, register

        register(CitizenService(
            key="wba", title=_("Weiterbewilligungsantrag stellen"),
            description=_("Sie bekommen schon Bürgergeld und möchten es weiter bekommen."),
            url_name="portal:wba_start", position=10,
        ))
        register(CitizenService(
            key="aenderung", title=_("Änderung mitteilen"),
            description=_("Zum Beispiel neue Arbeit, Umzug, Nachwuchs oder ein neues Konto."),
            url_name="portal:aenderung_start", position=20,
        ))
