from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobcenter.core.citizen_services import MORE, CitizenService, register

# Further services: a start-page card each, titled and described by the form definition, in
# this order (the general message last: for what none of the others covers).
MORE_SERVICES = (
    "ortsabwesenheit",
    "arbeitsunfaehigkeit",
    "einmalige_bedarfe",
    "darlehen_schulden",
    "umzug_zusicherung",
    "nachricht",
)


class PortalConfig(AppConfig):
    name = "jobcenter.portal"
    verbose_name = _("Bürgerportal")

    def ready(self) -> None:
        # Imported here, not at the top: the wizard imports models, which exist only once the apps
        # are loaded.
        from jobcenter.accounts.session import register_expired_post_keeper
        from jobcenter.portal.wizard import keep_after_timeout

        # A wizard page sent after the login timed out: what was typed waits in the draft.
        register_expired_post_keeper("portal:wizard_page", keep_after_timeout)

        _register_more_services()


def _register_more_services() -> None:
    """A start-page card for each further form, named and described by its definition."""
    # Imported here, not at the top: the form engine translates texts when it is imported,
    # which needs the apps registry to be ready.
    from jobcenter.forms import selectors as forms

    for position, key in enumerate(MORE_SERVICES, start=40):
        definition = forms.latest(key)
        register(
            CitizenService(
                key=key,
                title=definition.title,
                description=definition.description,
                url_name="portal:wizard_start",
                url_kwargs=(("form", forms.SLUG_OF[key]),),
                position=position,
                group=MORE,
            )
        )
