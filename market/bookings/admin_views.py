"""The Centre staff's side of the studios in the Wagtail admin (/cms/studios/):
rooms, closures and the other viewsets' create, edit and delete views (a
room switched off, or a closure, cancels the bookings it covers), the day
and week views of every room, the front desk's printable day sheet, one
booking's page with its actions (check in, no-show, move, cancel), booking
a slot for the Centre, and the use figures with their CSV.

Views parse the request, check the permission and call a service; a
refusal of the rules (BookingRefused) becomes a message, with nothing
changed. Times are Baku's (Asia/Baku), and say so.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic

from checkout.services.bookings import booking_cancel, bookings_cancel_for_closure
from market.payments.client import PaymentProviderError, PaymentsNotConfigured

from . import figures, selectors, services
from .admin_forms import (
    CancelForm,
    CentreBookingForm,
    FiguresForm,
    MoveForm,
    default_span,
)
from .listing import room_listing_ensure
from .models import Booking, BookingStatus, Closure, Equipment, Room
from .rules import BookingRefused

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


def _check(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _back(request, default: str):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = default
    return redirect(target)


def booker_name(booking: Booking) -> str:
    user = booking.booker
    return user.get_full_name() or user.email


def _cancelled_message(request, count: int) -> None:
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


# Rooms, equipment and closures (the viewsets' views) ------------------------


class RoomCreateView(generic.CreateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        room_listing_ensure(room=self.object)
        return response


class RoomEditView(generic.EditView):
    def form_valid(self, form):
        was_active = Room.objects.filter(pk=self.object.pk, is_active=True).exists()
        response = super().form_valid(form)
        room = self.object
        room_listing_ensure(room=room)
        if was_active and not room.is_active:
            now = timezone.now()
            count = bookings_cancel_for_closure(
                room=room,
                starts_at=now,
                ends_at=now + FOREVER,
                by=self.request.user,
                reason=_("The studio room is closed for booking."),
            )
            _cancelled_message(self.request, count)
        return response


class RefusedDeleteMixin:
    """Delete only what no booking points at (bookings are kept: they are
    the Centre's records and an order's)."""

    def refusal(self) -> str | None:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        reason = self.refusal()
        if reason:
            messages.error(request, reason)
            return redirect(self.edit_url_name, self.object.pk)
        try:
            return super().dispatch(request, *args, **kwargs)
        except ProtectedError:
            messages.error(request, _("This is still in use: it cannot be deleted."))
            return redirect(self.edit_url_name, self.object.pk)


class RoomDeleteView(RefusedDeleteMixin, generic.DeleteView):
    def refusal(self):
        count = Booking.objects.filter(room=self.object).count()
        if not count:
            return None
        return ngettext(
            "This room has %(count)d booking, so it cannot be deleted. Switch "
            "off “open for booking” instead: its future bookings are then "
            "cancelled, with refunds.",
            "This room has %(count)d bookings, so it cannot be deleted. Switch "
            "off “open for booking” instead: its future bookings are then "
            "cancelled, with refunds.",
            count,
        ) % {"count": count}

    def get_usage_url(self):
        # Only its own equipment refers to a room without bookings (and
        # goes with it); the reference index would call it protected.
        return None

    def get_usage(self):
        return None

    def delete_action(self):
        # Its equipment goes with it (none of it was ever booked: the room
        # has no bookings).
        with transaction.atomic():
            Equipment.objects.filter(room=self.object).delete()
            super().delete_action()


class EquipmentDeleteView(RefusedDeleteMixin, generic.DeleteView):
    def refusal(self):
        if not self.object.booking_rows.exists():
            return None
        return _(
            "This equipment has been booked, so it cannot be deleted. Switch off "
            "“can be booked” instead."
        )


class ClosureSaveMixin:
    """A closure saved cancels the live future bookings it covers."""

    def form_valid(self, form):
        response = super().form_valid(form)
        closure = self.object
        count = bookings_cancel_for_closure(
            room=closure.room,
            starts_at=closure.starts_at,
            ends_at=closure.ends_at,
            by=self.request.user,
            reason=closure.reason,
        )
        _cancelled_message(self.request, count)
        return response


class ClosureCreateView(ClosureSaveMixin, generic.CreateView):
    pass


class ClosureEditView(ClosureSaveMixin, generic.EditView):
    pass


# Day and week ----------------------------------------------------------------


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise Http404 from error


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, zone())


def _calendar_bookings(first: date, days: int):
    start = _day_start(first)
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
    day_start = _day_start(day)
    pending = sorted(bookings, key=lambda booking: booking.starts_at)
    cells, index = [], 0
    while index < len(hours):
        hour = hours[index]
        hour_end = day_start + timedelta(hours=hour + 1)
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
        seconds = (end - day_start).total_seconds()
        end_hour = min(int(-(-seconds // 3600)), hours[-1] + 1)
        span = max(1, end_hour - hour)
        cells.append(Cell(span=span, bookings=group, open=True))
        index += span
    return cells


def _annotate_local(bookings):
    for booking in bookings:
        booking.local_start = timezone.localtime(booking.starts_at, zone())
        booking.local_end = timezone.localtime(booking.ends_at, zone())
        booking.booker_name = booker_name(booking)
    return bookings


def day_view(request, day: str | None = None):
    _check(request, VIEW_PERMISSION)
    if day is None and request.GET.get("day"):
        return redirect("studios:day_for", _parse_day(request.GET["day"]).isoformat())
    chosen = _parse_day(day) if day else timezone.localdate(timezone=zone())
    rooms = _rooms()
    bookings = _annotate_local(list(_calendar_bookings(chosen, 1)))
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
    day_start = _day_start(chosen)
    closures = [
        {
            "reason": closure.reason_in(get_language()),
            "room": closure.room.name_in(get_language()) if closure.room else None,
            "starts_at": timezone.localtime(closure.starts_at, zone()),
            "ends_at": timezone.localtime(closure.ends_at, zone()),
        }
        for closure in Closure.objects.filter(
            starts_at__lt=day_start + timedelta(days=1), ends_at__gt=day_start
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
    _check(request, VIEW_PERMISSION)
    if day is None and request.GET.get("day"):
        return redirect("studios:week_for", _parse_day(request.GET["day"]).isoformat())
    chosen = _parse_day(day) if day else timezone.localdate(timezone=zone())
    monday = chosen - timedelta(days=chosen.weekday())
    days = [monday + timedelta(days=offset) for offset in range(7)]
    rooms = _rooms()
    bookings = _annotate_local(list(_calendar_bookings(monday, 7)))
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
    _check(request, VIEW_PERMISSION)
    chosen = _parse_day(day)
    bookings = _annotate_local(
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


# One booking and its actions --------------------------------------------------


def _booking(pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related(
            "room", "booker", "resident", "cancelled_by", "order_line__order"
        ).prefetch_related("equipment_rows__equipment"),
        pk=pk,
    )


def booking_view(request, pk: int):
    _check(request, VIEW_PERMISSION)
    booking = _booking(pk)
    _annotate_local([booking])
    now = timezone.now()
    local_start = booking.local_start
    return TemplateResponse(
        request,
        "market/bookings/admin/booking.html",
        {
            "booking": booking,
            "room_name": booking.room.name_in(get_language()),
            "equipment": [
                row.equipment.name_in(get_language())
                for row in booking.equipment_rows.all()
            ],
            "zone_name": settings.TIME_ZONE,
            "may_change": request.user.has_perm(CHANGE_PERMISSION),
            "is_confirmed": booking.status == BookingStatus.CONFIRMED,
            "may_cancel": booking.is_live(now) and booking.ends_at > now,
            "cancel_form": CancelForm(),
            "move_form": MoveForm(
                kind=booking.room.kind,
                initial={"day": local_start.date(), "start": local_start.time()},
            ),
        },
    )


def _refused(request, error: BookingRefused) -> None:
    messages.error(request, error.message)


@require_POST
def booking_check_in_view(request, pk: int):
    _check(request, CHANGE_PERMISSION)
    booking = get_object_or_404(Booking, pk=pk)
    undo = request.POST.get("undo") == "1"
    try:
        services.booking_check_in(booking=booking, by=request.user, undo=undo)
    except BookingRefused as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Check-in taken back.") if undo else _("Checked in."),
        )
    return _back(request, reverse("studio_bookings:booking", args=[pk]))


@require_POST
def booking_no_show_view(request, pk: int):
    _check(request, CHANGE_PERMISSION)
    booking = get_object_or_404(Booking, pk=pk)
    undo = request.POST.get("undo") == "1"
    try:
        services.booking_no_show(booking=booking, by=request.user, undo=undo)
    except BookingRefused as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("No-show taken back.") if undo else _("Marked as a no-show."),
        )
    return _back(request, reverse("studio_bookings:booking", args=[pk]))


@require_POST
def booking_cancel_view(request, pk: int):
    _check(request, CHANGE_PERMISSION)
    booking = get_object_or_404(Booking, pk=pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the booking is cancelled."))
        return _back(request, reverse("studio_bookings:booking", args=[pk]))
    try:
        result = booking_cancel(
            booking=booking,
            by=request.user,
            reason=form.cleaned_data["reason"],
            as_staff=True,
        )
    except BookingRefused as error:
        _refused(request, error)
    except (ValidationError, PaymentProviderError, PaymentsNotConfigured) as error:
        # The refund was refused: the whole cancellation is rolled back.
        messages.error(
            request,
            _("The refund could not be made, so nothing was cancelled: %(error)s")
            % {"error": " ".join(getattr(error, "messages", [str(error)]))},
        )
    else:
        if result.booking.refunded:
            messages.success(
                request,
                _("Booking cancelled; the booker is told and given it back."),
            )
        else:
            messages.success(request, _("Booking cancelled; the booker is told."))
    return _back(request, reverse("studio_bookings:booking", args=[pk]))


@require_POST
def booking_move_view(request, pk: int):
    _check(request, CHANGE_PERMISSION)
    booking = get_object_or_404(Booking.objects.select_related("room"), pk=pk)
    form = MoveForm(request.POST, kind=booking.room.kind)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, reverse("studio_bookings:booking", args=[pk]))
    data = form.cleaned_data
    starts_at = datetime.combine(data["day"], data["start"], zone())
    try:
        services.booking_move(
            booking=booking,
            starts_at=starts_at,
            by=request.user,
            reason=data["reason"],
            room=data["room"],
        )
    except BookingRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("Booking moved; the booker is told."))
    return _back(request, reverse("studio_bookings:booking", args=[pk]))


def centre_booking_view(request):
    """Staff book a slot for the Centre's own use or a guest (no charge)."""
    _check(request, ADD_PERMISSION)
    if request.method == "POST":
        form = CentreBookingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            room = data["room"]
            try:
                booking = services.booking_create_for_centre(
                    request=services.SlotRequest(
                        room_id=room.pk,
                        starts_at=datetime.combine(data["day"], data["start"], zone()),
                        minutes=data["minutes"],
                        equipment_ids=tuple(item.pk for item in data["equipment"]),
                        people=data["people"],
                        purpose=data["reason"],
                    ),
                    by=request.user,
                    reason=data["reason"],
                )
            except BookingRefused as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Booked for the Centre."))
                return redirect("studio_bookings:booking", booking.pk)
    else:
        initial = {"day": request.GET.get("day"), "room": request.GET.get("room")}
        form = CentreBookingForm(initial={k: v for k, v in initial.items() if v})
    return TemplateResponse(
        request,
        "market/bookings/admin/centre_booking.html",
        {"form": form, "zone_name": settings.TIME_ZONE},
    )


