"""Kreativ Edu's query budgets (issue 16): its home, course catalogue and
course landing page cost the same number of queries for 2 courses as for
10, because each list reads its courses' state (seats left, next session,
teacher, price) in its own query (`market.learning.selectors.
with_course_state`); and the seats left read that way are exactly those of
the per-course rule (`market.learning.services.seats.seats_left`)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.apps.partner.models import StockRecord

from catalogue.models import StockHold
from cms.models import CourseIndexPage, CourseLandingPage, HomePage
from market.learning.course_state import course_state
from market.learning.models import Course, WaitlistEntry, WaitlistStatus
from market.learning.selectors import (
    STATE_FIELDS,
    course_cards,
    course_seats_left,
    with_course_state,
)
from market.learning.services.seats import enrolment_create, seat_cancel, seats_left
from tests.factories import UserFactory, course_product

pytestmark = pytest.mark.django_db

EDU = "edu.localhost:8000"
NOW = timezone.now()


def _in(days: int):
    start = NOW + timedelta(days=days)
    return (start, start + timedelta(hours=2))


# --- The seats left of the list's query are the per-course rule's ---------


def _learners(prefix: str, count: int):
    return [UserFactory(email=f"{prefix}{n}@example.az") for n in range(count)]


def _entry(product, learner, status, *, expires_in_hours=None):
    expires = (
        NOW + timedelta(hours=expires_in_hours)
        if expires_in_hours is not None
        else None
    )
    return WaitlistEntry.objects.create(
        course_id=product.pk,
        learner=learner,
        status=status,
        offer_expires_at=expires,
        offered_at=NOW if expires is not None else None,
    )


def _hold(product, key, quantity, *, hours):
    StockHold.objects.create(
        stockrecord=StockRecord.objects.get(product=product),
        key=key,
        quantity=quantity,
        reserved_until=NOW + timedelta(hours=hours),
    )


@pytest.fixture
def seat_scenarios(resident):
    """Courses whose seats left depend on every part of the rule: active and
    cancelled seats, live and expired checkout holds, live and expired
    offers, learners waiting, entries closed; with the learners each course
    is asked for (None: anyone)."""
    scenarios = []

    # Free seats, nobody waiting; a cancelled seat gives its unit back.
    plain = course_product(resident=resident, title="Plain", capacity=5)
    taken = _learners("plain", 3)
    seats = [enrolment_create(product=plain, learner=learner) for learner in taken]
    seat_cancel(seat=seats[0], by=taken[0])
    scenarios.append((plain, [None, taken[0], taken[1]]))

    # Holds: one live, one run out (it counts no more).
    held = course_product(resident=resident, title="Held", capacity=4)
    _hold(held, "checkout:1", 2, hours=1)
    _hold(held, "checkout:2", 1, hours=-1)
    scenarios.append((held, [None]))

    # A live offer, an expired one, learners waiting, closed entries.
    waitlisted = course_product(resident=resident, title="Waitlisted", capacity=4)
    enrolment_create(product=waitlisted, learner=UserFactory(email="w-seat@x.az"))
    offered, expired, first, second, left, enrolled = _learners("wait", 6)
    _entry(waitlisted, offered, WaitlistStatus.OFFERED, expires_in_hours=5)
    _entry(waitlisted, expired, WaitlistStatus.OFFERED, expires_in_hours=-5)
    _entry(waitlisted, first, WaitlistStatus.WAITING)
    _entry(waitlisted, second, WaitlistStatus.WAITING)
    _entry(waitlisted, left, WaitlistStatus.LEFT)
    _entry(waitlisted, enrolled, WaitlistStatus.ENROLLED)
    _hold(waitlisted, "checkout:3", 1, hours=2)
    scenarios.append((waitlisted, [None, offered, expired, first, second, left]))

    # More waiting than free: every free seat is kept for them.
    crowded = course_product(resident=resident, title="Crowded", capacity=2)
    waiting = _learners("crowd", 3)
    for learner in waiting:
        _entry(crowded, learner, WaitlistStatus.WAITING)
    scenarios.append((crowded, [None, *waiting]))

    # Full: every unit allocated, a cancellation, an offer of the freed seat.
    full = course_product(resident=resident, title="Full", capacity=2)
    holders = _learners("full", 3)
    full_seats = [enrolment_create(product=full, learner=h) for h in holders[:2]]
    seat_cancel(seat=full_seats[1], by=holders[1])
    _entry(full, holders[2], WaitlistStatus.OFFERED, expires_in_hours=1)
    scenarios.append((full, [None, holders[2], holders[1]]))

    # Overbooked by a hold beyond the stock: never below zero.
    over = course_product(resident=resident, title="Over", capacity=1)
    _hold(over, "checkout:4", 3, hours=1)
    scenarios.append((over, [None]))

    # No stock record at all.
    bare = course_product(resident=resident, title="Bare", capacity=3)
    StockRecord.objects.filter(product=bare).delete()
    scenarios.append((bare, [None]))
    return scenarios


def test_the_lists_seats_left_are_the_per_course_rules(seat_scenarios):
    for product, learners in seat_scenarios:
        course = Course.objects.get(pk=product.pk)
        for learner in learners:
            row = (
                with_course_state(
                    Course.objects.filter(pk=course.pk), now=NOW, learner=learner
                )
                .values(*STATE_FIELDS)
                .get()
            )

            expected = seats_left(course, now=NOW, learner=learner)

            assert course_seats_left(row, now=NOW) == expected, (product.title, learner)


def test_the_cards_and_the_panel_show_the_per_course_seats_left(seat_scenarios):
    products = [product for product, _learners in seat_scenarios]
    courses = list(
        Course.objects.filter(pk__in=[product.pk for product in products]).order_by(
            "pk"
        )
    )

    annotated = course_cards(with_course_state(Course.objects.all(), now=NOW), now=NOW)
    fetched = course_cards(courses, now=NOW)

    assert {pk: card.seats_left for pk, card in fetched.items()} == {
        course.pk: seats_left(course, now=NOW) for course in courses
    }
    assert {pk: card.seats_left for pk, card in annotated.items()} == {
        pk: card.seats_left for pk, card in fetched.items()
    }
    assert [fetched[course.pk].seats_left for course in courses] == [
        3,  # Plain: 5 less 2 active seats (the cancelled one came back)
        2,  # Held: 4 less the live hold of 2 (the expired one counts no more)
        0,  # Waitlisted: 4 - 1 seat - 1 hold = 2, 1 offered, 1 kept for waiting
        0,  # Crowded: 2 free, both kept for the 3 learners waiting
        0,  # Full: 1 free, offered
        0,  # Over: held beyond its stock
        0,  # Bare: no stock record
    ]
    for product, learners in seat_scenarios:
        course = Course.objects.get(pk=product.pk)
        for learner in learners:
            if learner is None:
                continue
            state = course_state(course, learner, now=NOW)
            assert state.seats_left == seats_left(course, now=NOW, learner=learner)


# --- Query budgets -----------------------------------------------------------


@pytest.fixture
def edu(sites):
    """Kreativ Edu as load_demo builds it (its home's blocks: upcoming courses
    with their seats left, events, every course as product cards), with a
    course catalogue."""
    home = HomePage.objects.get(slug="edu", locale__language_code="az")
    catalogue = home.add_child(
        instance=CourseIndexPage(title="Kurslar", slug="kurslar")
    )
    catalogue.save_revision().publish()
    return catalogue


def _add_courses(resident, catalogue, start: int, stop: int):
    """Courses in every state a card shows: open, free or paid, full with a
    waitlist and an offer, held in a checkout, not yet open, with a landing
    page or only the catalogue's page."""
    learners = _learners(f"c{start}-", 2)
    for number in range(start, stop):
        product = course_product(
            resident=resident,
            title=f"Kurs {number}",
            price=Decimal(number % 2 * 25),
            capacity=1 if number % 3 == 0 else 5,
            sessions=[_in(3 + number), _in(30 + number)],
            city="Bakı",
            enrolment_opens_at=NOW + timedelta(days=1) if number == 5 else None,
        )
        if number % 3 == 0:
            _hold(product, f"checkout:{number}", 1, hours=1)
            _entry(product, learners[0], WaitlistStatus.WAITING)
            _entry(product, learners[1], WaitlistStatus.OFFERED, expires_in_hours=2)
        if number % 4 == 0:
            catalogue.add_child(
                instance=CourseLandingPage(
                    title=f"Kurs {number}", slug=f"kurs-{number}", product=product
                )
            ).save_revision().publish()


