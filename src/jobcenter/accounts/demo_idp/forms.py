from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.accounts.demo_idp.identities import DEMO_IDENTITIES


class DemoLoginForm(forms.Form):
    identity = forms.ChoiceField(
        label=_("Mit welcher Demo-Person möchten Sie sich anmelden?"),
        choices=[(key, person["label"]) for key, person in DEMO_IDENTITIES.items()],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Demo-Person aus.")},
    )
