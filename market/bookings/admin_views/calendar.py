"""The day and week of every room, and the front desk's printable sheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from .. import selectors
from ..models import Booking, BookingStatus, Closure, Room
from . import (
    ADD_PERMISSION,
    CHANGE_PERMISSION,
    VIEW_PERMISSION,
    annotate_local,
    check,
    day_start,
    parse_day,
    zone,
)


def _calendar_bookings(first: date, days: int):
    start = day_start(first)
    return (
        Booking.objects.filter(
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=days),
            status__in=[BookingStatus.CONFIRMED, BookingStatus.HELD],
        )
        .exclude(status=BookingStatus.HELD, held_until__lte=timezone.now())
        .select_related("room", "booker", "resident")
        .order_by("starts_at", "pk")
    )


def _rooms():
    return list(
        Room.objects.prefetch_related("opening_hours").order_by(
            "kind", "sort_order", "pk"
        )
    )


@dataclass
class Cell:
    span: int = 1
    bookings: list = field(default_factory=list)
    open: bool = False


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def _day_cells(room: Room, day: date, hours: list[int], bookings: list[Booking]):
    """The room's row of the day grid: one cell per hour; bookings that
    share an hour make one cell spanning the hours they cover."""
    openings = [
        (_minutes(opening.opens), _minutes(opening.closes))
        for opening in room.opening_hours.all()
        if opening.weekday == day.weekday()
    ]
    first_instant = day_start(day)
    pending = sorted(bookings, key=lambda booking: booking.starts_at)
    cells, index = [], 0
    while index < len(hours):
        hour = hours[index]
        hour_end = first_instant + timedelta(hours=hour + 1)
        group = [booking for booking in pending if booking.starts_at < hour_end]
        if not group:
            is_open = any(
                opens < (hour + 1) * 60 and closes > hour * 60
                for opens, closes in openings
            )
            cells.append(Cell(open=is_open))
            index += 1
            continue
        end = max(booking.ends_at for booking in group)
        while extra := [
            booking
            for booking in pending
            if booking not in group and booking.starts_at < end
        ]:
            group += extra
            end = max(booking.ends_at for booking in group)
        pending = [booking for booking in pending if booking not in group]
        seconds = (end - first_instant).total_seconds()
        end_hour = min(int(-(-seconds // 3600)), hours[-1] + 1)
        span = max(1, end_hour - hour)
        cells.append(Cell(span=span, bookings=group, open=True))
        index += span
    return cells


def day_view(request, day: str | None = None):
    check(request, VIEW_PERMISSION)
    if day is None and request.GET.get("day"):
        return redirect("studios:day_for", parse_day(request.GET["day"]).isoformat())
    chosen = parse_day(day) if day else timezone.localdate(timezone=zone())
    rooms = _rooms()
    bookings = annotate_local(list(_calendar_bookings(chosen, 1)))
    opens = [
        opening.opens.hour
        for room in rooms
        for opening in room.opening_hours.all()
        if opening.weekday == chosen.weekday()
    ]
    closes = [
        opening.closes.hour + (1 if opening.closes.minute else 0)
        for room in rooms
        for opening in room.opening_hours.all()
        if opening.weekday == chosen.weekday()
    ]
    first = min([*opens, *(b.local_start.hour for b in bookings)], default=9)
    last = max(
        [
            *closes,
            *(
                b.local_end.hour + (1 if b.local_end.minute else 0)
                for b in bookings
                if b.local_end.date() == chosen
            ),
        ],
        default=21,
    )
    hours = list(range(min(first, 23), max(last, first + 1)))
    rows = [
        {
            "room": room,
            "name": room.name_in(get_language()),
            "cells": _day_cells(
                room, chosen, hours, [b for b in bookings if b.room_id == room.pk]
            ),
        }
        for room in rooms
        if room.is_active or any(b.room_id == room.pk for b in bookings)
    ]
    first_instant = day_start(chosen)
    closures = [
        {
            "reason": closure.reason_in(get_language()),
            "room": closure.room.name_in(get_language()) if closure.room else None,
            "starts_at": timezone.localtime(closure.starts_at, zone()),
            "ends_at": timezone.localtime(closure.ends_at, zone()),
        }
        for closure in Closure.objects.filter(
            starts_at__lt=first_instant + timedelta(days=1), ends_at__gt=first_instant
        ).select_related("room")
    ]
    return TemplateResponse(
        request,
        "market/bookings/admin/day.html",
        {
            "day": chosen,
            "closures": closures,
            "hours": hours,
            "rows": rows,
            "count": len(bookings),
            "previous": chosen - timedelta(days=1),
            "next": chosen + timedelta(days=1),
            "today": timezone.localdate(timezone=zone()),
            "week_start": chosen - timedelta(days=chosen.weekday()),
            "zone_name": settings.TIME_ZONE,
            "may_change": request.user.has_perm(CHANGE_PERMISSION),
            "may_add": request.user.has_perm(ADD_PERMISSION),
        },
    )


def week_view(request, day: str | None = None):
    check(request, VIEW_PERMISSION)
    if day is None and request.GET.get("day"):
        return redirect("studios:week_for", parse_day(request.GET["day"]).isoformat())
    chosen = parse_day(day) if day else timezone.localdate(timezone=zone())
    monday = chosen - timedelta(days=chosen.weekday())
    days = [monday + timedelta(days=offset) for offset in range(7)]
    rooms = _rooms()
    bookings = annotate_local(list(_calendar_bookings(monday, 7)))
    rows = []
    for room in rooms:
        own = [b for b in bookings if b.room_id == room.pk]
        if not room.is_active and not own:
            continue
        rows.append(
            {
                "room": room,
                "name": room.name_in(get_language()),
                "days": [
                    {
                        "day": day,
                        "bookings": [b for b in own if b.local_start.date() == day],
                        "open": any(
                            opening.weekday == day.weekday()
                            for opening in room.opening_hours.all()
                        ),
                    }
                    for day in days
                ],
            }
        )
    return TemplateResponse(
        request,
        "market/bookings/admin/week.html",
        {
            "monday": monday,
            "sunday": days[-1],
            "days": days,
            "rows": rows,
            "count": len(bookings),
            "previous": monday - timedelta(days=7),
            "next": monday + timedelta(days=7),
            "today": timezone.localdate(timezone=zone()),
            "zone_name": settings.TIME_ZONE,
        },
    )


def day_sheet_view(request, day: str):
    """The front desk's list of the day, for printing: every booking by room
    and time, with a box to tick on arrival (and buttons on screen)."""
    check(request, VIEW_PERMISSION)
    chosen = parse_day(day)
    bookings = annotate_local(
        list(
            selectors.day_sheet(chosen, zone=zone()).exclude(
                status=BookingStatus.HELD, held_until__lte=timezone.now()
            )
        )
    )
    language = get_language()
    groups: list[dict] = []
    for booking in bookings:
        if not groups or groups[-1]["room"].pk != booking.room_id:
            groups.append(
                {
                    "room": booking.room,
                    "name": booking.room.name_in(language),
                    "bookings": [],
                }
            )
        booking.equipment_names = [
            row.equipment.name_in(language) for row in booking.equipment_rows.all()
        ]
        groups[-1]["bookings"].append(booking)
    return TemplateResponse(
        request,
        "market/bookings/admin/day_sheet.html",
        {
            "day": chosen,
            "groups": groups,
            "count": len(bookings),
            "zone_name": settings.TIME_ZONE,
            "may_change": request.user.has_perm(CHANGE_PERMISSION),
            "printed_at": timezone.localtime(timezone.now(), zone()),
        },
    )
