"""The Centre staff's side of the studios in the Wagtail admin (/cms/studios/),
registered by `market/bookings/wagtail_hooks.py`:

- `resources`: the rooms', equipment's and closures' create, edit and delete
  views (a room switched off, or a closure, cancels the bookings it covers;
  what was booked is never deleted);
- `calendar`: the day and week of every room and the front desk's printable
  day sheet;
- `booking_actions`: one booking's page and its actions (check in, no-show,
  move, cancel), and a slot booked for the Centre;
- `use_report`: the use figures and their CSV.

Views parse the request, check the permission and call a service; a refusal
of the rules (BookingRefused) becomes a message, with nothing changed. Times
are Baku's (Asia/Baku), and say so. This module holds what they share.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Booking

VIEW_PERMISSION = "bookings.view_booking"
CHANGE_PERMISSION = "bookings.change_booking"
ADD_PERMISSION = "bookings.add_booking"
CSV_TYPE = "text/csv; charset=utf-8"
# Excel then reads the file as UTF-8 (Azerbaijani and Russian letters).
BYTE_ORDER_MARK = "\ufeff"
# A room switched off cancels every future booking: all of them start
# within its booking horizon (at most a year), this reaches past it.
FOREVER = timedelta(days=3660)


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def check(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def back(request, default: str):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = default
    return redirect(target)


def booker_name(booking: Booking) -> str:
    user = booking.booker
    return user.get_full_name() or user.email


def cancelled_message(request, count: int) -> None:
    if count:
        messages.warning(
            request,
            ngettext(
                "%(count)d booking it covers was cancelled; its booker is told "
                "and given back the money or free hours.",
                "%(count)d bookings it covers were cancelled; their bookers are "
                "told and given back the money or free hours.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("No booking needed to be cancelled."))


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise Http404 from error


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, zone())


def annotate_local(bookings):
    for booking in bookings:
        booking.local_start = timezone.localtime(booking.starts_at, zone())
        booking.local_end = timezone.localtime(booking.ends_at, zone())
        booking.booker_name = booker_name(booking)
    return bookings
