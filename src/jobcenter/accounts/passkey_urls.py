"""The passkey addresses, added to /konto/ (``citizen_patterns``) and /backoffice/mein-konto/
(``staff_patterns``)."""

from django.urls import path

from jobcenter.accounts import passkey_views as views

citizen_patterns = [
    path("passkeys/", views.manage, name="passkeys"),
    path("passkeys/optionen/", views.register_options, name="passkey_options"),
    path("passkeys/neu/", views.register, name="passkey_register"),
    path("passkeys/codes/", views.codes, name="passkey_codes"),
    path("passkeys/<int:pk>/umbenennen/", views.rename, name="passkey_rename"),
    path("passkeys/<int:pk>/entfernen/", views.remove, name="passkey_remove"),
    path("passkeys/bestaetigen/optionen/", views.confirm_options, name="passkey_confirm_options"),
    path("passkeys/bestaetigen/", views.confirm, name="passkey_confirm"),
    path("anmelden/passkey/optionen/", views.login_options, name="passkey_login_options"),
    path("anmelden/passkey/", views.login, name="passkey_login"),
    path(
        "anmelden/code/passkey/optionen/",
        views.citizen_second_factor_options,
        name="passkey_second_factor_options",
    ),
    path("anmelden/code/passkey/", views.citizen_second_factor, name="passkey_second_factor"),
]

staff_patterns = [
    path("passkeys/", views.staff_manage, name="passkeys"),
    path("passkeys/optionen/", views.staff_register_options, name="passkey_options"),
    path("passkeys/neu/", views.staff_register, name="passkey_register"),
    path("passkeys/<int:pk>/umbenennen/", views.staff_rename, name="passkey_rename"),
    path("passkeys/<int:pk>/entfernen/", views.staff_remove, name="passkey_remove"),
    path(
        "anmeldung/passkey/optionen/",
        views.staff_second_factor_options,
        name="passkey_second_factor_options",
    ),
    path("anmeldung/passkey/", views.staff_second_factor, name="passkey_second_factor"),
]
