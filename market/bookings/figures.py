"""How the studios are used, each figure defined once, here: hours booked
and used and revenue, per room, per programme, per month, and residents
versus the public. The staff's studio report (admin_views) and the impact
report (market.impact.figures) read these functions.

Definitions (the README's "Studios" section repeats them):
- A booking belongs to the period (whole days in Baku time, both ends
  included) in which it starts.
- Hours booked: room bookings confirmed, and those cancelled late (after
  the free cancellation cut-off, nothing given back: the policy shown when
  booking counts them as booked). Cancelled in time, by staff, an unpaid
  hold that was given up or ran out: not booked.
- Hours used: confirmed room bookings whose booker came, i.e. booked less
  no-shows and cancellations (a late cancellation is booked, not used).
  Equipment booked alone uses no room: it counts in revenue only.
- Revenue (AZN): the price of bookings paid through the checkout and not
  refunded (confirmed ones, and late cancellations, whose money is kept).
- A resident's booking is one made for a resident (`Booking.resident`);
  its programme is the resident's programme today. Anyone else is public.

One query per table, whatever the number of bookings (a Sum of a CASE per
figure).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.residents.models import Programme

from .models import Booking, BookingStatus, PaidBy, Room

ZERO = Decimal("0.00")
HOURS = Decimal("0.01")
TOTAL = pgettext_lazy("studio figures", "Total")
PUBLIC = _("Public (not a resident)")


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Span:
    """From `first` to `last`, both days included, in Baku time. The impact
    report's Period has the same shape and may be passed instead."""

    first: datetime.date
    last: datetime.date

    def __post_init__(self):
        if self.last < self.first:
            raise ValueError("A period cannot end before it starts.")

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime.combine(self.first, datetime.time.min, _zone())

    @property
    def end(self) -> datetime.datetime:
        following = self.last + datetime.timedelta(days=1)
        return datetime.datetime.combine(following, datetime.time.min, _zone())

    @property
    def slug(self) -> str:
        return f"{self.first:%Y%m%d}-{self.last:%Y%m%d}"

    def months(self) -> list[datetime.date]:
        month = self.first.replace(day=1)
        months = []
        while month <= self.last:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


# The rules, as conditions on a booking (`prefix` reaches it from a room).


def _q(prefix: str, **lookups) -> Q:
    return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})


def late_cancelled_q(prefix: str = "") -> Q:
    """Cancelled with nothing given back: after the cut-off. An unpaid hold
    that was given up is cancelled unrefunded too, but was never booked."""
    return _q(prefix, status=BookingStatus.CANCELLED, refunded=False) & ~_q(
        prefix, paid_by=PaidBy.CHECKOUT, order_line__isnull=True
    )


def booked_q(prefix: str = "") -> Q:
    return _q(prefix, status=BookingStatus.CONFIRMED) | late_cancelled_q(prefix)


def used_q(prefix: str = "") -> Q:
    return _q(prefix, status=BookingStatus.CONFIRMED, no_show=False)


def paid_q(prefix: str = "") -> Q:
    """Money kept: paid through the checkout and not refunded."""
    kept = _q(prefix, status=BookingStatus.CONFIRMED) | _q(
        prefix,
        status=BookingStatus.CANCELLED,
        refunded=False,
        order_line__isnull=False,
    )
    return _q(prefix, paid_by=PaidBy.CHECKOUT) & kept


def _within(span, prefix: str = "") -> Q:
    return _q(prefix, starts_at__gte=span.start, starts_at__lt=span.end)


def _programme_q(programme: str, prefix: str = "") -> Q:
    return _q(prefix, resident__programme=programme) if programme else Q()


def _figures(prefix: str = "", scope: Q | None = None) -> dict:
    """The aggregates of every table: bookings, minutes booked and used,
    revenue. `scope` narrows them (the period, when read from rooms)."""
    scope = scope if scope is not None else Q()
    room = _q(prefix, uses_room=True)
    minutes = F(f"{prefix}minutes")

    def minutes_where(condition: Q):
        return Coalesce(
            Sum(Case(When(condition, then=minutes), default=Value(0))),
            Value(0),
            output_field=IntegerField(),
        )

    return {
        "booking_count": Count(f"{prefix}pk", filter=scope & booked_q(prefix)),
        "booked": minutes_where(scope & room & booked_q(prefix)),
        "used": minutes_where(scope & room & used_q(prefix)),
        "revenue": Coalesce(
            Sum(
                Case(
                    When(scope & paid_q(prefix), then=F(f"{prefix}price")),
                    default=Value(ZERO),
                    output_field=DecimalField(max_digits=14, decimal_places=2),
                )
            ),
            Value(ZERO),
            output_field=DecimalField(max_digits=14, decimal_places=2),
        ),
    }


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(HOURS)


