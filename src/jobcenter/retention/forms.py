from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.retention.models import LegalHold


class HoldForm(forms.Form):
    """The reason of a legal hold; releasing one posts ``release=1`` and takes no field."""

    reason = forms.ChoiceField(
        label=_("Grund"),
        choices=LegalHold.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Bitte einen Grund auswählen."),
            "invalid_choice": _("Bitte einen Grund auswählen."),
        },
    )


class ReleaseForm(forms.Form):
    """No field: releasing a hold, or anything posted while one is in place (the page then
    shows no reason); a service's refusal goes to its non-field errors."""
