"""The visitor's side of the studios: a room's week and its booking form,
the booker's own bookings (cancel, pay, calendar files) and the private
calendar feed. Views parse input and call the services; every booking is
looked up with its booker, so anyone else's reference is a 404."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from checkout.services.bookings import booking_basket_add, booking_cancel
from market.payments.client import PaymentProviderError
from market.residents.selectors import acting_resident

from . import ics, rules, selectors, services
from .display import weekly_hours, zone_label
from .forms import BookingForm, start_value
from .models import Booking, BookingStatus, CalendarFeed, PaidBy, Room
from .rules import BookingRefused


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _week_bounds(room: Room, now: datetime) -> tuple[date, date]:
    """The first and last week a visitor may look at: this week, and the
    week holding the room's last bookable day."""
    today = rules.local(room, now).date()
    return _monday(today), _monday(today + timedelta(days=room.horizon_days))


def _requested_week(room: Room, value: str, now: datetime) -> date:
    first, last = _week_bounds(room, now)
    try:
        asked = date.fromisoformat(value[:10]) if value else first
    except ValueError:
        asked = first
    return min(max(_monday(asked), first), last)


def _calendar(room: Room, week: date, now: datetime, chosen: str) -> list[dict]:
    days = selectors.week_calendar(
        room, week_start=week, now=now, language=get_language()
    )
    return [
        {
            "day": day.day,
            "label": formats.date_format(day.day, "l, j E"),
            "closed_reason": day.closed_reason,
            "slots": [
                {
                    "value": start_value(slot.starts_at, room),
                    "label": rules.local(room, slot.starts_at).strftime("%H:%M"),
                    "free": slot.free,
                    "past": slot.starts_at <= now,
                    "peak": slot.peak,
                    "checked": start_value(slot.starts_at, room) == chosen,
                }
                for slot in day.slots
            ],
        }
        for day in days
    ]


def _status_label(booking: Booking, now: datetime) -> str:
    if booking.status == BookingStatus.HELD and not booking.is_live(now):
        return str(BookingStatus.LAPSED.label)
    return booking.get_status_display()


def _what_comes_back(booking: Booking, now: datetime) -> str:
    """What cancelling now gives back, as the cancel page says it."""
    if booking.status == BookingStatus.HELD:
        return _("Nothing has been paid yet: the slot is simply let go.")
    in_time = now <= booking.free_cancellation_until()
    if booking.paid_by == PaidBy.QUOTA:
        if in_time:
            return _("The %(hours)s free hours come back to your month's quota.") % {
                "hours": floatformat(booking.hours, -2)
            }
        return _(
            "It is past the free cancellation time: the %(hours)s free hours "
            "count as used."
        ) % {"hours": floatformat(booking.hours, -2)}
    if booking.paid_by == PaidBy.CHECKOUT:
        if in_time:
            return _("The %(price)s AZN you paid is refunded to your card.") % {
                "price": formats.number_format(booking.price, 2)
            }
        return _("It is past the free cancellation time: there is no refund.")
    return _("The booking was free of charge.")


