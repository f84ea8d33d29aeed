"""The staff's studio pages in a real browser: the day grid, the week, a
booking's page, the figures, and the front desk's sheet, which prints
without the admin or its buttons and checks people in on screen.
Screenshots go to MARKET_SCREENSHOTS (a folder) when it is set."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from wagtail.users.models import UserProfile

from market.bookings import services
from market.bookings.models import Booking, BookingStatus, Room
from market.bookings.services import SlotRequest
from tests.factories import ResidentFactory, UserFactory
from tests.factories.studios import baku, make_equipment, make_quota, make_room

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SHOTS = os.environ.get("MARKET_SCREENSHOTS", "")


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


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


@pytest.fixture
def studios(db):
    """Four rooms; today (ahead of now) and yesterday with bookings."""
    staff = UserFactory(
        email="desk@example.az", is_staff=True, is_superuser=True, first_name="Leyla"
    )
    # The admin speaks the staff member's language: English here, so that
    # the buttons are found by their English names.
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    sound = make_room(slug="sound-a")
    microphones = make_equipment(sound)
    make_room(slug="sound-b", name="Səs otağı B", name_en="Sound room B")
    photo = make_room(
        slug="photo-a", kind="photo-video", name="Foto otağı", name_en="Photo studio"
    )
    make_room(slug="dance-a", kind="dance", name="Rəqs zalı", name_en="Dance hall")
    resident = ResidentFactory(programme="cultech", display_name="Xalça Atelier")
    person = UserFactory(email="nigar@example.az", first_name="Nigar")
    resident.partner.users.add(person)
    make_quota(programme="cultech", hours=20)
    yesterday = timezone.localdate() - timedelta(days=1)
    before = baku(yesterday - timedelta(days=1), 9)
    day = timezone.localdate() + timedelta(days=2)
    booked = [
        services.booking_create(
            request=SlotRequest(
                room_id=sound.pk,
                starts_at=baku(day, 10),
                minutes=120,
                equipment_ids=(microphones.pk,),
                people=3,
                purpose="Album recording",
            ),
            booker=person,
        ),
        services.booking_create_for_centre(
            request=SlotRequest(room_id=sound.pk, starts_at=baku(day, 14), minutes=60),
            by=staff,
            reason="Podcast of the Centre",
        ),
        services.booking_create_for_centre(
            request=SlotRequest(room_id=photo.pk, starts_at=baku(day, 11), minutes=180),
            by=staff,
            reason="Portraits for the catalogue",
        ),
    ]
    for hour in (10, 13):
        services.booking_create_for_centre(
            request=SlotRequest(
                room_id=sound.pk, starts_at=baku(yesterday, hour), minutes=60
            ),
            by=staff,
            reason="Rehearsal",
            now=before,
        )
    return {"staff": staff, "day": day, "yesterday": yesterday, "booked": booked}


def _no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )


@pytest.mark.parametrize("width", [1366, 390])
def test_the_day_week_and_figures_fit_the_screen(page, live_server, studios, width):
    page.set_viewport_size({"width": width, "height": 900})
    _signed_in(page, live_server, studios["staff"])
    day = studios["day"]

    page.goto(f"{live_server.url}/cms/studios/day/{day}/")
    assert page.locator(".studios-booking").count() == 3
    assert page.get_by_text("(Asia/Baku)").count() == 1
    assert _no_sideways_scroll(page)
    _shot(page, f"day-{width}")

    page.goto(f"{live_server.url}/cms/studios/week/{day}/")
    assert page.locator(".studios-booking").count() == 3
    assert _no_sideways_scroll(page)
    _shot(page, f"week-{width}")

    page.locator(".studios-booking").first.click()
    page.wait_for_url("**/cms/studios/bookings/*/")
    assert _no_sideways_scroll(page)
    _shot(page, f"booking-{width}")

    page.goto(f"{live_server.url}/cms/studios/figures/")
    assert _no_sideways_scroll(page)
    _shot(page, f"figures-{width}")

    page.goto(f"{live_server.url}/cms/studios/bookings/")
    assert page.locator("table.listing tbody tr").count() == 5
    _shot(page, f"bookings-{width}")


def test_a_room_and_its_opening_hours_on_one_page(page, live_server, studios):
    page.set_viewport_size({"width": 1366, "height": 900})
    _signed_in(page, live_server, studios["staff"])
    room = Room.objects.get(slug="dance-a")

    page.goto(f"{live_server.url}/cms/studios/rooms/edit/{room.pk}/")

    assert page.locator("input[name$='-opens']").count() == 7
    _shot(page, "room-1366")


def test_the_front_desk_sheet_checks_in_and_prints_plain(page, live_server, studios):
    page.set_viewport_size({"width": 1366, "height": 900})
    _signed_in(page, live_server, studios["staff"])
    yesterday = studios["yesterday"]
    page.goto(f"{live_server.url}/cms/studios/day/{yesterday}/print/")
    _shot(page, "sheet-1366")

    page.get_by_role("button", name="Check in").first.click()

    page.wait_for_load_state()
    assert page.get_by_role("button", name="Undo check-in").count() == 1
    assert (
        Booking.objects.filter(
            checked_in_at__isnull=False, status=BookingStatus.CONFIRMED
        ).count()
        == 1
    )
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Check in").is_visible()
    assert not page.get_by_role("button", name="Print").is_visible()
    assert page.locator(".studios-sheet__box").first.is_visible()
    _shot(page, "sheet-print")
    page.set_viewport_size({"width": 390, "height": 900})
    page.emulate_media(media="screen")
    assert _no_sideways_scroll(page)
    _shot(page, "sheet-390")
