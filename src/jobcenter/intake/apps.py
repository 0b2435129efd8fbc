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

        # "Antrag gesichert" opens the full Erstantrag as a draft linked to it (issue 5).
        from jobcenter.intake.erstantrag import open_full_application
        from jobcenter.intake.services import register_submission_hook

        register_submission_hook(open_full_application)

        # The two forms of this issue appear on every Jobcenter's start page.
        from jobcenter.portal.registry import CitizenService, register

        register(CitizenService(
            key="erstantrag", title=_("Bürgergeld beantragen"),
            description=_("Zum ersten Mal oder nach einer Pause. Ihr Antragsdatum sichern Sie "
                          "sofort mit einer kurzen Seite."),
            url_name="portal:erstantrag_start", position=5,
        ))
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
