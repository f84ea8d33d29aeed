"""Studio rooms for the tests: open every day 10:00–22:00 (Asia/Baku) on a
one-hour grid, unless told otherwise."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from market.bookings.listing import room_listing_ensure
from market.bookings.models import Equipment, OpeningHours, Quota, Room

BAKU = ZoneInfo("Asia/Baku")


def make_room(
    *,
    slug: str = "sound-a",
    kind: str = "sound",
    opens: time = time(10),
    closes: time = time(22),
    listing: bool = True,
    **fields,
) -> Room:
    values = {
        "name": "Səs otağı A",
        "name_en": "Sound room A",
        "name_ru": "Звуковая комната A",
        "capacity": 4,
        "price_off_peak": Decimal("20.00"),
        "price_peak": Decimal("30.00"),
        "slot_minutes": 60,
        "min_minutes": 60,
        "max_minutes": 240,
        "buffer_minutes": 0,
        "cancel_cutoff_hours": 24,
        **fields,
    }
    room = Room.objects.create(slug=slug, kind=kind, **values)
    OpeningHours.objects.bulk_create(
        OpeningHours(room=room, weekday=weekday, opens=opens, closes=closes)
        for weekday in range(7)
    )
    if listing:
        room_listing_ensure(room=room)
        room.refresh_from_db()
    return room


def make_equipment(room: Room, *, name: str = "Mikrofon dəsti", price="5.00"):
    return Equipment.objects.create(
        room=room,
        name=name,
        name_en="Microphone set",
        name_ru="Набор микрофонов",
        price_per_hour=Decimal(price),
    )


def make_quota(*, programme: str = "", resident=None, hours: int = 10) -> Quota:
    return Quota.objects.create(
        programme=programme, resident=resident, hours_per_month=hours
    )


def baku(day: date, hour: int, minute: int = 0) -> datetime:
    """`hour:minute` on `day` in Baku, aware."""
    return datetime.combine(day, time(hour, minute), tzinfo=BAKU)


def next_weekday(after: date, weekday: int) -> date:
    """The first date after `after` falling on `weekday` (0 = Monday)."""
    days = (weekday - after.weekday()) % 7 or 7
    return after + timedelta(days=days)
