from decimal import Decimal

import pytest

from market.bookings.models import BookingStatus, PaidBy
from market.bookings.rules import BookingRefused
from market.bookings.services import SlotRequest, booking_create
from tests.factories.studios import baku

pytestmark = pytest.mark.django_db


def test_a_resident_books_free_hours_and_a_buyer_holds_a_paid_slot(
    room, owner, buyer, cultech_quota, tuesday
):
    free = booking_create(
        request=SlotRequest(room_id=room.pk, starts_at=baku(tuesday, 10), minutes=120),
        booker=owner,
    )
    assert (free.status, free.paid_by, free.price) == (
        BookingStatus.CONFIRMED,
        PaidBy.QUOTA,
        Decimal("0.00"),
    )
    paid = booking_create(
        request=SlotRequest(room_id=room.pk, starts_at=baku(tuesday, 16), minutes=120),
        booker=buyer,
    )
    # 16:00 off-peak (20), 17:00 peak (30).
    assert (paid.status, paid.paid_by, paid.price) == (
        BookingStatus.HELD,
        PaidBy.CHECKOUT,
        Decimal("50.00"),
    )
    with pytest.raises(BookingRefused):
        booking_create(
            request=SlotRequest(
                room_id=room.pk, starts_at=baku(tuesday, 11), minutes=60
            ),
            booker=buyer,
        )
