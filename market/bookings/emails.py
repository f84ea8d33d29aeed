"""E-mails to a booker, in the language they booked in, queued in the
caller's transaction (market.mail's outbox)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from market.mail.services import mail_in_language, site_url


def _context(booking, **extra) -> dict:
    with translation.override(booking.language):
        mine = site_url(reverse("bookings:mine"))
        ics = site_url(reverse("bookings:ics", args=[booking.reference]))
    return {
        "booking": booking,
        "room_name": booking.room.name_in(booking.language),
        "equipment": [
            row.equipment.name_in(booking.language)
            for row in booking.equipment_rows.select_related("equipment")
        ],
        "mine_url": mine,
        "ics_url": ics,
        **extra,
    }


def _send(booking, name: str, **extra) -> None:
    mail_in_language(
        language=booking.language,
        subject_template=f"market/bookings/email/{name}_subject.txt",
        body_template=f"market/bookings/email/{name}.txt",
        context=_context(booking, **extra),
        to=[booking.booker.email],
    )


def booked(booking) -> None:
    _send(booking, "booked")


def cancelled(booking, *, by_staff: bool, refund: bool) -> None:
    _send(booking, "cancelled", by_staff=by_staff, refund=refund)


def moved(booking, *, before, reason: str) -> None:
    old_room, old_start = before
    _send(
        booking,
        "moved",
        old_room_name=old_room.name_in(booking.language),
        old_starts_at=old_start,
        reason=reason,
    )
