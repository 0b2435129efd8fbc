from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.tenants.models import postcode_validator


class PostcodeForm(forms.Form):
    plz = forms.CharField(
        label=_("Ihre Postleitzahl"),
        help_text=_("Fünf Ziffern, zum Beispiel 00100."),
        max_length=5,
        validators=[postcode_validator],
        error_messages={"required": _("Bitte geben Sie Ihre Postleitzahl an.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )


class ResumeLinkForm(forms.Form):
    """ "Link zum Weitermachen per E-Mail schicken": only the address the link goes to."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        help_text=_("An diese Adresse schicken wir den Link. Wir speichern sie nicht."),
        max_length=254,
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse ein."),
            "invalid": _("Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein."),
            "max_length": _("Die E-Mail-Adresse darf höchstens 254 Zeichen lang sein."),
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
