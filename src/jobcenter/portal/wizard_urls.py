"""URLs of the form wizard; included under /<jobcenter>/ in the portal namespace.

The two services also get a name of their own (``wba_start``, ``aenderung_start``), because the
start page reverses a service's URL with the Jobcenter's slug only.
"""

from django.urls import path

from jobcenter.portal import wizard

urlpatterns = [
    path("weiterbewilligung/", wizard.start, {"form": "weiterbewilligung"}, name="wba_start"),
    path("veraenderung/", wizard.start, {"form": "veraenderung"}, name="aenderung_start"),
    path("<slug:form>/", wizard.start, name="wizard_start"),
    path("<slug:form>/pruefen/", wizard.check, name="wizard_check"),
    path("<slug:form>/verwerfen/", wizard.discard, name="wizard_discard"),
    path("<slug:form>/uebersicht/", wizard.overview, name="wizard_overview"),
    path("<slug:form>/<slug:page>/", wizard.page, name="wizard_page"),
]