class RoomView(View):
    """A room's week of free and taken slots, and its booking form (signed
    in). A price can be asked for before booking (the "Show the price"
    button): no JavaScript needed."""

    template_name = "market/bookings/room.html"

    def _room(self, slug: str) -> Room:
        return get_object_or_404(
            selectors.bookable_rooms().prefetch_related(
                "opening_hours", "equipment_items"
            ),
            slug=slug,
        )

    def _form(self, room: Room, now: datetime, data=None) -> BookingForm:
        return BookingForm(
            data,
            room=room,
            today=rules.local(room, now).date(),
            language=get_language(),
        )

    def _render(self, request, room, form, *, now, quote=None):
        week = _requested_week(room, request.GET.get("week", ""), now)
        first, last = _week_bounds(room, now)
        chosen = form.data.get("starts", "") if form is not None else ""
        url = reverse("bookings:room", args=[room.slug])
        resident = acting_resident(request.user)
        context = {
            "room": room,
            "room_name": room.name_in(get_language()),
            "description": room.description_in(get_language()),
            "room_equipment": room.equipment_in(get_language()),
            "equipment_items": [
                (item, item.name_in(get_language()))
                for item in room.equipment_items.all()
                if item.is_active
            ],
            "hours": weekly_hours(room),
            "zone": zone_label(room, now),
            "days": _calendar(
                room, week, now, chosen if isinstance(chosen, str) else ""
            ),
            "week": week,
            "week_end": week + timedelta(days=6),
            "previous_url": f"{url}?week={week - timedelta(days=7)}"
            if week > first
            else "",
            "next_url": f"{url}?week={week + timedelta(days=7)}" if week < last else "",
            "form_action": f"{url}?week={week}",
            "form": form,
            "quote": quote,
            "hold_minutes": settings.MARKET_BOOKING_HOLD_MINUTES,
            "login_url": f"{resolve_url(settings.LOGIN_URL)}?"
            + urlencode({"next": url}),
            "quota": (
                selectors.quota_state(resident, moment=now, now=now)
                if resident is not None
                else None
            ),
            "resident": resident,
        }
        return render(request, self.template_name, context)

    def get(self, request, room_slug):
        room = self._room(room_slug)
        now = timezone.now()
        form = self._form(room, now) if request.user.is_authenticated else None
        return self._render(request, room, form, now=now)

    def post(self, request, room_slug):
        room = self._room(room_slug)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        now = timezone.now()
        form = self._form(room, now, request.POST)
        if not form.is_valid():
            return self._render(request, room, form, now=now)
        data = form.cleaned_data
        slot = services.SlotRequest(
            room_id=room.pk,
            starts_at=data["starts"],
            minutes=data["minutes"],
            equipment_ids=tuple(sorted(item.pk for item in data["equipment"])),
            uses_room=not data["equipment_only"],
            people=data["people"],
            purpose=data["purpose"],
        )
        if request.POST.get("action") == "quote":
            return self._render(
                request,
                room,
                form,
                now=now,
                quote=self._quote(request, room, slot, data, now),
            )
        try:
            with transaction.atomic():
                booking = services.booking_create(request=slot, booker=request.user)
                if booking.status == BookingStatus.HELD:
                    booking_basket_add(basket=request.basket, booking=booking)
        except BookingRefused as refusal:
            form.add_error(None, refusal.message)
            return self._render(request, room, form, now=now)
        if booking.status == BookingStatus.CONFIRMED:
            messages.success(
                request,
                _("Booked: %(hours)s of your free hours. See you at the studio!")
                % {"hours": floatformat(booking.hours, -2)},
            )
            return redirect("bookings:detail", reference=booking.reference)
        messages.info(
            request,
            _(
                "The slot is held for you for %(minutes)d minutes: pay for it to "
                "confirm the booking."
            )
            % {"minutes": settings.MARKET_BOOKING_HOLD_MINUTES},
        )
        return redirect("basket:summary")

    def _quote(self, request, room, slot, data, now) -> dict:
        """What the slot would cost: money, or free hours of a resident."""
        ends_at = slot.starts_at + timedelta(minutes=slot.minutes)
        price = rules.price_of(
            room,
            slot.starts_at,
            ends_at,
            equipment=list(data["equipment"]),
            uses_room=slot.uses_room,
        )
        resident = acting_resident(request.user)
        free = False
        if resident is not None:
            state = selectors.quota_state(resident, moment=slot.starts_at, now=now)
            free = slot.minutes <= state.minutes_left
        return {
            "starts_at": slot.starts_at,
            "ends_at": ends_at,
            "total": price.total,
            "room": price.room,
            "peak_minutes": price.peak_minutes,
            "free": free,
            "hours": (slot.minutes / 60),
        }


def _booking_row(booking: Booking, now: datetime) -> dict:
    language = get_language()
    return {
        "booking": booking,
        "room_name": booking.room.name_in(language),
        "equipment": [
            row.equipment.name_in(language) for row in booking.equipment_rows.all()
        ],
        "status": _status_label(booking, now),
        "live": booking.is_live(now),
        "may_cancel": booking.is_live(now) and booking.starts_at > now,
        "may_pay": booking.status == BookingStatus.HELD and booking.is_live(now),
        "in_time": now <= booking.free_cancellation_until(),
    }


class MyBookingsView(LoginRequiredMixin, TemplateView):
    template_name = "market/bookings/mine.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        rows = [_booking_row(b, now) for b in selectors.bookings_of(self.request.user)]
        upcoming = [r for r in rows if r["live"] and r["booking"].ends_at > now]
        upcoming.sort(key=lambda row: row["booking"].starts_at)
        others = [r for r in rows if r not in upcoming]
        feed = services.feed_for(self.request.user)
        feed_url = self.request.build_absolute_uri(
            reverse("bookings:feed", args=[feed.token])
        )
        return super().get_context_data(
            upcoming=upcoming,
            others=others,
            feed_url=feed_url,
            webcal_url="webcal://" + feed_url.split("://", 1)[-1],
            zone=zone_label(Room(), now),
            **kwargs,
        )


