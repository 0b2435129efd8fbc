from django.urls import path

from jobcenter.accounts.saml import views

# Included into the accounts URLs under /konto/bundid/ (names in the "accounts" namespace).
urlpatterns = [
    path("anmelden/", views.login, name="saml_login"),
    path("antwort/", views.acs, name="saml_acs"),
    path("fertig/", views.finish, name="saml_finish"),
    path("metadaten/", views.metadata, name="saml_metadata"),
]
