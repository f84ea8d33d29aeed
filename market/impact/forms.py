"""The dashboard's choice of period and programme (a GET form)."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market.residents.models import Programme

from .periods import Period

LONGEST_SPAN_YEARS = 5
DATE_FORMATS = ["%Y-%m-%d"]
LAST_TWELVE_MONTHS = "12m"
THIS_YEAR = "this-year"
LAST_YEAR = "last-year"
CUSTOM = "custom"
# A quarter of this century; fullmatch, so no trailing newline slips in.
QUARTER = re.compile(r"(?P<year>20\d{2})-Q(?P<number>[1-4])")


def quarter_key(year: int, number: int) -> str:
    return f"{year}-Q{number}"


def parse_quarter(text: str) -> Period | None:
    """ "2026-Q3" as a Period; None when `text` is not a quarter."""
    match = QUARTER.fullmatch(text or "")
    if not match:
        return None
    return Period.quarter(int(match["year"]), int(match["number"]))


def started_quarters(today: datetime.date) -> list[tuple[int, int]]:
    """The quarters of last year and this year that have begun, newest
    first."""
    quarters = [(today.year, n) for n in range(4, 0, -1) if 3 * n - 2 <= today.month]
    quarters += [(today.year - 1, n) for n in range(4, 0, -1)]
    return quarters


def last_full_quarter(today: datetime.date) -> tuple[int, int]:
    current = (today.month - 1) // 3 + 1
    return (today.year, current - 1) if current > 1 else (today.year - 1, 4)


def preset_choices(today: datetime.date) -> list[tuple[str, str]]:
    choices = [
        (LAST_TWELVE_MONTHS, _("Last 12 months")),
        (THIS_YEAR, _("This year (%(year)s)") % {"year": today.year}),
        (LAST_YEAR, _("Last year (%(year)s)") % {"year": today.year - 1}),
    ]
    choices += [
        (
            quarter_key(year, number),
            _("Q%(number)s %(year)s") % {"number": number, "year": year},
        )
        for year, number in started_quarters(today)
    ]
    choices.append((CUSTOM, _("Dates below")))
    return choices


def preset_period(key: str, today: datetime.date) -> Period | None:
    if key == LAST_TWELVE_MONTHS:
        return Period.last_twelve_months(today)
    if key == THIS_YEAR:
        return Period(datetime.date(today.year, 1, 1), today)
    if key == LAST_YEAR:
        return Period.year(today.year - 1)
    return parse_quarter(key)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


# The platform's records begin in this century; a day outside these years is
# a typing mistake (and year 9999 would overflow the period's end).
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


class ReportForm(forms.Form):
    """A period (a preset, or first and last days) and a programme."""

    period = forms.ChoiceField(label=_("Period"), required=False)
    first = forms.DateField(
        label=_("First day"),
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
    )
    last = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
    )
    programme = forms.ChoiceField(
        label=_("Programme"),
        required=False,
        choices=[("", _("All programmes")), *Programme.choices],
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["period"].choices = preset_choices(self.today)

    def clean(self):
        data = super().clean()
        preset = data.get("period") or CUSTOM
        if preset != CUSTOM:
            data["report_period"] = preset_period(preset, self.today)
            return data
        first, last = data.get("first"), data.get("last")
        if self.errors:
            return data
        if first is None or last is None:
            raise forms.ValidationError(
                _("Choose a period, or give both its first and last days."),
                code="incomplete",
            )
        if last < first:
            self.add_error("last", _("The last day cannot be before the first day."))
            return data
        if first.year < EARLIEST_YEAR or last.year > LATEST_YEAR:
            raise forms.ValidationError(
                _("Choose days between %(first)s and %(last)s.")
                % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
                code="out_of_range",
            )
        try:
            limit = first.replace(year=first.year + LONGEST_SPAN_YEARS)
        except ValueError:  # 29 February
            limit = first.replace(year=first.year + LONGEST_SPAN_YEARS, day=28)
        if last >= limit:
            self.add_error(
                "last",
                _("A period can be at most %(years)s years long.")
                % {"years": LONGEST_SPAN_YEARS},
            )
            return data
        data["report_period"] = Period(first, last)
        return data

    @property
    def report_period(self) -> Period:
        return self.cleaned_data["report_period"]

    @property
    def chosen_programme(self) -> str:
        return self.cleaned_data.get("programme") or ""
