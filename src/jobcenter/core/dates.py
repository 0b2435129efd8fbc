"""One way to enter a date everywhere a citizen types one: three boxes (day, month, year), as
the wizard's date fields do (GOV.UK/KERN pattern: no format to guess, the number keyboard on a
phone, no date picker). ``ThreeBoxDateField`` brings that pattern to an ordinary Django form;
``includes/date_field.html`` renders it with the wizard's markup and ids (``f-<name>-tag``).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

PARTS = (("tag", _("Tag"), 2), ("monat", _("Monat"), 2), ("jahr", _("Jahr"), 4))


class ThreeBoxDateWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)
        self.widgets_names = [f"-{name}" for name, _label, _width in PARTS]

    def id_for_label(self, id_):
        # The error summary links to the day box (the wizard's id scheme).
        return f"f-{id_.removeprefix('id_')}-tag" if id_ else id_

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class ThreeBoxDateField(forms.MultiValueField):
    widget = ThreeBoxDateWidget

    def __init__(self, *, messages: dict[str, str], **kwargs):
        self.messages = messages
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, **kwargs)
        self.error_messages.update(messages)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = ((part or "").strip() for part in data_list)
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def parts(self, bound_field) -> list[dict]:
        """What the template shows per box: id, name, label, width, value."""
        values = bound_field.value()
        if not isinstance(values, list | tuple):
            values = self.widget.decompress(values)
        return [
            {
                "id": f"f-{bound_field.html_name}-{name}",
                "name": f"{bound_field.html_name}-{name}",
                "label": label,
                "width": width,
                "value": values[i] or "" if i < len(values) else "",
            }
            for i, (name, label, width) in enumerate(PARTS)
        ]
