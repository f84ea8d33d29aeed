"""A suspended resident loses every resident capability at once, through one
check of its standing (`acting_resident` for views, `resident_may_act` in the
services): dashboard, money and payout settings, listings, fulfilment,
teaching pages, course rules and sessions, and attendance (so no
certificates). Each refusal changes nothing; reinstating gives it all back."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from catalogue.kinds import PHYSICAL
from market.learning.models import (
    Attendance,
    Certificate,
    CourseSession,
    Seat,
    SeatSource,
)
from market.learning.services.attendance import attendance_mark
from market.learning.services.schedule import course_session_add
from market.learning.services.teaching import course_rules_update, courses_taught_by
from market.payouts.models import PayoutProfile
from market.residents.models import ResidentStatus
from market.residents.selectors import acting_resident
from market.residents.services import (
    listing_update,
    resident_reinstate,
    resident_suspend,
)
from tests.factories import UserFactory, course_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def taught(resident):
    """A course of `resident` whose one session has begun, with one learner."""
    now = timezone.now()
    product = course_product(
        resident=resident,
        title="Xalçaçılıq",
        sessions=[(now - timedelta(hours=1), now + timedelta(hours=1))],
        completion_percent=100,
    )
    seat = Seat.objects.create(
        course=product,
        learner=UserFactory(email="learner@example.az"),
        source=SeatSource.FREE,
    )
    return product, seat


@pytest.fixture
def suspended(resident, staff):
    return resident_suspend(resident=resident, staff_user=staff, reason="Complaints")


def test_the_standing_check_answers_for_the_residents_people(owner, resident, staff):
    assert acting_resident(owner) == resident

    resident_suspend(resident=resident, staff_user=staff, reason="Complaints")

    assert acting_resident(owner) is None
    resident_reinstate(resident=resident, staff_user=staff)
    assert acting_resident(owner) == resident


@pytest.mark.parametrize(
    "url",
    [
        reverse("resident_dashboard:index"),
        reverse("resident_dashboard:profile"),
        reverse("payouts_dashboard:index"),
        reverse("payouts_dashboard:profile"),
    ],
)
def test_a_suspended_residents_pages_are_refused(client, owner, suspended, url):
    client.force_login(owner)

    assert client.get(url).status_code == 403


def test_a_suspended_resident_cannot_change_bank_details(client, owner, suspended):
    client.force_login(owner)

    response = client.post(
        reverse("payouts_dashboard:profile"),
        {
            "account_holder": "Xalça Atelier MMC",
            "iban": "AZ21NABZ00000000137010001944",
            "bank_name": "Kapital Bank",
            "swift": "AIIBAZ2X",
        },
    )

    assert response.status_code == 403
    assert PayoutProfile.objects.filter(resident=suspended).count() == 0


def test_a_suspended_resident_cannot_edit_a_listing(catalogue, suspended):
    carpet = catalogue[PHYSICAL]

    with pytest.raises(PermissionDenied):
        listing_update(
            resident=suspended,
            product=carpet,
            title="Başqa ad",
            description="",
            category=catalogue["category"],
            price=Decimal("1.00"),
            stock=99,
            attributes={},
        )

    carpet.refresh_from_db()
    assert carpet.title == "Quba xalçası"
    assert carpet.stockrecords.get().price == Decimal("450.00")


def test_a_suspended_resident_teaches_nothing(client, owner, taught, suspended):
    product, seat = taught
    session = product.course.sessions.get()
    client.force_login(owner)

    listing = client.get(reverse("learning:teach"))
    course_page = client.get(reverse("learning:teach-course", args=[product.pk]))
    attendance_page = client.post(
        reverse("learning:teach-attendance", args=[product.pk, session.pk]),
        {"present": [seat.pk]},
    )

    assert list(courses_taught_by(owner)) == []
    assert listing.status_code == 200
    assert list(listing.context["courses"]) == []
    assert course_page.status_code == 404
    assert attendance_page.status_code == 404
    assert Attendance.objects.count() == 0


def test_a_suspended_resident_marks_no_attendance_so_issues_no_certificate(
    owner, taught, suspended
):
    product, seat = taught
    session = product.course.sessions.get()

    with pytest.raises(PermissionDenied):
        attendance_mark(session=session, present_seat_ids={seat.pk}, by=owner)

    seat.refresh_from_db()
    assert Attendance.objects.count() == 0
    assert seat.completed_at is None
    assert Certificate.objects.count() == 0


def test_a_suspended_resident_changes_no_course_rule_or_session(
    owner, taught, suspended
):
    product, _seat = taught
    course = product.course
    starts = timezone.now() + timedelta(days=3)

    with pytest.raises(PermissionDenied):
        course_rules_update(
            course=course,
            by=owner,
            online=True,
            city="",
            venue="",
            enrolment_opens_at=None,
            enrolment_closes_at=None,
            completion_percent=10,
        )
    with pytest.raises(PermissionDenied):
        course_session_add(
            course=course,
            by=owner,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )

    course.refresh_from_db()
    assert course.completion_percent == 100
    assert CourseSession.objects.filter(course=course).count() == 1


def test_reinstated_the_resident_marks_attendance_and_the_learner_is_certified(
    owner, staff, taught, suspended
):
    product, seat = taught
    session = product.course.sessions.get()
    resident_reinstate(resident=suspended, staff_user=staff)

    attendance_mark(session=session, present_seat_ids={seat.pk}, by=owner)

    seat.refresh_from_db()
    assert suspended.status == ResidentStatus.SUSPENDED  # the old object
    assert Attendance.objects.filter(present=True).count() == 1
    assert seat.completed_at is not None
    assert Certificate.objects.filter(seat=seat).count() == 1
