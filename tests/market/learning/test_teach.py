"""The teaching pages: a course's resident (and staff) edit its rules and
sessions and mark attendance; another resident gets a 404 and changes
nothing; attendance completes seats and issues certificates."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from market.learning.models import (
    Attendance,
    Certificate,
    Course,
    CourseSession,
    Seat,
    SeatSource,
    SeatStatus,
    WaitlistEntry,
    WaitlistStatus,
)
from tests.factories import UserFactory, course_product

pytestmark = pytest.mark.django_db


def _past_sessions(count: int):
    """`count` two-hour sessions on the last `count` days, oldest first."""
    now = timezone.now()
    return [
        (now - timedelta(days=day), now - timedelta(days=day) + timedelta(hours=2))
        for day in range(count, 0, -1)
    ]


def _seat(product, email: str, **learner_fields) -> Seat:
    learner = UserFactory(email=email, **learner_fields)
    return Seat.objects.create(course=product, learner=learner, source=SeatSource.FREE)


def _az(message: str) -> str:
    """A message as the pages show it: in Azerbaijani, the default."""
    with translation.override("az"):
        return gettext(message)


def _course_url(product) -> str:
    return reverse("learning:teach-course", kwargs={"pk": product.pk})


def _attendance_url(product, session) -> str:
    return reverse(
        "learning:teach-attendance",
        kwargs={"pk": product.pk, "session_pk": session.pk},
    )


def _rules(**overrides) -> dict:
    return {
        "action": "rules",
        "online": "",
        "city": "Gəncə",
        "venue": "Kreativ Mərkəz, 2-ci otaq",
        "enrolment_opens_at": "2027-03-01T09:00",
        "enrolment_closes_at": "2027-03-20T18:00",
        "completion_percent": "75",
        "seats": "10",
        "language": "az",
        "level": "all",
        **overrides,
    }


# The list of courses


def test_teach_list_sends_an_anonymous_visitor_to_log_in(client):
    response = client.get(reverse("learning:teach"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))


def test_teach_list_shows_the_owners_courses_with_their_figures(
    client, owner, resident, other_resident
):
    now = timezone.now()
    product = course_product(
        resident=resident,
        title="Animasiya",
        capacity=2,
        sessions=[
            (now - timedelta(days=1), now - timedelta(days=1, hours=-2)),
            (now + timedelta(days=3), now + timedelta(days=3, hours=2)),
            (now + timedelta(days=5), now + timedelta(days=5, hours=2)),
        ],
    )
    course_product(resident=other_resident, title="Oyun dizaynı")
    _seat(product, "leyla@example.az")
    _seat(product, "murad@example.az")
    cancelled = _seat(product, "nigar@example.az")
    cancelled.status = SeatStatus.CANCELLED
    cancelled.save()
    WaitlistEntry.objects.create(
        course=product.course, learner=UserFactory(email="kamran@example.az")
    )
    client.force_login(owner)

    response = client.get(reverse("learning:teach"))

    assert response.status_code == 200
    courses = response.context["courses"]
    assert [course.product for course in courses] == [product]
    assert courses[0].active_seats == 2
    assert courses[0].capacity == 2
    assert courses[0].waitlist_open == 1
    assert courses[0].next_session_at == product.course.sessions.all()[1].starts_at
    assert "Oyun dizaynı" not in response.content.decode()


def test_teach_list_is_empty_for_a_user_who_teaches_nothing(client, buyer, resident):
    course_product(resident=resident)
    client.force_login(buyer)

    response = client.get(reverse("learning:teach"))

    assert response.status_code == 200
    assert response.context["courses"] == []
    assert 'class="text-muted teach-empty"' in response.content.decode()


def test_staff_see_every_course(client, staff, resident, other_resident):
    first = course_product(resident=resident, title="A kursu")
    second = course_product(resident=other_resident, title="B kursu")
    client.force_login(staff)

    response = client.get(reverse("learning:teach"))

    assert [course.product for course in response.context["courses"]] == [
        first,
        second,
    ]


def test_the_resident_dashboard_links_to_teaching(client, owner):
    client.force_login(owner)

    response = client.get(reverse("resident_dashboard:index"))

    assert reverse("learning:teach") in response.content.decode()


# One course: rules, sessions, roster, waitlist


def test_owner_sees_sessions_roster_and_waitlist(client, owner, resident):
    product = course_product(resident=resident, sessions=_past_sessions(2))
    first_session, second_session = product.course.sessions.all()
    seat = _seat(product, "leyla@example.az", first_name="Leyla", last_name="Əliyeva")
    Attendance.objects.create(session=first_session, seat=seat, present=True)
    Attendance.objects.create(session=second_session, seat=seat, present=False)
    waiting = WaitlistEntry.objects.create(
        course=product.course, learner=UserFactory(email="kamran@example.az")
    )
    offered = WaitlistEntry.objects.create(
        course=product.course,
        learner=UserFactory(email="aysel@example.az"),
        status=WaitlistStatus.OFFERED,
        offer_expires_at=timezone.now() + timedelta(hours=24),
    )
    client.force_login(owner)

    response = client.get(_course_url(product))

    assert response.status_code == 200
    assert response.context["sessions"] == [first_session, second_session]
    assert [(row.pk, row.attended) for row in response.context["roster"]] == [
        (seat.pk, 1)
    ]
    assert [(row.pk, row.position) for row in response.context["waitlist"]] == [
        (waiting.pk, 1),
        (offered.pk, None),
    ]
    page = response.content.decode()
    assert "Leyla Əliyeva" in page
    assert "leyla@example.az" in page
    assert "1 / 2" in page


def test_owner_edits_the_course_rules(client, owner, resident):
    product = course_product(resident=resident)
    client.force_login(owner)

    response = client.post(_course_url(product), _rules())

    assert response.status_code == 302
    assert response["Location"] == _course_url(product)
    course = Course.objects.get(pk=product.pk)
    assert course.online is False
    assert course.city == "Gəncə"
    assert course.venue == "Kreativ Mərkəz, 2-ci otaq"
    assert timezone.localtime(course.enrolment_opens_at).isoformat() == (
        "2027-03-01T09:00:00+04:00"
    )
    assert timezone.localtime(course.enrolment_closes_at).isoformat() == (
        "2027-03-20T18:00:00+04:00"
    )
    assert course.completion_percent == 75


def test_rules_refused_when_enrolment_closes_before_it_opens(client, owner, resident):
    product = course_product(resident=resident, city="Bakı", completion_percent=80)
    client.force_login(owner)

    response = client.post(
        _course_url(product), _rules(enrolment_closes_at="2027-02-01T09:00")
    )

    assert response.status_code == 400
    assert response.context["rules_form"].errors == {
        "enrolment_closes_at": [_az("Enrolment must close after it opens.")]
    }
    course = Course.objects.get(pk=product.pk)
    assert course.city == "Bakı"
    assert course.enrolment_opens_at is None
    assert course.enrolment_closes_at is None
    assert course.completion_percent == 80


def test_rules_refused_when_completion_is_over_a_hundred(client, owner, resident):
    product = course_product(resident=resident, completion_percent=80)
    client.force_login(owner)

    response = client.post(_course_url(product), _rules(completion_percent="101"))

    assert response.status_code == 400
    assert list(response.context["rules_form"].errors) == ["completion_percent"]
    assert Course.objects.get(pk=product.pk).completion_percent == 80


def test_owner_adds_a_session(client, owner, resident):
    product = course_product(resident=resident)
    client.force_login(owner)

    response = client.post(
        _course_url(product),
        {
            "action": "session-add",
            "starts_at": "2027-04-05T10:00",
            "ends_at": "2027-04-05T12:30",
            "topic": "Giriş",
            "place": "",
        },
    )

    assert response.status_code == 302
    session = CourseSession.objects.get(course_id=product.pk)
    assert timezone.localtime(session.starts_at).isoformat() == (
        "2027-04-05T10:00:00+04:00"
    )
    assert timezone.localtime(session.ends_at).isoformat() == (
        "2027-04-05T12:30:00+04:00"
    )
    assert session.topic == "Giriş"
    assert session.place == ""


def test_a_session_that_ends_before_it_starts_is_refused(client, owner, resident):
    product = course_product(resident=resident)
    client.force_login(owner)

    response = client.post(
        _course_url(product),
        {
            "action": "session-add",
            "starts_at": "2027-04-05T10:00",
            "ends_at": "2027-04-05T09:00",
        },
    )

    assert response.status_code == 400
    assert response.context["session_form"].errors == {
        "ends_at": [_az("A session must end after it starts.")]
    }
    assert CourseSession.objects.filter(course_id=product.pk).count() == 0


def test_owner_removes_a_session_without_attendance(client, owner, resident):
    product = course_product(resident=resident, sessions=_past_sessions(2))
    first_session, second_session = product.course.sessions.all()
    client.force_login(owner)

    response = client.post(
        _course_url(product), {"action": "session-remove", "session": first_session.pk}
    )

    assert response.status_code == 302
    assert list(CourseSession.objects.filter(course_id=product.pk)) == [second_session]


def test_removing_a_session_with_attendance_is_refused(client, owner, resident):
    product = course_product(resident=resident, sessions=_past_sessions(1))
    session = product.course.sessions.get()
    seat = _seat(product, "leyla@example.az")
    Attendance.objects.create(session=session, seat=seat, present=True)
    client.force_login(owner)

    response = client.post(
        _course_url(product), {"action": "session-remove", "session": session.pk}
    )

    assert response.status_code == 200
    assert response.context["remove_error"] == _az(
        "Attendance was recorded for this session: it cannot be removed."
    )
    assert list(CourseSession.objects.filter(course_id=product.pk)) == [session]
    assert Attendance.objects.filter(session=session).count() == 1


def test_another_courses_session_cannot_be_removed_through_this_course(
    client, owner, resident
):
    product = course_product(resident=resident, title="A kursu")
    other = course_product(
        resident=resident, title="B kursu", sessions=_past_sessions(1)
    )
    other_session = other.course.sessions.get()
    client.force_login(owner)

    response = client.post(
        _course_url(product), {"action": "session-remove", "session": other_session.pk}
    )

    assert response.status_code == 400
    assert CourseSession.objects.filter(pk=other_session.pk).exists() is True


def test_an_unknown_action_changes_nothing(client, owner, resident):
    product = course_product(resident=resident, city="Bakı")
    client.force_login(owner)

    response = client.post(_course_url(product), _rules(action="delete"))

    assert response.status_code == 400
    assert Course.objects.get(pk=product.pk).city == "Bakı"


def test_staff_edit_any_courses_rules(client, staff, resident):
    product = course_product(resident=resident)
    client.force_login(staff)

    response = client.post(_course_url(product), _rules(online="on"))

    assert response.status_code == 302
    course = Course.objects.get(pk=product.pk)
    assert course.online is True
    assert course.completion_percent == 75


# Another resident


def test_another_residents_owner_gets_404_for_the_course_page(
    client, other_owner, resident
):
    product = course_product(resident=resident, city="Bakı", completion_percent=80)
    client.force_login(other_owner)

    got = client.get(_course_url(product))
    posted = client.post(_course_url(product), _rules())
    added = client.post(
        _course_url(product),
        {
            "action": "session-add",
            "starts_at": "2027-04-05T10:00",
            "ends_at": "2027-04-05T12:00",
        },
    )

    assert got.status_code == 404
    assert posted.status_code == 404
    assert added.status_code == 404
    course = Course.objects.get(pk=product.pk)
    assert course.city == "Bakı"
    assert course.completion_percent == 80
    assert course.enrolment_opens_at is None
    assert CourseSession.objects.filter(course_id=product.pk).count() == 0


def test_another_residents_owner_gets_404_for_attendance(client, other_owner, resident):
    product = course_product(resident=resident, sessions=_past_sessions(1))
    session = product.course.sessions.get()
    seat = _seat(product, "leyla@example.az")
    client.force_login(other_owner)

    got = client.get(_attendance_url(product, session))
    posted = client.post(_attendance_url(product, session), {"present": [seat.pk]})
    removed = client.post(
        _course_url(product), {"action": "session-remove", "session": session.pk}
    )

    assert got.status_code == 404
    assert posted.status_code == 404
    assert removed.status_code == 404
    assert Attendance.objects.count() == 0
    assert CourseSession.objects.filter(pk=session.pk).exists() is True


def test_a_learner_gets_404_for_their_courses_teaching_pages(client, resident):
    product = course_product(resident=resident, sessions=_past_sessions(1))
    session = product.course.sessions.get()
    seat = _seat(product, "leyla@example.az")
    client.force_login(seat.learner)

    posted = client.post(_attendance_url(product, session), {"present": [seat.pk]})

    assert client.get(_course_url(product)).status_code == 404
    assert posted.status_code == 404
    assert Attendance.objects.count() == 0


def test_a_session_of_another_course_is_404(client, owner, resident):
    product = course_product(resident=resident, title="A kursu")
    other = course_product(
        resident=resident, title="B kursu", sessions=_past_sessions(1)
    )
    other_session = other.course.sessions.get()
    client.force_login(owner)

    response = client.get(_attendance_url(product, other_session))

    assert response.status_code == 404


# Attendance and completion


def test_attendance_page_ticks_who_was_marked_present(client, owner, resident):
    product = course_product(resident=resident, sessions=_past_sessions(1))
    session = product.course.sessions.get()
    came = _seat(product, "leyla@example.az")
    missed = _seat(product, "murad@example.az")
    Attendance.objects.create(session=session, seat=came, present=True)
    Attendance.objects.create(session=session, seat=missed, present=False)
    client.force_login(owner)

    response = client.get(_attendance_url(product, session))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["present"].queryset) == [came, missed]
    assert form.initial == {"present": [came.pk]}


def test_marking_attendance_records_every_active_seat(client, owner, resident):
    product = course_product(resident=resident, sessions=_past_sessions(2))
    session = product.course.sessions.first()
    came = _seat(product, "leyla@example.az")
    missed = _seat(product, "murad@example.az")
    client.force_login(owner)

    response = client.post(_attendance_url(product, session), {"present": [came.pk]})

    assert response.status_code == 302
    assert response["Location"] == _course_url(product)
    assert set(
        Attendance.objects.values_list("session_id", "seat_id", "present", "marked_by")
    ) == {
        (session.pk, came.pk, True, owner.pk),
        (session.pk, missed.pk, False, owner.pk),
    }


def _mark_all(client, product, present_in: dict):
    """Mark each session; `present_in[index]` lists the seats who came."""
    for index, session in enumerate(product.course.sessions.all()):
        seats = present_in.get(index, [])
        response = client.post(
            _attendance_url(product, session), {"present": [seat.pk for seat in seats]}
        )
        assert response.status_code == 302


def test_attending_every_session_completes_the_seat_and_issues_a_certificate(
    client, owner, resident
):
    product = course_product(
        resident=resident,
        title="Animasiya",
        sessions=_past_sessions(4),
        completion_percent=80,
    )
    seat = _seat(product, "leyla@example.az", first_name="Leyla", last_name="Əliyeva")
    client.force_login(owner)

    _mark_all(client, product, {0: [seat], 1: [seat], 2: [seat], 3: [seat]})

    seat.refresh_from_db()
    assert seat.completed_at is not None
    certificate = Certificate.objects.get()
    assert certificate.seat == seat
    assert certificate.learner_name == "Leyla Əliyeva"
    assert certificate.course_title == "Animasiya"


def test_three_of_four_sessions_is_below_eighty_percent(client, owner, resident):
    # ceil(4 * 80 / 100) = ceil(3.2) = 4 sessions are needed.
    product = course_product(
        resident=resident, sessions=_past_sessions(4), completion_percent=80
    )
    seat = _seat(product, "leyla@example.az")
    client.force_login(owner)

    _mark_all(client, product, {0: [seat], 1: [seat], 2: [seat], 3: []})

    seat.refresh_from_db()
    assert seat.completed_at is None
    assert Certificate.objects.count() == 0
    assert Attendance.objects.filter(seat=seat, present=True).count() == 3


def test_staff_mark_attendance_and_complete_seats(client, staff, resident):
    product = course_product(
        resident=resident, sessions=_past_sessions(2), completion_percent=50
    )
    seat = _seat(product, "leyla@example.az")
    client.force_login(staff)

    _mark_all(client, product, {0: [seat], 1: []})

    seat.refresh_from_db()
    assert seat.completed_at is not None
    assert Certificate.objects.filter(seat=seat).count() == 1
    assert set(Attendance.objects.values_list("marked_by", flat=True)) == {staff.pk}


def test_marking_a_session_that_has_not_started_is_refused(client, owner, resident):
    now = timezone.now()
    product = course_product(
        resident=resident,
        sessions=[(now + timedelta(days=1), now + timedelta(days=1, hours=2))],
    )
    session = product.course.sessions.get()
    seat = _seat(product, "leyla@example.az")
    client.force_login(owner)

    response = client.post(_attendance_url(product, session), {"present": [seat.pk]})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        _az("Attendance can be marked once the session has started.")
    ]
    assert Attendance.objects.count() == 0
    seat.refresh_from_db()
    assert seat.completed_at is None


def test_a_cancelled_seat_cannot_be_marked(client, owner, resident):
    product = course_product(resident=resident, sessions=_past_sessions(1))
    session = product.course.sessions.get()
    cancelled = _seat(product, "leyla@example.az")
    cancelled.status = SeatStatus.CANCELLED
    cancelled.save()
    client.force_login(owner)

    response = client.post(
        _attendance_url(product, session), {"present": [cancelled.pk]}
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["present"]
    assert Attendance.objects.count() == 0
