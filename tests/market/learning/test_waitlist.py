"""Free enrolment on one click, the waitlist in the order learners joined,
offers that expire and pass on, and seats given back going to the next
learner."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation
from oscar.apps.partner.models import StockRecord

from market.learning.models import Seat, SeatSource, SeatStatus, WaitlistEntry
from market.learning.services.seats import (
    SeatsUnavailable,
    enrolment_create,
    seat_cancel,
    seats_left,
)
from market.learning.services.waitlist import (
    waitlist_join,
    waitlist_leave,
    waitlist_offer_next,
    waitlist_offers_expire,
    waitlist_position,
)
from tests.factories import UserFactory, course_product

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals are read in English here (their az and ru wording is the
    catalogues' business, checked by tests/market/test_translations.py)."""
    with translation.override("en"):
        yield


NOW = timezone.now()


def _course(resident, capacity=1, **fields):
    start = NOW + timedelta(days=10)
    return course_product(
        resident=resident,
        capacity=capacity,
        sessions=[(start, start + timedelta(hours=2))],
        **fields,
    )


def _allocated(product) -> int:
    return StockRecord.objects.get(product=product).num_allocated or 0


def _learners(count):
    return [UserFactory(email=f"learner{n}@example.az") for n in range(count)]


def _statuses(product):
    return list(
        WaitlistEntry.objects.filter(course_id=product.pk)
        .order_by("joined_at", "pk")
        .values_list("learner__email", "status")
    )


def test_free_enrolment_takes_one_seat(resident, buyer):
    course = _course(resident, capacity=2)

    seat = enrolment_create(product=course, learner=buyer)

    assert (seat.source, seat.status, seat.line_id) == (
        SeatSource.FREE,
        SeatStatus.ACTIVE,
        None,
    )
    assert _allocated(course) == 1
    assert seats_left(course.course) == 1


def test_enrolling_twice_is_refused_and_changes_nothing(resident, buyer):
    course = _course(resident, capacity=2)
    enrolment_create(product=course, learner=buyer)

    with pytest.raises(SeatsUnavailable) as refusal:
        enrolment_create(product=course, learner=buyer)

    assert str(refusal.value) == "You are already enrolled in “Musiqi istehsalı”."
    assert Seat.objects.filter(course=course).count() == 1
    assert _allocated(course) == 1


def test_a_paid_course_is_not_free_to_enrol(resident, buyer):
    course = _course(resident, capacity=2, price=Decimal("50.00"))

    with pytest.raises(SeatsUnavailable) as refusal:
        enrolment_create(product=course, learner=buyer)

    assert str(refusal.value) == (
        "“Musiqi istehsalı” is a paid course: add it to your basket to enrol."
    )
    assert Seat.objects.count() == 0
    assert _allocated(course) == 0


def test_enrolment_window_is_kept(resident, buyer):
    opens = NOW + timedelta(days=1)
    course = _course(resident, capacity=2, enrolment_opens_at=opens)

    with pytest.raises(SeatsUnavailable) as early:
        enrolment_create(product=course, learner=buyer)
    with pytest.raises(SeatsUnavailable) as late:
        enrolment_create(product=course, learner=buyer, now=NOW + timedelta(days=11))

    assert str(early.value).startswith("Enrolment for “Musiqi istehsalı” opens on ")
    assert str(late.value) == "Enrolment for “Musiqi istehsalı” has closed."
    assert Seat.objects.count() == 0
    assert _allocated(course) == 0
    seat = enrolment_create(product=course, learner=buyer, now=opens)
    assert seat.status == SeatStatus.ACTIVE


def test_a_full_course_refuses_and_offers_the_waitlist(resident):
    course = _course(resident, capacity=1)
    first, second = _learners(2)
    enrolment_create(product=course, learner=first)

    with pytest.raises(SeatsUnavailable) as refusal:
        enrolment_create(product=course, learner=second)

    assert (
        str(refusal.value) == "“Musiqi istehsalı” is full. You can join the waitlist."
    )
    assert Seat.objects.filter(learner=second).count() == 0
    entry = waitlist_join(product=course, learner=second)
    assert (entry.status, waitlist_position(entry)) == ("waiting", 1)


def test_joining_the_waitlist_with_free_seats_is_refused(resident, buyer):
    course = _course(resident, capacity=1)

    with pytest.raises(SeatsUnavailable) as refusal:
        waitlist_join(product=course, learner=buyer)

    assert str(refusal.value) == "“Musiqi istehsalı” still has free seats: enrol now."
    assert WaitlistEntry.objects.count() == 0


