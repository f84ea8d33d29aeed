"""Seats on courses: the one allocation every seat goes through.

Whoever takes a seat (one click on a free course, a sponsored code, the
shop's checkout for a paid one, a waitlisted learner taking an offer) does
it here, in the same order: lock the course row, ask the one rule "may this
be sold now" (market.residents.selectors.listing_refusal), check the
enrolment window and the one-seat-per-learner rule, count the seats kept for
the waitlist, then take (or, for the checkout, hold) a unit of the course's
stock record (`catalogue.stock`). Under 30 learners racing for the last seat,
one gets it and 29 are told the course is full
(tests/market/learning/test_capacity_race.py).

Seats kept for the waitlist: every open offer, and free seats up to the
number of learners still waiting. A seat that frees while people wait (a
checkout hold that ran out, a cancellation) is theirs: a newcomer cannot
take it before the waitlist offers it (`waitlist.waitlist_offer_next`).
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE
from catalogue.stock import (
    stock_announce,
    stock_give_back,
    stock_hold,
    stock_take,
    units_free,
)
from market.residents.selectors import listing_refusal

from ..models import (
    Course,
    Seat,
    SeatSource,
    SeatStatus,
    SponsoredQuota,
    WaitlistEntry,
    WaitlistStatus,
)


class SeatsUnavailable(Exception):
    """No seat can be taken; `message` tells the learner why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class CourseFull(SeatsUnavailable):
    """Every seat is taken or kept for a waitlisted learner."""


def is_course(product) -> bool:
    return product is not None and product.get_product_class().slug == COURSE


def course_for(product) -> Course:
    """The course row of a course product (made on first use)."""
    course, _created = Course.objects.get_or_create(product_id=product.pk)
    return course


def lock_course(product_id: int) -> Course:
    """Lock the course row: every seat taker and offer maker waits here, so
    counting the kept seats and taking one is a single step."""
    Course.objects.get_or_create(product_id=product_id)
    return (
        Course.objects.select_for_update()
        .select_related("product")
        .get(product_id=product_id)
    )


def stockrecord_for(product) -> StockRecord | None:
    return product.stockrecords.order_by("pk").first()


def seats_offered(course: Course, *, now: datetime, except_for=None) -> int:
    """Seats kept by open waitlist offers (other learners' only, when
    `except_for` is given)."""
    offers = WaitlistEntry.objects.filter(
        course=course, status=WaitlistStatus.OFFERED, offer_expires_at__gt=now
    )
    if except_for is not None:
        offers = offers.exclude(learner=except_for)
    return offers.count()


def seats_kept(course: Course, *, now: datetime, except_for=None) -> int:
    """Seats nobody but their learners may take: other learners' open
    offers, and, of the seats free and not offered, as many as there are
    other learners still waiting (a seat freed while people wait is theirs
    until the waitlist offers it). `except_for`: the learner asking."""
    offers = WaitlistEntry.objects.filter(
        course=course, status=WaitlistStatus.OFFERED, offer_expires_at__gt=now
    )
    waiting = WaitlistEntry.objects.filter(course=course, status=WaitlistStatus.WAITING)
    offered_others = offers
    if except_for is not None:
        offered_others = offers.exclude(learner=except_for)
        waiting = waiting.exclude(learner=except_for)
    record = stockrecord_for(course.product)
    return seats_kept_of(
        free=units_free(record, now=now) if record is not None else 0,
        offers=offers.count(),
        offers_to_others=offered_others.count(),
        others_waiting=waiting.count(),
    )


def seats_kept_of(
    *, free: int, offers: int, offers_to_others: int, others_waiting: int
) -> int:
    """The rule of `seats_kept` on counts read elsewhere (one query for a
    whole list of courses, `market.learning.selectors.with_course_state`):
    `free` units of the stock record, open `offers` (of which
    `offers_to_others` were made to other learners than the one asking) and
    `others_waiting`."""
    unclaimed = max(free - offers, 0)
    return offers_to_others + min(others_waiting, unclaimed)


def seats_left(course: Course, *, now: datetime | None = None, learner=None) -> int:
    """Seats that `learner` (or anyone, without one) could take now: free
    units (live checkout holds counted) less the seats kept for the
    waitlist."""
    now = now or timezone.now()
    record = stockrecord_for(course.product)
    if record is None:
        return 0
    return units_free(
        record, now=now, kept=seats_kept(course, now=now, except_for=learner)
    )