# Use figures -------------------------------------------------------------------


def _figures_form(request) -> FiguresForm:
    if not request.GET.get("first") and not request.GET.get("last"):
        span = default_span()
        return FiguresForm({"first": span.first, "last": span.last})
    return FiguresForm(request.GET)


def figures_view(request):
    _check(request, VIEW_PERMISSION)
    form = _figures_form(request)
    tables = []
    if form.is_valid():
        tables = figures.studio_use(form.span, language=get_language())
    return TemplateResponse(
        request,
        "market/bookings/admin/figures.html",
        {
            "form": form,
            "tables": tables,
            "definition": figures.DEFINITION,
            "query": (
                f"first={form.cleaned_data['first']:%Y-%m-%d}"
                f"&last={form.cleaned_data['last']:%Y-%m-%d}"
                if form.is_valid()
                else ""
            ),
        },
    )


def figures_csv(tables) -> str:
    """Each table under its title, a blank line between; hours and money as
    plain numbers (a dot for decimals)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(
            [
                table.first_column,
                _("Bookings"),
                _("Hours booked"),
                _("Hours used"),
                _("Revenue (AZN)"),
            ]
        )
        for row in [*table.rows, table.total]:
            writer.writerow(
                [
                    row.label,
                    row.bookings,
                    f"{row.booked_hours}",
                    f"{row.used_hours}",
                    f"{row.revenue}",
                ]
            )
    return buffer.getvalue()


def figures_csv_view(request):
    _check(request, VIEW_PERMISSION)
    form = _figures_form(request)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The period is not valid."))
    span = form.span
    content = figures_csv(figures.studio_use(span, language=get_language()))
    response = HttpResponse(BYTE_ORDER_MARK + content, content_type=CSV_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="studio-use-{span.slug}.csv"'
    )
    return response
