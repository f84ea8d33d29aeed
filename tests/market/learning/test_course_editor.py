"""The resident's course editor: a row per session (start and end pickers,
topic, place), saved together or not at all, with an error on the row that
is wrong and every row kept as typed; one seats field; language and level as
choices. Hostile posts (another course's session id, odd bytes, 500 rows)
are refused with nothing changed."""

import importlib
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from oscar.apps.partner.models import StockRecord

from catalogue.models import Product
from market.learning.models import (
    Attendance,
    Course,
    CourseSession,
    Seat,
    SeatSource,
)
from tests.factories import CategoryFactory, UserFactory, course_product

pytestmark = pytest.mark.django_db


def _az(message: str) -> str:
    with translation.override("az"):
        return gettext(message)


def _at(days: int, hour: int = 10):
    return timezone.localtime(timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def _url(product) -> str:
    return reverse("learning:teach-course", kwargs={"pk": product.pk})


def _picker(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _rows(*rows, initial: int = 0) -> dict:
    """The formset as the browser posts it: each row a dict of its fields."""
    data = {
        "action": "sessions",
        "sessions-TOTAL_FORMS": str(len(rows)),
        "sessions-INITIAL_FORMS": str(initial),
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "60",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"sessions-{index}-{name}"] = value
    return data


def _row(starts, ends, *, id="", topic="", place="", delete=False) -> dict:  # noqa: A002
    row = {
        "id": str(id),
        "starts_at": starts if isinstance(starts, str) else _picker(starts),
        "ends_at": ends if isinstance(ends, str) else _picker(ends),
        "topic": topic,
        "place": place,
    }
    if delete:
        row["DELETE"] = "on"
    return row


def _sessions(product) -> list[tuple]:
    return [
        (
            timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(session.ends_at).strftime("%H:%M"),
            session.topic,
            session.place,
        )
        for session in CourseSession.objects.filter(course_id=product.pk)
    ]


@pytest.fixture
def course(resident):
    return course_product(
        resident=resident,
        title="Ableton",
        sessions=[(_at(10), _at(10, 12)), (_at(17), _at(17, 12))],
    )


def test_the_editor_shows_a_row_per_session_with_date_time_pickers(
    client, owner, course
):
    client.force_login(owner)

    response = client.get(_url(course))

    html = response.content.decode()
    formset = response.context["session_formset"]
    assert len(formset.forms) == 3  # two sessions and an empty row
    first = CourseSession.objects.filter(course_id=course.pk).first()
    assert (
        f'<input type="datetime-local" name="sessions-0-starts_at" '
        f'value="{_picker(first.starts_at)}"' in html
    )
    assert 'name="sessions-2-starts_at"' in html
    assert html.count('name="seats"') == 1
    assert '<select name="language"' in html
    assert '<select name="level"' in html


def test_owner_changes_adds_and_removes_sessions_in_one_save(client, owner, course):
    first, second = CourseSession.objects.filter(course_id=course.pk)
    client.force_login(owner)

    response = client.post(
        _url(course),
        _rows(
            _row(_at(11), _at(11, 13), id=first.pk, topic="Ritm", place="Studiya 2"),
            _row(second.starts_at, second.ends_at, id=second.pk, delete=True),
            _row(_at(24, 18), _at(24, 20), topic="Miks", place="online"),
            initial=2,
        ),
    )

    assert response.status_code == 302
    assert _sessions(course) == [
        (_at(11).strftime("%Y-%m-%d %H:%M"), "13:00", "Ritm", "Studiya 2"),
        (_at(24, 18).strftime("%Y-%m-%d %H:%M"), "20:00", "Miks", "online"),
    ]
    assert Course.objects.get(pk=course.pk).first_session_at == _at(11)


def _refused(client, course, data):
    before = _sessions(course)
    response = client.post(_url(course), data)
    assert response.status_code == 400
    assert _sessions(course) == before
    return response


def test_a_row_that_ends_before_it_starts_is_refused_and_every_row_kept(
    client, owner, course
):
    first, second = CourseSession.objects.filter(course_id=course.pk)
    client.force_login(owner)

    response = _refused(
        client,
        course,
        _rows(
            _row(first.starts_at, first.ends_at, id=first.pk, topic="Giriş"),
            _row(second.starts_at, second.ends_at, id=second.pk),
            _row("2031-04-05T10:00", "2031-04-05T09:00", topic="Yeni mövzu"),
            initial=2,
        ),
    )

    formset = response.context["session_formset"]
    assert [form.errors for form in formset.forms] == [
        {},
        {},
        {"ends_at": [_az("A session must end after it starts.")]},
    ]
    html = response.content.decode()
    # What the resident typed comes back, in every row.
    assert 'name="sessions-0-topic" value="Giriş"' in html
    assert 'name="sessions-2-starts_at" value="2031-04-05T10:00"' in html
    assert 'name="sessions-2-ends_at" value="2031-04-05T09:00"' in html
    assert 'name="sessions-2-topic" value="Yeni mövzu"' in html


def test_a_new_session_in_the_past_is_refused(client, owner, course):
    client.force_login(owner)

    response = _refused(
        client, course, _rows(_row(_at(-3), _at(-3, 12), topic="Keçmiş"))
    )

    assert response.context["session_formset"].forms[0].errors == {
        "starts_at": [_az("A session must start in the future.")]
    }


def test_overlapping_sessions_are_refused_on_the_later_row(client, owner, course):
    client.force_login(owner)

    response = _refused(
        client,
        course,
        _rows(_row(_at(30, 10), _at(30, 12)), _row(_at(30, 11), _at(30, 13))),
    )

    assert [form.errors for form in response.context["session_formset"].forms] == [
        {},
        {"starts_at": [_az("This session overlaps the one before it.")]},
    ]


def test_removing_every_session_is_refused(client, owner, course):
    first, second = CourseSession.objects.filter(course_id=course.pk)
    client.force_login(owner)

    response = _refused(
        client,
        course,
        _rows(
            _row(first.starts_at, first.ends_at, id=first.pk, delete=True),
            _row(second.starts_at, second.ends_at, id=second.pk, delete=True),
            initial=2,
        ),
    )

    assert response.context["session_formset"].non_form_errors() == [
        _az("A course needs at least one session.")
    ]


def test_a_forged_session_id_of_another_course_is_refused(
    client, owner, course, other_resident
):
    other = course_product(
        resident=other_resident, title="Başqa", sessions=[(_at(9), _at(9, 12))]
    )
    theirs = CourseSession.objects.get(course_id=other.pk)
    client.force_login(owner)

    response = _refused(
        client,
        course,
        _rows(_row(_at(12), _at(12, 12), id=theirs.pk, topic="Oğurluq")),
    )

    assert response.context["session_formset"].forms[0].errors == {
        "__all__": [_az("This is not a session of this course.")]
    }
    theirs.refresh_from_db()
    assert (theirs.course_id, theirs.topic) == (other.pk, "")
    assert theirs.starts_at == _at(9)


def test_the_same_session_id_twice_is_refused(client, owner, course):
    first = CourseSession.objects.filter(course_id=course.pk).first()
    client.force_login(owner)

    response = _refused(
        client,
        course,
        _rows(
            _row(_at(12), _at(12, 12), id=first.pk),
            _row(_at(13), _at(13, 12), id=first.pk),
        ),
    )

    assert response.context["session_formset"].forms[1].errors == {
        "__all__": [_az("This is not a session of this course.")]
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("place", "x" * 201),
        ("starts_at", "2031-13-45T25:61"),
        ("starts_at", "\ufeff\u202e2031-04-05T10:00"),
        ("ends_at", "'; DROP TABLE learning_coursesession; --"),
        ("id", "1 OR 1=1"),
    ],
)
def test_a_row_with_odd_bytes_is_refused(client, owner, course, field, value):
    client.force_login(owner)
    row = _row(_at(30), _at(30, 12))
    row[field] = value

    response = _refused(client, course, _rows(row))

    assert list(response.context["session_formset"].forms[0].errors) == [field]


def test_a_nul_byte_in_a_row_is_refused_before_anything_is_read(owner, course):
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    before = _sessions(course)

    response = client.post(
        _url(course), _rows(_row(_at(30), _at(30, 12), topic="Ritm\x00"))
    )

    assert response.status_code == 400
    assert _sessions(course) == before


def test_five_hundred_rows_are_refused_whole(owner, course):
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    before = _sessions(course)
    rows = [_row(_at(30 + day), _at(30 + day, 12)) for day in range(500)]

    response = client.post(_url(course), _rows(*rows))

    # 2,500 fields: Django refuses the request before the view reads it.
    assert response.status_code == 400
    assert _sessions(course) == before


def test_more_rows_than_a_course_may_have_are_refused_whole(client, owner, course):
    client.force_login(owner)
    rows = [_row(_at(30 + day), _at(30 + day, 12)) for day in range(61)]

    response = _refused(client, course, _rows(*rows))

    with translation.override("az"):
        expected = ngettext(
            "Please submit at most %(num)d form.",
            "Please submit at most %(num)d forms.",
            60,
        ) % {"num": 60}
    assert response.context["session_formset"].non_form_errors() == [expected]
    assert CourseSession.objects.filter(course_id=course.pk).count() == 2


def test_a_session_with_attendance_cannot_change_or_go(client, owner, resident):
    product = course_product(
        resident=resident,
        sessions=[
            (_at(-2), _at(-2, 12)),
            (_at(20), _at(20, 12)),
        ],
    )
    past, future = CourseSession.objects.filter(course_id=product.pk)
    seat = Seat.objects.create(
        course=product, learner=UserFactory(), source=SeatSource.FREE
    )
    Attendance.objects.create(session=past, seat=seat, present=True)
    client.force_login(owner)

    response = _refused(
        client,
        product,
        _rows(
            _row(past.starts_at, past.ends_at, id=past.pk, delete=True),
            _row(future.starts_at, future.ends_at, id=future.pk),
            initial=2,
        ),
    )

    assert response.context["session_formset"].forms[0].errors == {
        "__all__": [
            _az(
                "Attendance was recorded for this session: it cannot be changed "
                "or removed."
            )
        ]
    }


def test_a_past_session_kept_as_it_is_does_not_block_a_save(client, owner, resident):
    product = course_product(
        resident=resident, sessions=[(_at(-2), _at(-2, 12)), (_at(20), _at(20, 12))]
    )
    past, future = CourseSession.objects.filter(course_id=product.pk)
    client.force_login(owner)

    response = client.post(
        _url(product),
        _rows(
            _row(past.starts_at, past.ends_at, id=past.pk),
            _row(future.starts_at, future.ends_at, id=future.pk, topic="Yekun"),
            initial=2,
        ),
    )

    assert response.status_code == 302
    assert [row[2] for row in _sessions(product)] == ["", "Yekun"]


def test_add_a_row_keeps_what_was_typed_and_saves_nothing(client, owner, course):
    first, second = CourseSession.objects.filter(course_id=course.pk)
    client.force_login(owner)
    data = _rows(
        _row(first.starts_at, first.ends_at, id=first.pk, topic="Dəyişib"),
        _row(second.starts_at, second.ends_at, id=second.pk),
        initial=2,
    )
    data["more"] = "1"

    response = client.post(_url(course), data)

    assert response.status_code == 200
    assert len(response.context["session_formset"].forms) == 3
    assert 'name="sessions-0-topic" value="Dəyişib"' in response.content.decode()
    assert [row[2] for row in _sessions(course)] == ["", ""]


def test_another_resident_cannot_save_sessions_of_this_course(
    client, other_owner, course
):
    client.force_login(other_owner)
    before = _sessions(course)

    response = client.post(_url(course), _rows(_row(_at(30), _at(30, 12))))

    assert response.status_code == 404
    assert _sessions(course) == before


# Rules: one seats field, language and level as choices


def _rules(**overrides) -> dict:
    return {
        "action": "rules",
        "online": "",
        "city": "Bakı",
        "venue": "",
        "enrolment_opens_at": "",
        "enrolment_closes_at": "",
        "completion_percent": "80",
        "seats": "15",
        "language": "en",
        "level": "advanced",
        **overrides,
    }


def test_the_seats_field_sets_the_courses_capacity(client, owner, course):
    client.force_login(owner)

    response = client.post(_url(course), _rules())

    assert response.status_code == 302
    assert StockRecord.objects.get(product=course).num_in_stock == 15
    saved = Course.objects.get(pk=course.pk)
    assert (saved.language, saved.level) == ("en", "advanced")
    # The listing's attributes (search facets) say the same.
    listing = Product.objects.get(pk=course.pk)
    assert (listing.attr.language, listing.attr.level) == ("en", "advanced")


def test_fewer_seats_than_are_taken_is_refused(client, owner, course):
    StockRecord.objects.filter(product=course).update(num_allocated=4)
    client.force_login(owner)

    response = client.post(_url(course), _rules(seats="3"))

    with translation.override("az"):
        expected = ngettext(
            "%(taken)d seat is taken already: keep at least that many.",
            "%(taken)d seats are taken already: keep at least that many.",
            4,
        ) % {"taken": 4}
    assert response.context["rules_form"].non_field_errors() == [expected]
    assert StockRecord.objects.get(product=course).num_in_stock == 10
    assert Course.objects.get(pk=course.pk).language == "az"


@pytest.mark.parametrize(
    ("field", "value"), [("language", "xx"), ("level", "guru"), ("seats", "-1")]
)
def test_a_language_or_level_not_in_the_choices_is_refused(
    client, owner, course, field, value
):
    client.force_login(owner)

    response = client.post(_url(course), _rules(**{field: value}))

    assert response.status_code == 400
    assert list(response.context["rules_form"].errors) == [field]
    saved = Course.objects.get(pk=course.pk)
    assert (saved.language, saved.level, saved.city) == ("az", "all", "")


# The migration that made language and level choices


@pytest.mark.parametrize(
    ("text", "table", "expected"),
    [
        ("az", "LANGUAGES", "az"),
        ("Azərbaycanca", "LANGUAGES", "az"),
        (" English ", "LANGUAGES", "en"),
        ("Русский", "LANGUAGES", "ru"),
        ("klingon", "LANGUAGES", "az"),
        ("", "LANGUAGES", "az"),
        ("Beginner", "LEVELS", "beginner"),
        ("başlanğıc", "LEVELS", "beginner"),
        ("Средний", "LEVELS", "intermediate"),
        ("advanced", "LEVELS", "advanced"),
        ("hər kəs üçün", "LEVELS", "all"),
    ],
)
def test_the_migration_maps_free_text_to_choices(text, table, expected):
    migration = importlib.import_module(
        "market.learning.migrations.0004_course_language_level_first_session"
    )
    default = "az" if table == "LANGUAGES" else "all"

    assert migration._choice(text, getattr(migration, table), default) == expected


# The listing form of a course: one seats field, language and level chosen


def _listing(**overrides) -> dict:
    category = CategoryFactory(name="Kurslar", slug="kurslar")
    return {
        "title": "Yeni kurs",
        "description": "",
        "category": category.pk,
        "price": "0.00",
        "stock": "14",
        "attr_language": "ru",
        "attr_level": "intermediate",
        **overrides,
    }


def test_the_course_listing_form_asks_for_seats_once_and_offers_choices(client, owner):
    client.force_login(owner)

    response = client.get(
        reverse("resident_dashboard:create", kwargs={"kind": "course"})
    )

    form = response.context["form"]
    assert [name for name in form.fields if "stock" in name or "capacity" in name] == [
        "stock"
    ]
    assert "attr_sessions" not in form.fields
    assert [value for value, _label in form.fields["attr_language"].choices] == [
        "az",
        "en",
        "ru",
    ]
    assert [value for value, _label in form.fields["attr_level"].choices] == [
        "all",
        "beginner",
        "intermediate",
        "advanced",
    ]


def test_a_new_course_listing_keeps_language_level_and_seats_then_asks_for_sessions(
    client, owner
):
    client.force_login(owner)

    response = client.post(
        reverse("resident_dashboard:create", kwargs={"kind": "course"}), _listing()
    )

    product = Product.objects.get(title="Yeni kurs")
    assert response.status_code == 302
    assert response["Location"] == _url(product) + "#sessions"
    course = Course.objects.get(pk=product.pk)
    assert (course.language, course.level) == ("ru", "intermediate")
    assert StockRecord.objects.get(product=product).num_in_stock == 14


@pytest.mark.parametrize(
    ("field", "value"), [("attr_language", "klingon"), ("attr_level", "<b>")]
)
def test_a_listing_with_a_language_or_level_not_in_the_choices_is_refused(
    client, owner, field, value
):
    client.force_login(owner)

    response = client.post(
        reverse("resident_dashboard:create", kwargs={"kind": "course"}),
        _listing(**{field: value}),
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert not Product.objects.filter(title="Yeni kurs").exists()


def test_every_mistake_is_shown_at_once(client, owner, course):
    first, second = CourseSession.objects.filter(course_id=course.pk)
    client.force_login(owner)

    response = _refused(
        client,
        course,
        _rows(
            _row(_at(30, 10), _at(30, 12), id=first.pk),
            _row(_at(30, 11), _at(30, 13), id=second.pk),
            _row("2031-04-05T10:00", "2031-04-05T09:00"),
            initial=2,
        ),
    )

    assert [form.errors for form in response.context["session_formset"].forms] == [
        {},
        {"starts_at": [_az("This session overlaps the one before it.")]},
        {"ends_at": [_az("A session must end after it starts.")]},
    ]
