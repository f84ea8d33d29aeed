"""The booking services, tried from every side: each refusal says why (in
English here) and stores nothing; prices, quotas, cancellations, check-in,
no-shows and moves."""

from datetime import UTC, date, time, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from django.utils import timezone, translation

from checkout.services.bookings import booking_cancel
from market.bookings import selectors
from market.bookings.models import (
    Booking,
    BookingEquipment,
    BookingStatus,
    Closure,
    PaidBy,
)
from market.bookings.rules import BookingRefused
from market.bookings.services import (
    SlotRequest,
    booking_check_in,
    booking_create,
    booking_create_for_centre,
    booking_move,
    booking_no_show,
)
from tests.factories import UserFactory
from tests.factories.studios import (
    baku,
    make_equipment,
    make_quota,
    make_room,
    next_weekday,
)

pytestmark = pytest.mark.django_db

TAKEN = "Sorry, this time has just been taken. Choose another slot."


def _slot(room, starts_at, minutes=60, **fields) -> SlotRequest:
    return SlotRequest(room_id=room.pk, starts_at=starts_at, minutes=minutes, **fields)


def _refused(booker, request, *, now=None) -> str:
    """The refusal's English message; asserts nothing was stored."""
    before = (Booking.objects.count(), BookingEquipment.objects.count())
    with translation.override("en"), pytest.raises(BookingRefused) as refused:
        booking_create(request=request, booker=booker, now=now)
    assert (Booking.objects.count(), BookingEquipment.objects.count()) == before
    return refused.value.message


# Refusals of booking_create


def test_a_closed_room_is_refused(room, buyer, tuesday):
    room.is_active = False
    room.save()

    assert _refused(buyer, _slot(room, baku(tuesday, 10))) == (
        "This room is closed for booking."
    )


def test_a_start_off_the_grid_is_refused(room, buyer, tuesday):
    assert _refused(buyer, _slot(room, baku(tuesday, 10, 30))) == (
        "Bookings start on the slot grid: every 60 minutes from the hour."
    )


def test_a_length_off_the_steps_is_refused(room, buyer, tuesday):
    assert _refused(buyer, _slot(room, baku(tuesday, 10), 90)) == (
        "Bookings of this room are in steps of 60 minutes."
    )


def test_a_booking_shorter_than_the_shortest_is_refused(buyer, tuesday):
    room = make_room(slot_minutes=30, min_minutes=60)

    assert _refused(buyer, _slot(room, baku(tuesday, 10), 30)) == (
        "The shortest booking of this room is 60 minutes."
    )


def test_a_booking_longer_than_the_longest_is_refused(room, buyer, tuesday):
    assert _refused(buyer, _slot(room, baku(tuesday, 10), 300)) == (
        "The longest booking of this room is 240 minutes."
    )


def test_a_time_in_the_past_is_refused(room, buyer):
    yesterday = timezone.localdate() - timedelta(days=1)

    assert _refused(buyer, _slot(room, baku(yesterday, 12))) == (
        "This time has passed. Choose a time in the future."
    )


def test_a_slot_that_starts_now_is_refused(room, buyer, tuesday):
    now = baku(tuesday, 12)

    assert _refused(buyer, _slot(room, baku(tuesday, 12)), now=now) == (
        "This time has passed. Choose a time in the future."
    )


def test_a_time_beyond_the_horizon_is_refused(room, buyer):
    now = baku(date(2027, 3, 1), 9)

    assert _refused(
        buyer, _slot(room, baku(date(2027, 3, 1) + timedelta(days=61), 10)), now=now
    ) == ("This room can be booked at most 60 days ahead.")


def test_the_last_day_of_the_horizon_can_be_booked(room, buyer):
    now = baku(date(2027, 3, 1), 12)

    booking = booking_create(
        request=_slot(room, baku(date(2027, 4, 30), 11)), booker=buyer, now=now
    )

    assert booking.status == BookingStatus.HELD


def test_a_time_before_opening_is_refused(room, buyer, tuesday):
    assert _refused(buyer, _slot(room, baku(tuesday, 8), 120)) == (
        "The room is not open for all of 08:00–10:00. "
        "Choose a time inside its opening hours."
    )


def test_a_booking_across_closing_time_is_refused(room, buyer, tuesday):
    assert _refused(buyer, _slot(room, baku(tuesday, 21), 120)) == (
        "The room is not open for all of 21:00–23:00. "
        "Choose a time inside its opening hours."
    )


