"""Citizen pages under /<jobcenter>/postfach/… and staff actions under /backoffice/postfach/….
Included before the portal and the back office (their catch-alls)."""

from django.urls import path

from jobcenter.mailbox import views

app_name = "mailbox"

urlpatterns = [
    path("backoffice/postfach/", views.staff_inbox, name="staff_inbox"),
    path("backoffice/postfach/zur-post/", views.staff_post_list, name="staff_post_list"),
    path(
        "backoffice/postfach/anliegen/<uuid:public_id>/antworten/",
        views.staff_reply,
        name="staff_reply",
    ),
    path(
        "backoffice/postfach/vorgang/<uuid:public_id>/bescheid/",
        views.staff_decision_send,
        name="staff_decision_send",
    ),
    path(
        "backoffice/postfach/vorgang/<uuid:public_id>/entscheidung/",
        views.staff_decision_quick,
        name="staff_decision_quick",
    ),
    path(
        "backoffice/postfach/bescheid/<uuid:public_id>/per-post-versandt/",
        views.staff_decision_posted,
        name="staff_decision_posted",
    ),
    path(
        "backoffice/postfach/bescheid/<uuid:public_id>/datei/",
        views.staff_decision_pdf,
        name="staff_decision_pdf",
    ),
    # Consent is the account's (every Jobcenter): under /konto/ beside the other settings.
    path("konto/elektronische-bescheide/", views.consent, name="consent"),
    path("<slug:jobcenter>/postfach/schreiben/", views.write, name="write"),
    path("<slug:jobcenter>/postfach/anliegen/<uuid:public_id>/", views.thread, name="thread"),
    path("<slug:jobcenter>/postfach/bescheid/<uuid:public_id>/", views.decision, name="decision"),
    path(
        "<slug:jobcenter>/postfach/bescheid/<uuid:public_id>/bescheid.pdf",
        views.decision_pdf,
        name="decision_pdf",
    ),
]
