"""The staff's side of the studios in the Wagtail admin (/cms/studios/): who
may see and act, the booking actions (check in, no-show, move, cancel,
book for the Centre), closures and rooms switched off cancelling what they
cover, deletions refused, forms that refuse bad input, the day and week
views and the front desk's sheet."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone
from oscar.apps.basket.models import Basket
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from checkout.models import Refund
from checkout.services.bookings import booking_basket_add
from market.bookings import services
from market.bookings.models import (
    Booking,
    BookingStatus,
    Closure,
    Equipment,
    PaidBy,
    Quota,
    Room,
)
from market.bookings.services import SlotRequest
from market.residents.strategy import Selector
from tests.factories import UserFactory
from tests.factories.studios import baku, make_room
from tests.stripe_fixtures import buy, closed_port

pytestmark = pytest.mark.django_db


def _in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def admin(client, staff):
    client.force_login(_in_english(staff))
    return client


@pytest.fixture
def past_day():
    return timezone.localdate() - timedelta(days=2)


def _centre(room, starts_at, *, minutes=60, by, now=None, equipment=()):
    return services.booking_create_for_centre(
        request=SlotRequest(
            room_id=room.pk,
            starts_at=starts_at,
            minutes=minutes,
            equipment_ids=tuple(item.pk for item in equipment),
            people=2,
        ),
        by=by,
        reason="Podcast of the Centre",
        now=now,
    )


@pytest.fixture
def quota_booking(room, owner, cultech_quota, tuesday, microphones):
    """Xalça Atelier's free hours, Tuesday 10:00–12:00 (Baku), with the
    microphones."""
    return services.booking_create(
        request=SlotRequest(
            room_id=room.pk,
            starts_at=baku(tuesday, 10),
            minutes=120,
            equipment_ids=(microphones.pk,),
            people=3,
            purpose="Album recording",
        ),
        booker=owner,
    )


@pytest.fixture
def past_booking(room, staff, past_day):
    """The Centre's booking two days ago, 10:00–11:00, booked the day
    before."""
    return _centre(
        room, baku(past_day, 10), by=staff, now=baku(past_day - timedelta(days=1), 9)
    )


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _state(booking):
    booking.refresh_from_db()
    return (
        booking.status,
        booking.room_id,
        booking.starts_at,
        booking.checked_in_at,
        booking.no_show,
        booking.refunded,
    )


# Who may come in ---------------------------------------------------------------


def _pages(room, booking, quota, day):
    return [
        "/cms/studios/",
        f"/cms/studios/day/{day}/",
        "/cms/studios/week/",
        f"/cms/studios/week/{day}/",
        f"/cms/studios/day/{day}/print/",
        "/cms/studios/book/",
        "/cms/studios/figures/",
        "/cms/studios/bookings/",
        f"/cms/studios/bookings/{booking.pk}/",
        "/cms/studios/rooms/",
        "/cms/studios/rooms/new/",
        f"/cms/studios/rooms/edit/{room.pk}/",
        "/cms/studios/equipment/",
        "/cms/studios/equipment/new/",
        "/cms/studios/closures/",
        "/cms/studios/closures/new/",
        "/cms/studios/quotas/",
        "/cms/studios/quotas/new/",
        f"/cms/studios/quotas/edit/{quota.pk}/",
    ]


def test_every_page_opens_for_staff(admin, room, quota_booking, cultech_quota, tuesday):
    for url in _pages(room, quota_booking, cultech_quota, tuesday):
        response = admin.get(url)

        assert response.status_code == 200, url


def test_anonymous_visitors_are_sent_to_the_admin_login(
    client, room, quota_booking, cultech_quota, tuesday
):
    before = _state(quota_booking)

    for url in _pages(room, quota_booking, cultech_quota, tuesday):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"] == f"/cms/login/?next={url}"
    for action in ["check-in", "no-show", "move", "cancel"]:
        response = client.post(
            f"/cms/studios/bookings/{quota_booking.pk}/{action}/",
            {"reason": "No", "day": str(tuesday), "start": "14:00"},
        )
        assert response.status_code == 302
    assert _state(quota_booking) == before


@pytest.mark.parametrize("who", ["buyer", "owner", "editor"])
def test_people_without_the_permissions_are_turned_away(
    client, request, who, room, quota_booking, cultech_quota, tuesday
):
    if who == "editor":
        # May open the admin, but has no right to the studios.
        user = UserFactory(email="editor@example.az", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    before = _state(quota_booking)
    rooms, quotas = Room.objects.count(), Quota.objects.count()

    for url in _pages(room, quota_booking, cultech_quota, tuesday):
        response = client.get(url)

        assert response.status_code in (302, 403), url
    for action in ["check-in", "no-show", "move", "cancel"]:
        response = client.post(
            f"/cms/studios/bookings/{quota_booking.pk}/{action}/",
            {"reason": "No", "day": str(tuesday), "start": "14:00"},
        )
        assert response.status_code in (302, 403)
    client.post(f"/cms/studios/rooms/delete/{room.pk}/")
    client.post(
        "/cms/studios/quotas/new/", {"programme": "music", "hours_per_month": 5}
    )
    assert _state(quota_booking) == before
    assert (Room.objects.count(), Quota.objects.count()) == (rooms, quotas)


def test_the_front_desk_may_see_and_act_but_not_edit_rooms(client, room, past_booking):
    desk = UserFactory(email="desk@example.az", is_staff=True)
    desk.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_booking", "change_booking"]
        )
    )
    client.force_login(desk)

    assert (
        client.get(f"/cms/studios/day/{past_booking.starts_at.date()}/").status_code
        == 200
    )
    response = client.post(f"/cms/studios/bookings/{past_booking.pk}/check-in/")
    assert response.status_code == 302
    past_booking.refresh_from_db()
    assert past_booking.checked_in_at is not None
    assert client.get(f"/cms/studios/rooms/edit/{room.pk}/").status_code == 302
    assert client.get("/cms/studios/book/").status_code == 302


# At the front desk -------------------------------------------------------------


def test_check_in_and_take_it_back(admin, past_booking):
    response = admin.post(f"/cms/studios/bookings/{past_booking.pk}/check-in/")

    assert response.status_code == 302
    assert response["Location"] == f"/cms/studios/bookings/{past_booking.pk}/"
    assert _messages(response) == ["Checked in."]
    past_booking.refresh_from_db()
    assert past_booking.checked_in_at is not None
    assert past_booking.no_show is False

    response = admin.post(
        f"/cms/studios/bookings/{past_booking.pk}/check-in/", {"undo": "1"}
    )

    past_booking.refresh_from_db()
    assert past_booking.checked_in_at is None
    assert _messages(response)[-1] == "Check-in taken back."


def test_check_in_from_the_sheet_goes_back_to_the_sheet(admin, past_booking, past_day):
    sheet = f"/cms/studios/day/{past_day}/print/"

    response = admin.post(
        f"/cms/studios/bookings/{past_booking.pk}/check-in/", {"next": sheet}
    )

    assert response["Location"] == sheet
    past_booking.refresh_from_db()
    assert past_booking.checked_in_at is not None


def test_check_in_before_the_hour_is_refused(admin, quota_booking):
    before = _state(quota_booking)

    response = admin.post(f"/cms/studios/bookings/{quota_booking.pk}/check-in/")

    assert _messages(response) == ["Check-in opens an hour before the booking starts."]
    assert _state(quota_booking) == before


def test_a_no_show_and_taking_it_back(admin, past_booking):
    response = admin.post(f"/cms/studios/bookings/{past_booking.pk}/no-show/")

    assert _messages(response) == ["Marked as a no-show."]
    past_booking.refresh_from_db()
    assert (past_booking.no_show, past_booking.checked_in_at) == (True, None)

    admin.post(f"/cms/studios/bookings/{past_booking.pk}/no-show/", {"undo": "1"})

    past_booking.refresh_from_db()
    assert (past_booking.no_show, past_booking.status) == (
        False,
        BookingStatus.CONFIRMED,
    )


def test_a_no_show_before_the_start_is_refused(admin, quota_booking):
    before = _state(quota_booking)

    response = admin.post(f"/cms/studios/bookings/{quota_booking.pk}/no-show/")

    assert _messages(response) == [
        "A no-show can be marked once the booking has started."
    ]
    assert _state(quota_booking) == before


def test_the_get_of_an_action_changes_nothing(admin, past_booking):
    before = _state(past_booking)

    response = admin.get(f"/cms/studios/bookings/{past_booking.pk}/check-in/")

    assert response.status_code == 405
    assert _state(past_booking) == before


# Cancel and move ----------------------------------------------------------------


def test_staff_cancel_with_a_reason_and_the_hours_come_back(
    admin, staff, quota_booking, mailoutbox
):
    response = admin.post(
        f"/cms/studios/bookings/{quota_booking.pk}/cancel/",
        {"reason": "The mixing desk is broken."},
    )

    assert response.status_code == 302
    assert _messages(response) == [
        "Booking cancelled; the booker is told and given it back."
    ]
    quota_booking.refresh_from_db()
    assert quota_booking.status == BookingStatus.CANCELLED
    assert quota_booking.refunded is True
    assert quota_booking.cancelled_by == staff
    assert quota_booking.cancel_reason == "The mixing desk is broken."
    assert list(quota_booking.equipment_rows.values_list("is_live", flat=True)) == [
        False
    ]


def test_a_cancel_without_a_reason_changes_nothing(admin, quota_booking):
    before = _state(quota_booking)

    response = admin.post(
        f"/cms/studios/bookings/{quota_booking.pk}/cancel/", {"reason": " "}
    )

    assert _messages(response) == ["Say why the booking is cancelled."]
    assert _state(quota_booking) == before


def test_an_ended_booking_cannot_be_cancelled(admin, past_booking):
    before = _state(past_booking)

    response = admin.post(
        f"/cms/studios/bookings/{past_booking.pk}/cancel/", {"reason": "Late"}
    )

    assert _messages(response) == ["This booking has ended; it cannot be cancelled."]
    assert _state(past_booking) == before


def test_move_to_another_hour_in_baku_time(admin, quota_booking, tuesday):
    response = admin.post(
        f"/cms/studios/bookings/{quota_booking.pk}/move/",
        {"day": str(tuesday), "start": "14:00", "reason": "The room is painted."},
    )

    assert _messages(response) == ["Booking moved; the booker is told."]
    quota_booking.refresh_from_db()
    assert (quota_booking.starts_at, quota_booking.ends_at) == (
        baku(tuesday, 14),
        baku(tuesday, 16),
    )
    assert list(quota_booking.equipment_rows.values_list("starts_at", flat=True)) == [
        baku(tuesday, 14)
    ]


def test_move_to_another_room_of_the_same_studio(admin, room, staff, tuesday):
    booking = _centre(room, baku(tuesday, 10), by=staff)
    other = make_room(slug="sound-b", name="Səs otağı B", listing=False)

    admin.post(
        f"/cms/studios/bookings/{booking.pk}/move/",
        {
            "day": str(tuesday),
            "start": "11:00",
            "room": other.pk,
            "reason": "A bigger room.",
        },
    )

    booking.refresh_from_db()
    assert (booking.room, booking.starts_at) == (other, baku(tuesday, 11))


def test_move_onto_a_taken_slot_or_another_studio_changes_nothing(
    admin, room, staff, quota_booking, tuesday
):
    booking = _centre(room, baku(tuesday, 15), by=staff)
    photo = make_room(slug="photo-a", kind="photo-video", listing=False)
    before = _state(booking)

    taken = admin.post(
        f"/cms/studios/bookings/{booking.pk}/move/",
        {"day": str(tuesday), "start": "11:00", "reason": "Earlier."},
    )
    elsewhere = admin.post(
        f"/cms/studios/bookings/{booking.pk}/move/",
        {"day": str(tuesday), "start": "15:00", "room": photo.pk, "reason": "X"},
    )
    no_reason = admin.post(
        f"/cms/studios/bookings/{booking.pk}/move/",
        {"day": str(tuesday), "start": "16:00", "reason": ""},
    )

    assert _messages(taken) == [
        "Sorry, this time has just been taken. Choose another slot."
    ]
    assert _messages(elsewhere)[-1] == (
        "Select a valid choice. That choice is not one of the available choices."
    )
    assert _messages(no_reason)[-1] == "This field is required."
    assert _state(booking) == before


# Booking for the Centre ------------------------------------------------------------


def test_book_a_slot_for_the_centre(admin, staff, room, microphones, tuesday):
    response = admin.post(
        "/cms/studios/book/",
        {
            "room": room.pk,
            "day": str(tuesday),
            "start": "18:00",
            "minutes": "120",
            "equipment": [microphones.pk],
            "people": "3",
            "reason": "Guest recording",
        },
    )

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cms/studios/bookings/{booking.pk}/"
    assert (
        booking.status,
        booking.paid_by,
        booking.price,
        booking.booker,
        booking.purpose,
        booking.people,
        booking.starts_at,
        booking.ends_at,
    ) == (
        BookingStatus.CONFIRMED,
        PaidBy.CENTRE,
        Decimal("0.00"),
        staff,
        "Guest recording",
        3,
        baku(tuesday, 18),
        baku(tuesday, 20),
    )
    assert list(booking.equipment_rows.values_list("equipment", flat=True)) == [
        microphones.pk
    ]


def test_a_centre_slot_outside_the_rules_is_a_form_error(admin, room, tuesday):
    response = admin.post(
        "/cms/studios/book/",
        {
            "room": room.pk,
            "day": str(tuesday),
            "start": "21:00",
            "minutes": "120",
            "people": "1",
            "reason": "Late session",
        },
    )

    assert response.status_code == 200
    assert (
        "The room is not open for all of 21:00–23:00. Choose a time inside its "
        "opening hours."
    ) in response.content.decode()
    assert Booking.objects.count() == 0


# Closures and rooms switched off ------------------------------------------------------


def test_a_closure_cancels_exactly_the_bookings_it_covers(
    admin, room, staff, quota_booking, tuesday
):
    # Booked in English: the reason reaches the booker in English.
    Booking.objects.filter(pk=quota_booking.pk).update(language="en")
    later = _centre(room, baku(tuesday, 15), by=staff)
    elsewhere = make_room(slug="sound-b", name="Səs otağı B", listing=False)
    other_room = _centre(elsewhere, baku(tuesday, 10), by=staff)

    response = admin.post(
        "/cms/studios/closures/new/",
        {
            "room": room.pk,
            "starts_at": f"{tuesday} 09:00",
            "ends_at": f"{tuesday} 13:00",
            "reason": "Təmir",
            "reason_en": "Repairs",
            "reason_ru": "Ремонт",
        },
    )

    assert response.status_code == 302
    closure = Closure.objects.get()
    assert (closure.starts_at, closure.ends_at) == (baku(tuesday, 9), baku(tuesday, 13))
    assert (
        "1 booking it covers was cancelled; its booker is told and given back "
        "the money or free hours."
    ) in _messages(response)
    quota_booking.refresh_from_db()
    assert (
        quota_booking.status,
        quota_booking.refunded,
        quota_booking.cancel_reason,
        quota_booking.cancelled_by,
    ) == (BookingStatus.CANCELLED, True, "Repairs", staff)
    for untouched in (later, other_room):
        untouched.refresh_from_db()
        assert untouched.status == BookingStatus.CONFIRMED


def test_a_closure_refunds_a_paid_booking_through_stripe(
    client, stripe_settings, rates, staff, buyer, room, tuesday
):
    booking = services.booking_create(
        request=SlotRequest(room_id=room.pk, starts_at=baku(tuesday, 10), minutes=60),
        booker=buyer,
    )
    basket, _created = Basket.open.get_or_create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    booking_basket_add(basket=basket, booking=booking)
    client.force_login(buyer)
    payment = buy(client, [])
    booking.refresh_from_db()
    assert (booking.status, booking.price) == (
        BookingStatus.CONFIRMED,
        Decimal("20.00"),
    )
    desk = Client()
    desk.force_login(_in_english(staff))

    response = desk.post(
        "/cms/studios/closures/new/",
        {
            "room": room.pk,
            "starts_at": f"{tuesday} 08:00",
            "ends_at": f"{tuesday} 12:00",
            "reason": "Su borusu partladı",
        },
    )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.status, booking.refunded, booking.cancelled_by) == (
        BookingStatus.CANCELLED,
        True,
        staff,
    )
    refund = Refund.objects.get(order=payment.order)
    assert (refund.amount, refund.status) == (Decimal("20.00"), "succeeded")
    assert refund.stripe_refund_id.startswith("re_")


def test_a_closure_when_stripe_is_down_says_so_and_keeps_the_booking(
    client, stripe_settings, rates, staff, buyer, room, tuesday
):
    booking = services.booking_create(
        request=SlotRequest(room_id=room.pk, starts_at=baku(tuesday, 10), minutes=60),
        booker=buyer,
    )
    basket, _created = Basket.open.get_or_create(owner=buyer)
    basket.strategy = Selector().strategy(user=buyer)
    booking_basket_add(basket=basket, booking=booking)
    client.force_login(buyer)
    buy(client, [])
    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"
    desk = Client()
    desk.force_login(_in_english(staff))

    response = desk.post(
        "/cms/studios/closures/new/",
        {
            "room": room.pk,
            "starts_at": f"{tuesday} 08:00",
            "ends_at": f"{tuesday} 12:00",
            "reason": "Su borusu partladı",
        },
    )

    assert response.status_code == 302
    assert _messages(response)[-1] == (
        "Saved, but a refund failed, so not every booking it covers is cancelled "
        "yet. Save again in a moment to go on."
    )
    assert Closure.objects.count() == 1
    booking.refresh_from_db()
    assert (booking.status, booking.refunded) == (BookingStatus.CONFIRMED, False)
    assert Refund.objects.count() == 0


def test_a_closure_of_every_studio_cancels_in_each_room(
    admin, room, staff, quota_booking, tuesday
):
    elsewhere = make_room(slug="photo-a", kind="photo-video", listing=False)
    other_room = _centre(elsewhere, baku(tuesday, 11), by=staff)

    admin.post(
        "/cms/studios/closures/new/",
        {
            "room": "",
            "starts_at": f"{tuesday} 00:00",
            "ends_at": f"{tuesday} 23:59",
            "reason": "Bayram",
        },
    )

    assert set(Booking.objects.values_list("status", flat=True)) == {
        BookingStatus.CANCELLED
    }
    other_room.refresh_from_db()
    assert other_room.refunded is True


def test_a_closure_ending_before_it_starts_is_a_form_error(
    admin, room, quota_booking, tuesday
):
    response = admin.post(
        "/cms/studios/closures/new/",
        {
            "room": room.pk,
            "starts_at": f"{tuesday} 13:00",
            "ends_at": f"{tuesday} 09:00",
            "reason": "Təmir",
        },
    )

    assert response.status_code == 200
    assert "A closure must end after it starts." in response.content.decode()
    assert Closure.objects.count() == 0
    quota_booking.refresh_from_db()
    assert quota_booking.status == BookingStatus.CONFIRMED


def _room_data(room, **changes):
    data = {
        "kind": room.kind,
        "name": room.name,
        "name_en": room.name_en,
        "name_ru": room.name_ru,
        "slug": room.slug,
        "sort_order": "0",
        "is_active": "on",
        "description": "",
        "description_en": "",
        "description_ru": "",
        "equipment": "",
        "equipment_en": "",
        "equipment_ru": "",
        "capacity": "4",
        "slot_minutes": "60",
        "min_minutes": "60",
        "max_minutes": "240",
        "buffer_minutes": "0",
        "horizon_days": "60",
        "cancel_cutoff_hours": "24",
        "price_off_peak": "20.00",
        "price_peak": "30.00",
        "peak_starts": "17:00",
        "peak_ends": "22:00",
        "opening_hours": inline_formset(
            [
                {
                    "id": str(opening.pk),
                    "weekday": str(opening.weekday),
                    "opens": "10:00",
                    "closes": "22:00",
                }
                for opening in room.opening_hours.all()
            ],
            initial=room.opening_hours.count(),
        ),
    }
    data.update(changes)
    if data.get("is_active") is None:
        data.pop("is_active")
    return nested_form_data(data)


def test_switching_a_room_off_cancels_its_future_bookings(
    admin, room, staff, quota_booking, past_booking
):
    response = admin.post(
        f"/cms/studios/rooms/edit/{room.pk}/",
        _room_data(room, is_active=None, name="Səs otağı (bağlı)"),
    )

    assert response.status_code == 302
    room.refresh_from_db()
    assert room.is_active is False
    assert room.product.title == "Studiya vaxtı: Səs otağı (bağlı)"
    quota_booking.refresh_from_db()
    assert (quota_booking.status, quota_booking.refunded) == (
        BookingStatus.CANCELLED,
        True,
    )
    past_booking.refresh_from_db()
    assert past_booking.status == BookingStatus.CONFIRMED
    assert (
        "1 booking it covers was cancelled; its booker is told and given back "
        "the money or free hours."
    ) in _messages(response)


def test_a_new_room_gets_its_studio_time_listing(admin):
    data = _room_data(
        Room(kind="dance", name="Rəqs zalı", name_en="Dance hall", slug="dance-a"),
        capacity="12",
    )
    data.update(
        nested_form_data(
            {
                "opening_hours": inline_formset(
                    [{"weekday": "0", "opens": "09:00", "closes": "21:00"}]
                )
            }
        )
    )

    response = admin.post("/cms/studios/rooms/new/", data)

    assert response.status_code == 302
    room = Room.objects.get(slug="dance-a")
    assert room.product.title == "Studiya vaxtı: Rəqs zalı"
    assert room.product.title_en == "Studio time: Dance hall"
    assert [
        (o.weekday, str(o.opens), str(o.closes)) for o in room.opening_hours.all()
    ] == [(0, "09:00:00", "21:00:00")]


def test_bad_room_rules_are_form_errors(admin, room):
    data = _room_data(room, min_minutes="240", max_minutes="120")
    data["opening_hours-0-closes"] = "09:00"

    response = admin.post(f"/cms/studios/rooms/edit/{room.pk}/", data)

    assert response.status_code == 200
    content = response.content.decode()
    assert "The longest booking cannot be shorter than the shortest." in content
    assert "The room must close after it opens." in content
    room.refresh_from_db()
    assert (room.min_minutes, room.max_minutes) == (60, 240)


def test_a_room_with_bookings_is_not_deleted(admin, room, past_booking):
    confirm = admin.get(f"/cms/studios/rooms/delete/{room.pk}/")
    response = admin.post(f"/cms/studios/rooms/delete/{room.pk}/")

    assert confirm.status_code == 302

    assert response.status_code == 302
    assert response["Location"] == f"/cms/studios/rooms/edit/{room.pk}/"
    assert _messages(response)[-1] == (
        "This room has 1 booking, so it cannot be deleted. Switch off “open for "
        "booking” instead: its future bookings are then cancelled, with refunds."
    )
    assert Room.objects.filter(pk=room.pk).exists()
    assert Booking.objects.filter(pk=past_booking.pk).exists()


def test_a_room_without_bookings_is_deleted_with_its_equipment(
    admin, room, microphones
):
    confirm = admin.get(f"/cms/studios/rooms/delete/{room.pk}/")
    assert confirm.status_code == 200

    response = admin.post(f"/cms/studios/rooms/delete/{room.pk}/")

    assert response.status_code == 302
    assert not Room.objects.filter(pk=room.pk).exists()
    assert not Equipment.objects.filter(pk=microphones.pk).exists()


def test_booked_equipment_is_not_deleted(admin, quota_booking, microphones):
    response = admin.post(f"/cms/studios/equipment/delete/{microphones.pk}/")

    assert response.status_code == 302
    assert _messages(response) == [
        "This equipment has been booked, so it cannot be deleted. Switch off “can "
        "be booked” instead."
    ]
    assert Equipment.objects.filter(pk=microphones.pk).exists()


def test_switching_equipment_off_cancels_the_bookings_that_hold_it(
    admin, staff, room, quota_booking, microphones, tuesday
):
    # Booked in English: the reason reaches the booker in English.
    Booking.objects.filter(pk=quota_booking.pk).update(language="en")
    without = _centre(room, baku(tuesday, 15), by=staff)

    response = admin.post(
        f"/cms/studios/equipment/edit/{microphones.pk}/",
        {
            "room": room.pk,
            "name": microphones.name,
            "name_en": microphones.name_en,
            "name_ru": microphones.name_ru,
            "price_per_hour": "5.00",
        },
    )

    assert response.status_code == 302
    microphones.refresh_from_db()
    assert microphones.is_active is False
    assert (
        "1 booking it covers was cancelled; its booker is told and given back "
        "the money or free hours."
    ) in _messages(response)
    quota_booking.refresh_from_db()
    assert (
        quota_booking.status,
        quota_booking.refunded,
        quota_booking.cancel_reason,
    ) == (BookingStatus.CANCELLED, True, "“Microphone set” can no longer be booked.")
    without.refresh_from_db()
    assert without.status == BookingStatus.CONFIRMED


# Quotas ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("programme", "with_resident", "error"),
    [
        (
            "cultech",
            True,
            "A quota is for a programme or for one resident, not both: clear one "
            "of them.",
        ),
        ("", False, "Choose a programme or a resident for this quota."),
    ],
)
def test_a_quota_for_both_or_neither_is_a_form_error(
    admin, resident, programme, with_resident, error
):
    response = admin.post(
        "/cms/studios/quotas/new/",
        {
            "programme": programme,
            "resident": resident.pk if with_resident else "",
            "hours_per_month": "8",
        },
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    assert Quota.objects.count() == 0


def test_a_quota_for_one_resident(admin, resident):
    response = admin.post(
        "/cms/studios/quotas/new/",
        {"programme": "", "resident": resident.pk, "hours_per_month": "8"},
    )

    assert response.status_code == 302
    quota = Quota.objects.get()
    assert (quota.resident, quota.programme, quota.hours_per_month) == (
        resident,
        "",
        8,
    )


# What staff see --------------------------------------------------------------


def test_the_day_shows_each_booking_with_its_state(admin, room, quota_booking, tuesday):
    response = admin.get(f"/cms/studios/day/{tuesday}/")

    content = response.content.decode()
    assert "Times are Baku time (Asia/Baku)." in content
    assert f'href="/cms/studios/bookings/{quota_booking.pk}/"' in content
    assert "10:00–12:00" in content
    assert quota_booking.booker.get_full_name() in content
    assert ">Booked</span>" in content
    assert ">Resident&#x27;s free hours</span>" in content
    assert '<td colspan="2" class="studios-grid__cell">' in content
    assert (
        f'href="/cms/studios/day/{tuesday - timedelta(days=1)}/" rel="prev"' in content
    )
    assert (
        f'href="/cms/studios/day/{tuesday + timedelta(days=1)}/" rel="next"' in content
    )


def test_the_day_names_its_closures(admin, room, tuesday):
    Closure.objects.create(
        room=None,
        starts_at=baku(tuesday, 0),
        ends_at=baku(tuesday + timedelta(days=1), 0),
        reason="Bayram",
        reason_en="Holiday",
    )

    response = admin.get(f"/cms/studios/day/{tuesday}/")

    assert response.context["closures"][0]["reason"] == "Holiday"
    assert "Every studio: closed" in response.content.decode()


def test_the_week_shows_the_days_of_each_room(admin, room, quota_booking, tuesday):
    monday = tuesday - timedelta(days=1)

    response = admin.get(f"/cms/studios/week/{tuesday}/")

    content = response.content.decode()
    assert response.context["monday"] == monday
    assert [row["name"] for row in response.context["rows"]] == ["Sound room A"]
    days = response.context["rows"][0]["days"]
    assert [len(cell["bookings"]) for cell in days] == [0, 1, 0, 0, 0, 0, 0]
    assert "Times are Baku time (Asia/Baku)." in content
    assert (
        f'href="/cms/studios/week/{monday - timedelta(days=7)}/" rel="prev"' in content
    )


def test_the_front_desk_sheet(admin, room, quota_booking, past_booking, tuesday):
    response = admin.get(f"/cms/studios/day/{tuesday}/print/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "studios-admin.css" in content
    assert "Sound room A" in content
    assert "10:00–12:00" in content
    assert quota_booking.booker.email in content
    assert "Xalça Atelier" in content
    assert "Microphone set" in content
    assert "Album recording" in content
    assert '<td data-label="People">3</td>' in content
    assert f'action="/cms/studios/bookings/{quota_booking.pk}/check-in/"' in content
    assert 'class="studios-sheet__box"' in content
    # Another day's booking is not on it.
    assert f"/cms/studios/bookings/{past_booking.pk}/" not in content


def test_the_bookings_listing_filters(admin, room, staff, quota_booking, past_booking):
    response = admin.get(
        "/cms/studios/bookings/", {"paid_by": "centre", "room": room.pk}
    )

    assert response.status_code == 200
    assert list(response.context["object_list"]) == [past_booking]
    assert 'href="/cms/studios/book/"' in response.content.decode()

    response = admin.get(
        "/cms/studios/bookings/",
        {"starts_from": str(quota_booking.starts_at.date()), "status": "confirmed"},
    )

    assert list(response.context["object_list"]) == [quota_booking]


def test_an_action_without_the_csrf_token_is_refused(staff, past_booking):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    before = _state(past_booking)

    response = client.post(f"/cms/studios/bookings/{past_booking.pk}/no-show/")

    assert response.status_code == 403
    assert _state(past_booking) == before
