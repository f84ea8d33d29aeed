"""Writes of studio bookings: book (on a quota, held for the checkout, or by
staff for the Centre), confirm a paid one, cancel, move, check in, mark a
no-show, close a room. Every write locks in `locking`'s order and asks the
rules again under the lock; the exclusion constraints of PostgreSQL are the
backstop (an overlap that got past the lock is refused, not stored).

Money is not moved here: the checkout (checkout.services.bookings) holds,
places and refunds paid bookings and calls these services for the booking's
side. `booking_cancel` says whether a refund is due; it never refunds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from market.residents.models import Resident
from market.residents.selectors import acting_resident

from . import emails, rules, selectors
from .locking import lock_equipment, lock_resident, lock_room
from .models import (
    Booking,
    BookingEquipment,
    BookingStatus,
    CalendarFeed,
    Equipment,
    PaidBy,
    Room,
)
from .rules import BookingRefused


@dataclass(frozen=True)
class SlotRequest:
    """What a person asks for: a room from `starts_at` for `minutes`, with
    equipment (ids of the room's), or the equipment alone."""

    room_id: int
    starts_at: datetime
    minutes: int
    equipment_ids: tuple[int, ...] = ()
    uses_room: bool = True
    people: int = 1
    purpose: str = ""


def _lapse_overlapping(room: Room, starts_at, blocked_until, equipment_ids, now):
    """Holds that ran out unpaid and stand in the way become lapsed (the
    exclusion constraint knows nothing of time)."""
    ran_out = Booking.objects.filter(
        status=BookingStatus.HELD,
        held_until__lte=now,
        starts_at__lt=blocked_until,
        blocked_until__gt=starts_at,
    ).filter(room=room) | Booking.objects.filter(
        status=BookingStatus.HELD,
        held_until__lte=now,
        equipment_rows__equipment_id__in=list(equipment_ids) or [0],
        starts_at__lt=blocked_until,
        blocked_until__gt=starts_at,
    )
    ids = list(ran_out.values_list("pk", flat=True).distinct())
    if ids:
        Booking.objects.filter(pk__in=ids).update(status=BookingStatus.LAPSED)
        BookingEquipment.objects.filter(booking_id__in=ids).update(is_live=False)


def _check_slot(
    *,
    room: Room,
    request: SlotRequest,
    equipment: list[Equipment],
    now: datetime,
    except_booking: int | None = None,
    horizon: bool = True,
) -> tuple[datetime, datetime]:
    """Every rule of a slot, under the room's lock. Returns (ends_at,
    blocked_until)."""
    if not room.is_active:
        raise BookingRefused(_("This room is closed for booking."))
    if not request.uses_room and not request.equipment_ids:
        raise BookingRefused(_("Choose the room, equipment, or both."))
    if len(equipment) != len(set(request.equipment_ids)):
        raise BookingRefused(_("Some of the equipment chosen does not exist."))
    rules.check_equipment(room, equipment)
    rules.check_length(room, request.minutes)
    rules.check_grid(room, request.starts_at)
    rules.check_window(room, request.starts_at, now=now, horizon=horizon)
    if request.uses_room:
        rules.check_people(room, request.people)
    ends_at = request.starts_at + timedelta(minutes=request.minutes)
    blocked_until = ends_at + timedelta(minutes=room.buffer_minutes)
    rules.check_open(
        room,
        request.starts_at,
        ends_at,
        selectors.opening_hours(room),
        selectors.closures_for(room, request.starts_at, ends_at),
        language=get_language(),
    )
    _lapse_overlapping(
        room, request.starts_at, blocked_until, request.equipment_ids, now
    )
    if (
        request.uses_room
        and selectors.room_conflicts(
            room,
            request.starts_at,
            blocked_until,
            now=now,
            except_booking=except_booking,
        ).exists()
    ):
        raise BookingRefused(
            _("Sorry, this time has just been taken. Choose another slot.")
        )
    busy = selectors.equipment_conflicts(
        list(request.equipment_ids),
        request.starts_at,
        blocked_until,
        now=now,
        except_booking=except_booking,
    ).select_related("equipment")
    for row in busy[:1]:
        raise BookingRefused(
            _("“%(name)s” is already booked then.")
            % {"name": row.equipment.name_in(get_language())}
        )
    return ends_at, blocked_until


def _check_holds_limit(user, now: datetime) -> None:
    limit = settings.MARKET_BOOKING_HOLDS_LIMIT
    held = Booking.objects.filter(
        booker=user, status=BookingStatus.HELD, held_until__gt=now
    ).count()
    if held >= limit:
        raise BookingRefused(
            ngettext(
                "You already have %(count)d booking waiting for payment. Pay for "
                "it or cancel it first.",
                "You already have %(count)d bookings waiting for payment. Pay for "
                "them or cancel one first.",
                held,
            )
            % {"count": held}
        )


def _store(
    *,
    room: Room,
    request: SlotRequest,
    equipment: list[Equipment],
    ends_at: datetime,
    blocked_until: datetime,
    booker,
    resident: Resident | None,
    paid_by: str,
    status: str,
    held_until: datetime | None,
    now: datetime,
) -> Booking:
    price = rules.price_of(
        room,
        request.starts_at,
        ends_at,
        equipment=equipment,
        uses_room=request.uses_room,
    )
    charged = paid_by == PaidBy.CHECKOUT
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                room=room,
                uses_room=request.uses_room,
                booker=booker,
                resident=resident,
                starts_at=request.starts_at,
                ends_at=ends_at,
                blocked_until=blocked_until,
                people=request.people if request.uses_room else 1,
                purpose=request.purpose.strip()[:200],
                status=status,
                paid_by=paid_by,
                price=price.total if charged else 0,
                minutes=request.minutes,
                held_until=held_until,
                cancel_cutoff_hours=room.cancel_cutoff_hours,
                language=(get_language() or settings.LANGUAGE_CODE)[:10],
                created_at=now,
            )
            BookingEquipment.objects.bulk_create(
                BookingEquipment(
                    booking=booking,
                    equipment=item,
                    starts_at=request.starts_at,
                    blocked_until=blocked_until,
                    price=price.equipment[item.pk] if charged else 0,
                )
                for item in equipment
            )
    except IntegrityError as error:
        # The exclusion constraint: another writer got past the lock.
        raise BookingRefused(
            _("Sorry, this time has just been taken. Choose another slot.")
        ) from error
    return booking


