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
