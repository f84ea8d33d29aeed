"""Bookings raced on PostgreSQL: real threads, each with its own connection.
Thirty people press "Book" for the same slot; one resident's people spend
the quota at once; and the exclusion constraints hold even when the
services are bypassed."""

from datetime import timedelta
from functools import partial

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from market.bookings.models import Booking, BookingEquipment, BookingStatus, PaidBy
from market.bookings.rules import BookingRefused
from market.bookings.services import SlotRequest, booking_create
from tests.factories import UserFactory
from tests.factories.studios import baku, make_room
from tests.threads import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    # The rooms' "studio time" listings need the product kinds a previous
    # transactional test may have flushed.
    pytest.mark.usefixtures("migration_rows"),
]

TAKEN = "Sorry, this time has just been taken. Choose another slot."


def _book(user, request):
    with translation.override("en"):
        try:
            return booking_create(request=request, booker=user)
        except BookingRefused as refusal:
            return refusal.message


def test_thirty_people_book_the_same_slot_at_once(room, tuesday):
    people = [UserFactory(email=f"racer{n}@example.az") for n in range(30)]
    request = SlotRequest(room_id=room.pk, starts_at=baku(tuesday, 12), minutes=120)

    outcomes = run_together([partial(_book, user, request) for user in people])

    booked = [o for o in outcomes if isinstance(o, Booking)]
    refusals = [o for o in outcomes if isinstance(o, str)]
    assert (len(booked), refusals) == (1, [TAKEN] * 29)
    assert Booking.objects.count() == 1


def test_one_residents_people_cannot_spend_more_than_the_quota_at_once(
    room, resident, cultech_quota, tuesday
):
    # Ten people of one resident, each a 2-hour booking of a different slot
    # (10:00 to 22:00 on Tuesday and Wednesday); the quota is 10 hours.
    other = make_room(slug="sound-b")
    people = [UserFactory(email=f"member{n}@xalca.az") for n in range(10)]
    resident.partner.users.add(*people)
    slots = [(room, hour) for hour in (10, 12, 14, 16, 18, 20)] + [
        (other, hour) for hour in (10, 12, 14, 16)
    ]
    requests = [
        SlotRequest(room_id=r.pk, starts_at=baku(tuesday, hour), minutes=120)
        for r, hour in slots
    ]

    outcomes = run_together(
        [partial(_book, user, req) for user, req in zip(people, requests, strict=True)]
    )

    assert all(isinstance(o, Booking) for o in outcomes), outcomes
    paid_by = sorted((o.paid_by, o.status) for o in outcomes)
    assert (
        paid_by
        == [(PaidBy.CHECKOUT, BookingStatus.HELD)] * 5
        + [(PaidBy.QUOTA, BookingStatus.CONFIRMED)] * 5
    )
    on_quota = Booking.objects.filter(resident=resident, paid_by=PaidBy.QUOTA)
    assert sum(b.minutes for b in on_quota) == 600


def _raw_booking(room, user, starts_at, hours=2, **fields) -> Booking:
    now = timezone.now()
    values = {
        "room": room,
        "booker": user,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=hours),
        "blocked_until": starts_at + timedelta(hours=hours),
        "status": BookingStatus.CONFIRMED,
        "paid_by": PaidBy.CENTRE,
        "minutes": hours * 60,
        "cancel_cutoff_hours": 24,
        "created_at": now,
        **fields,
    }
    return Booking.objects.create(**values)


def test_the_database_refuses_two_live_bookings_of_one_room_at_once(
    room, buyer, tuesday
):
    _raw_booking(room, buyer, baku(tuesday, 12))
    # Cancelled and room-less ones do not count.
    _raw_booking(room, buyer, baku(tuesday, 12), status=BookingStatus.CANCELLED)
    _raw_booking(room, buyer, baku(tuesday, 12), uses_room=False)

    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_booking(
            room,
            buyer,
            baku(tuesday, 13),
            status=BookingStatus.HELD,
            held_until=timezone.now() + timedelta(minutes=20),
        )

    assert Booking.objects.filter(uses_room=True, status="confirmed").count() == 1


def test_the_database_refuses_the_buffer_of_a_booking_too(room, buyer, tuesday):
    _raw_booking(room, buyer, baku(tuesday, 12), blocked_until=baku(tuesday, 15))

    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_booking(room, buyer, baku(tuesday, 14), hours=1)

    _raw_booking(room, buyer, baku(tuesday, 15), hours=1)


def test_the_database_refuses_one_piece_of_equipment_twice_at_once(
    room, microphones, buyer, tuesday
):
    first = _raw_booking(room, buyer, baku(tuesday, 12), uses_room=False)
    second = _raw_booking(room, buyer, baku(tuesday, 13), uses_room=False)
    BookingEquipment.objects.create(
        booking=first,
        equipment=microphones,
        starts_at=first.starts_at,
        blocked_until=first.blocked_until,
        price=0,
    )
    # A row no longer live does not count.
    BookingEquipment.objects.create(
        booking=second,
        equipment=microphones,
        starts_at=second.starts_at,
        blocked_until=second.blocked_until,
        price=0,
        is_live=False,
    )
    BookingEquipment.objects.filter(booking=second).delete()

    with pytest.raises(IntegrityError), transaction.atomic():
        BookingEquipment.objects.create(
            booking=second,
            equipment=microphones,
            starts_at=second.starts_at,
            blocked_until=second.blocked_until,
            price=0,
        )

    assert BookingEquipment.objects.filter(is_live=True).count() == 1