def enrolment_closes_at(course: Course) -> datetime | None:
    """When enrolment closes: the course's own date, or else when its first
    session starts."""
    if course.enrolment_closes_at:
        return course.enrolment_closes_at
    first = course.sessions.order_by("starts_at").first()
    return first.starts_at if first else None


def enrolment_is_open(course: Course, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if course.enrolment_opens_at and now < course.enrolment_opens_at:
        return False
    closes = enrolment_closes_at(course)
    return closes is None or now < closes


def _check_window(course: Course, now: datetime) -> None:
    if course.enrolment_opens_at and now < course.enrolment_opens_at:
        raise SeatsUnavailable(
            _("Enrolment for “%(title)s” opens on %(date)s.")
            % {
                "title": course.product.get_title(),
                "date": date_format(
                    timezone.localtime(course.enrolment_opens_at), "DATETIME_FORMAT"
                ),
            }
        )
    closes = enrolment_closes_at(course)
    if closes is not None and now >= closes:
        raise SeatsUnavailable(
            _("Enrolment for “%(title)s” has closed.")
            % {"title": course.product.get_title()}
        )


def _check_on_sale(
    course: Course,
    record: StockRecord | None,
    now: datetime | None = None,
    *,
    judge_enrolment: bool = True,
) -> None:
    """The one rule "may this be sold now", for every way to a seat."""
    reason = listing_refusal(
        course.product, record, now=now, judge_enrolment=judge_enrolment
    )
    if reason is not None:
        raise SeatsUnavailable(reason)


def _full(course: Course) -> CourseFull:
    return CourseFull(
        _("“%(title)s” is full. You can join the waitlist.")
        % {"title": course.product.get_title()}
    )


def _check_one_seat(course: Course, learner, quantity: int) -> None:
    if has_seat(course, learner):
        raise SeatsUnavailable(
            _("You are already enrolled in “%(title)s”.")
            % {"title": course.product.get_title()}
        )
    if quantity != 1:
        raise SeatsUnavailable(
            _("One seat per learner: “%(title)s” can be bought once per person.")
            % {"title": course.product.get_title()}
        )


def _close_own_entry(course: Course, learner, now: datetime) -> None:
    """The learner's own offer (or place) on the waitlist is used up."""
    WaitlistEntry.objects.filter(
        course=course,
        learner=learner,
        status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED],
    ).update(status=WaitlistStatus.ENROLLED, closed_at=now)


def _take(course: Course, *, learner, quantity: int, now: datetime) -> None:
    """Take `quantity` seats for `learner` for good (course row locked by the
    caller), or raise. The learner's own open offer is theirs to use; the
    entry is closed as taken."""
    record = stockrecord_for(course.product)
    _check_on_sale(course, record, now)
    _check_window(course, now)
    kept = seats_kept(course, now=now, except_for=learner)
    if record is None or not stock_take(
        stockrecord_id=record.pk, quantity=quantity, kept=kept, now=now
    ):
        raise _full(course)
    _close_own_entry(course, learner, now)
    stock_announce([record.pk])


def has_seat(course: Course, learner) -> bool:
    return Seat.objects.filter(
        course_id=course.product_id, learner=learner, status=SeatStatus.ACTIVE
    ).exists()


def seats_hold_for_checkout(
    *,
    record: StockRecord,
    quantity: int,
    learner,
    key: str,
    until: datetime,
    now: datetime | None = None,
) -> None:
    """The checkout holds a seat of a paid course while the buyer pays
    (inside its transaction), under the same rules as every other seat: on
    sale, enrolment open, one seat per learner, the waitlist first. Raises
    SeatsUnavailable; on a refusal nothing is held."""
    now = now or timezone.now()
    course = lock_course(record.product_id)
    _check_on_sale(course, record, now)
    _check_window(course, now)
    _check_one_seat(course, learner, quantity)
    kept = seats_kept(course, now=now, except_for=learner)
    if not stock_hold(
        stockrecord_id=record.pk,
        quantity=quantity,
        key=key,
        until=until,
        kept=kept,
        now=now,
    ):
        raise _full(course)


def seats_take_for_order(
    *,
    record: StockRecord,
    quantity: int,
    learner,
    key: str,
    now: datetime | None = None,
) -> None:
    """The paid order is being placed: the checkout's hold becomes the seat.
    A hold that ran out is taken again only if a seat is still free for this
    learner (and enrolment is still open). Raises SeatsUnavailable."""
    now = now or timezone.now()
    course = lock_course(record.product_id)
    live = record.holds.filter(key=key, reserved_until__gt=now).exists()
    # A live hold was taken while enrolment was open: it keeps its promise.
    _check_on_sale(course, record, now, judge_enrolment=not live)
    _check_one_seat(course, learner, quantity)
    if not live:
        _check_window(course, now)
    kept = seats_kept(course, now=now, except_for=learner)
    if not stock_take(
        stockrecord_id=record.pk, quantity=quantity, kept=kept, key=key, now=now
    ):
        raise _full(course)
    _close_own_entry(course, learner, now)


