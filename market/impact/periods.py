"""Report periods: whole days in the Centre's time zone (Asia/Baku)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    """From `first` to `last`, both days included, in the Centre's time zone."""

    first: datetime.date
    last: datetime.date

    def __post_init__(self):
        if self.last < self.first:
            raise ValueError("A period cannot end before it starts.")

    @property
    def start(self) -> datetime.datetime:
        """The first instant of the period (aware, Asia/Baku)."""
        return timezone.make_aware(
            datetime.datetime.combine(self.first, datetime.time.min)
        )

    @property
    def end(self) -> datetime.datetime:
        """The first instant after the period: ranges are [start, end)."""
        return timezone.make_aware(
            datetime.datetime.combine(
                self.last + datetime.timedelta(days=1), datetime.time.min
            )
        )

    @property
    def slug(self) -> str:
        return f"{self.first:%Y%m%d}-{self.last:%Y%m%d}"

    def label(self) -> str:
        return _("%(first)s to %(last)s") % {
            "first": date_format(self.first, "DATE_FORMAT"),
            "last": date_format(self.last, "DATE_FORMAT"),
        }

    def months(self) -> list[datetime.date]:
        """The first day of each calendar month the period touches."""
        month = self.first.replace(day=1)
        months = []
        while month <= self.last:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        if number not in (1, 2, 3, 4):
            raise ValueError("A quarter is 1, 2, 3 or 4.")
        first = datetime.date(year, 3 * number - 2, 1)
        last = (
            datetime.date(year, 12, 31)
            if number == 4
            else datetime.date(year, 3 * number + 1, 1) - datetime.timedelta(days=1)
        )
        return cls(first, last)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def last_twelve_months(cls, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        first = (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
        return cls(first, today)
