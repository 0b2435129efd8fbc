from django.urls import path

from jobcenter.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("anmelden/", views.login, name="login"),
    path("anmelden/code/", views.login_code, name="login_code"),
    path("anmelden/einrichten/", views.enrol, name="enrol"),
    path("abmelden/", views.logout_view, name="logout"),
    path("konto/wiederherstellungscodes/", views.recovery_codes, name="recovery_codes"),
    path("konto/wiederherstellungscodes/neu/", views.recovery_codes_renew,
         name="recovery_codes_renew"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
]
