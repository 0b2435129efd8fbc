from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.mailbox.models import Topic


class WriteForm(forms.Form):
    thema = forms.ChoiceField(
        label=_("Worum geht es?"),
        choices=Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie ein Thema.")},
    )
    antrag = forms.ChoiceField(label=_("Zu welchem Antrag? (freiwillig)"), required=False)
    betreff = forms.CharField(label=_("Betreff"), max_length=200, required=False)
    nachricht = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Bitte schreiben Sie eine Nachricht.")},
    )

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = {str(c.public_id): c for c in cases}
        self.fields["antrag"].choices = [("", _("Kein bestimmter Antrag"))] + [
            (str(c.public_id), f"{c.reference} ({c.received_at:%d.%m.%Y})") for c in cases
        ]

    def clean_antrag(self):
        value = self.cleaned_data.get("antrag") or ""
        return self.cases.get(value)


class DecisionForm(forms.Form):
    bezeichnung = forms.CharField(label="Bezeichnung", max_length=200)
    datei = forms.FileField(label="Bescheid oder Schreiben (PDF)")
