"""The rules of a slot, on rows in hand: the grid, the length, opening
hours, closures, capacity, the price. Pure functions of the room and the
times; the services add the locks and the overlap check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .models import Closure, Equipment, OpeningHours, Room

CENT = Decimal("0.01")


class BookingRefused(Exception):
    """A booking, change or cancellation that the rules refuse; `message`
    says why, in the active language, for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def zone(room: Room) -> ZoneInfo:
    return ZoneInfo(room.time_zone)


def local(room: Room, moment: datetime) -> datetime:
    return moment.astimezone(zone(room))


def at_local(room: Room, day: date, clock: time) -> datetime:
    """`clock` on `day` in the room's time zone, as an aware datetime."""
    return datetime.combine(day, clock, tzinfo=zone(room))


def _clock(moment: datetime) -> str:
    return formats.time_format(moment, "H:i")


def check_length(room: Room, minutes: int) -> None:
    if minutes % room.slot_minutes:
        raise BookingRefused(
            _("Bookings of this room are in steps of %(step)d minutes.")
            % {"step": room.slot_minutes}
        )
    if minutes < room.min_minutes:
        raise BookingRefused(
            _("The shortest booking of this room is %(minutes)d minutes.")
            % {"minutes": room.min_minutes}
        )
    if minutes > room.max_minutes:
        raise BookingRefused(
            _("The longest booking of this room is %(minutes)d minutes.")
            % {"minutes": room.max_minutes}
        )


def check_grid(room: Room, starts_at: datetime) -> None:
    start = local(room, starts_at)
    if start.second or start.microsecond or start.minute % room.slot_minutes:
        raise BookingRefused(
            _("Bookings start on the slot grid: every %(step)d minutes from the hour.")
            % {"step": room.slot_minutes}
        )


def check_window(
    room: Room, starts_at: datetime, *, now: datetime, horizon: bool = True
) -> None:
    if starts_at <= now:
        raise BookingRefused(_("This time has passed. Choose a time in the future."))
    if horizon and starts_at > now + timedelta(days=room.horizon_days):
        raise BookingRefused(
            ngettext(
                "This room can be booked at most %(days)d day ahead.",
                "This room can be booked at most %(days)d days ahead.",
                room.horizon_days,
            )
            % {"days": room.horizon_days}
        )


def check_open(
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    hours: list[OpeningHours],
    closures: list[Closure],
    *,
    language: str | None = None,
) -> None:
    """Inside one opening of the day (the room's time zone), and no closure
    overlaps."""
    start, end = local(room, starts_at), local(room, ends_at)
    inside = start.date() == (end - timedelta(microseconds=1)).date() and any(
        opening.weekday == start.weekday()
        and opening.opens <= start.time()
        and (end.time() <= opening.closes if end.date() == start.date() else False)
        for opening in hours
    )
    if not inside:
        raise BookingRefused(
            _(
                "The room is not open for all of %(start)s–%(end)s. "
                "Choose a time inside its opening hours."
            )
            % {"start": _clock(start), "end": _clock(end)}
        )
    for closure in closures:
        if closure.starts_at < ends_at and closure.ends_at > starts_at:
            raise BookingRefused(
                _("The room is closed then: %(reason)s.")
                % {"reason": closure.reason_in(language)}
            )


def check_people(room: Room, people: int) -> None:
    if people < 1:
        raise BookingRefused(_("A booking is for at least one person."))
    if people > room.capacity:
        raise BookingRefused(
            ngettext(
                "This room holds at most %(capacity)d person.",
                "This room holds at most %(capacity)d people.",
                room.capacity,
            )
            % {"capacity": room.capacity}
        )


def check_equipment(room: Room, equipment: list[Equipment]) -> None:
    for item in equipment:
        if item.room_id != room.pk or not item.is_active:
            raise BookingRefused(
                _("“%(name)s” cannot be booked with this room.")
                % {"name": item.name_in(get_language())}
            )


def is_peak(room: Room, slot_start: datetime) -> bool:
    """Saturday and Sunday all day; weekdays from `peak_starts` to
    `peak_ends` (the slot's start decides)."""
    start = local(room, slot_start)
    if start.weekday() >= 5:
        return True
    return room.peak_starts <= start.time() < room.peak_ends


@dataclass(frozen=True)
class Price:
    room: Decimal
    equipment: dict[int, Decimal]
    peak_minutes: int

    @property
    def total(self) -> Decimal:
        return self.room + sum(self.equipment.values(), Decimal("0.00"))


def price_of(
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    *,
    equipment: list[Equipment],
    uses_room: bool = True,
) -> Price:
    """AZN, per slot of the grid at its own rate, rounded to the cent."""
    total, peak_minutes = Decimal("0"), 0
    step = timedelta(minutes=room.slot_minutes)
    moment = starts_at
    while moment < ends_at:
        peak = is_peak(room, moment)
        peak_minutes += room.slot_minutes if peak else 0
        rate = room.price_peak if peak else room.price_off_peak
        total += rate * Decimal(room.slot_minutes) / Decimal(60)
        moment += step
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    return Price(
        room=total.quantize(CENT, ROUND_HALF_UP) if uses_room else Decimal("0.00"),
        equipment={
            item.pk: (item.price_per_hour * Decimal(minutes) / Decimal(60)).quantize(
                CENT, ROUND_HALF_UP
            )
            for item in equipment
        },
        peak_minutes=peak_minutes if uses_room else 0,
    )


def day_openings(room: Room, day: date, hours: list[OpeningHours]):
    """The (start, end) aware datetimes the room is open on `day`."""
    return [
        (at_local(room, day, opening.opens), at_local(room, day, opening.closes))
        for opening in hours
        if opening.weekday == day.weekday()
    ]