def _lock_for(request: SlotRequest) -> tuple[Room, list[Equipment]]:
    room = lock_room(request.room_id)
    equipment = lock_equipment(sorted(set(request.equipment_ids)))
    return room, equipment


@transaction.atomic
def booking_create(
    *, request: SlotRequest, booker, now: datetime | None = None
) -> Booking:
    """Book a slot for `booker`. A resident's person books on the resident's
    free hours while the month's quota covers the booking (confirmed at
    once); anyone else, or beyond the quota, gets a hold of
    MARKET_BOOKING_HOLD_MINUTES to pay through the checkout. Raises
    BookingRefused, with nothing stored."""
    now = now or timezone.now()
    if booker is None or not booker.is_authenticated:
        raise BookingRefused(_("Sign in to book a studio."))
    resident = acting_resident(booker)
    if resident is not None:
        resident = lock_resident(resident.pk)
    room, equipment = _lock_for(request)
    ends_at, blocked_until = _check_slot(
        room=room, request=request, equipment=equipment, now=now
    )
    paid_by = PaidBy.CHECKOUT
    if resident is not None:
        state = selectors.quota_state(resident, moment=request.starts_at, now=now)
        if request.minutes <= state.minutes_left:
            paid_by = PaidBy.QUOTA
    if paid_by == PaidBy.QUOTA:
        booking = _store(
            room=room,
            request=request,
            equipment=equipment,
            ends_at=ends_at,
            blocked_until=blocked_until,
            booker=booker,
            resident=resident,
            paid_by=paid_by,
            status=BookingStatus.CONFIRMED,
            held_until=None,
            now=now,
        )
        emails.booked(booking)
        return booking
    _check_holds_limit(booker, now)
    return _store(
        room=room,
        request=request,
        equipment=equipment,
        ends_at=ends_at,
        blocked_until=blocked_until,
        booker=booker,
        resident=resident,
        paid_by=PaidBy.CHECKOUT,
        status=BookingStatus.HELD,
        held_until=now + timedelta(minutes=settings.MARKET_BOOKING_HOLD_MINUTES),
        now=now,
    )