def _own_booking(request, reference) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("room").prefetch_related(
            "equipment_rows__equipment"
        ),
        reference=reference,
        booker=request.user,
    )


class BookingDetailView(LoginRequiredMixin, View):
    template_name = "market/bookings/detail.html"

    def get(self, request, reference):
        booking = _own_booking(request, reference)
        now = timezone.now()
        return render(
            request,
            self.template_name,
            {
                **_booking_row(booking, now),
                "zone": zone_label(booking.room, now),
                "comes_back": _what_comes_back(booking, now),
            },
        )


class BookingCancelView(LoginRequiredMixin, View):
    """The cancel page says what comes back (per the cut-off); its POST
    cancels, refunding through the checkout when due."""

    template_name = "market/bookings/cancel.html"

    def get(self, request, reference):
        booking = _own_booking(request, reference)
        now = timezone.now()
        row = _booking_row(booking, now)
        if not row["may_cancel"]:
            messages.error(request, _("This booking can no longer be cancelled."))
            return redirect("bookings:detail", reference=booking.reference)
        return render(
            request,
            self.template_name,
            {
                **row,
                "zone": zone_label(booking.room, now),
                "comes_back": _what_comes_back(booking, now),
            },
        )

    def post(self, request, reference):
        booking = _own_booking(request, reference)
        if booking.status in (BookingStatus.CANCELLED, BookingStatus.LAPSED):
            messages.error(request, _("This booking can no longer be cancelled."))
            return redirect("bookings:detail", reference=booking.reference)
        reason = request.POST.get("reason", "")[:500]
        try:
            result = booking_cancel(booking=booking, by=request.user, reason=reason)
        except (BookingRefused, ValidationError) as refusal:
            messages.error(
                request, getattr(refusal, "message", None) or " ".join(refusal.messages)
            )
            return redirect("bookings:detail", reference=booking.reference)
        except PaymentProviderError:
            # The refund could not be made: the cancellation rolled back.
            messages.error(
                request,
                _(
                    "The refund could not be made just now, so nothing was "
                    "cancelled. Please try again in a few minutes."
                ),
            )
            return redirect("bookings:detail", reference=booking.reference)
        cancelled = result.booking
        if cancelled.refunded and cancelled.paid_by == PaidBy.CHECKOUT:
            text = _("Cancelled. The money is refunded to your card.")
        elif cancelled.refunded and cancelled.paid_by == PaidBy.QUOTA:
            text = _("Cancelled. The free hours are back in your quota.")
        elif booking.status == BookingStatus.HELD:
            text = _("Cancelled. The slot is let go; nothing was paid.")
        else:
            text = _("Cancelled, past the free cancellation time: nothing comes back.")
        messages.success(request, text)
        return redirect("bookings:detail", reference=booking.reference)


class BookingPayView(LoginRequiredMixin, View):
    """ "Pay now" of a held booking: it goes (back) into the basket."""

    http_method_names = ["post"]

    def post(self, request, reference):
        booking = _own_booking(request, reference)
        if booking.status != BookingStatus.HELD or not booking.is_live(timezone.now()):
            messages.error(
                request, _("This studio booking can no longer be paid for. Book again.")
            )
            return redirect("bookings:detail", reference=booking.reference)
        booking_basket_add(basket=request.basket, booking=booking)
        return redirect("basket:summary")


def _calendar_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class BookingCalendarView(LoginRequiredMixin, View):
    """One booking as an .ics file (its booker only)."""

    def get(self, request, reference):
        booking = _own_booking(request, reference)
        return _calendar_response(
            ics.bookings_ics([booking], now=timezone.now()),
            f"studio-{booking.short_reference}.ics",
        )


class FeedView(View):
    """A person's studio calendar, for calendar apps: the secret token is
    the key (no sign-in); a renewed token makes the old address a 404."""

    def get(self, request, token):
        feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
        if feed is None or not feed.user.is_active:
            raise Http404
        now = timezone.now()
        return _calendar_response(
            ics.bookings_ics(ics.feed_bookings(feed.user, now=now), now=now),
            "studios.ics",
        )


class FeedRenewView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        services.feed_renew(user=request.user)
        messages.success(
            request,
            _(
                "Your calendar has a new address: the old one no longer works. "
                "Subscribe again with the new one."
            ),
        )
        return redirect("bookings:mine")
