"""Forms of the back-office casework pages (inbox filters, bulk actions, case actions)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.accounts.models import Team
from jobcenter.audit.models import AuditEntry
from jobcenter.casework.models import Case, HouseholdMember
from jobcenter.casework.selectors import Probe
from jobcenter.casework.services import PROTECTION_REASONS
from jobcenter.forms import numbers
from jobcenter.forms import selectors as form_engine
from jobcenter.tenants.models import Jobcenter

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def form_choices():
    seen, choices = set(), []
    for definition in form_engine.all_definitions():
        if definition.key not in seen:
            seen.add(definition.key)
            choices.append((definition.key, str(definition.title)))
    return choices


class NumberField(forms.CharField):
    """A BG-Nummer or Kundennummer, optional: every spelling the citizen's form accepts
    (spaces, slashes, lower case), cleaned to the canonical one (jobcenter.forms.numbers)."""

    parse = staticmethod(lambda raw: None)

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 60)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        parsed = self.parse(value)
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class KundennummerField(NumberField):
    parse = staticmethod(numbers.kundennummer)
    default_error_messages = {"invalid": _("Zehn Zeichen, z. B. 123D456789.")}

    def __init__(self, **kwargs):
        super().__init__(label=_("Kundennummer"), **kwargs)


class BgNummerField(NumberField):
    parse = staticmethod(numbers.bg_nummer)
    default_error_messages = {"invalid": _("Zum Beispiel 12345BG0012345.")}

    def __init__(self, **kwargs):
        super().__init__(label=_("BG-Nummer"), **kwargs)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class TeamChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class InboxFilterForm(forms.Form):
    hide_optional = True  # every filter is optional; saying so on each would be noise
    q = forms.CharField(
        label=_("Suche"),
        required=False,
        max_length=100,
        help_text=_("Eingangsnummer, Name, Geburtsdatum (TT.MM.JJJJ), BG-Nummer oder Kundennummer"),
    )
    state = forms.ChoiceField(label=_("Status"), required=False)
    form = forms.ChoiceField(label=_("Formular"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    assignee = forms.ChoiceField(label=_("Bearbeitung"), required=False)
    channel = forms.ChoiceField(
        label=_("Eingangsweg"),
        required=False,
        choices=[("", _("alle")), ("online", _("Online")), ("paper", _("Papier"))],
    )
    age = forms.ChoiceField(
        label=_("Alter"),
        required=False,
        choices=[
            ("", _("alle")),
            ("1", _("älter als 1 Tag")),
            ("7", _("älter als 7 Tage")),
            ("14", _("älter als 14 Tage")),
            ("30", _("älter als 30 Tage")),
        ],
    )
    customer = forms.ChoiceField(
        label=_("Kundschaft"),
        required=False,
        choices=[("", _("alle")), ("new", _("neu (nicht zugeordnet)")), ("known", _("bekannt"))],
    )
    overdue = forms.ChoiceField(
        label=_("Frist für Unterlagen"),
        required=False,
        choices=[("", _("alle")), ("1", _("abgelaufen"))],
    )
    dringend = forms.ChoiceField(
        label=_("Hinweise"),
        required=False,
        choices=[("", _("alle")), ("1", _("nur dringende"))],
        help_text=_("Räumung oder Sperre steht bevor, oder eine Abwesenheit hat schon begonnen"),
    )
    sort = forms.ChoiceField(
        label=_("Sortierung"),
        required=False,
        choices=[
            ("neu", _("Neueste zuerst")),
            ("alt", _("Älteste zuerst")),
            ("name", _("Nach Name")),
        ],
    )

    def __init__(self, *args, jobcenter, teams, staff, **kwargs):
        super().__init__(*args, **kwargs)
        # Open cases first: the default; closed ones only when asked for ("alle").
        self.fields["state"].choices = [
            ("offen", _("alle offenen")),
            ("alle", _("alle, auch abgeschlossene")),
            *Case.State.choices,
        ]
        self.fields["form"].choices = [("", _("alle")), *form_choices()]
        self.fields["team"].choices = [
            ("", _("alle")),
            ("none", _("ohne Team")),
            *[(str(t.pk), t.name) for t in teams],
        ]
        self.fields["assignee"].choices = [
            ("", _("alle")),
            ("me", _("mir zugewiesen")),
            ("none", _("niemandem zugewiesen")),
            *[(str(u.pk), u.get_full_name() or u.username) for u in staff],
        ]


class BulkForm(forms.Form):
    hide_optional = True
    cases = forms.CharField(required=False)  # read from getlist in the view
    state = forms.ChoiceField(label=_("Status setzen"), required=False)
    assignee = forms.ChoiceField(label=_("Zuweisen an"), required=False)
    team = forms.ChoiceField(label=_("Team setzen"), required=False)

    def __init__(self, *args, teams, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            ("", _("– unverändert –")),
            *[
                (v, label)
                for v, label in Case.State.choices
                # Forwarding, requests and withdrawal each need their own form (target, items,
                # reason), so they are not bulk actions.
                if v
                not in (
                    Case.State.WEITERGELEITET,
                    Case.State.UNTERLAGEN_ANGEFORDERT,
                    Case.State.ZURUECKGEZOGEN,
                )
            ],
        ]
        self.fields["assignee"].choices = [
            ("", _("– unverändert –")),
            ("none", _("niemand")),
            *[(str(u.pk), u.get_full_name() or u.username) for u in staff],
        ]
        self.fields["team"].choices = [
            ("", _("– unverändert –")),
            ("none", _("kein Team")),
            *[(str(t.pk), t.name) for t in teams],
        ]


class AssignForm(forms.Form):
    hide_optional = True
    assignee = StaffChoiceField(
        label=_("Bearbeitung"), queryset=None, required=False, empty_label=_("niemand")
    )
    team = TeamChoiceField(
        label=_("Team"), queryset=None, required=False, empty_label=_("kein Team")
    )

    def __init__(self, *args, jobcenter, staff, **kwargs):
        """``staff``: the people the case may be given to (selectors.assignable_staff)."""
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(pk__in=[user.pk for user in staff])
            .order_by("last_name", "first_name", "username")
        )
        self.fields["team"].queryset = Team.objects.filter(jobcenter=jobcenter)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Neue Notiz"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=200)
    body = forms.CharField(
        label=_("Nachricht"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class DocumentRequestForm(forms.Form):
    documents = forms.MultipleChoiceField(
        label=_("Fehlende Unterlagen"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Bitte wählen Sie mindestens eine Unterlage aus.")},
    )
    other = forms.CharField(label=_("Weitere Unterlage (frei)"), required=False, max_length=200)
    deadline = forms.DateField(
        label=_("Frist"),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": _("Bitte geben Sie ein Datum ein.")},
    )
    message = forms.CharField(
        label=_("Nachricht an die Person"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, checklist, **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        self.fields["documents"].choices = [(key, label) for key, label, _r in checklist]
        # A free entry alone is enough.
        self.fields["documents"].required = False

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(_("Die Frist muss in der Zukunft liegen."))
        return deadline

    def clean(self):
        data = super().clean()
        if not data.get("documents") and not (data.get("other") or "").strip():
            self.add_error("documents", _("Bitte wählen Sie mindestens eine Unterlage aus."))
        return data

    def items(self):
        chosen = set(self.cleaned_data.get("documents") or [])
        items = [(key, label, reasons) for key, label, reasons in self.checklist if key in chosen]
        other = (self.cleaned_data.get("other") or "").strip()
        if other:
            items.append(("sonstiges", other, ""))
        return items


class ForwardForm(forms.Form):
    jobcenter = forms.ModelChoiceField(label=_("An das Jobcenter"), queryset=None, empty_label=None)
    reason = forms.CharField(
        label=_("Grund"),
        max_length=300,
        help_text=_("Zum Beispiel: Wohnort liegt im Bezirk des anderen Jobcenters (§ 36 SGB II)."),
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jobcenter"].queryset = Jobcenter.objects.exclude(pk=current.pk).order_by(
            "name"
        )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Zum Beispiel: Die Person hat am Telefon erklärt, dass sie den Antrag zurückzieht."
        ),
        error_messages={"required": _("Bitte geben Sie den Grund an.")},
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel: Versehentlich zurückgezogen."),
        error_messages={"required": _("Bitte geben Sie den Grund an.")},
    )


class CustomerForm(forms.Form):
    first_name = forms.CharField(label=_("Vorname"), max_length=100)
    last_name = forms.CharField(label=_("Nachname"), max_length=100)
    birth_date = forms.DateField(
        label=_("Geburtsdatum"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    street = forms.CharField(label=_("Straße und Hausnummer"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postleitzahl"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Fünf Ziffern, z. B. 00123.")},
    )
    city = forms.CharField(label=_("Ort"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=50, required=False)
    kundennummer = KundennummerField()
    bg_nummer = BgNummerField()


class CustomerSearchForm(forms.Form):
    """The manual customer search on the matching page (GET, so the result can be reloaded)."""

    hide_optional = True
    prefix = "suche"
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_(
            "Nachname, oder Vor- und Nachname. Ähnlich klingende "
            "Schreibweisen werden auch gefunden."
        ),
    )
    birth_date = forms.DateField(
        label=_("Geburtsdatum"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    kundennummer = KundennummerField()
    bg_nummer = BgNummerField()
    street = forms.CharField(
        label=_("Straße und Hausnummer"),
        required=False,
        max_length=200,
        help_text=_("Zum Beispiel „Lindenstr. 5“. Ohne Hausnummer: alle in der Straße."),
    )
    postcode = forms.RegexField(
        label=_("Postleitzahl"),
        required=False,
        regex=r"^\d{5}$",
        error_messages={"invalid": _("Bitte geben Sie fünf Ziffern ein.")},
    )

    KINDS = ("name", "birth_date", "kundennummer", "bg_nummer", "street", "postcode")

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(k) for k in self.KINDS):
            raise forms.ValidationError(
                _(
                    "Bitte geben Sie einen Namen, ein Geburtsdatum, eine Kundennummer, "
                    "eine BG-Nummer oder eine Adresse ein."
                )
            )
        return data

    def probe(self):
        data = self.cleaned_data
        name = " ".join(data.get("name", "").split())
        if "," in name:  # "Meyer, Emil"
            last, first = (part.strip() for part in name.split(",", 1))
        else:
            first, _space, last = name.rpartition(" ")
        return Probe(
            first_name=first,
            last_name=last,
            birth_date=data.get("birth_date"),
            kundennummer=data.get("kundennummer", ""),
            bg_nummer=data.get("bg_nummer", ""),
            postcode=data.get("postcode", ""),
            street=" ".join(data.get("street", "").split()),
        )

    def kinds(self) -> str:
        """What was searched by (for the audit log, never the values)."""
        return ", ".join(k for k in self.KINDS if self.cleaned_data.get(k))


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"))
    kundennummer = KundennummerField(
        help_text=_("Wenn die Person schon Kundin/Kunde ist; sonst Name und Geburtsdatum.")
    )
    first_name = forms.CharField(label=_("Vorname"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Nachname"), max_length=100, required=False)
    birth_date = forms.DateField(
        label=_("Geburtsdatum"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (v, label)
            for v, label in HouseholdMember.Role.choices
            if v != HouseholdMember.Role.ANTRAGSTELLER
        ]


class PaperForm(forms.Form):
    form_key = forms.ChoiceField(label=_("Formular"))
    received_on = forms.DateField(
        label=_("Eingangsdatum (Stempel)"),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": _("Bitte geben Sie ein Datum ein.")},
    )
    kundennummer = KundennummerField(
        help_text=_("Wenn bekannt: der Antrag wird dieser Person zugeordnet.")
    )
    first_name = forms.CharField(label=_("Vorname"), max_length=100)
    last_name = forms.CharField(label=_("Nachname"), max_length=100)
    birth_date = forms.DateField(
        label=_("Geburtsdatum"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    bg_nummer = BgNummerField()
    street = forms.CharField(label=_("Straße und Hausnummer"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postleitzahl"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Fünf Ziffern, z. B. 00123.")},
    )
    city = forms.CharField(label=_("Ort"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_key"].choices = form_choices()
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Das Eingangsdatum darf nicht in der Zukunft liegen."))
        if value < timezone.localdate() - dt.timedelta(days=366):
            raise forms.ValidationError(_("Das Eingangsdatum liegt mehr als ein Jahr zurück."))
        return value


class ProtectCustomerForm(forms.Form):
    """Flag a customer under § 35 SGB I (employee of the Jobcenter or a relative of one)."""

    reason = forms.ChoiceField(label=_("Die Person ist"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Bitte wählen")), *PROTECTION_REASONS.items()]


class UnprotectCustomerForm(forms.Form):
    comment = forms.CharField(
        label=_("Grund der Aufhebung"),
        max_length=300,
        help_text=_("Zum Beispiel: Beschäftigung beendet."),
    )


class AuditFilterForm(forms.Form):
    """The filters of the audit log (a GET form; every filter optional)."""

    hide_optional = True
    objekt = forms.CharField(
        label=_("Objekt"),
        required=False,
        max_length=64,
        help_text=_("Eingangsnummer eines Vorgangs oder Kennung"),
    )
    person = forms.ChoiceField(label=_("Mitarbeiterin/Mitarbeiter"), required=False)
    aktion = forms.ChoiceField(label=_("Aktion"), required=False)
    von = forms.DateField(
        label=_("Von (Tag)"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": _("Bitte geben Sie ein Datum ein.")},
    )
    bis = forms.DateField(
        label=_("Bis (Tag)"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": _("Bitte geben Sie ein Datum ein.")},
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [
            ("", _("alle")),
            *[(str(u.pk), u.get_full_name() or u.username) for u in staff],
        ]
        self.fields["aktion"].choices = [("", _("alle")), *AuditEntry.Action.choices]

    def clean(self):
        data = super().clean()
        if data.get("von") and data.get("bis") and data["von"] > data["bis"]:
            self.add_error("bis", _("„Bis“ darf nicht vor „Von“ liegen."))
        return data