@dataclass(frozen=True)
class UseRow:
    label: str
    bookings: int = 0
    booked_minutes: int = 0
    used_minutes: int = 0
    revenue: Decimal = ZERO
    key: str = ""

    @property
    def booked_hours(self) -> Decimal:
        return hours(self.booked_minutes)

    @property
    def used_hours(self) -> Decimal:
        return hours(self.used_minutes)


def _row(label, values: dict | None, key: str = "") -> UseRow:
    values = values or {}
    return UseRow(
        label=str(label),
        bookings=values.get("booking_count") or 0,
        booked_minutes=values.get("booked") or 0,
        used_minutes=values.get("used") or 0,
        revenue=(values.get("revenue") or ZERO).quantize(HOURS),
        key=key,
    )


@dataclass(frozen=True)
class UseTable:
    key: str
    title: str
    first_column: str
    rows: list[UseRow] = field(default_factory=list)

    @property
    def total(self) -> UseRow:
        return UseRow(
            label=str(TOTAL),
            bookings=sum(row.bookings for row in self.rows),
            booked_minutes=sum(row.booked_minutes for row in self.rows),
            used_minutes=sum(row.used_minutes for row in self.rows),
            revenue=sum((row.revenue for row in self.rows), ZERO),
        )


def _bookings(span, programme: str = "") -> QuerySet[Booking]:
    return Booking.objects.filter(_within(span) & _programme_q(programme))


def use_by_room(span, *, programme: str = "", language: str | None = None):
    """Every studio room (closed ones too), in the studios' order."""
    scope = _within(span, "bookings__") & _programme_q(programme, "bookings__")
    rooms = Room.objects.annotate(**_figures("bookings__", scope)).order_by(
        "kind", "sort_order", "pk"
    )
    return UseTable(
        key="rooms",
        title=str(_("Per studio room")),
        first_column=str(_("Room")),
        rows=[
            _row(room.name_in(language), room.__dict__, key=room.slug) for room in rooms
        ],
    )


def use_by_programme(span, *, programme: str = "") -> UseTable:
    """Each programme (by the resident's programme), then the public."""
    groups = {
        row["resident__programme"]: row
        for row in _bookings(span, programme)
        .values("resident__programme")
        .annotate(**_figures())
        .order_by()
    }
    rows = [
        _row(label, groups.get(value), key=value)
        for value, label in Programme.choices
        if not programme or value == programme
    ]
    if not programme:
        rows.append(_row(PUBLIC, groups.get(None), key="public"))
    return UseTable(
        key="programmes",
        title=str(_("Per programme")),
        first_column=str(_("Programme")),
        rows=rows,
    )


def _month_number(span) -> Case:
    """The index in `span.months()` of each booking's start (Baku months),
    by range tests on the column."""
    zone = _zone()
    firsts = [
        datetime.datetime.combine(month, datetime.time.min, zone)
        for month in span.months()[1:]
    ]
    return Case(
        *[
            When(starts_at__lt=first, then=Value(index))
            for index, first in enumerate(firsts)
        ],
        default=Value(len(firsts)),
        output_field=IntegerField(),
    )


def use_by_month(span, *, programme: str = "") -> UseTable:
    """Each calendar month (Baku time) the period touches."""
    groups = {
        row["month"]: row
        for row in _bookings(span, programme)
        .annotate(month=_month_number(span))
        .values("month")
        .annotate(**_figures())
        .order_by()
    }
    return UseTable(
        key="months",
        title=str(_("Per month")),
        first_column=str(_("Month")),
        rows=[
            _row(
                date_format(month, "YEAR_MONTH_FORMAT"),
                groups.get(index),
                key=f"{month:%Y-%m}",
            )
            for index, month in enumerate(span.months())
        ],
    )


def use_residents_and_public(span, *, programme: str = "") -> UseTable:
    """Bookings made for residents, and everyone else's."""
    public = ExpressionWrapper(Q(resident__isnull=True), output_field=BooleanField())
    groups = {
        row["public"]: row
        for row in _bookings(span, programme)
        .annotate(public=public)
        .values("public")
        .annotate(**_figures())
        .order_by()
    }
    rows = [_row(_("Residents"), groups.get(False), key="residents")]
    if not programme:
        rows.append(_row(PUBLIC, groups.get(True), key="public"))
    return UseTable(
        key="residents",
        title=str(_("Residents and the public")),
        first_column=str(_("Who booked")),
        rows=rows,
    )


def studio_use(span, *, programme: str = "", language: str | None = None):
    """Every table of the studio report, in its order."""
    return [
        use_by_room(span, programme=programme, language=language),
        use_by_programme(span, programme=programme),
        use_by_month(span, programme=programme),
        use_residents_and_public(span, programme=programme),
    ]


DEFINITION = _(
    "Bookings by the day they start (Baku time). Hours booked: room bookings "
    "confirmed, and those cancelled after the free cancellation cut-off. "
    "Hours used: booked less no-shows and cancellations. Revenue: the price "
    "of bookings paid through the checkout and not refunded, in AZN."
)
