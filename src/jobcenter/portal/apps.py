from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobcenter.core.citizen_services import MORE, CitizenService, register


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
    # Imported here, not at the top: portal.citizens imports models, which exist only once the
    # apps are loaded.
    from jobcenter.forms import service as forms
    from jobcenter.portal.citizens import MORE_SERVICES, SLUG_OF

    for position, key in enumerate(MORE_SERVICES, start=40):
        definition = forms.latest(key)
        register(
            CitizenService(
                key=key,
                title=definition.title,
                description=definition.description,
                url_name="portal:wizard_start",
                url_kwargs=(("form", SLUG_OF[key]),),
                position=position,
                group=MORE,
            )
        )
