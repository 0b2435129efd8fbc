from django.urls import path

from jobcenter.backoffice import cases, views, work

app_name = "backoffice"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("anmelden/", views.login, name="login"),
    path("anmelden/code/", views.login_code, name="login_code"),
    path("anmelden/einrichten/", views.enrol, name="enrol"),
    path("abmelden/", views.logout_view, name="logout"),
    path("konto/wiederherstellungscodes/", views.recovery_codes, name="recovery_codes"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    # --- casework ---
    path("arbeitsvorrat/", work.queue, name="queue"),
    path("posteingang/", cases.inbox, name="inbox"),
    path("posteingang/sammelaktion/", cases.inbox_bulk, name="inbox_bulk"),
    path("papierantrag/", cases.paper_intake, name="paper_intake"),
    path("protokoll/", cases.audit_log, name="audit_log"),
    path("kunden/", cases.customer_search, name="customer_search"),
    path("kunden/<uuid:public_id>/", cases.customer_detail, name="customer_detail"),
    path("kunden/<uuid:public_id>/schutz/", cases.customer_protect, name="customer_protect"),
    path("bg/<uuid:public_id>/mitglied/", cases.household_member_add, name="household_member_add"),
    path(
        "anforderungen/<uuid:public_id>/zuruecknehmen/", cases.request_cancel, name="request_cancel"
    ),
    path("anforderungen/<uuid:public_id>/brief/", work.request_letter, name="request_letter"),
    path("vorgaenge/<uuid:public_id>/", cases.case_detail, name="case_detail"),
    path("vorgaenge/<uuid:public_id>/status/", cases.case_state, name="case_state"),
    path("vorgaenge/<uuid:public_id>/zuweisen/", cases.case_assign, name="case_assign"),
    path("vorgaenge/<uuid:public_id>/uebernehmen/", cases.case_take, name="case_take"),
    path("vorgaenge/<uuid:public_id>/notiz/", cases.case_note, name="case_note"),
    path("vorgaenge/<uuid:public_id>/nachricht/", cases.case_message, name="case_message"),
    path("vorgaenge/<uuid:public_id>/schutz/", cases.case_protect, name="case_protect"),
    path("vorgaenge/<uuid:public_id>/unterlagen/", cases.case_request, name="case_request"),
    path("vorgaenge/<uuid:public_id>/weiterleiten/", cases.case_forward, name="case_forward"),
    path("vorgaenge/<uuid:public_id>/zurueckziehen/", cases.case_withdraw, name="case_withdraw"),
    path("vorgaenge/<uuid:public_id>/wiederaufnehmen/", cases.case_reopen, name="case_reopen"),
    path("vorgaenge/<uuid:public_id>/zuordnen/", cases.case_match, name="case_match"),
]
