from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.core.dates import ThreeBoxDateField


class FindSubmissionForm(forms.Form):
    """ "Unterlagen nachreichen" without an account: reference number and birth date."""

    eingangsnummer = forms.CharField(
        label=_("Eingangsnummer"),
        help_text=_("Sie steht in der Eingangsbestätigung, zum Beispiel MK-2026-000123-4."),
        max_length=24,
        error_messages={"required": _("Bitte geben Sie die Eingangsnummer an.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    geburtsdatum = ThreeBoxDateField(
        label=_("Geburtsdatum der antragstellenden Person"),
        help_text=_("Zum Beispiel: 27 3 1980"),
        messages={
            "required": _("Bitte geben Sie das Geburtsdatum an."),
            "incomplete": _("Bitte geben Sie Tag, Monat und Jahr des Geburtsdatums an."),
            "invalid": _(
                "Bitte geben Sie ein gültiges Geburtsdatum an: Tag, Monat und Jahr, zum "
                "Beispiel 27 3 1980."
            ),
        },
    )

    @property
    def geburtsdatum_parts(self) -> list[dict]:
        return self.fields["geburtsdatum"].parts(self["geburtsdatum"])

    def clean_eingangsnummer(self):
        return self.cleaned_data["eingangsnummer"].strip().upper()
