"""Forms of the account pages. Every error message says what to do next."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from jobcenter.accounts.language import language_of
from jobcenter.accounts.models import Kind, User
from jobcenter.core.mail import email_queue

EMAIL_ERRORS = {
    "required": _("Bitte geben Sie Ihre E-Mail-Adresse ein."),
    "invalid": _("Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein."),
}
PASSWORD_HINT = _(
    "Mindestens 12 Zeichen. Am sichersten ist ein Satz aus mehreren Wörtern, den Sie nirgends "
    "sonst verwenden."
)


EMAIL_LABEL = _("E-Mail-Adresse")
PASSWORD_LABEL = _("Passwort")


def _email_field(label=EMAIL_LABEL, **kwargs):
    return forms.EmailField(
        label=label,
        max_length=254,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        **kwargs,
    )


def _password_field(label=PASSWORD_LABEL, autocomplete="current-password", **kwargs):
    return forms.CharField(
        label=label,
        strip=False,
        error_messages={"required": _("Bitte geben Sie Ihr Passwort ein.")},
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        **kwargs,
    )


class RegisterForm(forms.Form):
    email = _email_field()
    password = _password_field(
        label=_("Passwort wählen"), autocomplete="new-password", help_text=PASSWORD_HINT
    )
    password_repeat = _password_field(label=_("Passwort wiederholen"), autocomplete="new-password")

    def clean(self):
        data = super().clean()
        password, repeat = data.get("password"), data.get("password_repeat")
        if password and repeat and password != repeat:
            self.add_error(
                "password_repeat",
                _(
                    "Die beiden Passwörter stimmen nicht überein. Bitte geben Sie das Passwort "
                    "noch einmal gleich ein."
                ),
            )
        if password:
            try:
                password_validation.validate_password(
                    password, User(email=data.get("email", ""), kind=Kind.CITIZEN)
                )
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class LoginForm(forms.Form):
    email = _email_field()
    password = _password_field()


class StaffLoginForm(forms.Form):
    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        error_messages={"required": _("Bitte geben Sie Ihren Benutzernamen ein.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
    password = _password_field()


class OtpForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Sicherheitscode"),
        max_length=20,
        help_text=_(
            "Der sechsstellige Code aus Ihrer Authenticator-App – oder einer Ihrer "
            "Wiederherstellungscodes."
        ),
        error_messages={"required": _("Bitte geben Sie den Sicherheitscode ein.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
    )


class EnrolForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Sechsstelliger Code aus der App"),
        max_length=10,
        error_messages={"required": _("Bitte geben Sie den Code aus Ihrer App ein.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class ReauthForm(forms.Form):
    password = _password_field(label=_("Ihr Passwort"))


class EmailChangeForm(forms.Form):
    new_email = _email_field(label=_("Neue E-Mail-Adresse"))


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, ich möchte mein Konto endgültig löschen."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten.")},
    )


class CitizenPasswordResetForm(PasswordResetForm):
    """Django's reset form, limited to citizen accounts (staff passwords are reset by admins)."""

    email = _email_field()

    def get_users(self, email):
        for user in super().get_users(email):
            if user.kind == Kind.CITIZEN:
                yield user

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Through the durable outbox (core/mail.py), not straight to SMTP: a mail server that
        is down delays the link instead of losing it."""
        from django.core.mail import EmailMessage
        from django.template import loader
        from django.utils import translation

        # The outbox keeps the finished text: write it in the account holder's language.
        language = language_of(context.get("user"), fallback=translation.get_language())
        with translation.override(language):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        email_queue(
            EmailMessage(subject, body, from_email, [to_email]), purpose="accounts:password_reset"
        )


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Neues Passwort")
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password2"].label = _("Neues Passwort wiederholen")
        self.error_messages["password_mismatch"] = _(
            "Die beiden Passwörter stimmen nicht überein. Bitte geben Sie das Passwort noch "
            "einmal gleich ein."
        )
