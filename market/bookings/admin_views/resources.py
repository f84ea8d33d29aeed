"""Rooms, equipment and closures: the model viewsets' create, edit and
delete views with the studios' side effects."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.views import generic

from checkout.services.bookings import (
    bookings_cancel_for_closure,
    bookings_cancel_for_equipment,
)
from market.payments.client import PaymentProviderError, PaymentsNotConfigured

from ..listing import room_listing_ensure
from ..models import Booking, Equipment, Room
from ..rules import BookingRefused
from . import (
    FOREVER,
    cancelled_message,
)


def _room_closed_reason(booking: Booking) -> str:
    with translation.override(booking.language):
        return _("The studio room is closed for booking.")


def cancel_covered(request, *, room, starts_at, ends_at, reason) -> None:
    """Cancel (with refunds and e-mails) the live future bookings in the
    range, and tell the staff member how many. A refund that fails stops
    the run with the bookings before it cancelled: saving again goes on
    (those already cancelled are skipped)."""
    try:
        count = bookings_cancel_for_closure(
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            by=request.user,
            reason=reason,
        )
    except (
        BookingRefused,
        ValidationError,
        PaymentProviderError,
        PaymentsNotConfigured,
    ):
        messages.error(
            request,
            _(
                "Saved, but a refund failed, so not every booking it covers is "
                "cancelled yet. Save again in a moment to go on."
            ),
        )
    else:
        cancelled_message(request, count)


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
            cancel_covered(
                self.request,
                room=room,
                starts_at=now,
                ends_at=now + FOREVER,
                reason=_room_closed_reason,
            )
        return response


def _equipment_off_reason(booking: Booking, equipment: Equipment) -> str:
    with translation.override(booking.language):
        return _("“%(name)s” can no longer be booked.") % {
            "name": equipment.name_in(booking.language)
        }


class EquipmentEditView(generic.EditView):
    def form_valid(self, form):
        was_active = Equipment.objects.filter(
            pk=self.object.pk, is_active=True
        ).exists()
        response = super().form_valid(form)
        equipment = self.object
        if was_active and not equipment.is_active:
            try:
                count = bookings_cancel_for_equipment(
                    equipment=equipment,
                    by=self.request.user,
                    reason=lambda booking: _equipment_off_reason(booking, equipment),
                )
            except (
                BookingRefused,
                ValidationError,
                PaymentProviderError,
                PaymentsNotConfigured,
            ):
                messages.error(
                    self.request,
                    _(
                        "Saved, but a refund failed, so not every booking it covers "
                        "is cancelled yet. Save again in a moment to go on."
                    ),
                )
            else:
                cancelled_message(self.request, count)
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
        cancel_covered(
            self.request,
            room=closure.room,
            starts_at=closure.starts_at,
            ends_at=closure.ends_at,
            reason=lambda booking: closure.reason_in(booking.language),
        )
        return response


class ClosureCreateView(ClosureSaveMixin, generic.CreateView):
    pass


class ClosureEditView(ClosureSaveMixin, generic.EditView):
    pass
