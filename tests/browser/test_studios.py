"""Studios in Chromium: a visitor books a paid slot, pays at localstripe,
finds it in My studio bookings and cancels it (refunded); a resident's
person books within the quota (free, confirmed at once). Screenshots of the
room page and My studio bookings at 1366 and 390 px in az, en and ru go to
$STUDIO_SHOTS (or the test's tmp_path)."""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from checkout.models import Refund
from market.bookings.models import Booking, BookingStatus, PaidBy
from tests.browser.cards import fill_card
from tests.factories.studios import make_equipment, make_quota, make_room, next_weekday

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _tuesday():
    return next_weekday(timezone.localdate() + timedelta(days=7), 1)


def _card(page, number: str):
    fill_card(page, number)


def _choose(page, day, hour, minutes):
    page.locator(f'input[name=starts][value="{day:%Y-%m-%d}T{hour:02d}:00"]').check()
    page.locator("select[name=minutes]").select_option(str(minutes))


def test_a_visitor_pays_for_a_slot_and_cancels_it_for_a_refund(
    page, live_server, buyer, rates, stripe_settings
):
    room = make_room()
    make_equipment(room)
    tuesday = _tuesday()
    _signed_in(page, live_server, buyer)

    page.goto(f"{live_server.url}{_url('bookings:room', room.slug)}?week={tuesday}")
    assert "Times in Baku time (GMT+4)" in page.content()
    _choose(page, tuesday, 16, 120)
    page.locator("button[value=quote]").click()
    page.wait_for_load_state()
    assert "Price: 50.00 AZN." in page.locator(".studio-quote").inner_text()
    page.locator("button.studio-book").click()
    page.wait_for_url("**/basket/")
    assert "held for you for 20 minutes" in page.content()

    page.goto(live_server.url + reverse("checkout:index"))
    page.wait_for_url("**/payment-details/")
    page.locator("#view_preview").click()
    page.wait_for_url("**/preview/")
    page.locator("#place-order").click()
    page.wait_for_url("**/checkout/pay/")
    _card(page, "4242424242424242")
    page.locator("#pay-button").click()
    page.wait_for_url("**/checkout/thank-you/")

    booking = Booking.objects.get()
    assert (booking.status, booking.paid_by, booking.price) == (
        BookingStatus.CONFIRMED,
        PaidBy.CHECKOUT,
        Decimal("50.00"),
    )
    page.goto(live_server.url + _url("bookings:mine"))
    card = page.locator(".studio-booking-card")
    assert card.count() == 1
    assert "Booked" in card.inner_text()
    assert "50.00 AZN" in card.inner_text()
    card.get_by_role("link", name="Cancel").click()
    page.wait_for_url("**/cancel/")
    assert "The 50.00 AZN you paid is refunded to your card." in page.content()
    page.locator(".studio-cancel-confirm").click()
    page.wait_for_url(f"**/bookings/{booking.reference}/")
    assert "Cancelled. The money is refunded to your card." in page.content()

    booking.refresh_from_db()
    assert (booking.status, booking.refunded) == (BookingStatus.CANCELLED, True)
    assert Refund.objects.get().total == Decimal("50.00")


def test_a_resident_books_within_the_quota(page, live_server, owner):
    room = make_room()
    make_quota(programme="cultech", hours=10)
    tuesday = _tuesday()
    _signed_in(page, live_server, owner)

    page.goto(f"{live_server.url}{_url('bookings:room', room.slug)}?week={tuesday}")
    assert "10 of 10 free hours left this month." in page.content()
    _choose(page, tuesday, 10, 120)
    page.locator("button.studio-book").click()
    page.wait_for_url("**/studios/bookings/*/")

    booking = Booking.objects.get()
    assert (booking.status, booking.paid_by, booking.price) == (
        BookingStatus.CONFIRMED,
        PaidBy.QUOTA,
        Decimal("0.00"),
    )
    assert "2 free hours" in page.content()
    page.goto(f"{live_server.url}{_url('bookings:room', room.slug)}?week={tuesday}")
    assert "8 of 10 free hours left this month." in page.content()


def test_screenshots_of_the_room_and_my_bookings(browser, live_server, owner, tmp_path):
    room = make_room(
        description="Akustik işlənmiş otaq, pult və vokal kabinəsi.",
        description_en="An acoustically treated room with a desk and a vocal booth.",
        description_ru="Акустически подготовленная комната с пультом и кабиной.",
        equipment="Neumann U87\nSSL pult",
        equipment_en="Neumann U87\nSSL desk",
        equipment_ru="Neumann U87\nПульт SSL",
    )
    make_equipment(room)
    make_quota(programme="cultech", hours=10)
    tuesday = _tuesday()
    folder = Path(os.environ.get("STUDIO_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    from market.bookings.services import SlotRequest, booking_create
    from tests.factories.studios import baku

    booking = booking_create(
        request=SlotRequest(room_id=room.pk, starts_at=baku(tuesday, 12), minutes=120),
        booker=owner,
    )
    for width in (1366, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        _signed_in(page, live_server, owner)
        for language in ("az", "en", "ru"):
            room_url = _url("bookings:room", room.slug, language=language)
            page.goto(f"{live_server.url}{room_url}?week={tuesday}")
            # The week fits the screen: nothing scrolls sideways.
            assert page.evaluate(
                "document.documentElement.scrollWidth <= window.innerWidth + 1"
            ), (language, width)
            page.screenshot(
                path=str(folder / f"room-{language}-{width}.png"), full_page=True
            )
            page.goto(live_server.url + _url("bookings:mine", language=language))
            page.screenshot(
                path=str(folder / f"mine-{language}-{width}.png"), full_page=True
            )
            detail = _url("bookings:cancel", booking.reference, language=language)
            page.goto(live_server.url + detail)
            page.screenshot(
                path=str(folder / f"cancel-{language}-{width}.png"), full_page=True
            )
        context.close()
    assert len(list(folder.glob("*.png"))) == 18