def test_joining_twice_is_refused(resident):
    course = _course(resident, capacity=1)
    first, second = _learners(2)
    enrolment_create(product=course, learner=first)
    waitlist_join(product=course, learner=second)

    with pytest.raises(SeatsUnavailable) as refusal:
        waitlist_join(product=course, learner=second)

    assert (
        str(refusal.value) == "You are already on the waitlist of “Musiqi istehsalı”."
    )
    assert WaitlistEntry.objects.count() == 1


def test_a_cancelled_seat_is_offered_to_the_first_waiting_learner(
    resident, django_capture_on_commit_callbacks
):
    course = _course(resident, capacity=1)
    holder, first, second = _learners(3)
    seat = enrolment_create(product=course, learner=holder)
    waitlist_join(product=course, learner=first)
    waitlist_join(product=course, learner=second)

    with django_capture_on_commit_callbacks(execute=True):
        seat_cancel(seat=seat, by=holder)

    assert _statuses(course) == [
        ("learner1@example.az", "offered"),
        ("learner2@example.az", "waiting"),
    ]
    assert _allocated(course) == 0
    # The seat is kept: the second learner cannot take it, the first can.
    assert seats_left(course.course, learner=second) == 0
    assert seats_left(course.course, learner=first) == 1
    with pytest.raises(SeatsUnavailable):
        enrolment_create(product=course, learner=second)
    assert [message.to for message in mail.outbox] == [["learner1@example.az"]]
    assert "Musiqi istehsalı" in mail.outbox[0].subject
    taken = enrolment_create(product=course, learner=first)
    assert taken.status == SeatStatus.ACTIVE
    assert _statuses(course) == [
        ("learner1@example.az", "enrolled"),
        ("learner2@example.az", "waiting"),
    ]
    assert _allocated(course) == 1


def test_an_offer_that_runs_out_passes_to_the_next_learner(resident, settings):
    settings.MARKET_WAITLIST_OFFER_HOURS = 24
    course = _course(resident, capacity=1)
    holder, first, second, third = _learners(4)
    seat = enrolment_create(product=course, learner=holder)
    for learner in (first, second, third):
        waitlist_join(product=course, learner=learner)
    seat_cancel(seat=seat, by=holder)
    offered = waitlist_offer_next(product_id=course.pk, now=NOW)
    assert [entry.learner for entry in offered] == [first]
    assert offered[0].offer_expires_at == NOW + timedelta(hours=24)

    # Before the offer runs out nothing moves; after, the next learner.
    assert waitlist_offers_expire(now=NOW + timedelta(hours=23)) == 0
    assert waitlist_offers_expire(now=NOW + timedelta(hours=24)) == 1

    assert _statuses(course) == [
        ("learner1@example.az", "expired"),
        ("learner2@example.az", "offered"),
        ("learner3@example.az", "waiting"),
    ]
    later = NOW + timedelta(hours=25)
    with pytest.raises(SeatsUnavailable):
        enrolment_create(product=course, learner=first, now=later)
    seat = enrolment_create(product=course, learner=second, now=later)
    assert seat.learner == second


def test_declining_an_offer_passes_it_on(resident, django_capture_on_commit_callbacks):
    course = _course(resident, capacity=1)
    holder, first, second = _learners(3)
    seat = enrolment_create(product=course, learner=holder)
    waitlist_join(product=course, learner=first)
    waitlist_join(product=course, learner=second)
    with django_capture_on_commit_callbacks(execute=True):
        seat_cancel(seat=seat, by=holder)
    entry = WaitlistEntry.objects.get(learner=first)

    with django_capture_on_commit_callbacks(execute=True):
        waitlist_leave(entry=entry, learner=first)

    assert _statuses(course) == [
        ("learner1@example.az", "left"),
        ("learner2@example.az", "offered"),
    ]


def test_more_capacity_offers_seats_in_order(
    resident, django_capture_on_commit_callbacks
):
    course = _course(resident, capacity=1)
    holder, first, second, third = _learners(4)
    enrolment_create(product=course, learner=holder)
    for learner in (first, second, third):
        waitlist_join(product=course, learner=learner)
    record = StockRecord.objects.get(product=course)

    with django_capture_on_commit_callbacks(execute=True):
        record.num_in_stock = 3
        record.save()

    assert _statuses(course) == [
        ("learner1@example.az", "offered"),
        ("learner2@example.az", "offered"),
        ("learner3@example.az", "waiting"),
    ]


def test_another_learners_seat_cannot_be_cancelled(resident, buyer):
    course = _course(resident, capacity=2)
    seat = enrolment_create(product=course, learner=buyer)
    other = UserFactory(email="other@example.az")

    with pytest.raises(SeatsUnavailable) as refusal:
        seat_cancel(seat=seat, by=other)

    assert str(refusal.value) == "This is not your seat."
    seat.refresh_from_db()
    assert seat.status == SeatStatus.ACTIVE
    assert _allocated(course) == 1
