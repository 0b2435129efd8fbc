from django.conf import settings
from django.urls import include, path

from jobcenter.accounts import oidc, passkey_urls, views

app_name = "accounts"

urlpatterns = [
    path("registrieren/", views.register, name="register"),
    path("registrieren/gesendet/", views.register_done, name="register_done"),
    path("registrieren/neuer-link/", views.resend_verification, name="resend_verification"),
    path("bestaetigen/<str:token>/", views.verify, name="verify"),
    path("anmelden/", views.login, name="login"),
    path("anmelden/code/", views.login_code, name="login_code"),
    path("abmelden/", views.logout_view, name="logout"),
    path("", views.overview, name="overview"),
    path("bestaetigung/", views.reauthenticate, name="reauthenticate"),
    path("staerkere-anmeldung/", views.step_up, name="step_up"),
    path("passwort/", views.password_change, name="password_change"),
    path("email/", views.email_change, name="email_change"),
    path("email/bestaetigen/<str:token>/", views.email_confirm, name="email_confirm"),
    path("loeschen/", views.delete, name="delete"),
    path("zweiter-faktor/", views.second_factor_setup, name="second_factor_setup"),
    path("zweiter-faktor/entfernen/", views.second_factor_remove, name="second_factor_remove"),
    path("wiederherstellungscodes/", views.recovery_codes, name="recovery_codes"),
    path("wiederherstellungscodes/neu/", views.recovery_codes_renew, name="recovery_codes_renew"),
    path("sitzungen/andere-beenden/", views.sessions_end_others, name="sessions_end_others"),
    path("sitzungen/<int:pk>/beenden/", views.session_end, name="session_end"),
    path("sitzung/verlaengern/", views.session_extend, name="session_extend"),
    path("sitzung/status/", views.session_status, name="session_status"),
    path("passwort-vergessen/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("servicekonto/", oidc.StateAccountLoginView.as_view(), name="oidc_login"),
    path("servicekonto/zurueck/", oidc.StateAccountCallbackView.as_view(), name="oidc_callback"),
    *passkey_urls.citizen_patterns,
    path("bundid/", include("jobcenter.accounts.saml.urls")),
]


def root_patterns():
    """What config/urls.py includes: /konto/, the staff self-service under
    /backoffice/mein-konto/ and, in development and tests, the demo IdP."""
    patterns = [
        path("konto/", include("jobcenter.accounts.urls")),
        path("backoffice/mein-konto/", include("jobcenter.accounts.staff_urls")),
    ]
    if settings.DEMO_IDP_ENABLED:
        # Deferred: the demo IdP's models need oauth2_provider, which production does not install.
        from jobcenter.accounts.demo_idp import urls as idp_urls

        patterns += [
            path("demo-idp/", include(idp_urls)),
            path("demo-idp/", include(idp_urls.provider_patterns)),
        ]
    return patterns
