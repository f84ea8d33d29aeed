"""Calendar files of studio bookings: one booking, or a person's feed.
UID from the booking's reference (a moved booking keeps its UID, so a
calendar app moves it too), times in UTC, the room named in the language
it was booked in; a cancelled booking stays with STATUS:CANCELLED so a
subscribed calendar removes it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from market.calendars import calendar_text, escape, site_host, utc_stamp
from market.mail.services import site_url

from .models import Booking, BookingStatus

# A feed keeps past bookings this long (then calendars keep their copy).
FEED_PAST_DAYS = 90

STATUSES = {
    BookingStatus.CONFIRMED: "CONFIRMED",
    BookingStatus.HELD: "TENTATIVE",
    BookingStatus.CANCELLED: "CANCELLED",
    BookingStatus.LAPSED: "CANCELLED",
}


def _event(booking: Booking, *, host: str, now: datetime) -> list[str]:
    language = booking.language
    with translation.override(language):
        room = booking.room.name_in(language)
        equipment = [
            row.equipment.name_in(language) for row in booking.equipment_rows.all()
        ]
        summary = room if booking.uses_room else ", ".join(equipment)
        location = _("%(room)s, Creative Centre") % {"room": room}
        details = [_("Booking %(reference)s") % {"reference": booking.short_reference}]
        if booking.uses_room and equipment:
            details.append(_("Equipment: %(items)s") % {"items": ", ".join(equipment)})
        url = site_url(reverse("bookings:detail", args=[booking.reference]))
    details.append(url)
    return [
        f"UID:booking-{booking.reference}@{host}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART:{utc_stamp(booking.starts_at)}",
        f"DTEND:{utc_stamp(booking.ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(chr(10).join(details))}",
        f"URL:{url}",
        f"STATUS:{STATUSES.get(booking.status, 'CONFIRMED')}",
    ]


def bookings_ics(bookings: Iterable[Booking], *, now: datetime) -> str:
    host = site_host()
    return calendar_text(
        (_event(booking, host=host, now=now) for booking in bookings),
        product="Studios",
    )


def feed_bookings(user, *, now: datetime):
    """What a person's feed holds: bookings not yet lapsed that end after
    FEED_PAST_DAYS ago (cancelled ones too, marked so)."""
    return (
        Booking.objects.filter(
            booker=user, ends_at__gte=now - timedelta(days=FEED_PAST_DAYS)
        )
        .filter(
            Q(status__in=[BookingStatus.CONFIRMED, BookingStatus.CANCELLED])
            | Q(status=BookingStatus.HELD, held_until__gt=now)
        )
        .select_related("room")
        .prefetch_related("equipment_rows__equipment")
        .order_by("starts_at", "pk")
    )
