"""The demo's studios on their own: rooms for every studio page, hours,
equipment, quotas, a holiday, and a week of bookings of every kind, made
once."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.apps.order.models import Order

from market.bookings.models import (
    STUDIO_KINDS,
    Booking,
    BookingStatus,
    Closure,
    PaidBy,
    Quota,
    Room,
)
from market.demo import studios
from market.payouts.selectors import order_ledger_sum
from market.residents.models import Programme
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF = "staff@creative-market.az"
BUYER = "buyer@creative-market.az"


@pytest.fixture
def people(db):
    UserFactory(email=STAFF, is_staff=True, is_superuser=True)
    UserFactory(email=BUYER)
    programmes = {
        "kadr-kollektiv": Programme.CULTECH,
        "sesler-studio": Programme.MUSIC,
        "nar-pixel": Programme.GAMETECH,
        "kelagayi-atelier": Programme.CULTECH,
    }
    for slug, programme in programmes.items():
        resident = ResidentFactory(slug=slug, programme=programme)
        resident.partner.users.add(UserFactory(email=f"owner@{slug}.az"))


def test_every_kind_of_studio_gets_rooms_with_hours_and_equipment(people):
    studios.demo_studios(staff_email=STAFF, buyer_email=BUYER)

    for kind, _label in STUDIO_KINDS:
        rooms = Room.objects.filter(kind=kind, is_active=True)
        assert rooms.count() >= 1, kind
        for room in rooms:
            assert room.opening_hours.count() == 7
            assert room.product is not None
            assert all([room.name_en, room.name_ru, room.description_ru]), room
    dance = Room.objects.get(slug="reqs-zali")
    assert (dance.capacity, dance.equipment_in("en")[:2]) == (
        20,
        ["Mirror wall, 12 m", "Sound system"],
    )
    sunday = dance.opening_hours.get(weekday=6)
    assert (sunday.opens, sunday.closes) == (datetime.time(12), datetime.time(18))
    assert sorted(Quota.objects.values_list("programme", "hours_per_month")) == [
        ("cultech", 15),
        ("gametech", 15),
        ("music", 20),
    ]
    holiday = Closure.objects.get()
    assert holiday.room is None
    assert holiday.starts_at.date() > timezone.localdate() + datetime.timedelta(days=7)


def test_a_week_of_bookings_of_every_kind(people):
    studios.demo_studios(staff_email=STAFF, buyer_email=BUYER)

    week = Booking.objects.filter(
        starts_at__gte=timezone.now(),
        starts_at__lt=timezone.now() + datetime.timedelta(days=8),
    )
    assert set(week.values_list("paid_by", flat=True)) == {
        PaidBy.QUOTA,
        PaidBy.CHECKOUT,
        PaidBy.CENTRE,
    }
    assert set(week.values_list("status", flat=True)) >= {
        BookingStatus.CONFIRMED,
        BookingStatus.HELD,
        BookingStatus.CANCELLED,
    }
    for kind, _label in STUDIO_KINDS:
        assert week.filter(room__kind=kind, status="confirmed").exists(), kind
    paid = week.filter(paid_by=PaidBy.CHECKOUT, status=BookingStatus.CONFIRMED)
    assert paid.count() == 9
    for booking in paid:
        # A real order of the room's studio time, at the booking's price.
        line = booking.order_line
        assert (line.product, line.line_price_incl_tax, line.order.user) == (
            booking.room.product,
            booking.price,
            booking.booker,
        )
        assert booking.price > Decimal("0.00")
        assert order_ledger_sum(order=line.order) == line.order.total_incl_tax
    cancelled = week.get(status=BookingStatus.CANCELLED)
    assert (cancelled.paid_by, cancelled.refunded) == (PaidBy.QUOTA, True)
    # Every paid booking, the past weeks' included, is one order of its own.
    assert (
        Order.objects.count()
        == Booking.objects.filter(
            paid_by=PaidBy.CHECKOUT, status=BookingStatus.CONFIRMED
        ).count()
    )


def test_past_weeks_were_used_checked_in_or_missed(people):
    studios.demo_studios(staff_email=STAFF, buyer_email=BUYER)

    past = Booking.objects.filter(
        status=BookingStatus.CONFIRMED, ends_at__lt=timezone.now()
    ).exclude(starts_at__date=timezone.localdate())
    assert past.count() > 100
    # Each came (checked in) or was marked a no-show, never both.
    assert past.filter(checked_in_at__isnull=True, no_show=False).count() == 0
    assert 0 < past.filter(no_show=True).count() < past.count() // 5
    assert set(past.values_list("paid_by", flat=True)) == {
        PaidBy.QUOTA,
        PaidBy.CHECKOUT,
        PaidBy.CENTRE,
    }


def test_the_studios_are_made_once(people):
    first = studios.demo_studios(staff_email=STAFF, buyer_email=BUYER)
    counts = (Room.objects.count(), Booking.objects.count(), Closure.objects.count())

    again = studios.demo_studios(staff_email=STAFF, buyer_email=BUYER)

    assert first > 20
    assert again == 0
    assert (
        Room.objects.count(),
        Booking.objects.count(),
        Closure.objects.count(),
    ) == counts


def test_the_holiday_is_the_first_more_than_a_week_ahead():
    assert studios.next_holiday(datetime.date(2026, 12, 4))[0] == datetime.date(
        2026, 12, 31
    )
    assert studios.next_holiday(datetime.date(2026, 12, 28))[0] == datetime.date(
        2027, 1, 1
    ).replace(month=3, day=8)


def test_a_booking_of_today_is_checked_in_when_the_clock_allows(people):
    studios.demo_studios(staff_email=STAFF, buyer_email=BUYER)
    booth = Room.objects.get(slug="ses-vokal-kabinasi")
    owner = studios._resident_user("sesler-studio")
    staff = owner.__class__.objects.get(email=STAFF)
    monday = timezone.localdate() + datetime.timedelta(
        days=14 - timezone.localdate().weekday()
    )
    opens = studios.at_local(booth, monday, datetime.time(10))

    too_early = studios._checked_in_today(
        booth, resident_user=owner, staff=staff, now=opens - datetime.timedelta(hours=2)
    )
    booking = studios._checked_in_today(
        booth,
        resident_user=owner,
        staff=staff,
        now=opens + datetime.timedelta(hours=3),
    )

    assert too_early is None
    assert (booking.starts_at, booking.checked_in_at, booking.paid_by) == (
        opens,
        opens + datetime.timedelta(minutes=10),
        PaidBy.QUOTA,
    )