def is_free(course: Course) -> bool:
    record = stockrecord_for(course.product)
    return record is not None and record.price is not None and record.price == 0


@transaction.atomic
def enrolment_create(
    *,
    product,
    learner,
    quota: SponsoredQuota | None = None,
    now: datetime | None = None,
) -> Seat:
    """Enrol a signed-in learner on a free course (one click), or on any
    course with a sponsored seat (`quota`, checked by the caller under its
    lock). Refused, with nothing changed, when the learner already has a
    seat, enrolment is closed, or no seat is left for them."""
    now = now or timezone.now()
    course = lock_course(product.pk)
    _check_on_sale(course, stockrecord_for(course.product), now)
    _check_one_seat(course, learner, 1)
    if quota is None and not is_free(course):
        raise SeatsUnavailable(
            _("“%(title)s” is a paid course: add it to your basket to enrol.")
            % {"title": course.product.get_title()}
        )
    _take(course, learner=learner, quantity=1, now=now)
    try:
        with transaction.atomic():
            return Seat.objects.create(
                course=course.product,
                learner=learner,
                source=SeatSource.SPONSORED if quota else SeatSource.FREE,
                quota=quota,
            )
    except IntegrityError as error:  # the same learner, twice at once
        raise SeatsUnavailable(
            _("You are already enrolled in “%(title)s”.")
            % {"title": course.product.get_title()}
        ) from error


def _offer_next_after_commit(product_id: int) -> None:
    from .waitlist import waitlist_offer_next

    transaction.on_commit(lambda: waitlist_offer_next(product_id=product_id))


@transaction.atomic
def seat_cancel(*, seat: Seat, by) -> Seat:
    """A learner gives back a free or sponsored seat (staff may too). The
    seat goes to the first learner on the waitlist. A paid seat is given
    back by a refund (staff), so that the money follows."""
    course = lock_course(seat.course_id)
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if seat.learner_id != by.pk and not by.is_staff:
        raise SeatsUnavailable(_("This is not your seat."))
    if seat.status != SeatStatus.ACTIVE:
        raise SeatsUnavailable(_("This seat was already given back."))
    if seat.line_id is not None:
        raise SeatsUnavailable(
            _(
                "This seat was paid for. Ask the Centre for a refund; the seat is "
                "given back with it."
            )
        )
    if seat.completed_at is not None:
        raise SeatsUnavailable(_("A completed course cannot be cancelled."))
    seat.status = SeatStatus.CANCELLED
    seat.cancelled_at = timezone.now()
    seat.save(update_fields=["status", "cancelled_at"])
    record = stockrecord_for(course.product)
    if record is not None:
        stock_give_back(stockrecord_id=record.pk, quantity=1)
        stock_announce([record.pk])
    _offer_next_after_commit(course.product_id)
    return seat


@transaction.atomic
def seats_create_for_order(*, order) -> list[Seat]:
    """One seat per unit of each course line, held by the buyer (the checkout
    allocated them when it held the basket). Idempotent: a second call
    creates nothing."""
    seats = []
    for line in order.lines.select_related("product__parent__product_class"):
        if not is_course(line.product):
            continue
        for unit in range(1, line.quantity + 1):
            seat, _created = Seat.objects.get_or_create(
                line=line,
                unit=unit,
                defaults={
                    "course": line.product,
                    "learner": order.user,
                    "source": SeatSource.ORDER,
                },
            )
            seats.append(seat)
    return seats


@transaction.atomic
def seats_cancel_for_line(*, line, quantity: int) -> int:
    """Give back `quantity` active seats of a line (a refund), last unit
    first; the checkout returns the stock units. The freed seats go to the
    waitlist after commit. Returns how many were cancelled."""
    if line.product_id is not None and is_course(line.product):
        lock_course(line.product_id)
    seats = list(
        Seat.objects.select_for_update()
        .filter(line=line, status=SeatStatus.ACTIVE)
        .order_by("-unit")[:quantity]
    )
    for seat in seats:
        seat.status = SeatStatus.CANCELLED
        seat.cancelled_at = timezone.now()
        seat.save(update_fields=["status", "cancelled_at"])
    if seats:
        _offer_next_after_commit(line.product_id)
    return len(seats)
