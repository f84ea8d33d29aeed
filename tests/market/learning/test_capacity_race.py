"""Thirty learners press "Enrol" at the same moment for the last seat of a
free course, and for the last seat kept by a waitlist offer: PostgreSQL,
real threads, each with its own connection."""

from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from oscar.apps.partner.models import StockRecord

from market.learning.models import Seat, SeatStatus, SponsoredQuota, WaitlistEntry
from market.learning.services.seats import (
    CourseFull,
    SeatsUnavailable,
    enrolment_create,
    seat_cancel,
)
from market.learning.services.sponsors import sponsored_seat_redeem
from market.learning.services.waitlist import waitlist_join, waitlist_offer_next
from tests.factories import UserFactory, course_product
from tests.threads import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

LEARNERS = 30


def _course(resident, capacity):
    start = timezone.now() + timedelta(days=7)
    return course_product(
        resident=resident,
        capacity=capacity,
        sessions=[(start, start + timedelta(hours=2))],
    )


def _enrol(product, learner):
    try:
        return enrolment_create(product=product, learner=learner).pk
    except SeatsUnavailable as refusal:
        return type(refusal).__name__


def test_thirty_learners_race_for_the_last_seat(migration_rows, resident):
    course = _course(resident, capacity=5)
    for number in range(4):
        enrolment_create(
            product=course, learner=UserFactory(email=f"early{number}@example.az")
        )
    racers = [UserFactory(email=f"racer{n}@example.az") for n in range(LEARNERS)]

    outcomes = run_together([partial(_enrol, course, learner) for learner in racers])

    winners = [outcome for outcome in outcomes if isinstance(outcome, int)]
    assert len(winners) == 1
    assert sorted(o for o in outcomes if not isinstance(o, int)) == ["CourseFull"] * 29
    record = StockRecord.objects.get(product=course)
    assert (record.num_in_stock, record.num_allocated) == (5, 5)
    assert Seat.objects.filter(course=course, status=SeatStatus.ACTIVE).count() == 5


def test_a_kept_seat_goes_only_to_the_learner_it_was_offered_to(
    migration_rows, resident
):
    course = _course(resident, capacity=1)
    holder = UserFactory(email="holder@example.az")
    waiting = UserFactory(email="waiting@example.az")
    seat = enrolment_create(product=course, learner=holder)
    waitlist_join(product=course, learner=waiting)
    seat_cancel(seat=seat, by=holder)
    waitlist_offer_next(product_id=course.pk)
    racers = [UserFactory(email=f"racer{n}@example.az") for n in range(LEARNERS - 1)]

    outcomes = run_together(
        [partial(_enrol, course, learner) for learner in [*racers, waiting]]
    )

    assert outcomes[:-1] == ["CourseFull"] * (LEARNERS - 1)
    assert isinstance(outcomes[-1], int)
    assert Seat.objects.get(pk=outcomes[-1]).learner == waiting
    assert WaitlistEntry.objects.get(learner=waiting).status == "enrolled"
    record = StockRecord.objects.get(product=course)
    assert (record.num_in_stock, record.num_allocated) == (1, 1)


def test_a_sponsored_code_is_never_used_beyond_its_quota(migration_rows, resident):
    course = _course(resident, capacity=20)
    quota = SponsoredQuota.objects.create(
        course=course.course, sponsor="Regional Fund", seats=3
    )
    racers = [UserFactory(email=f"racer{n}@example.az") for n in range(LEARNERS)]

    def redeem(learner):
        try:
            return sponsored_seat_redeem(
                product=course, learner=learner, code=quota.code
            ).pk
        except SeatsUnavailable as refusal:
            return str(refusal)

    outcomes = run_together([partial(redeem, learner) for learner in racers])

    assert len([o for o in outcomes if isinstance(o, int)]) == 3
    # Threads speak the default language, Azerbaijani.
    with translation.override("az"):
        full = gettext("All seats of this code have been taken.")
    assert [o for o in outcomes if not isinstance(o, int)] == [full] * 27
    assert Seat.objects.filter(quota=quota, status=SeatStatus.ACTIVE).count() == 3
    assert StockRecord.objects.get(product=course).num_allocated == 3


def test_refused_learners_are_not_left_half_enrolled(migration_rows, resident):
    course = _course(resident, capacity=1)
    racers = [UserFactory(email=f"racer{n}@example.az") for n in range(10)]

    outcomes = run_together([partial(_enrol, course, learner) for learner in racers])

    assert sum(isinstance(o, int) for o in outcomes) == 1
    assert outcomes.count(CourseFull.__name__) == 9
    assert Seat.objects.count() == 1