@transaction.atomic
def booking_create_for_centre(
    *, request: SlotRequest, by, reason: str, now: datetime | None = None
) -> Booking:
    """Staff book a slot for the Centre's own use or a guest, free of
    charge, with the same rules (the booking horizon aside)."""
    now = now or timezone.now()
    room, equipment = _lock_for(request)
    ends_at, blocked_until = _check_slot(
        room=room, request=request, equipment=equipment, now=now, horizon=False
    )
    return _store(
        room=room,
        request=SlotRequest(
            **{**request.__dict__, "purpose": reason or request.purpose}
        ),
        equipment=equipment,
        ends_at=ends_at,
        blocked_until=blocked_until,
        booker=by,
        resident=None,
        paid_by=PaidBy.CENTRE,
        status=BookingStatus.CONFIRMED,
        held_until=None,
        now=now,
    )


def lock_booking(booking_id: int) -> Booking:
    """The booking, after its room and equipment rows are locked (the one
    order)."""
    booking = Booking.objects.get(pk=booking_id)
    lock_room(booking.room_id)
    lock_equipment(
        sorted(booking.equipment_rows.values_list("equipment_id", flat=True))
    )
    return Booking.objects.select_for_update().get(pk=booking_id)


def booking_refusal_for_payment(booking: Booking | None, *, user, now: datetime):
    """Why this booking may not be paid for now by `user`, or None."""
    if booking is None:
        return _("This studio booking no longer exists.")
    if booking.booker_id != getattr(user, "pk", None):
        return _("This studio booking is someone else's.")
    if booking.status != BookingStatus.HELD or booking.paid_by != PaidBy.CHECKOUT:
        return _("This studio booking can no longer be paid for. Book again.")
    if booking.starts_at <= now:
        return _("This studio booking has started. Book another time.")
    return None


@transaction.atomic
def booking_hold_extend(*, booking: Booking, until: datetime, now: datetime) -> Booking:
    """The checkout holds the slot while its buyer pays: the hold runs to
    `until`. A hold that ran out is taken again if the slot is still free.
    Raises BookingRefused."""
    booking = lock_booking(booking.pk)
    reason = booking_refusal_for_payment(booking, user=booking.booker, now=now)
    if reason:
        raise BookingRefused(reason)
    if booking.held_until <= now:
        _recheck_free(booking, now)
    booking.held_until = max(until, booking.held_until)
    booking.save(update_fields=["held_until"])
    return booking


def _recheck_free(booking: Booking, now: datetime) -> None:
    equipment_ids = list(booking.equipment_rows.values_list("equipment_id", flat=True))
    if (
        booking.uses_room
        and selectors.room_conflicts(
            booking.room,
            booking.starts_at,
            booking.blocked_until,
            now=now,
            except_booking=booking.pk,
        ).exists()
    ):
        raise BookingRefused(
            _("Sorry, the time you held has been taken by someone else.")
        )
    if selectors.equipment_conflicts(
        equipment_ids,
        booking.starts_at,
        booking.blocked_until,
        now=now,
        except_booking=booking.pk,
    ).exists():
        raise BookingRefused(
            _("Sorry, the equipment you held has been taken by someone else.")
        )


@transaction.atomic
def booking_confirm_for_order(*, booking: Booking, line, now: datetime) -> Booking:
    """The order holding the booking is being placed (inside its
    transaction): the hold becomes the booking. Raises BookingRefused if
    the hold ran out and the slot is taken."""
    booking = lock_booking(booking.pk)
    if booking.status == BookingStatus.CONFIRMED and booking.order_line_id == line.pk:
        return booking
    if booking.status != BookingStatus.HELD:
        raise BookingRefused(_("This studio booking can no longer be paid for."))
    if booking.held_until <= now:
        _recheck_free(booking, now)
    booking.status = BookingStatus.CONFIRMED
    booking.order_line = line
    booking.save(update_fields=["status", "order_line"])
    emails.booked(booking)
    return booking


@dataclass(frozen=True)
class Cancelled:
    booking: Booking
    # Money to give back (the checkout does) or hours returned to a quota.
    refund_due: bool