def test_a_day_without_opening_hours_is_refused(room, buyer, tuesday):
    room.opening_hours.filter(weekday=1).delete()

    assert _refused(buyer, _slot(room, baku(tuesday, 12))) == (
        "The room is not open for all of 12:00–13:00. "
        "Choose a time inside its opening hours."
    )


def test_a_closure_of_the_room_is_refused_with_its_reason(room, buyer, tuesday):
    Closure.objects.create(
        room=room,
        starts_at=baku(tuesday, 14),
        ends_at=baku(tuesday, 16),
        reason="Təmir",
        reason_en="Maintenance",
        reason_ru="Ремонт",
    )

    assert _refused(buyer, _slot(room, baku(tuesday, 13), 120)) == (
        "The room is closed then: Maintenance."
    )
    booking_create(request=_slot(room, baku(tuesday, 16)), booker=buyer)


def test_a_closure_of_every_room_is_refused(room, buyer, tuesday):
    Closure.objects.create(
        starts_at=baku(tuesday, 0),
        ends_at=baku(tuesday + timedelta(days=1), 0),
        reason="Bayram",
        reason_en="Public holiday",
    )

    assert _refused(buyer, _slot(room, baku(tuesday, 12))) == (
        "The room is closed then: Public holiday."
    )


def test_a_closure_of_another_room_does_not_refuse(room, buyer, tuesday):
    other = make_room(slug="sound-b")
    Closure.objects.create(
        room=other,
        starts_at=baku(tuesday, 0),
        ends_at=baku(tuesday, 23),
        reason="Təmir",
    )

    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=buyer)

    assert booking.status == BookingStatus.HELD


def test_more_people_than_the_room_holds_are_refused(room, buyer, tuesday):
    assert _refused(buyer, _slot(room, baku(tuesday, 12), people=5)) == (
        "This room holds at most 4 people."
    )


def test_equipment_of_another_room_is_refused(room, buyer, tuesday):
    other = make_room(slug="photo-a", kind="photo-video")
    camera = make_equipment(other, name="Kamera dəsti")
    camera.name_en = "Camera kit"
    camera.save()

    assert _refused(
        buyer, _slot(room, baku(tuesday, 12), equipment_ids=(camera.pk,))
    ) == ("“Camera kit” cannot be booked with this room.")


def test_equipment_out_of_use_is_refused(room, microphones, buyer, tuesday):
    microphones.is_active = False
    microphones.save()

    assert _refused(
        buyer, _slot(room, baku(tuesday, 12), equipment_ids=(microphones.pk,))
    ) == ("“Microphone set” cannot be booked with this room.")


def test_equipment_that_does_not_exist_is_refused(room, microphones, buyer, tuesday):
    assert _refused(
        buyer,
        _slot(room, baku(tuesday, 12), equipment_ids=(microphones.pk, 999_999)),
    ) == ("Some of the equipment chosen does not exist.")


def test_neither_room_nor_equipment_is_refused(room, buyer, tuesday):
    assert _refused(buyer, _slot(room, baku(tuesday, 12), uses_room=False)) == (
        "Choose the room, equipment, or both."
    )


def test_equipment_alone_leaves_the_room_free(room, microphones, buyer, staff, tuesday):
    alone = booking_create(
        request=_slot(
            room,
            baku(tuesday, 12),
            120,
            equipment_ids=(microphones.pk,),
            uses_room=False,
        ),
        booker=buyer,
    )
    # The room itself is still free then (staff book it without equipment).
    in_room = booking_create_for_centre(
        request=_slot(room, baku(tuesday, 12), 120), by=staff, reason="Rehearsal"
    )

    assert (alone.uses_room, alone.price, alone.people) == (
        False,
        Decimal("10.00"),
        1,
    )
    assert in_room.status == BookingStatus.CONFIRMED
    assert _refused(
        UserFactory(),
        _slot(
            room, baku(tuesday, 13), equipment_ids=(microphones.pk,), uses_room=False
        ),
    ) == ("“Microphone set” is already booked then.")


