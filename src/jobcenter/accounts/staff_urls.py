"""Staff self-service (included under /backoffice/mein-konto/ by ``urls.root_patterns``)."""

from django.urls import path

from jobcenter.accounts import passkey_urls, staff_views

app_name = "staff_account"

urlpatterns = [
    path("", staff_views.overview, name="overview"),
    path("passwort/", staff_views.password_change, name="password_change"),
    path("authenticator/", staff_views.authenticator_replace, name="authenticator_replace"),
    path(
        "wiederherstellungscodes/neu/",
        staff_views.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
    path("wiederherstellungscodes/", staff_views.recovery_codes, name="recovery_codes"),
    *passkey_urls.staff_patterns,
]
