"""The pure rules of a slot: the grid, the length, peak hours and the
price, on a room in hand."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.utils import translation

from market.bookings import rules
from market.bookings.models import Closure, Equipment, OpeningHours, Room
from market.bookings.rules import BookingRefused
from tests.factories.studios import baku

# A Tuesday and a Saturday of a week in the future (the rules take no "now").
TUESDAY = date(2027, 3, 2)
SATURDAY = date(2027, 3, 6)


def _room(**fields) -> Room:
    values = {
        "kind": "sound",
        "name": "Səs otağı",
        "capacity": 4,
        "price_off_peak": Decimal("20.00"),
        "price_peak": Decimal("30.00"),
        "slot_minutes": 60,
        "min_minutes": 60,
        "max_minutes": 240,
        "peak_starts": time(17),
        "peak_ends": time(22),
        **fields,
    }
    return Room(**values)


def _hours(room: Room) -> list[OpeningHours]:
    return [
        OpeningHours(room=room, weekday=day, opens=time(10), closes=time(22))
        for day in range(7)
    ]


def _refusal(check, *args, **kwargs) -> str:
    with translation.override("en"), pytest.raises(BookingRefused) as refused:
        check(*args, **kwargs)
    return refused.value.message


def test_peak_is_the_weekday_evening_and_the_whole_weekend():
    room = _room()

    assert rules.is_peak(room, baku(TUESDAY, 16)) is False
    assert rules.is_peak(room, baku(TUESDAY, 16, 30)) is False
    assert rules.is_peak(room, baku(TUESDAY, 17)) is True
    assert rules.is_peak(room, baku(TUESDAY, 21)) is True
    assert rules.is_peak(room, baku(TUESDAY, 22)) is False
    assert rules.is_peak(room, baku(SATURDAY, 10)) is True
    assert rules.is_peak(room, baku(SATURDAY.replace(day=7), 10)) is True


def test_peak_is_read_in_baku_whatever_zone_the_moment_is_given_in():
    room = _room()
    # 17:00 in Baku is 13:00 UTC.
    moment = baku(TUESDAY, 17).astimezone(rules.ZoneInfo("UTC"))

    assert moment.hour == 13
    assert rules.is_peak(room, moment) is True


def test_a_booking_across_the_start_of_peak_pays_each_hour_at_its_rate():
    room = _room()

    price = rules.price_of(room, baku(TUESDAY, 15), baku(TUESDAY, 19), equipment=[])

    assert (price.room, price.peak_minutes, price.total) == (
        Decimal("100.00"),
        120,
        Decimal("100.00"),
    )


def test_a_weekend_booking_is_all_peak():
    room = _room()

    price = rules.price_of(room, baku(SATURDAY, 10), baku(SATURDAY, 13), equipment=[])

    assert (price.room, price.peak_minutes) == (Decimal("90.00"), 180)


def test_equipment_is_priced_per_hour_whatever_the_peak():
    room = _room(pk=1)
    kit = Equipment(pk=7, room=room, name="Kamera", price_per_hour=Decimal("12.50"))

    price = rules.price_of(room, baku(TUESDAY, 16), baku(TUESDAY, 18), equipment=[kit])

    assert (price.room, price.equipment, price.total) == (
        Decimal("50.00"),
        {7: Decimal("25.00")},
        Decimal("75.00"),
    )


def test_equipment_alone_costs_only_the_equipment():
    room = _room(pk=1)
    kit = Equipment(pk=7, room=room, name="Kamera", price_per_hour=Decimal("12.50"))

    price = rules.price_of(
        room, baku(TUESDAY, 17), baku(TUESDAY, 18), equipment=[kit], uses_room=False
    )

    assert (price.room, price.peak_minutes, price.total) == (
        Decimal("0.00"),
        0,
        Decimal("12.50"),
    )


def test_a_half_hour_grid_prices_each_half_hour_at_its_rate():
    room = _room(slot_minutes=30, min_minutes=30, price_off_peak=Decimal("15.00"))
    kit = Equipment(pk=3, room=room, name="Planşet", price_per_hour=Decimal("5.00"))

    price = rules.price_of(
        room, baku(TUESDAY, 16), baku(TUESDAY, 17, 30), equipment=[kit]
    )

    # 16:00 and 16:30 off-peak (7.50 each), 17:00 peak (15.00).
    assert (price.room, price.equipment, price.peak_minutes) == (
        Decimal("30.00"),
        {3: Decimal("7.50")},
        30,
    )


def test_a_length_off_the_steps_too_short_or_too_long_is_refused():
    room = _room(slot_minutes=30, min_minutes=60, max_minutes=180)

    assert _refusal(rules.check_length, room, 45) == (
        "Bookings of this room are in steps of 30 minutes."
    )
    assert _refusal(rules.check_length, room, 30) == (
        "The shortest booking of this room is 60 minutes."
    )
    assert _refusal(rules.check_length, room, 210) == (
        "The longest booking of this room is 180 minutes."
    )
    rules.check_length(room, 90)


def test_a_start_off_the_grid_is_refused_in_the_rooms_zone():
    room = _room(slot_minutes=30)

    assert _refusal(rules.check_grid, room, baku(TUESDAY, 10, 15)) == (
        "Bookings start on the slot grid: every 30 minutes from the hour."
    )
    rules.check_grid(room, baku(TUESDAY, 10, 30))


def test_opening_hours_and_closures_are_checked_in_the_rooms_zone():
    room = _room()
    hours = _hours(room)
    holiday = Closure(
        room=room,
        starts_at=baku(TUESDAY, 0),
        ends_at=baku(TUESDAY, 23),
        reason="Bayram",
        reason_en="Public holiday",
    )

    assert _refusal(
        rules.check_open, room, baku(TUESDAY, 9), baku(TUESDAY, 11), hours, []
    ) == (
        "The room is not open for all of 09:00–11:00. "
        "Choose a time inside its opening hours."
    )
    assert _refusal(
        rules.check_open,
        room,
        baku(TUESDAY, 10),
        baku(TUESDAY, 11),
        hours,
        [holiday],
        language="en",
    ) == ("The room is closed then: Public holiday.")
    rules.check_open(room, baku(TUESDAY, 20), baku(TUESDAY, 22), hours, [])


def test_capacity_counts_people():
    room = _room(capacity=20)

    assert _refusal(rules.check_people, room, 21) == (
        "This room holds at most 20 people."
    )
    assert _refusal(rules.check_people, room, 0) == (
        "A booking is for at least one person."
    )
    rules.check_people(room, 20)