def test_an_overlap_with_a_confirmed_booking_is_refused(room, buyer, staff, tuesday):
    booking_create_for_centre(
        request=_slot(room, baku(tuesday, 12), 120), by=staff, reason="Rehearsal"
    )

    assert _refused(buyer, _slot(room, baku(tuesday, 13), 120)) == TAKEN
    assert _refused(buyer, _slot(room, baku(tuesday, 11), 120)) == TAKEN
    # Touching ends do not overlap.
    booking_create(request=_slot(room, baku(tuesday, 14)), booker=buyer)
    booking_create(request=_slot(room, baku(tuesday, 11)), booker=buyer)


def test_an_overlap_with_the_buffer_is_refused(buyer, staff, tuesday):
    room = make_room(buffer_minutes=60)
    booking_create_for_centre(
        request=_slot(room, baku(tuesday, 12), 120), by=staff, reason="Rehearsal"
    )

    # 12:00–14:00 keeps the room until 15:00.
    assert _refused(buyer, _slot(room, baku(tuesday, 14))) == TAKEN
    # A new booking's own buffer must not run into the next one either.
    assert _refused(buyer, _slot(room, baku(tuesday, 11))) == TAKEN
    later = booking_create(request=_slot(room, baku(tuesday, 15)), booker=buyer)
    assert later.blocked_until == baku(tuesday, 17)


def test_an_overlap_with_a_live_hold_is_refused(room, buyer, tuesday):
    booking_create(request=_slot(room, baku(tuesday, 12)), booker=UserFactory())

    assert _refused(buyer, _slot(room, baku(tuesday, 12))) == TAKEN


def test_a_hold_that_ran_out_does_not_block_and_lapses(room, buyer, tuesday):
    earlier = timezone.now()
    stale = booking_create(
        request=_slot(room, baku(tuesday, 12)), booker=UserFactory(), now=earlier
    )

    fresh = booking_create(
        request=_slot(room, baku(tuesday, 12)),
        booker=buyer,
        now=stale.held_until + timedelta(seconds=1),
    )

    stale.refresh_from_db()
    assert (stale.status, fresh.status) == (BookingStatus.LAPSED, BookingStatus.HELD)


def test_equipment_of_a_hold_that_ran_out_is_free_again(
    room, microphones, buyer, tuesday
):
    stale = booking_create(
        request=_slot(
            room, baku(tuesday, 12), equipment_ids=(microphones.pk,), uses_room=False
        ),
        booker=UserFactory(),
    )

    booking_create(
        request=_slot(
            room, baku(tuesday, 12), equipment_ids=(microphones.pk,), uses_room=False
        ),
        booker=buyer,
        now=stale.held_until + timedelta(seconds=1),
    )

    stale.refresh_from_db()
    assert stale.status == BookingStatus.LAPSED
    assert list(stale.equipment_rows.values_list("is_live", flat=True)) == [False]


@override_settings(MARKET_BOOKING_HOLDS_LIMIT=3)
def test_more_holds_than_the_limit_are_refused(room, buyer, tuesday):
    for hour in (10, 12, 14):
        booking_create(request=_slot(room, baku(tuesday, hour)), booker=buyer)

    assert _refused(buyer, _slot(room, baku(tuesday, 16))) == (
        "You already have 3 bookings waiting for payment. "
        "Pay for them or cancel one first."
    )


@override_settings(MARKET_BOOKING_HOLDS_LIMIT=1)
def test_a_hold_that_ran_out_does_not_count_to_the_limit(room, buyer, tuesday):
    first = booking_create(request=_slot(room, baku(tuesday, 10)), booker=buyer)

    second = booking_create(
        request=_slot(room, baku(tuesday, 12)),
        booker=buyer,
        now=first.held_until + timedelta(seconds=1),
    )

    assert second.status == BookingStatus.HELD


