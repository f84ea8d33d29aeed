"""The learner's pages: the course panel says what the learner can do, the
buttons do it, "My learning" and its calendar show only the learner's own,
and another learner's seat or waitlist place is a 404."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from market.learning.calendar import sessions_ics
from market.learning.models import (
    CourseSession,
    LearnerProfile,
    Seat,
    SeatStatus,
    WaitlistEntry,
)
from market.learning.services.seats import enrolment_create
from market.learning.services.waitlist import waitlist_join
from tests.factories import UserFactory, course_product

pytestmark = pytest.mark.django_db


def _course(resident, capacity=1, **fields):
    start = timezone.now() + timedelta(days=5)
    return course_product(
        resident=resident,
        capacity=capacity,
        sessions=[(start, start + timedelta(hours=2))],
        **fields,
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _panel(client, product):
    with translation.override("en"):
        response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    start = content.index('id="course-panel"')
    return content[start : content.index("</section>", start)]


def test_the_panel_offers_free_enrolment_and_the_button_enrols(resident, buyer):
    course = _course(resident, capacity=3)
    client = _client(buyer)

    panel = _panel(client, course)
    response = client.post(reverse("learning:enrol", args=[course.pk]))

    assert "3 of 3 seats left" in panel
    assert "Enrol for free" in panel
    assert response.status_code == 302
    assert response["Location"] == course.get_absolute_url()
    assert Seat.objects.get(course=course).learner == buyer
    assert "You are enrolled in this course." in _panel(client, course)
    # The language of the click is remembered for e-mails and certificates.
    assert LearnerProfile.objects.get(user=buyer).language == "az"


def test_a_full_course_offers_the_waitlist_and_a_position(resident):
    course = _course(resident, capacity=1)
    first = UserFactory(email="first@example.az")
    second = UserFactory(email="second@example.az")
    enrolment_create(product=course, learner=first)
    client = _client(second)

    panel = _panel(client, course)
    client.post(reverse("learning:waitlist-join", args=[course.pk]))

    assert "Full" in panel
    assert "Join the waitlist" in panel
    assert "You are number 1 on the waitlist." in _panel(client, course)
    assert WaitlistEntry.objects.get().learner == second


def test_a_refused_click_shows_why_and_changes_nothing(resident, buyer):
    course = _course(resident, capacity=1)
    enrolment_create(product=course, learner=UserFactory(email="x@example.az"))
    client = _client(buyer)

    with translation.override("en"):
        response = client.post(reverse("learning:enrol", args=[course.pk]), follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "“Musiqi istehsalı” is full. You can join the waitlist."
    ]
    assert Seat.objects.filter(learner=buyer).count() == 0


def test_anonymous_visitors_are_asked_to_sign_in(resident):
    course = _course(resident, capacity=1)

    panel = _panel(Client(), course)
    response = Client().post(reverse("learning:enrol", args=[course.pk]))

    assert "Sign in to enrol" in panel
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert Seat.objects.count() == 0


def test_a_learner_cannot_touch_another_learners_seat_or_waitlist_place(resident):
    course = _course(resident, capacity=1)
    owner = UserFactory(email="owner@example.az")
    other = UserFactory(email="other@example.az")
    intruder = _client(UserFactory(email="intruder@example.az"))
    seat = enrolment_create(product=course, learner=owner)
    entry = waitlist_join(product=course, learner=other)

    cancel = intruder.post(reverse("learning:seat-cancel", args=[seat.pk]))
    leave = intruder.post(reverse("learning:waitlist-leave", args=[entry.pk]))
    page = intruder.get(reverse("learning:mine"))

    assert (cancel.status_code, leave.status_code) == (404, 404)
    seat.refresh_from_db()
    entry.refresh_from_db()
    assert (seat.status, entry.status) == (SeatStatus.ACTIVE, "waiting")
    assert "Musiqi istehsalı" not in page.content.decode()


def test_my_learning_lists_my_sessions_and_my_seat_can_be_given_back(resident, buyer):
    course = _course(resident, capacity=1)
    seat = enrolment_create(product=course, learner=buyer)
    client = _client(buyer)

    page = client.get(reverse("learning:mine")).content.decode()
    response = client.post(reverse("learning:seat-cancel", args=[seat.pk]))

    assert page.count('class="seat"') == 1
    assert "Musiqi istehsalı" in page
    assert response["Location"] == reverse("learning:mine")
    seat.refresh_from_db()
    assert seat.status == SeatStatus.CANCELLED


def test_the_calendar_file_holds_my_sessions_only(resident, buyer):
    mine = _course(resident, capacity=2)
    _course(resident, capacity=2)  # not enrolled: not in the file
    enrolment_create(product=mine, learner=buyer)
    session = CourseSession.objects.get(course_id=mine.pk)

    response = _client(buyer).get(reverse("learning:calendar"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:session-{session.pk}@" in body
    assert f"DTSTART:{session.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}\r\n" in body


def test_the_calendar_escapes_and_folds_lines(resident):
    course = course_product(resident=resident, title="Səs; dizayn, qrafika " * 4)
    course.course.venue = "Kreativ Mərkəz, Bakı"
    course.course.save()
    start = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)
    session = CourseSession.objects.create(
        course=course.course, starts_at=start, ends_at=start + timedelta(hours=2)
    )

    body = sessions_ics([session], language="az", now=start)

    lines = body.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "DTSTART:20270301T100000Z" in lines
    assert "DTEND:20270301T120000Z" in lines
    assert "LOCATION:Kreativ Mərkəz\\, Bakı" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:" + "Səs\\; dizayn\\, qrafika " * 4 + "\r\n" in unfolded


def test_the_profile_keeps_a_region_only_with_consent(buyer):
    client = _client(buyer)
    data = {
        "first_name": "Ləman",
        "last_name": "Əliyeva",
        "language": "en",
        "region": "guba-khachmaz",
    }

    refused = client.post(reverse("learning:profile"), data)
    saved = client.post(reverse("learning:profile"), data | {"region_consent": "on"})
    withdrawn = client.post(reverse("learning:profile"), data | {"region": ""})

    assert refused.status_code == 200
    assert saved.status_code == 302
    assert withdrawn.status_code == 302
    profile = LearnerProfile.objects.get(user=buyer)
    assert (profile.region, profile.region_consent, profile.language) == (
        "",
        False,
        "en",
    )
    buyer.refresh_from_db()
    assert buyer.get_full_name() == "Ləman Əliyeva"


def test_the_profile_keeps_an_age_band_only_with_its_own_consent(buyer):
    client = _client(buyer)
    data = {
        "first_name": "Ləman",
        "last_name": "Əliyeva",
        "language": "az",
        "region": "guba-khachmaz",
        "region_consent": "on",
        "age_band": "14-17",
    }

    refused = client.post(reverse("learning:profile"), data)
    assert refused.status_code == 200
    assert refused.context["form"].errors["age_band_consent"] == [
        "Yaş qrupunuzu qeyd etməyimizə icazə vermək üçün qutunu işarələyin və ya "
        "boş saxlayın."
    ]
    assert not LearnerProfile.objects.filter(user=buyer).exists()

    saved = client.post(reverse("learning:profile"), data | {"age_band_consent": "on"})
    assert saved.status_code == 302
    profile = LearnerProfile.objects.get(user=buyer)
    assert (profile.age_band, profile.age_band_consent, profile.region) == (
        "14-17",
        True,
        "guba-khachmaz",
    )

    # Withdrawing the age band's consent erases it and keeps the region.
    withdrawn = client.post(reverse("learning:profile"), data | {"age_band": ""})
    assert withdrawn.status_code == 302
    profile.refresh_from_db()
    assert (profile.age_band, profile.age_band_consent, profile.region) == (
        "",
        False,
        "guba-khachmaz",
    )
