"""The visitor's pages of the studios: a room's week and its booking form,
my bookings, a booking's page, cancel and pay; every door closed to anyone
but the booker (a 404, nothing changed), and hostile input never a 500."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from oscar.apps.basket.models import Basket

from market.bookings.models import Booking, BookingStatus, Closure, PaidBy
from market.bookings.services import SlotRequest, booking_create, feed_for
from market.mail.models import OutgoingEmail
from tests.factories.studios import baku, make_equipment, make_room

pytestmark = pytest.mark.django_db


def _client(user=None, **options):
    client = Client(**options)
    if user is not None:
        client.force_login(user)
    return client


def _en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _room_url(room, week=None):
    url = _en("bookings:room", room.slug)
    return f"{url}?week={week}" if week else url


def _form(day, hour, **fields):
    return {
        "starts": f"{day:%Y-%m-%d}T{hour:02d}:00",
        "minutes": "60",
        "people": "1",
        "purpose": "",
        "action": "book",
        **fields,
    }


def _book(user, room, day, hour, minutes=60, equipment=()):
    return booking_create(
        request=SlotRequest(
            room_id=room.pk,
            starts_at=baku(day, hour),
            minutes=minutes,
            equipment_ids=tuple(item.pk for item in equipment),
        ),
        booker=user,
    )


def _this_monday():
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


# The room page


def test_an_anonymous_visitor_sees_the_week_and_a_sign_in_link(room, tuesday):
    response = _client().get(_room_url(room, tuesday))
    content = response.content.decode()

    assert response.status_code == 200
    assert "Sound room A" in content
    assert "Times in Baku time (GMT+4)" in content
    assert (
        "Free cancellation until 24 hours before the start; after that no refund "
        "and free hours count as used." in content
    )
    assert "20.00 AZN off-peak, 30.00 AZN peak" in content
    login = reverse("customer:login")
    assert f'href="{login}?next=%2Fen%2Fstudios%2Frooms%2Fsound-a%2F"' in content
    assert "Sign in to book" in content
    assert 'type="radio"' not in content
    # Monday to Sunday, 10:00–22:00 on an hour's grid: 12 slots a day.
    assert content.count("studio-slot studio-slot-free") == 7 * 12 + 2


def test_taken_slots_and_peak_slots_are_marked(room, buyer, tuesday):
    _book(buyer, room, tuesday, 11, minutes=120)

    content = _client(buyer).get(_room_url(room, tuesday)).content.decode()

    value = f"{tuesday:%Y-%m-%d}"
    assert f'value="{value}T11:00"' not in content
    assert f'value="{value}T12:00"' not in content
    assert f'value="{value}T10:00"' in content
    assert f'value="{value}T13:00"' in content
    assert content.count("studio-slot studio-slot-taken") == 2 + 1
    # Weekdays 17:00–22:00 (5 slots) and Saturday and Sunday all day (12).
    assert content.count("studio-slot-peak") == 5 * 5 + 2 * 12 + 1


def test_the_weeks_run_from_this_week_to_the_horizon(room):
    room.horizon_days = 10
    room.save()
    first = _this_monday()
    last = (timezone.localdate() + timedelta(days=10)) - timedelta(
        days=(timezone.localdate() + timedelta(days=10)).weekday()
    )

    before = _client().get(_room_url(room, "2001-01-01")).content.decode()
    beyond = _client().get(_room_url(room, "2199-01-01")).content.decode()
    nonsense = _client().get(_room_url(room, "2026-13-45")).status_code

    assert 'rel="prev"' not in before
    assert f'?week={first + timedelta(days=7)}" rel="next"' in before
    assert 'rel="next"' not in beyond
    assert f'?week={last - timedelta(days=7)}" rel="prev"' in beyond
    assert nonsense == 200


def test_a_closed_day_says_why(room, tuesday):
    with translation.override("en"):
        Closure.objects.create(
            room=room,
            starts_at=baku(tuesday, 0),
            ends_at=baku(tuesday + timedelta(days=1), 0),
            reason="Bayram",
            reason_en="Holiday",
        )

    content = _client().get(_room_url(room, tuesday)).content.decode()

    assert "Closed: Holiday" in content


def test_a_resident_sees_free_hours_left(room, owner, cultech_quota, tuesday):
    _book(owner, room, tuesday, 10, minutes=120)

    content = _client(owner).get(_room_url(room, tuesday)).content.decode()

    assert "Xalça Atelier: 8 of 10 free hours left this month." in content


def test_the_price_is_shown_before_booking_and_nothing_is_stored(
    room, microphones, buyer, tuesday
):
    response = _client(buyer).post(
        _room_url(room, tuesday),
        _form(tuesday, 16, minutes="120", equipment=[microphones.pk], action="quote"),
    )

    assert response.status_code == 200
    # 16:00 off-peak 20 + 17:00 peak 30 + microphones 2 × 5.
    assert "Price: 60.00 AZN." in response.content.decode()
    assert "Includes peak hours." in response.content.decode()
    assert Booking.objects.count() == 0


# Booking


def test_a_resident_books_free_hours_and_lands_on_the_booking(
    room, owner, cultech_quota, tuesday
):
    response = _client(owner).post(
        _room_url(room, tuesday), _form(tuesday, 10, minutes="120", people="3")
    )

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _en("bookings:detail", booking.reference)
    assert (booking.status, booking.paid_by, booking.price, booking.people) == (
        BookingStatus.CONFIRMED,
        PaidBy.QUOTA,
        Decimal("0.00"),
        3,
    )
    assert (booking.starts_at, booking.minutes) == (baku(tuesday, 10), 120)
    assert booking.language == "en"
    email = OutgoingEmail.objects.get()
    assert email.subject == "Studio booked: Sound room A"
    assert f"{tuesday:%A, %-d %B %Y}, 10:00–12:00 (Baku time, GMT+4)" in email.body
    assert "Free: 2 of your free hours." in email.body
    assert f"/en/studios/bookings/{booking.reference}.ics" in email.body
    assert "/en/studios/my-bookings/" in email.body


def test_a_buyer_gets_a_hold_and_the_basket(room, microphones, buyer, tuesday):
    client = _client(buyer)

    response = client.post(
        _room_url(room, tuesday),
        _form(tuesday, 10, equipment=[microphones.pk]),
        follow=True,
    )

    booking = Booking.objects.get()
    assert response.redirect_chain[0] == (_en("basket:summary"), 302)
    assert (booking.status, booking.paid_by, booking.price) == (
        BookingStatus.HELD,
        PaidBy.CHECKOUT,
        Decimal("25.00"),
    )
    assert "The slot is held for you for 20 minutes" in response.content.decode()
    line = Basket.objects.get(owner=buyer).all_lines()[0]
    assert (line.product_id, line.price_incl_tax) == (room.product_id, Decimal("25.00"))
    assert OutgoingEmail.objects.count() == 0


def test_a_taken_slot_is_refused_with_the_form_again(room, buyer, staff, tuesday):
    taken = _book(staff, room, tuesday, 10)

    response = _client(buyer).post(_room_url(room, tuesday), _form(tuesday, 10))

    assert response.status_code == 200
    assert (
        "Sorry, this time has just been taken. Choose another slot."
        in response.content.decode()
    )
    assert list(Booking.objects.values_list("pk", flat=True)) == [taken.pk]
    assert not Basket.objects.filter(owner=buyer, lines__isnull=False).exists()


def test_an_anonymous_post_goes_to_sign_in_and_stores_nothing(room, tuesday):
    response = _client().post(_room_url(room, tuesday), _form(tuesday, 10))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login") + "?next=")
    assert Booking.objects.count() == 0


def test_the_form_needs_the_csrf_token(room, buyer, tuesday):
    response = _client(buyer, enforce_csrf_checks=True).post(
        _room_url(room, tuesday), _form(tuesday, 10)
    )

    assert response.status_code == 403
    assert Booking.objects.count() == 0


def test_hostile_input_is_refused_with_a_message_never_stored(room, buyer, tuesday):
    other = make_room(slug="dance-a", kind="dance")
    foreign = make_equipment(other, name="Səs gücləndirici")
    past = timezone.localdate() - timedelta(days=1)
    day = f"{tuesday:%Y-%m-%d}"
    client = _client(buyer)
    cases = [
        (_form(tuesday, 10, starts="\u202e\ufffd"), "Choose a free start time"),
        (_form(tuesday, 10, starts=f"{day}T10:30"), "Bookings start on the slot grid"),
        (_form(tuesday, 10, starts=f"{day}T25:00"), "Choose a free start time"),
        (_form(tuesday, 10, starts="9999-12-31T23:00"), "Choose a free start time"),
        (_form(tuesday, 10, starts="0001-01-01T00:00"), "Choose a free start time"),
        (_form(past, 10), "This time has passed"),
        (_form(tuesday, 10, minutes="90"), "Select a valid choice"),
        (_form(tuesday, 10, minutes="9" * 40), "Select a valid choice"),
        (_form(tuesday, 10, minutes="-60"), "Select a valid choice"),
        (_form(tuesday, 10, people="9" * 40), "Ensure this value is less than"),
        (_form(tuesday, 10, people="0"), "Ensure this value is greater than"),
        (
            _form(tuesday, 10, people="5"),
            "Ensure this value is less than or equal to 4",
        ),
        (_form(tuesday, 10, equipment=[foreign.pk]), "Select a valid choice"),
        (_form(tuesday, 10, equipment=["x"]), "Select a valid choice"),
        (_form(tuesday, 10, equipment=["9" * 30]), "Select a valid choice"),
        (
            _form(tuesday, 10, equipment_only="on"),
            "Choose the room, equipment, or both",
        ),
        (_form(tuesday, 8), "The room is not open for all of 08:00–09:00"),
        (_form(tuesday, 21, minutes="120"), "The room is not open for all of"),
        (_form(tuesday, 10, purpose="x" * 201), "Ensure this value has at most 200"),
    ]
    for data, message in cases:
        response = client.post(_room_url(room, tuesday), data)
        assert response.status_code == 200, data
        content = response.content.decode()
        assert message in content, (data, message)
    raw = client.post(
        _room_url(room, tuesday),
        b"starts=%FF%FE&minutes=%C0%AF&people=%FF&equipment=%FE",
        content_type="application/x-www-form-urlencoded",
    )
    far = client.post(
        _room_url(room, tuesday),
        _form(timezone.localdate() + timedelta(days=200), 10),
    )

    # NUL bytes stop at the site's middleware (400), before any view.
    nul = client.post(_room_url(room, tuesday), _form(tuesday, 10, purpose="a\x00b"))

    assert raw.status_code == 200
    assert nul.status_code == 400
    assert far.status_code == 200
    assert "at most 60 days ahead" in far.content.decode()
    assert Booking.objects.count() == 0
    assert not Basket.objects.filter(owner=buyer, lines__isnull=False).exists()


def test_a_closed_or_unknown_room_is_a_404(room, buyer, tuesday):
    room.is_active = False
    room.save()

    assert _client(buyer).get(_room_url(room)).status_code == 404
    assert _client(buyer).post(_room_url(room), _form(tuesday, 10)).status_code == 404
    assert _client().get(_en("bookings:room", "no-such-room")).status_code == 404
    assert Booking.objects.count() == 0


# My bookings, a booking's page, cancel, pay


def test_my_bookings_lists_mine_only(
    room, microphones, buyer, owner, cultech_quota, tuesday
):
    mine = _book(owner, room, tuesday, 10, minutes=120, equipment=[microphones])
    _book(buyer, room, tuesday, 14)

    response = _client(owner).get(_en("bookings:mine"))
    content = response.content.decode()

    assert response.status_code == 200
    assert content.count("studio-booking-card") == 1
    assert str(mine.reference) in content
    assert "2 free hours" in content
    assert "Microphone set" in content
    assert f"{tuesday:%a, %-d %b %Y}, 10:00–12:00" in content
    assert _en("bookings:cancel", mine.reference) in content
    assert _en("bookings:ics", mine.reference) in content
    token = feed_for(owner).token
    assert f"webcal://testserver/en/studios/feed/{token}.ics" in content
    assert f"http://testserver/en/studios/feed/{token}.ics" in content


def test_my_bookings_needs_sign_in():
    response = _client().get(_en("bookings:mine"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))


def test_another_persons_booking_is_a_404_everywhere_and_unchanged(
    room, buyer, owner, cultech_quota, tuesday
):
    booking = _book(owner, room, tuesday, 10)
    stranger = _client(buyer)
    reference = booking.reference

    responses = [
        stranger.get(_en("bookings:detail", reference)).status_code,
        stranger.get(_en("bookings:ics", reference)).status_code,
        stranger.get(_en("bookings:cancel", reference)).status_code,
        stranger.post(_en("bookings:cancel", reference), {"reason": "x"}).status_code,
        stranger.post(_en("bookings:pay", reference)).status_code,
    ]

    assert responses == [404, 404, 404, 404, 404]
    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_at) == (BookingStatus.CONFIRMED, None)
    assert not Basket.objects.filter(owner=buyer, lines__isnull=False).exists()


def test_post_only_doors_refuse_a_get(room, buyer, tuesday):
    booking = _book(buyer, room, tuesday, 10)
    client = _client(buyer)
    token = feed_for(buyer).token

    assert client.get(_en("bookings:feed-renew")).status_code == 405
    assert client.get(_en("bookings:pay", booking.reference)).status_code == 405
    assert feed_for(buyer).token == token


def test_a_resident_cancels_in_time_and_gets_the_hours_back(
    room, owner, cultech_quota, tuesday
):
    booking = _book(owner, room, tuesday, 10, minutes=120)
    client = _client(owner)

    page = client.get(_en("bookings:cancel", booking.reference)).content.decode()
    response = client.post(
        _en("bookings:cancel", booking.reference),
        {"reason": "Plans changed"},
        follow=True,
    )

    assert "The 2 free hours come back to your month&#x27;s quota." in page
    assert "Cancelled. The free hours are back in your quota." in (
        response.content.decode()
    )
    booking.refresh_from_db()
    assert (booking.status, booking.refunded, booking.cancel_reason) == (
        BookingStatus.CANCELLED,
        True,
        "Plans changed",
    )
    room_page = client.get(_room_url(room, tuesday)).content.decode()
    assert "Xalça Atelier: 10 of 10 free hours left this month." in room_page
    again = client.post(_en("bookings:cancel", booking.reference), follow=True)
    assert "This booking can no longer be cancelled." in again.content.decode()
    # One e-mail of the cancellation, in the language of the booking.
    with translation.override(booking.language):
        subject = translation.gettext("Studio booking cancelled: %(room)s") % {
            "room": room.name_in(booking.language)
        }
    assert OutgoingEmail.objects.filter(subject=subject).count() == 1


def test_after_the_cut_off_the_page_says_nothing_comes_back(
    room, owner, cultech_quota, tuesday
):
    room.cancel_cutoff_hours = 24 * 14
    room.save()
    with translation.override("en"):
        booking = _book(owner, room, tuesday, 10, minutes=120)
    client = _client(owner)

    detail = client.get(_en("bookings:detail", booking.reference)).content.decode()
    page = client.get(_en("bookings:cancel", booking.reference)).content.decode()
    client.post(_en("bookings:cancel", booking.reference))

    assert (
        "The free cancellation time has passed: cancelling now gives no refund."
        in detail
    )
    assert (
        "It is past the free cancellation time: the 2 free hours count as used." in page
    )
    booking.refresh_from_db()
    assert (booking.status, booking.refunded) == (BookingStatus.CANCELLED, False)
    email = OutgoingEmail.objects.order_by("pk").last()
    assert email.subject == "Studio booking cancelled: Sound room A"
    assert "Your studio booking is cancelled, as you asked." in email.body
    assert (
        "It was cancelled after the free cancellation time: the 2 free hours "
        "count as used." in email.body
    )


def test_a_held_booking_offers_pay_now_and_can_be_cancelled(room, buyer, tuesday):
    with translation.override("en"):
        booking = _book(buyer, room, tuesday, 10)
    client = _client(buyer)

    detail = client.get(_en("bookings:detail", booking.reference)).content.decode()
    paid = client.post(_en("bookings:pay", booking.reference))
    response = client.post(_en("bookings:cancel", booking.reference), follow=True)

    assert "Pay now" in detail
    assert "Awaiting payment" in detail
    assert paid["Location"] == _en("basket:summary")
    assert (
        "Cancelled. The slot is let go; nothing was paid." in response.content.decode()
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert OutgoingEmail.objects.count() == 0


def test_staff_cancel_and_move_e_mails_say_why_and_when(
    room, owner, staff, cultech_quota, tuesday
):
    from checkout.services.bookings import booking_cancel
    from market.bookings.services import booking_move

    with translation.override("en"):
        moved = _book(owner, room, tuesday, 10)
        cancelled = _book(owner, room, tuesday, 14)
    booking_move(
        booking=moved, starts_at=baku(tuesday, 12), by=staff, reason="Leak in room A"
    )
    booking_cancel(booking=cancelled, by=staff, reason="Power cut", as_staff=True)

    moved_email, cancelled_email = OutgoingEmail.objects.order_by("pk")[2:]
    assert moved_email.subject == "Studio booking moved: Sound room A"
    assert "Reason: Leak in room A" in moved_email.body
    assert f"Before: Sound room A, {tuesday:%A, %-d %B %Y}, 10:00" in moved_email.body
    assert (
        f"Now: Sound room A, {tuesday:%A, %-d %B %Y}, 12:00–13:00 "
        "(Baku time, GMT+4)" in moved_email.body
    )
    assert "We are sorry: the Centre has cancelled your studio booking." in (
        cancelled_email.body
    )
    assert "Reason: Power cut" in cancelled_email.body
    assert "The 1 free hours are back in your month's quota." in cancelled_email.body


# The private feed


def test_the_feed_holds_my_bookings_and_a_new_token_closes_the_old(
    room, buyer, owner, cultech_quota, tuesday
):
    with translation.override("en"):
        mine = _book(owner, room, tuesday, 10)
        _book(buyer, room, tuesday, 14)
    old = feed_for(owner).token

    response = _client().get(_en("bookings:feed", old))
    renewed = _client(owner).post(_en("bookings:feed-renew"))
    new = feed_for(owner).token

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:booking-{mine.reference}@" in body
    assert renewed["Location"] == _en("bookings:mine")
    assert new != old
    assert _client().get(_en("bookings:feed", old)).status_code == 404
    assert _client().get(_en("bookings:feed", new)).status_code == 200
    assert _client().get(_en("bookings:feed", "unknown-token")).status_code == 404


# The studio page


def test_the_studio_page_shows_its_rooms_live(room, microphones, sites):
    from cms.models import HomePage, StudioIndexPage, StudioPage

    home = HomePage.objects.get(slug="market", locale__language_code="az")
    index = home.add_child(instance=StudioIndexPage(title="Studiyalar", slug="st"))
    page = index.add_child(instance=StudioPage(title="Səs", slug="ses", kind="sound"))
    make_room(slug="dance-a", kind="dance", name="Rəqs zalı")

    response = _client().get(page.url)
    with translation.override("en"):
        rooms = page.rooms()

    content = response.content.decode()
    assert response.status_code == 200
    assert "Səs otağı A" in content
    assert "Rəqs zalı" not in content
    assert "Mikrofon dəsti" in content
    assert f'href="{reverse("bookings:room", args=[room.slug])}"' in content
    assert [(entry["name"], entry["equipment_items"][0][1]) for entry in rooms] == [
        ("Sound room A", "Microphone set")
    ]
    assert [(day.weekday, day.hours) for day in rooms[0]["hours"]][:2] == [
        ("Monday", "10:00–22:00"),
        ("Tuesday", "10:00–22:00"),
    ]