@pytest.mark.parametrize("booker", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_an_anonymous_booker_is_refused(room, tuesday, booker):
    assert _refused(booker, _slot(room, baku(tuesday, 12))) == (
        "Sign in to book a studio."
    )


# Prices


def test_a_paid_booking_mixes_off_peak_and_peak_hours(room, buyer, tuesday):
    booking = booking_create(request=_slot(room, baku(tuesday, 15), 240), booker=buyer)

    assert (booking.price, booking.minutes, booking.ends_at) == (
        Decimal("100.00"),
        240,
        baku(tuesday, 19),
    )


def test_a_weekend_booking_is_all_peak(room, buyer):
    saturday = next_weekday(timezone.localdate() + timedelta(days=7), 5)

    booking = booking_create(request=_slot(room, baku(saturday, 10), 180), booker=buyer)

    assert booking.price == Decimal("90.00")


def test_equipment_is_priced_per_hour_in_the_booking(room, microphones, buyer, tuesday):
    booking = booking_create(
        request=_slot(room, baku(tuesday, 16), 120, equipment_ids=(microphones.pk,)),
        booker=buyer,
    )

    assert booking.price == Decimal("60.00")
    assert list(booking.equipment_rows.values_list("price", "is_live")) == [
        (Decimal("10.00"), True)
    ]


def test_a_half_hour_grid_books_and_prices_half_hours(buyer, tuesday):
    room = make_room(slot_minutes=30, min_minutes=30, max_minutes=180)
    kit = make_equipment(room, price="3.00")

    booking = booking_create(
        request=_slot(room, baku(tuesday, 16, 30), 90, equipment_ids=(kit.pk,)),
        booker=buyer,
    )

    # 16:30 off-peak (10.00), 17:00 and 17:30 peak (15.00 each), kit 4.50.
    assert (booking.price, booking.ends_at) == (Decimal("44.50"), baku(tuesday, 18))


def test_a_centre_booking_costs_nothing(room, microphones, staff, tuesday):
    booking = booking_create_for_centre(
        request=_slot(room, baku(tuesday, 18), 120, equipment_ids=(microphones.pk,)),
        by=staff,
        reason="Open day",
    )

    assert (booking.status, booking.paid_by, booking.price, booking.purpose) == (
        BookingStatus.CONFIRMED,
        PaidBy.CENTRE,
        Decimal("0.00"),
        "Open day",
    )
    assert list(booking.equipment_rows.values_list("price", flat=True)) == [
        Decimal("0.00")
    ]


# Quotas


def _minutes_used(resident, day):
    return selectors.quota_state(
        resident, moment=baku(day, 12), now=timezone.now()
    ).minutes_used


def test_a_resident_books_on_the_programme_quota_until_it_runs_out(
    room, owner, resident, cultech_quota, tuesday
):
    first = booking_create(request=_slot(room, baku(tuesday, 10), 240), booker=owner)
    second = booking_create(request=_slot(room, baku(tuesday, 14), 240), booker=owner)
    # 2 hours are left: a 4-hour booking is paid in full, not in part.
    beyond = booking_create(request=_slot(room, baku(tuesday, 18), 240), booker=owner)
    last = booking_create(
        request=_slot(room, baku(tuesday + timedelta(days=1), 10), 120), booker=owner
    )

    assert [(b.paid_by, b.status) for b in (first, second, beyond, last)] == [
        (PaidBy.QUOTA, BookingStatus.CONFIRMED),
        (PaidBy.QUOTA, BookingStatus.CONFIRMED),
        (PaidBy.CHECKOUT, BookingStatus.HELD),
        (PaidBy.QUOTA, BookingStatus.CONFIRMED),
    ]
    assert (beyond.price, beyond.resident) == (Decimal("120.00"), resident)
    assert (first.price, first.resident) == (Decimal("0.00"), resident)
    assert _minutes_used(resident, tuesday) == 600


def test_a_residents_own_quota_replaces_the_programmes(
    room, owner, resident, cultech_quota, tuesday
):
    make_quota(resident=resident, hours=2)

    too_long = booking_create(request=_slot(room, baku(tuesday, 10), 180), booker=owner)
    fits = booking_create(request=_slot(room, baku(tuesday, 14), 120), booker=owner)

    assert (too_long.paid_by, fits.paid_by) == (PaidBy.CHECKOUT, PaidBy.QUOTA)
    assert selectors.quota_hours(resident) == 2


def test_a_resident_without_a_quota_pays(room, owner, tuesday):
    booking = booking_create(request=_slot(room, baku(tuesday, 10)), booker=owner)

    assert (booking.paid_by, booking.status) == (PaidBy.CHECKOUT, BookingStatus.HELD)


def test_another_programmes_quota_is_not_the_residents(room, owner, resident, tuesday):
    make_quota(programme="music", hours=20)

    booking = booking_create(request=_slot(room, baku(tuesday, 10)), booker=owner)

    assert booking.paid_by == PaidBy.CHECKOUT


def test_a_buyer_who_is_no_resident_never_books_on_a_quota(
    room, buyer, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 10)), booker=buyer)

    assert (booking.paid_by, booking.resident) == (PaidBy.CHECKOUT, None)


