"""The period of the statistics page (``?von=JJJJ-MM&bis=JJJJ-MM``), a form like the others of
the back office: a wrong month is named next to its field and in the summary, and what was typed
stays in the field."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.reporting import selectors

FIRST_YEAR, LAST_YEAR = 2000, 2100  # far beyond any data; month arithmetic stays in range
MAX_MONTHS = 60


class MonthInput(forms.TextInput):
    input_type = "month"


def parse_month(value: str) -> dt.date | None:
    try:
        month = dt.datetime.strptime(value.strip()[:7], "%Y-%m").date()
    except ValueError:
        return None
    return month if FIRST_YEAR <= month.year <= LAST_YEAR else None


class PeriodForm(forms.Form):
    von = forms.CharField(label=_("Von (Monat, JJJJ-MM)"), required=False, widget=MonthInput)
    bis = forms.CharField(label=_("Bis (Monat, JJJJ-MM)"), required=False, widget=MonthInput)
    hide_optional = True

    def _month(self, name: str) -> dt.date | None:
        value = self.cleaned_data.get(name, "")
        if not value:
            return None
        month = parse_month(value)
        if month is None:
            raise forms.ValidationError(
                _(
                    "Bitte geben Sie Monate als JJJJ-MM zwischen %(first)s und %(last)s an, "
                    "zum Beispiel 2026-01."
                ),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return month

    def clean_von(self):
        return self._month("von")

    def clean_bis(self):
        return self._month("bis")

    def period(self) -> tuple[dt.date, dt.date, str]:
        """(first month, last month, notice) of a valid form; a missing end is the default's,
        a reversed range is turned round, a long one is cut to ``MAX_MONTHS``."""
        first, last = selectors.default_period()
        first = self.cleaned_data.get("von") or first
        last = self.cleaned_data.get("bis") or last
        first, last = min(first, last), max(first, last)
        if len(selectors.months_between(first, last)) > MAX_MONTHS:
            first = selectors.add_months(last, -(MAX_MONTHS - 1))
            return (
                first,
                last,
                str(_("Der Zeitraum ist auf %(n)s Monate begrenzt.") % {"n": MAX_MONTHS}),
            )
        return first, last, ""


def period_form(data) -> tuple[PeriodForm, dt.date, dt.date, str]:
    """The form for ``data`` (a QueryDict) and the period it shows: the default period while
    nothing valid is given."""
    given = {key: data[key] for key in ("von", "bis") if data.get(key)}
    first, last, notice = (*selectors.default_period(), "")
    if given:
        form = PeriodForm(given)
        if not form.is_valid():
            return form, first, last, ""  # the typed values stay, with their errors
        first, last, notice = form.period()
    # The fields show the period the page shows (a reversed or cut one as used).
    initial = {"von": f"{first:%Y-%m}", "bis": f"{last:%Y-%m}"}
    return PeriodForm(initial=initial), first, last, notice
