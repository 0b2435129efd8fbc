from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobcenter.accounts.signals import logged_in
from jobcenter.core.citizen_services import APPLY, CitizenService, register
from jobcenter.intake.signals import submission_created


class IntakeConfig(AppConfig):
    name = "jobcenter.intake"
    verbose_name = _("Eingang")

    def ready(self) -> None:
        # Imported here, not at the top: the receivers import models, which exist only once the
        # apps are loaded.
        from jobcenter.intake import receivers

        logged_in.connect(receivers.claim_drafts, dispatch_uid="intake.claim_drafts")
        submission_created.connect(
            receivers.open_full_erstantrag, dispatch_uid="intake.open_full_erstantrag"
        )

        # The three forms appear on every Jobcenter's start page.

        register(
            CitizenService(
                key="erstantrag",
                title=_("Bürgergeld beantragen"),
                description=_(
                    "Zum ersten Mal oder nach einer Pause. Ihr Antragsdatum sichern Sie "
                    "sofort mit einer kurzen Seite."
                ),
                url_name="portal:erstantrag_start",
                position=5,
                group=APPLY,
            )
        )
        register(
            CitizenService(
                key="wba",
                title=_("Weiterbewilligungsantrag stellen"),
                description=_("Sie bekommen schon Bürgergeld und möchten es weiter bekommen."),
                url_name="portal:wba_start",
                position=10,
            )
        )
        register(
            CitizenService(
                key="aenderung",
                title=_("Änderung mitteilen"),
                description=_("Zum Beispiel neue Arbeit, Umzug, Nachwuchs oder ein neues Konto."),
                url_name="portal:aenderung_start",
                position=20,
            )
        )
