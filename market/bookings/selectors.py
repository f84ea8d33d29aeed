"""Reads about studios and bookings: what is taken, a week's calendar of a
room, a resident's quota, a person's bookings, a day at the front desk.

"Live" is one rule, counted in the query: booked, or held and not run out
(`live_bookings`). Every door (calendar, booking, checkout, reports) asks
it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from market.residents.models import Resident

from . import rules
from .models import (
    Booking,
    BookingEquipment,
    BookingStatus,
    Closure,
    OpeningHours,
    PaidBy,
    Quota,
    Room,
)


def live_q(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": BookingStatus.CONFIRMED}) | Q(
        **{f"{prefix}status": BookingStatus.HELD, f"{prefix}held_until__gt": now}
    )


def live_bookings(now: datetime) -> QuerySet:
    return Booking.objects.filter(live_q(now))


def bookable_rooms() -> QuerySet:
    return Room.objects.filter(is_active=True)


def rooms_of_kind(kind: str) -> QuerySet:
    """The rooms a studio page shows, with what the page and calendar read."""
    return (
        bookable_rooms()
        .filter(kind=kind)
        .prefetch_related("opening_hours", "equipment_items")
    )


def room_conflicts(
    room: Room,
    starts_at: datetime,
    blocked_until: datetime,
    *,
    now: datetime,
    except_booking: int | None = None,
) -> QuerySet:
    """Live bookings of the room whose blocked range meets [starts_at,
    blocked_until)."""
    found = live_bookings(now).filter(
        room=room,
        uses_room=True,
        starts_at__lt=blocked_until,
        blocked_until__gt=starts_at,
    )
    if except_booking is not None:
        found = found.exclude(pk=except_booking)
    return found


def equipment_conflicts(
    equipment_ids: list[int],
    starts_at: datetime,
    blocked_until: datetime,
    *,
    now: datetime,
    except_booking: int | None = None,
) -> QuerySet:
    found = BookingEquipment.objects.filter(
        live_q(now, "booking__"),
        equipment_id__in=equipment_ids,
        starts_at__lt=blocked_until,
        blocked_until__gt=starts_at,
    )
    if except_booking is not None:
        found = found.exclude(booking_id=except_booking)
    return found


def closures_for(room: Room, starts_at: datetime, ends_at: datetime) -> list[Closure]:
    return list(
        Closure.objects.filter(Q(room=room) | Q(room__isnull=True)).filter(
            starts_at__lt=ends_at, ends_at__gt=starts_at
        )
    )


def opening_hours(room: Room) -> list[OpeningHours]:
    cache = getattr(room, "_prefetched_objects_cache", {})
    if "opening_hours" in cache:
        return list(room.opening_hours.all())
    return list(OpeningHours.objects.filter(room=room))


# Quotas


def month_range(room_zone, moment: datetime) -> tuple[datetime, datetime]:
    """The calendar month (in the studios' time zone) holding `moment`."""
    local = moment.astimezone(room_zone)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following


def quota_hours(resident: Resident) -> int:
    """Free hours a month: the resident's own quota, else their programme's,
    else none."""
    own = Quota.objects.filter(resident=resident).first()
    if own is not None:
        return own.hours_per_month
    shared = Quota.objects.filter(programme=resident.programme).first()
    return shared.hours_per_month if shared is not None else 0


def quota_minutes_used(
    resident: Resident, *, month_start: datetime, month_end: datetime, now: datetime
) -> int:
    """Minutes of the month's free hours spent: live quota bookings, and
    those cancelled after the cut-off (the policy: they count)."""
    spent = Booking.objects.filter(
        resident=resident,
        paid_by=PaidBy.QUOTA,
        starts_at__gte=month_start,
        starts_at__lt=month_end,
    ).filter(live_q(now) | Q(status=BookingStatus.CANCELLED, refunded=False))
    return spent.aggregate(total=Coalesce(Sum("minutes"), 0))["total"]


@dataclass(frozen=True)
class QuotaState:
    hours: int
    minutes_used: int

    @property
    def minutes_left(self) -> int:
        return max(self.hours * 60 - self.minutes_used, 0)

    @property
    def hours_left(self) -> Decimal:
        return (Decimal(self.minutes_left) / 60).quantize(Decimal("0.1"))


def quota_state(resident: Resident, *, moment: datetime, now: datetime) -> QuotaState:
    start, end = month_range(ZoneInfo(settings.TIME_ZONE), moment)
    return QuotaState(
        hours=quota_hours(resident),
        minutes_used=quota_minutes_used(
            resident, month_start=start, month_end=end, now=now
        ),
    )


# Calendars


@dataclass
class Slot:
    starts_at: datetime
    ends_at: datetime
    free: bool
    peak: bool


@dataclass
class Day:
    day: date
    slots: list[Slot] = field(default_factory=list)
    closed_reason: str = ""


def week_calendar(
    room: Room, *, week_start: date, now: datetime, language: str | None = None
) -> list[Day]:
    """Seven days from `week_start`: each opening cut into slots of the
    room's grid, free or taken (a live booking's blocked range, a closure,
    or the past). Three queries, whatever the week holds."""
    first = rules.at_local(room, week_start, datetime.min.time())
    last = first + timedelta(days=7)
    hours = opening_hours(room)
    taken = list(
        room_conflicts(room, first, last, now=now).values_list(
            "starts_at", "blocked_until"
        )
    )
    closures = closures_for(room, first, last)
    step = timedelta(minutes=room.slot_minutes)
    days = []
    for offset in range(7):
        day = Day(week_start + timedelta(days=offset))
        for opens, closes in rules.day_openings(room, day.day, hours):
            moment = opens
            while moment + step <= closes:
                end = moment + step
                busy = (
                    moment <= now
                    or any(s < end and b > moment for s, b in taken)
                    or any(c.starts_at < end and c.ends_at > moment for c in closures)
                )
                day.slots.append(
                    Slot(moment, end, not busy, rules.is_peak(room, moment))
                )
                moment = end
        for closure in closures:
            day_start = rules.at_local(room, day.day, datetime.min.time())
            if (
                closure.starts_at <= day_start
                and closure.ends_at >= day_start + timedelta(days=1)
            ):
                day.closed_reason = closure.reason_in(language)
        days.append(day)
    return days


def bookings_of(user) -> QuerySet:
    """A person's bookings, with what their pages show."""
    return (
        Booking.objects.filter(booker=user)
        .select_related("room", "resident")
        .prefetch_related("equipment_rows__equipment")
        .order_by("-starts_at", "-pk")
    )


def day_sheet(day: date, *, zone) -> QuerySet:
    """Every live or past booking of one day (the front desk's list), by room
    and time."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    return (
        Booking.objects.filter(
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=1),
            status__in=[BookingStatus.CONFIRMED, BookingStatus.HELD],
        )
        .select_related("room", "booker", "resident")
        .prefetch_related("equipment_rows__equipment")
        .order_by("room__kind", "room__sort_order", "room_id", "starts_at")
    )
