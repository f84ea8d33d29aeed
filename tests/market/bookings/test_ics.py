"""Calendar files of studio bookings: one booking's .ics (its booker only)
and the shared iCalendar helpers (escaping, folding) learning uses too."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from checkout.services.bookings import booking_cancel
from market.bookings.ics import bookings_ics
from market.bookings.services import SlotRequest, booking_create
from market.calendars import escape, fold
from tests.factories.studios import baku

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _book(user, room, day, hour, *, language="en", equipment=(), uses_room=True):
    with translation.override(language):
        return booking_create(
            request=SlotRequest(
                room_id=room.pk,
                starts_at=baku(day, hour),
                minutes=120,
                equipment_ids=tuple(item.pk for item in equipment),
                uses_room=uses_room,
            ),
            booker=user,
        )


def _lines(text):
    assert text.endswith("\r\n")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_a_booking_is_one_event_in_utc_named_in_its_language(
    room, microphones, owner, cultech_quota, tuesday, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://market.example.az"
    booking = _book(owner, room, tuesday, 10, language="ru", equipment=[microphones])

    lines = _lines(bookings_ics([booking], now=NOW))

    day = f"{tuesday:%Y%m%d}"
    with translation.override("ru"):
        location = _("%(room)s, Creative Centre") % {"room": "Звуковая комната A"}
        description = "\n".join(
            [
                _("Booking %(reference)s") % {"reference": booking.short_reference},
                _("Equipment: %(items)s") % {"items": "Набор микрофонов"},
            ]
        )
    url = f"https://market.example.az/ru/studios/bookings/{booking.reference}/"
    assert lines == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Creative Market//Studios//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:booking-{booking.reference}@market.example.az",
        "DTSTAMP:20261201T080000Z",
        f"DTSTART:{day}T060000Z",
        f"DTEND:{day}T080000Z",
        "SUMMARY:Звуковая комната A",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(description)}\\n{url}",
        f"URL:{url}",
        "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]


def test_a_cancelled_booking_says_so_and_equipment_alone_is_named(
    room, microphones, owner, cultech_quota, tuesday
):
    booking = _book(owner, room, tuesday, 10)
    alone = _book(owner, room, tuesday, 14, equipment=[microphones], uses_room=False)
    booking_cancel(booking=booking, by=owner)
    booking.refresh_from_db()

    lines = _lines(bookings_ics([booking, alone], now=NOW))

    assert [line for line in lines if line.startswith(("SUMMARY", "STATUS"))] == [
        "SUMMARY:Sound room A",
        "STATUS:CANCELLED",
        "SUMMARY:Microphone set",
        "STATUS:CONFIRMED",
    ]


def test_the_file_is_the_bookers_only(room, owner, buyer, cultech_quota, tuesday):
    booking = _book(owner, room, tuesday, 10)
    with translation.override("en"):
        url = reverse("bookings:ics", args=[booking.reference])
    mine, theirs, anonymous = Client(), Client(), Client()
    mine.force_login(owner)
    theirs.force_login(buyer)

    response = mine.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="studio-{booking.short_reference}.ics"'
    )
    assert f"UID:booking-{booking.reference}@" in response.content.decode()
    assert theirs.get(url).status_code == 404
    assert anonymous.get(url).status_code == 302


def test_long_names_are_folded_and_text_escaped(room, owner, cultech_quota, tuesday):
    room.name_en = "Böyük səs otağı; vokal, gitara və nağara\\ üçün " * 2
    room.save()
    booking = _book(owner, room, tuesday, 10)

    text = bookings_ics([booking], now=NOW)

    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    summary = next(line for line in _lines(text) if line.startswith("SUMMARY"))
    assert summary == "SUMMARY:" + escape(room.name_en)
    assert summary.count("\\;") == 2
    assert summary.count("\\,") == 2


def test_the_shared_helpers_escape_and_fold():
    assert escape("a\\b;c,d\r\ne\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    folded = fold("X" * 74 + "əə")
    assert folded == "X" * 74 + "\r\n əə"
    assert fold("short") == "short"
