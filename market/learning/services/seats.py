"""Seats on courses: the one allocation every seat goes through.

Whoever takes a seat (one click on a free course, a sponsored code, the
shop's checkout for a paid one, a waitlisted learner taking an offer) does
it here, in the same order: lock the course row, check the enrolment window,
count the seats kept for waitlist offers, then take a unit of the course's
stock record with one conditional UPDATE (`catalogue.stock.stock_take`).
Under 30 learners racing for the last seat, one gets it and 29 are told the
course is full (tests/market/learning/test_capacity_race.py).
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE
from catalogue.stock import stock_announce, stock_give_back, stock_take

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


def seats_kept(course: Course, *, now: datetime, except_for=None) -> int:
    """Seats kept by open waitlist offers (other learners' only, when
    `except_for` is given)."""
    offers = WaitlistEntry.objects.filter(
        course=course, status=WaitlistStatus.OFFERED, offer_expires_at__gt=now
    )
    if except_for is not None:
        offers = offers.exclude(learner=except_for)
    return offers.count()


def seats_left(course: Course, *, now: datetime | None = None, learner=None) -> int:
    """Seats that `learner` (or anyone, without one) could take now."""
    now = now or timezone.now()
    record = stockrecord_for(course.product)
    if record is None:
        return 0
    free = (record.num_in_stock or 0) - (record.num_allocated or 0)
    return max(free - seats_kept(course, now=now, except_for=learner), 0)


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


def _take(course: Course, *, learner, quantity: int, now: datetime) -> None:
    """Take `quantity` seats for `learner` (course row locked by the caller),
    or raise. The learner's own open offer is theirs to use; the entry is
    closed as taken."""
    _check_window(course, now)
    record = stockrecord_for(course.product)
    kept = seats_kept(course, now=now, except_for=learner)
    if record is None or not stock_take(
        stockrecord_id=record.pk, quantity=quantity, kept=kept
    ):
        raise CourseFull(
            _("“%(title)s” is full. You can join the waitlist.")
            % {"title": course.product.get_title()}
        )
    WaitlistEntry.objects.filter(
        course=course,
        learner=learner,
        status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED],
    ).update(status=WaitlistStatus.ENROLLED, closed_at=now)
    stock_announce([record.pk])


def has_seat(course: Course, learner) -> bool:
    return Seat.objects.filter(
        course_id=course.product_id, learner=learner, status=SeatStatus.ACTIVE
    ).exists()


def seats_take_for_checkout(*, record: StockRecord, quantity: int, learner) -> None:
    """The checkout holds seats of a paid course (inside its transaction):
    the same rules as every other seat. Raises SeatsUnavailable."""
    course = lock_course(record.product_id)
    _take(course, learner=learner, quantity=quantity, now=timezone.now())


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
    if has_seat(course, learner):
        raise SeatsUnavailable(
            _("You are already enrolled in “%(title)s”.")
            % {"title": course.product.get_title()}
        )
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