def _set_cancelled(booking: Booking, *, by, reason: str, refunded: bool, now):
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by = by
    booking.cancel_reason = reason
    booking.refunded = refunded
    booking.save(
        update_fields=[
            "status",
            "cancelled_at",
            "cancelled_by",
            "cancel_reason",
            "refunded",
        ]
    )
    booking.equipment_rows.update(is_live=False)


@transaction.atomic
def booking_cancel(
    *,
    booking: Booking,
    by,
    reason: str = "",
    as_staff: bool = False,
    now: datetime | None = None,
) -> Cancelled:
    """Cancel a booking. Its booker may, before it starts: until the cut-off
    the money (or the free hours) comes back; after it, nothing does (the
    policy shown when booking). Staff may cancel any booking that has not
    ended, with a reason, and always give everything back. Raises
    BookingRefused; idempotent on a booking already cancelled."""
    now = now or timezone.now()
    booking = lock_booking(booking.pk)
    if booking.status in (BookingStatus.CANCELLED, BookingStatus.LAPSED):
        return Cancelled(booking, refund_due=False)
    if as_staff:
        if not reason.strip():
            raise BookingRefused(_("Say why the booking is cancelled."))
        if booking.ends_at <= now:
            raise BookingRefused(_("This booking has ended; it cannot be cancelled."))
        refund = booking.status == BookingStatus.CONFIRMED
    else:
        if by is None or booking.booker_id != by.pk:
            raise BookingRefused(_("This booking is someone else's."))
        if booking.starts_at <= now:
            raise BookingRefused(
                _("This booking has started; it can no longer be cancelled.")
            )
        refund = (
            booking.status == BookingStatus.CONFIRMED
            and now <= booking.free_cancellation_until()
        )
    paid = (
        booking.paid_by == PaidBy.CHECKOUT and booking.status == BookingStatus.CONFIRMED
    )
    was_held = booking.status == BookingStatus.HELD
    # A quota's hours come back here; money comes back through the checkout,
    # which marks `refunded` when the refund is made.
    _set_cancelled(
        booking,
        by=by,
        reason=reason.strip(),
        refunded=refund and not paid,
        now=now,
    )
    if not was_held:
        emails.cancelled(booking, by_staff=as_staff, refund=refund)
    return Cancelled(booking, refund_due=refund and paid)