def test_the_quota_month_is_the_month_in_baku(owner, resident):
    # Open at night: 01:00 on 1 April in Baku is still 31 March in UTC.
    room = make_room(opens=time(0), closes=time(4))
    make_quota(resident=resident, hours=3)
    now = baku(date(2027, 3, 20), 12)
    march = booking_create(
        request=_slot(room, baku(date(2027, 3, 31), 0), 180), booker=owner, now=now
    )

    april = booking_create(
        request=_slot(room, baku(date(2027, 4, 1), 1), 180), booker=owner, now=now
    )
    march_again = booking_create(
        request=_slot(room, baku(date(2027, 3, 30), 1), 60), booker=owner, now=now
    )

    assert april.starts_at.astimezone(UTC).day == 31
    assert [b.paid_by for b in (march, april, march_again)] == [
        PaidBy.QUOTA,
        PaidBy.QUOTA,
        PaidBy.CHECKOUT,
    ]


def test_cancelling_before_the_cut_off_gives_the_hours_back(
    room, owner, resident, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 10), 240), booker=owner)

    result = booking_cancel(booking=booking, by=owner)

    booking.refresh_from_db()
    assert (booking.status, booking.refunded, result.refund_due) == (
        BookingStatus.CANCELLED,
        True,
        False,
    )
    assert _minutes_used(resident, tuesday) == 0


def test_cancelling_after_the_cut_off_keeps_the_hours_used(
    room, owner, resident, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 10), 240), booker=owner)

    booking_cancel(
        booking=booking, by=owner, now=baku(tuesday, 10) - timedelta(hours=2)
    )

    booking.refresh_from_db()
    assert (booking.status, booking.refunded) == (BookingStatus.CANCELLED, False)
    assert _minutes_used(resident, tuesday) == 240
    # The slot itself is free again.
    assert booking_create(
        request=_slot(room, baku(tuesday, 10)), booker=UserFactory()
    ).status == (BookingStatus.HELD)


def test_cancelling_exactly_at_the_cut_off_still_gives_the_hours_back(
    room, owner, resident, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 10)), booker=owner)

    booking_cancel(
        booking=booking, by=owner, now=baku(tuesday, 10) - timedelta(hours=24)
    )

    assert _minutes_used(resident, tuesday) == 0


def test_a_staff_cancel_always_gives_the_hours_back(
    room, owner, staff, resident, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 10), 240), booker=owner)

    booking_cancel(
        booking=booking,
        by=staff,
        reason="Room flooded",
        as_staff=True,
        now=baku(tuesday, 9),
    )

    booking.refresh_from_db()
    assert (booking.refunded, booking.cancel_reason, booking.cancelled_by) == (
        True,
        "Room flooded",
        staff,
    )
    assert _minutes_used(resident, tuesday) == 0


def test_a_no_show_keeps_the_hours_used(
    room, owner, staff, resident, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 10), 120), booker=owner)

    with translation.override("en"), pytest.raises(BookingRefused) as early:
        booking_no_show(booking=booking, by=staff, now=baku(tuesday, 9, 59))
    marked = booking_no_show(booking=booking, by=staff, now=baku(tuesday, 10, 15))

    assert early.value.message == (
        "A no-show can be marked once the booking has started."
    )
    assert (marked.no_show, marked.checked_in_at) == (True, None)
    assert _minutes_used(resident, tuesday) == 120
    assert booking_no_show(booking=booking, by=staff, undo=True).no_show is False


# Check-in


def test_check_in_opens_an_hour_before_the_start(
    room, owner, staff, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=owner)

    with translation.override("en"), pytest.raises(BookingRefused) as early:
        booking_check_in(booking=booking, by=staff, now=baku(tuesday, 10, 59))
    checked = booking_check_in(booking=booking, by=staff, now=baku(tuesday, 11))

    assert early.value.message == "Check-in opens an hour before the booking starts."
    assert checked.checked_in_at == baku(tuesday, 11)
    # Checking in again keeps the first time; undo clears it.
    assert booking_check_in(
        booking=booking, by=staff, now=baku(tuesday, 12)
    ).checked_in_at == baku(tuesday, 11)
    assert booking_check_in(booking=booking, by=staff, undo=True).checked_in_at is None


