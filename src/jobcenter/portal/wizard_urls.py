"""URLs of the form wizard; included under /<jobcenter>/ in the portal namespace.

The two services also get a name of their own (``wba_start``, ``aenderung_start``), because the
start page reverses a service's URL with the Jobcenter's slug only.
"""

from django.urls import path

from jobcenter.portal import mailbox, submissions, wizard

urlpatterns = [
    # After "Absenden"; fixed paths before the "<form>/" catch-alls below.
    path("antraege/", submissions.my_submissions, name="my_submissions"),
    path("antraege/<uuid:public_id>/", submissions.submission_detail, name="submission_detail"),
    path(
        "antraege/<uuid:public_id>/eingangsbestaetigung.pdf",
        submissions.submission_pdf,
        name="submission_pdf",
    ),
    path(
        "eingang/<uuid:public_id>/<str:token>/", submissions.submission_link, name="submission_link"
    ),
    path(
        "eingang/<uuid:public_id>/<str:token>/eingangsbestaetigung.pdf",
        submissions.submission_link_pdf,
        name="submission_link_pdf",
    ),
    path("buergergeld/", wizard.start, {"form": "buergergeld"}, name="erstantrag_start"),
    # Postfach: status, requests for documents, messages.
    path("postfach/", mailbox.mailbox, name="mailbox"),
    path("postfach/anforderung/<uuid:public_id>/", mailbox.request_detail, name="mailbox_request"),
    path("postfach/vorgang/<uuid:public_id>/antworten/", mailbox.reply, name="mailbox_reply"),
    path("weiterbewilligung/", wizard.start, {"form": "weiterbewilligung"}, name="wba_start"),
    path("veraenderung/", wizard.start, {"form": "veraenderung"}, name="aenderung_start"),
    path("<slug:form>/", wizard.start, name="wizard_start"),
    # "Link zum Weitermachen": fixed paths, before the "<form>/<page>/" catch-all.
    path("<slug:form>/link/", wizard.resume_link, name="wizard_resume_link"),
    path("<slug:form>/link/gesendet/", wizard.resume_sent, name="wizard_resume_sent"),
    path("<slug:form>/weitermachen/<str:token>/", wizard.resume, name="wizard_resume"),
    path("<slug:form>/pruefen/", wizard.check, name="wizard_check"),
    path("<slug:form>/verwerfen/", wizard.discard, name="wizard_discard"),
    path("<slug:form>/absenden/", submissions.submit, name="wizard_submit"),
    path("<slug:form>/uebersicht/", wizard.overview, name="wizard_overview"),
    path("<slug:form>/<slug:page>/", wizard.page, name="wizard_page"),
]
