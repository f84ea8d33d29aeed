"""Studio use figures (market/bookings/figures.py) on a hand-built set of
bookings: hours booked and used, revenue, per room, programme, month and
residents versus the public; and their CSV on the staff's report page."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from oscar.test.factories import create_order
from wagtail.users.models import UserProfile

from market.bookings.figures import (
    Span,
    studio_use,
    use_by_month,
    use_by_programme,
    use_by_room,
    use_residents_and_public,
)
from market.bookings.models import Booking, BookingStatus, PaidBy
from market.impact.figures import definitions, impact_report
from market.impact.periods import Period
from tests.factories import UserFactory
from tests.factories.studios import BAKU, make_room

pytestmark = pytest.mark.django_db

SPRING = Span(date(2026, 3, 1), date(2026, 4, 30))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BAKU)


def _book(room, starts_at, minutes, *, status, paid_by, booker, **fields):
    ends_at = starts_at + timedelta(minutes=minutes)
    fields.setdefault("held_until", starts_at if status == BookingStatus.HELD else None)
    return Booking.objects.create(
        room=room,
        booker=booker,
        starts_at=starts_at,
        ends_at=ends_at,
        blocked_until=ends_at,
        minutes=minutes,
        status=status,
        paid_by=paid_by,
        cancel_cutoff_hours=24,
        created_at=starts_at - timedelta(days=3),
        **fields,
    )


@pytest.fixture
def spring(db, resident, other_resident, owner, other_owner, buyer):
    """Two rooms and twelve bookings of March and April 2026 (and around)."""
    sound = make_room(slug="sound-a", kind="sound", listing=False)
    photo = make_room(
        slug="photo-a",
        kind="photo-video",
        name="Foto otağı",
        name_en="Photo room",
        name_ru="Фотозал",
        listing=False,
    )
    confirmed, cancelled = BookingStatus.CONFIRMED, BookingStatus.CANCELLED
    line = create_order().lines.first()
    # Sound room A.
    _book(
        sound,
        _at(date(2026, 3, 10), 10),
        120,
        status=confirmed,
        paid_by=PaidBy.QUOTA,
        booker=owner,
        resident=resident,
    )
    _book(
        sound,
        _at(date(2026, 3, 11), 10),
        60,
        status=confirmed,
        paid_by=PaidBy.CHECKOUT,
        booker=buyer,
        price=Decimal("20.00"),
    )
    _book(
        sound,
        _at(date(2026, 3, 12), 18),
        120,
        status=confirmed,
        paid_by=PaidBy.CHECKOUT,
        booker=buyer,
        price=Decimal("60.00"),
        no_show=True,
    )
    _book(
        sound,
        _at(date(2026, 4, 6), 10),
        60,
        status=confirmed,
        paid_by=PaidBy.CENTRE,
        booker=buyer,
    )
    # Equipment alone: revenue, no room hours.
    _book(
        sound,
        _at(date(2026, 4, 7), 10),
        120,
        status=confirmed,
        paid_by=PaidBy.CHECKOUT,
        booker=buyer,
        price=Decimal("10.00"),
        uses_room=False,
    )
    # The first minute of the period (Baku), and the first after it.
    _book(
        sound,
        _at(date(2026, 3, 1), 0),
        60,
        status=confirmed,
        paid_by=PaidBy.CHECKOUT,
        booker=buyer,
        price=Decimal("15.00"),
    )
    _book(
        sound,
        _at(date(2026, 5, 1), 0),
        60,
        status=confirmed,
        paid_by=PaidBy.QUOTA,
        booker=owner,
        resident=resident,
    )
    # Photo room.
    _book(
        photo,
        _at(date(2026, 4, 2), 10),
        60,
        status=cancelled,
        paid_by=PaidBy.CHECKOUT,
        booker=buyer,
        price=Decimal("20.00"),
        refunded=True,
    )
    # Cancelled late on a quota: booked, not used.
    _book(
        photo,
        _at(date(2026, 4, 3), 10),
        180,
        status=cancelled,
        paid_by=PaidBy.QUOTA,
        booker=other_owner,
        resident=other_resident,
    )
    # An unpaid hold given up: never booked.
    _book(
        photo,
        _at(date(2026, 4, 4), 10),
        60,
        status=cancelled,
        paid_by=PaidBy.CHECKOUT,
        booker=buyer,
        price=Decimal("30.00"),
    )
    _book(
        photo,
        _at(date(2026, 4, 5), 12),
        60,
        status=BookingStatus.LAPSED,
        paid_by=PaidBy.CHECKOUT,
        booker=buyer,
        price=Decimal("30.00"),
        held_until=_at(date(2026, 4, 1), 12),
    )
    # Paid, cancelled late: the money is kept.
    _book(
        photo,
        _at(date(2026, 4, 8), 10),
        60,
        status=cancelled,
        paid_by=PaidBy.CHECKOUT,
        booker=buyer,
        price=Decimal("25.00"),
        order_line=line,
    )
    return sound, photo


def _rows(table):
    return [
        (row.key, row.bookings, row.booked_hours, row.used_hours, row.revenue)
        for row in [*table.rows, table.total]
    ]


def test_per_room(spring):
    table = use_by_room(SPRING, language="en")

    assert _rows(table) == [
        ("photo-a", 2, Decimal("4.00"), Decimal("0.00"), Decimal("25.00")),
        ("sound-a", 6, Decimal("7.00"), Decimal("5.00"), Decimal("105.00")),
        ("", 8, Decimal("11.00"), Decimal("5.00"), Decimal("130.00")),
    ]
    assert [row.label for row in table.rows] == ["Photo room", "Sound room A"]


def test_per_programme_with_the_public_last(spring):
    with translation.override("en"):
        table = use_by_programme(SPRING)

    assert _rows(table) == [
        ("music", 0, Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
        ("gametech", 1, Decimal("3.00"), Decimal("0.00"), Decimal("0.00")),
        ("cultech", 1, Decimal("2.00"), Decimal("2.00"), Decimal("0.00")),
        ("none", 0, Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
        ("public", 6, Decimal("6.00"), Decimal("3.00"), Decimal("130.00")),
        ("", 8, Decimal("11.00"), Decimal("5.00"), Decimal("130.00")),
    ]
    assert table.rows[-1].label == "Public (not a resident)"


def test_per_month_in_baku_time(spring):
    with translation.override("en"):
        table = use_by_month(SPRING)

    assert _rows(table) == [
        ("2026-03", 4, Decimal("6.00"), Decimal("4.00"), Decimal("95.00")),
        ("2026-04", 4, Decimal("5.00"), Decimal("1.00"), Decimal("35.00")),
        ("", 8, Decimal("11.00"), Decimal("5.00"), Decimal("130.00")),
    ]
    assert [row.label for row in table.rows] == ["March 2026", "April 2026"]


def test_residents_and_the_public(spring):
    table = use_residents_and_public(SPRING)

    assert _rows(table) == [
        ("residents", 2, Decimal("5.00"), Decimal("2.00"), Decimal("0.00")),
        ("public", 6, Decimal("6.00"), Decimal("3.00"), Decimal("130.00")),
        ("", 8, Decimal("11.00"), Decimal("5.00"), Decimal("130.00")),
    ]


def test_one_programme_only(spring):
    tables = {table.key: table for table in studio_use(SPRING, programme="cultech")}

    assert _rows(tables["rooms"]) == [
        ("photo-a", 0, Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
        ("sound-a", 1, Decimal("2.00"), Decimal("2.00"), Decimal("0.00")),
        ("", 1, Decimal("2.00"), Decimal("2.00"), Decimal("0.00")),
    ]
    assert _rows(tables["programmes"]) == [
        ("cultech", 1, Decimal("2.00"), Decimal("2.00"), Decimal("0.00")),
        ("", 1, Decimal("2.00"), Decimal("2.00"), Decimal("0.00")),
    ]
    assert _rows(tables["residents"]) == [
        ("residents", 1, Decimal("2.00"), Decimal("2.00"), Decimal("0.00")),
        ("", 1, Decimal("2.00"), Decimal("2.00"), Decimal("0.00")),
    ]


def test_one_query_per_table_whatever_the_bookings(spring, buyer):
    sound, _photo = spring
    with CaptureQueriesContext(connection) as before:
        studio_use(SPRING)
    for day in range(1, 25):
        _book(
            sound,
            _at(date(2026, 3, day), 14),
            60,
            status=BookingStatus.CONFIRMED,
            paid_by=PaidBy.CHECKOUT,
            booker=buyer,
            price=Decimal("20.00"),
        )

    with CaptureQueriesContext(connection) as after:
        tables = studio_use(SPRING)

    assert len(before.captured_queries) == 4
    assert len(after.captured_queries) == 4
    assert tables[0].total.revenue == Decimal("610.00")


def test_the_impact_report_has_a_studio_hours_section(spring):
    period = Period(date(2026, 3, 1), date(2026, 4, 30))

    with translation.override("en"):
        table = {t.key: t for t in impact_report(period=period)}["studio_hours"]
        terms = {str(term): str(text) for term, text in definitions()}
        title = str(table.title)
        labels = [str(column.label) for column in table.columns]

    assert title == "Studio hours"
    assert labels == ["Programme", "Studio bookings", "Hours booked", "Hours used"]
    assert [row[1:] for row in table.rows] == [
        [0, Decimal("0.00"), Decimal("0.00")],
        [1, Decimal("3.00"), Decimal("0.00")],
        [1, Decimal("2.00"), Decimal("2.00")],
        [0, Decimal("0.00"), Decimal("0.00")],
        [6, Decimal("6.00"), Decimal("3.00")],
    ]
    assert table.total[1:] == [8, Decimal("11.00"), Decimal("5.00")]
    assert terms["Studio hours"].startswith("Hours of studio room bookings")


def test_the_impact_section_for_one_programme(spring):
    period = Period(date(2026, 3, 1), date(2026, 4, 30))

    table = {t.key: t for t in impact_report(period=period, programme="gametech")}[
        "studio_hours"
    ]

    assert [row[1:] for row in table.rows] == [[1, Decimal("3.00"), Decimal("0.00")]]


@pytest.fixture
def staff_in_english(staff):
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    return staff


def test_the_report_page_and_its_csv(client, spring, staff_in_english):
    client.force_login(staff_in_english)
    query = {"first": "2026-03-01", "last": "2026-04-30"}

    page = client.get("/cms/studios/figures/", query)
    download = client.get("/cms/studios/figures/csv/", query)

    assert page.status_code == 200
    content = page.content.decode()
    assert "Figures for 1 March 2026 to 30 April 2026 (Baku time)." in content
    assert '<tr data-key="sound-a">' in content
    assert '<th scope="row">Sound room A</th>' in content
    assert '<td class="studios-number">105.00</td>' in content
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == (
        'attachment; filename="studio-use-20260301-20260430.csv"'
    )
    assert download.content.decode() == "\ufeff" + "\r\n".join(
        [
            "Per studio room",
            "Room,Bookings,Hours booked,Hours used,Revenue (AZN)",
            "Photo room,2,4.00,0.00,25.00",
            "Sound room A,6,7.00,5.00,105.00",
            "Total,8,11.00,5.00,130.00",
            "",
            "Per programme",
            "Programme,Bookings,Hours booked,Hours used,Revenue (AZN)",
            "Music,0,0.00,0.00,0.00",
            "Gametech,1,3.00,0.00,0.00",
            "Cultech,1,2.00,2.00,0.00",
            "No programme,0,0.00,0.00,0.00",
            "Public (not a resident),6,6.00,3.00,130.00",
            "Total,8,11.00,5.00,130.00",
            "",
            "Per month",
            "Month,Bookings,Hours booked,Hours used,Revenue (AZN)",
            "March 2026,4,6.00,4.00,95.00",
            "April 2026,4,5.00,1.00,35.00",
            "Total,8,11.00,5.00,130.00",
            "",
            "Residents and the public",
            "Who booked,Bookings,Hours booked,Hours used,Revenue (AZN)",
            "Residents,2,5.00,2.00,0.00",
            "Public (not a resident),6,6.00,3.00,130.00",
            "Total,8,11.00,5.00,130.00",
            "",
        ]
    )


def test_without_dates_the_report_shows_the_last_twelve_months(
    client, staff_in_english
):
    client.force_login(staff_in_english)
    today = timezone.localdate()

    response = client.get("/cms/studios/figures/")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.cleaned_data["last"] == today
    assert form.cleaned_data["first"] == (
        (today.replace(day=1) - timedelta(days=335)).replace(day=1)
    )


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"first": "2026-05-01", "last": "2026-04-01"}, "The last day cannot be"),
        ({"first": "yesterday", "last": "2026-04-01"}, "Enter a valid date."),
        ({"first": "1900-01-01", "last": "2026-04-01"}, "Choose days between"),
        ({"first": "2020-01-01", "last": "2026-04-01"}, "at most five years"),
        ({"first": "2026-01-01", "last": ""}, "This field is required."),
    ],
)
def test_a_bad_period_is_a_form_error_and_a_bad_csv_request(
    client, staff_in_english, query, error
):
    client.force_login(staff_in_english)

    page = client.get("/cms/studios/figures/", query)
    download = client.get("/cms/studios/figures/csv/", query)

    assert page.status_code == 200
    assert error in page.content.decode()
    assert page.context["tables"] == []
    assert download.status_code == 400
    assert "Content-Disposition" not in download


def test_the_figures_are_refused_without_the_permission(client, spring):
    editor = UserFactory(email="editor@example.az", is_staff=True)

    client.force_login(editor)
    page = client.get("/cms/studios/figures/")
    download = client.get("/cms/studios/figures/csv/")

    assert page.status_code == 302
    assert download.status_code == 302
    assert "Content-Disposition" not in download