def test_checking_in_after_a_no_show_clears_it(
    room, owner, staff, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=owner)
    booking_no_show(booking=booking, by=staff, now=baku(tuesday, 12, 20))

    checked = booking_check_in(booking=booking, by=staff, now=baku(tuesday, 12, 30))

    assert (checked.no_show, checked.checked_in_at) == (False, baku(tuesday, 12, 30))


def test_a_held_booking_cannot_be_checked_in(room, buyer, staff, tuesday):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=buyer)

    with translation.override("en"), pytest.raises(BookingRefused) as refused:
        booking_check_in(booking=booking, by=staff, now=baku(tuesday, 12))

    assert refused.value.message == "Only a confirmed booking can be checked in."
    booking.refresh_from_db()
    assert booking.checked_in_at is None


# Moves


def _moved_refusal(booking, **kwargs) -> str:
    before = Booking.objects.values_list("pk", "room_id", "starts_at", "ends_at")
    before = list(before.order_by("pk"))
    with translation.override("en"), pytest.raises(BookingRefused) as refused:
        booking_move(booking=booking, **kwargs)
    after = Booking.objects.values_list("pk", "room_id", "starts_at", "ends_at")
    assert list(after.order_by("pk")) == before
    return refused.value.message


def test_staff_move_a_booking_keeping_its_length(
    room, microphones, owner, staff, cultech_quota, tuesday
):
    booking = booking_create(
        request=_slot(room, baku(tuesday, 12), 120, equipment_ids=(microphones.pk,)),
        booker=owner,
    )

    moved = booking_move(
        booking=booking, starts_at=baku(tuesday, 15), by=staff, reason="Repairs"
    )

    assert (moved.starts_at, moved.ends_at, moved.minutes, moved.price) == (
        baku(tuesday, 15),
        baku(tuesday, 17),
        120,
        Decimal("0.00"),
    )
    assert list(moved.equipment_rows.values_list("starts_at", "blocked_until")) == [
        (baku(tuesday, 15), baku(tuesday, 17))
    ]
    # The old slot is free again.
    booking_create(request=_slot(room, baku(tuesday, 12), 120), booker=UserFactory())


def test_a_move_to_another_room_of_the_same_kind(
    room, owner, staff, cultech_quota, tuesday
):
    other = make_room(slug="sound-b")
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=owner)

    moved = booking_move(
        booking=booking,
        starts_at=baku(tuesday, 12),
        by=staff,
        reason="Repairs",
        room=other,
    )

    assert (moved.room, moved.starts_at) == (other, baku(tuesday, 12))


def test_a_move_needs_a_reason(room, owner, staff, cultech_quota, tuesday):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=owner)

    assert _moved_refusal(
        booking, starts_at=baku(tuesday, 15), by=staff, reason="  "
    ) == ("Say why the booking is moved.")


def test_a_move_to_another_kind_of_studio_is_refused(
    room, owner, staff, cultech_quota, tuesday
):
    dance = make_room(slug="dance-a", kind="dance")
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=owner)

    assert _moved_refusal(
        booking, starts_at=baku(tuesday, 12), by=staff, reason="Repairs", room=dance
    ) == ("A booking moves only to a room of the same studio.")


def test_a_move_onto_another_booking_is_refused(
    room, owner, staff, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 12), 120), booker=owner)
    booking_create_for_centre(
        request=_slot(room, baku(tuesday, 16)), by=staff, reason="Guest"
    )

    assert (
        _moved_refusal(booking, starts_at=baku(tuesday, 15), by=staff, reason="Repairs")
        == TAKEN
    )
    # Onto its own time, shifted by an hour: it does not collide with itself.
    moved = booking_move(
        booking=booking, starts_at=baku(tuesday, 13), by=staff, reason="Repairs"
    )
    assert moved.ends_at == baku(tuesday, 15)


def test_a_move_outside_opening_hours_is_refused(
    room, owner, staff, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 12), 120), booker=owner)

    assert _moved_refusal(
        booking, starts_at=baku(tuesday, 21), by=staff, reason="Repairs"
    ) == (
        "The room is not open for all of 21:00–23:00. "
        "Choose a time inside its opening hours."
    )