@transaction.atomic
def booking_refunded(*, booking: Booking) -> None:
    """The checkout gave the booking's money back: cancel it (if it is not
    yet) and record the refund."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.CANCELLED:
        _set_cancelled(booking, by=None, reason="", refunded=True, now=timezone.now())
        return
    if not booking.refunded:
        booking.refunded = True
        booking.save(update_fields=["refunded"])


def bookings_cancel_for_line(*, line) -> int:
    """A paid order line was refunded: its booking is cancelled and marked
    refunded. Returns how many bookings changed (0 or 1)."""
    booking = Booking.objects.filter(order_line=line).first()
    if booking is None:
        return 0
    booking_refunded(booking=booking)
    return 1


@transaction.atomic
def booking_move(
    *,
    booking: Booking,
    starts_at: datetime,
    by,
    reason: str,
    room: Room | None = None,
    now: datetime | None = None,
) -> Booking:
    """Staff move a live booking to another start (and room of the same
    kind), keeping its length, price and equipment, with a reason; the
    booker is told. Raises BookingRefused, with nothing changed."""
    now = now or timezone.now()
    if not reason.strip():
        raise BookingRefused(_("Say why the booking is moved."))
    current = Booking.objects.get(pk=booking.pk)
    if current.paid_by == PaidBy.QUOTA and current.resident_id:
        # Locked first (the one order): the move may spend another month's hours.
        lock_resident(current.resident_id)
    target_id = room.pk if room is not None else current.room_id
    # Both rooms locked in id order (the one order), then the equipment.
    for room_id in sorted({current.room_id, target_id}):
        lock_room(room_id)
    booking = lock_booking(booking.pk)
    target = Room.objects.get(pk=target_id)
    if not booking.is_live(now) or booking.status != BookingStatus.CONFIRMED:
        raise BookingRefused(_("Only a confirmed booking can be moved."))
    if target.kind != booking.room.kind:
        raise BookingRefused(_("A booking moves only to a room of the same studio."))
    equipment = list(
        Equipment.objects.filter(booking_rows__booking=booking).order_by("pk")
    )
    if target.pk != booking.room_id and equipment:
        raise BookingRefused(
            _("This booking has equipment of its room; move it within the room.")
        )
    request = SlotRequest(
        room_id=target.pk,
        starts_at=starts_at,
        minutes=booking.minutes,
        equipment_ids=tuple(item.pk for item in equipment),
        uses_room=booking.uses_room,
        people=booking.people if booking.uses_room else 1,
    )
    ends_at, blocked_until = _check_slot(
        room=target,
        request=request,
        equipment=equipment,
        now=now,
        except_booking=booking.pk,
        horizon=False,
    )
    zone = rules.zone(target)
    if (
        booking.paid_by == PaidBy.QUOTA
        and booking.resident_id
        and selectors.month_range(zone, starts_at)
        != selectors.month_range(zone, booking.starts_at)
    ):
        state = selectors.quota_state(booking.resident, moment=starts_at, now=now)
        if booking.minutes > state.minutes_left:
            raise BookingRefused(
                _(
                    "The resident's free hours for that month do not cover this "
                    "booking (%(left)s hours left)."
                )
                % {"left": state.hours_left}
            )
    before = (booking.room, booking.starts_at)
    booking.room = target
    booking.starts_at, booking.ends_at = starts_at, ends_at
    booking.blocked_until = blocked_until
    try:
        with transaction.atomic():
            booking.save(
                update_fields=["room", "starts_at", "ends_at", "blocked_until"]
            )
            booking.equipment_rows.update(
                starts_at=starts_at, blocked_until=blocked_until
            )
    except IntegrityError as error:
        raise BookingRefused(
            _("Sorry, this time has just been taken. Choose another slot.")
        ) from error
    emails.moved(booking, before=before, reason=reason.strip())
    return booking


@transaction.atomic
def booking_check_in(
    *, booking: Booking, by, undo: bool = False, now: datetime | None = None
) -> Booking:
    """The front desk marks the booker arrived (from an hour before the
    start), or takes it back."""
    now = now or timezone.now()
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingRefused(_("Only a confirmed booking can be checked in."))
    if undo:
        booking.checked_in_at = None
    else:
        if now < booking.starts_at - timedelta(hours=1):
            raise BookingRefused(_("Check-in opens an hour before the booking starts."))
        booking.checked_in_at = booking.checked_in_at or now
        booking.no_show = False
    booking.save(update_fields=["checked_in_at", "no_show"])
    return booking


@transaction.atomic
def booking_no_show(
    *, booking: Booking, by, undo: bool = False, now: datetime | None = None
) -> Booking:
    """Staff mark that nobody came (once the booking has started): the hours
    count as used and nothing is given back."""
    now = now or timezone.now()
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.CONFIRMED:
        raise BookingRefused(_("Only a confirmed booking can be marked."))
    if not undo and booking.starts_at > now:
        raise BookingRefused(_("A no-show can be marked once the booking has started."))
    booking.no_show = not undo
    if booking.no_show:
        booking.checked_in_at = None
    booking.save(update_fields=["no_show", "checked_in_at"])
    return booking


def bookings_to_cancel_for_closure(
    *, room: Room | None, starts_at: datetime, ends_at: datetime, now: datetime
) -> list[Booking]:
    """Live future bookings a closure (of one room, or of all) covers."""
    found = selectors.live_bookings(now).filter(
        starts_at__lt=ends_at, blocked_until__gt=max(starts_at, now)
    )
    if room is not None:
        found = found.filter(room=room)
    return list(found.order_by("starts_at", "pk"))


def bookings_with_equipment_ahead(
    *, equipment: Equipment, now: datetime
) -> list[Booking]:
    """Live bookings, not yet over, that hold this piece of equipment (it is
    being switched off)."""
    return list(
        selectors.live_bookings(now)
        .filter(equipment_rows__equipment=equipment, blocked_until__gt=now)
        .distinct()
        .order_by("starts_at", "pk")
    )


def feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def feed_renew(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    from .models import feed_token

    feed = feed_for(user)
    feed.token = feed_token()
    feed.save(update_fields=["token"])
    return feed
