from django import forms
from django.utils.translation import gettext_lazy as _


class FindSubmissionForm(forms.Form):
    """ "Unterlagen nachreichen" without an account: reference number and birth date."""

    eingangsnummer = forms.CharField(
        label=_("Eingangsnummer"),
        help_text=_("Sie steht in der Eingangsbestätigung, zum Beispiel MK-2026-000123-4."),
        max_length=24,
        error_messages={"required": _("Bitte geben Sie die Eingangsnummer an.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                      "autocapitalize": "characters"}),
    )
    geburtsdatum = forms.DateField(
        label=_("Geburtsdatum der antragstellenden Person"),
        help_text=_("Im Format TT.MM.JJJJ, zum Beispiel 27.03.1980."),
        input_formats=["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"],
        error_messages={"required": _("Bitte geben Sie das Geburtsdatum an."),
                        "invalid": _("Bitte geben Sie das Geburtsdatum im Format TT.MM.JJJJ an, "
                                     "zum Beispiel 27.03.1980.")},
        widget=forms.TextInput(attrs={"autocomplete": "bday", "inputmode": "numeric"}),
    )

    def clean_eingangsnummer(self):
        return self.cleaned_data["eingangsnummer"].strip().upper()
