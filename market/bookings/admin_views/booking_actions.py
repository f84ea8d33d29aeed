"""One booking's page and its actions, and a slot booked for the Centre."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checkout.services.bookings import booking_cancel
from market.payments.client import PaymentProviderError, PaymentsNotConfigured

from .. import services
from ..admin_forms import (
    CancelForm,
    CentreBookingForm,
    MoveForm,
)
from ..models import Booking, BookingStatus
from ..rules import BookingRefused
from . import (
    ADD_PERMISSION,
    CHANGE_PERMISSION,
    VIEW_PERMISSION,
    annotate_local,
    back,
    check,
    zone,
)


def _booking(pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related(
            "room", "booker", "resident", "cancelled_by", "order_line__order"
        ).prefetch_related("equipment_rows__equipment"),
        pk=pk,
    )


def booking_view(request, pk: int):
    check(request, VIEW_PERMISSION)
    booking = _booking(pk)
    annotate_local([booking])
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
    check(request, CHANGE_PERMISSION)
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
    return back(request, reverse("studio_bookings:booking", args=[pk]))


@require_POST
def booking_no_show_view(request, pk: int):
    check(request, CHANGE_PERMISSION)
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
    return back(request, reverse("studio_bookings:booking", args=[pk]))


@require_POST
def booking_cancel_view(request, pk: int):
    check(request, CHANGE_PERMISSION)
    booking = get_object_or_404(Booking, pk=pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the booking is cancelled."))
        return back(request, reverse("studio_bookings:booking", args=[pk]))
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
    return back(request, reverse("studio_bookings:booking", args=[pk]))


@require_POST
def booking_move_view(request, pk: int):
    check(request, CHANGE_PERMISSION)
    booking = get_object_or_404(Booking.objects.select_related("room"), pk=pk)
    form = MoveForm(request.POST, kind=booking.room.kind)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back(request, reverse("studio_bookings:booking", args=[pk]))
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
    return back(request, reverse("studio_bookings:booking", args=[pk]))


def centre_booking_view(request):
    """Staff book a slot for the Centre's own use or a guest (no charge)."""
    check(request, ADD_PERMISSION)
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