def _queries(url: str, client=None) -> tuple[int, str]:
    client = client or Client()
    client.get(url, HTTP_HOST=EDU)  # the caches every page shares
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=EDU)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_kreativ_edu_home_costs_the_same_for_2_and_10_courses(edu, resident):
    _add_courses(resident, edu, 0, 2)
    small, small_html = _queries("/")
    _add_courses(resident, edu, 2, 10)
    large, large_html = _queries("/")

    assert small_html.count('class="course-card ') == 2
    # Six upcoming courses (the block's count), and the product cards.
    assert large_html.count('class="course-card ') == 6
    assert "course-card--full" in large_html
    assert "course-card--soon" in large_html
    assert small == large
    # The same on SQLite and PostgreSQL. Wagtail's page, site, view
    # restrictions and language versions; the upcoming courses with their
    # state in one query; their pages (private sections, then landing and
    # catalogue pages at once); the events; the product cards and, once for
    # all of them, their courses' state; the footer's partners.
    assert small == 26


def test_the_course_catalogue_costs_the_same_for_2_and_10_courses(edu, resident):
    _add_courses(resident, edu, 0, 2)
    small, small_html = _queries("/kurslar/")
    _add_courses(resident, edu, 2, 10)
    large, large_html = _queries("/kurslar/")

    assert small_html.count('class="course-card ') == 2
    assert large_html.count('class="course-card ') == 10
    assert small == large
    # Wagtail's page and view restrictions; the topics and places of the
    # filters; the count and the page of courses with their state; their
    # pages; the language versions and site settings.
    assert small == 19


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_course_landing_page_costs_the_same_for_2_and_10_courses(
    edu, resident, signed_in
):
    _add_courses(resident, edu, 0, 2)
    client = Client()
    if signed_in:
        # On the course's waitlist: the panel shows the learner's place.
        client.force_login(
            WaitlistEntry.objects.get(
                course__product__title="Kurs 0", status=WaitlistStatus.WAITING
            ).learner
        )
    small, small_html = _queries("/kurslar/kurs-0/", client)
    _add_courses(resident, edu, 2, 10)
    large, large_html = _queries("/kurslar/kurs-0/", client)

    assert 'id="course-panel"' in small_html
    assert ("course-waiting" in large_html) is signed_in
    assert small == large
    # Wagtail's routing (site, locale, home, catalogue, page) and view
    # restrictions; the listed course; the course's state in one query and
    # its sessions; signed in, the session, the account, its devices,
    # notifications, permissions and basket, and the learner's seat, place
    # on the waitlist and its position.
    assert small == (32 if signed_in else 18)


def test_the_catalogue_s_page_of_a_course_costs_the_same_for_2_and_10_courses(
    edu, resident
):
    """A course without a landing page has its page in the catalogue."""
    _add_courses(resident, edu, 0, 2)
    url = f"/kurslar/{Course.objects.get(product__title='Kurs 1').pk}/"
    small, small_html = _queries(url)
    _add_courses(resident, edu, 2, 10)
    large, large_html = _queries(url)

    assert "<h1>Kurs 1</h1>" in small_html
    assert 'id="course-panel"' in large_html
    assert small == large
    # As a landing page, and the catalogue's look-up of a landing page.
    assert small == 19