def test_a_held_booking_cannot_be_moved(room, buyer, staff, tuesday):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=buyer)

    assert _moved_refusal(
        booking, starts_at=baku(tuesday, 15), by=staff, reason="Repairs"
    ) == ("Only a confirmed booking can be moved.")


def test_a_booking_with_equipment_stays_in_its_room(
    room, microphones, owner, staff, cultech_quota, tuesday
):
    other = make_room(slug="sound-b")
    booking = booking_create(
        request=_slot(room, baku(tuesday, 12), equipment_ids=(microphones.pk,)),
        booker=owner,
    )

    assert _moved_refusal(
        booking, starts_at=baku(tuesday, 12), by=staff, reason="Repairs", room=other
    ) == ("This booking has equipment of its room; move it within the room.")


# Cancellations


def test_cancelling_twice_changes_nothing_the_second_time(
    room, owner, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=owner)
    booking_cancel(booking=booking, by=owner)
    booking.refresh_from_db()
    first = (booking.status, booking.cancelled_at, booking.refunded)

    again = booking_cancel(booking=booking, by=owner)

    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_at, booking.refunded) == first
    assert again.refund_due is False


def test_a_staff_cancel_needs_a_reason(room, owner, staff, cultech_quota, tuesday):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=owner)

    with translation.override("en"), pytest.raises(BookingRefused) as refused:
        booking_cancel(booking=booking, by=staff, reason=" ", as_staff=True)

    assert refused.value.message == "Say why the booking is cancelled."
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_someone_else_cannot_cancel_a_booking(
    room, owner, buyer, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=owner)

    with translation.override("en"), pytest.raises(BookingRefused) as refused:
        booking_cancel(booking=booking, by=buyer)

    assert refused.value.message == "This booking is someone else's."
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_a_started_booking_cannot_be_cancelled_by_its_booker(
    room, owner, cultech_quota, tuesday
):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=owner)

    with translation.override("en"), pytest.raises(BookingRefused) as refused:
        booking_cancel(booking=booking, by=owner, now=baku(tuesday, 12))

    assert refused.value.message == (
        "This booking has started; it can no longer be cancelled."
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_a_held_booking_cancelled_frees_its_slot_and_is_no_refund(room, buyer, tuesday):
    booking = booking_create(request=_slot(room, baku(tuesday, 12)), booker=buyer)

    result = booking_cancel(booking=booking, by=buyer)

    booking.refresh_from_db()
    assert (booking.status, booking.refunded, result.refund_due) == (
        BookingStatus.CANCELLED,
        False,
        False,
    )
    booking_create(request=_slot(room, baku(tuesday, 12)), booker=UserFactory())


def test_a_move_into_another_month_asks_that_month_s_quota(
    room, owner, resident, staff, tuesday
):
    make_quota(resident=resident, hours=2)
    next_month = (tuesday.replace(day=1) + timedelta(days=32)).replace(day=10)
    spent = booking_create(request=_slot(room, baku(next_month, 12), 120), booker=owner)
    booking = booking_create(request=_slot(room, baku(tuesday, 12), 120), booker=owner)
    assert (spent.paid_by, booking.paid_by) == (PaidBy.QUOTA, PaidBy.QUOTA)

    with translation.override("en"), pytest.raises(BookingRefused) as refused:
        booking_move(
            booking=booking,
            starts_at=baku(next_month, 15),
            by=staff,
            reason="Repairs",
        )

    assert refused.value.message == (
        "The resident's free hours for that month do not cover this booking "
        "(0.0 hours left)."
    )
    booking.refresh_from_db()
    assert booking.starts_at == baku(tuesday, 12)


def test_a_suspended_resident_s_people_get_no_free_hours(
    room, owner, resident, cultech_quota, tuesday
):
    from market.residents.models import ResidentStatus

    resident.status = ResidentStatus.SUSPENDED
    resident.save(update_fields=["status"])

    booking = booking_create(request=_slot(room, baku(tuesday, 12), 120), booker=owner)

    # Booked like anyone else's: held for payment, on no resident's quota.
    assert (booking.paid_by, booking.status, booking.resident_id, booking.price) == (
        PaidBy.CHECKOUT,
        BookingStatus.HELD,
        None,
        Decimal("40.00"),
    )
    assert not Booking.objects.filter(paid_by=PaidBy.QUOTA).exists()
