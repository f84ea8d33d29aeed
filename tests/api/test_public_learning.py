"""The public endpoints of Kreativ Edu and the Centre: programmes, courses
(sessions, seats left, price) and events, without a token; only what the
site shows (listed courses, live and public pages), in the caller's language;
cacheable; the same number of queries for one item as for four."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction
from wagtail_localize.operations import translate_object

from catalogue.kinds import COURSE
from cms.models import (
    CourseIndexPage,
    EventIndexPage,
    EventPage,
    HomePage,
    ProgrammePage,
)
from cms.services.events import event_register
from market.learning.services.seats import enrolment_create
from tests.factories import ProductFactory, UserFactory, course_product

pytestmark = pytest.mark.django_db

BAKU = ZoneInfo("Asia/Baku")
STARTS = datetime(2031, 5, 16, 18, 30, tzinfo=BAKU)
ENDS = datetime(2031, 5, 16, 20, 0, tzinfo=BAKU)
EDU = "http://edu.localhost:8000"
MARKET = "http://market.localhost:8000"


def home(site: str) -> HomePage:
    return HomePage.objects.get(slug=site, locale__language_code="az")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translated(page, language: str):
    locale = Locale.objects.get(language_code=language)
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_object(page, [locale])
    return type(page).objects.get(translation_key=page.translation_key, locale=locale)


@pytest.fixture
def course_index(sites):
    index = CourseIndexPage(title="Kurslar", slug="kurslar")
    home("edu").add_child(instance=index)
    publish(index)
    # The English catalogue, where an English caller's course links go.
    translated(index, "en")
    return index


@pytest.fixture
def events_index(sites):
    index = EventIndexPage(title="Tədbirlər", slug="tedbirler")
    home("market").add_child(instance=index)
    return publish(index)


def make_event(index, slug="creative-talks-1", **fields):
    values = {
        "title": "Creative Talks: Xalça və kod",
        "intro": "Söhbət.",
        "series": "creative-talks",
        "starts_at": STARTS,
        "ends_at": ENDS,
        "city": "Bakı",
        "venue": "Kreativ Mərkəz",
        "capacity": 2,
        **fields,
    }
    event = EventPage(slug=slug, **values)
    index.add_child(instance=event)
    return publish(event)


def animation_course(resident, **fields):
    return course_product(
        resident=resident,
        title="Animasiya",
        price=Decimal("25.00"),
        capacity=12,
        sessions=[
            (STARTS, ENDS),
            (STARTS + timedelta(days=7), ENDS + timedelta(days=7)),
        ],
        city="Bakı",
        venue="Kreativ Mərkəz",
        **fields,
    )


def course_json(product, url: str) -> dict:
    return {
        "id": product.pk,
        "slug": product.slug,
        "title": "Animasiya",
        "language": "az",
        "level": "all",
        "online": False,
        "place": "Kreativ Mərkəz, Baku",
        "availability": "open",
        "capacity": 12,
        "seats_left": 12,
        "price": "25.00",
        "currency": "AZN",
        "free": False,
        "teacher": "Xalça Atelier",
        "first_session_at": "2031-05-16T14:30:00Z",
        "next_session_at": "2031-05-16T14:30:00Z",
        "enrolment_opens_at": None,
        "enrolment_ends_at": "2031-05-16T14:30:00Z",
        "url": url,
    }


# Courses


def test_courses_lists_the_listed_courses_with_seats_and_price(
    client, resident, course_index
):
    course = animation_course(resident)
    hidden = course_product(resident=resident, title="Gizli")
    hidden.is_public = False
    hidden.save()
    ProductFactory(resident=resident, title="Xalça", upc="NOT-A-COURSE")

    response = client.get("/api/v1/courses")

    assert response.status_code == 200
    assert response.json() == {
        "items": [course_json(course, f"{EDU}/en/kurslar/{course.pk}/")],
        "next": None,
    }
    assert response["Cache-Control"] == "public, max-age=60"
    assert response["Content-Language"] == "en"


def test_a_course_detail_by_id_and_by_slug_has_its_sessions(
    client, resident, course_index, buyer
):
    course = animation_course(resident)
    expected = {
        **course_json(course, f"{EDU}/en/kurslar/{course.pk}/"),
        "description": course.description,
        "enrol_url": f"{EDU}/en/kurslar/{course.pk}/",
        "sessions": [
            {
                "starts_at": "2031-05-16T14:30:00Z",
                "ends_at": "2031-05-16T16:00:00Z",
                "topic": "",
                "place": "Kreativ Mərkəz, Baku",
            },
            {
                "starts_at": "2031-05-23T14:30:00Z",
                "ends_at": "2031-05-23T16:00:00Z",
                "topic": "",
                "place": "Kreativ Mərkəz, Baku",
            },
        ],
    }

    by_id = client.get(f"/api/v1/courses/{course.pk}")
    by_slug = client.get(f"/api/v1/courses/{course.slug}")

    assert by_id.status_code == 200
    assert by_id.json() == expected
    assert by_slug.json() == expected


def test_seats_left_follow_the_seats_taken(client, resident, course_index, buyer):
    course = course_product(resident=resident, title="Pulsuz", capacity=3)
    enrolment_create(product=course, learner=buyer)

    item = client.get("/api/v1/courses").json()["items"][0]
    detail = client.get(f"/api/v1/courses/{course.pk}").json()

    assert (item["capacity"], item["seats_left"], item["free"]) == (3, 2, True)
    assert (detail["seats_left"], detail["price"]) == (2, "0.00")


def test_a_course_not_on_sale_is_not_found(client, resident, other_resident):
    hidden = course_product(resident=resident, title="Gizli")
    hidden.is_public = False
    hidden.save()
    other_resident.status = "suspended"
    other_resident.save()
    suspended = course_product(resident=other_resident, title="Dayandırılıb")

    for path in (
        f"/api/v1/courses/{hidden.pk}",
        f"/api/v1/courses/{hidden.slug}",
        f"/api/v1/courses/{suspended.pk}",
        "/api/v1/courses/99999999999999999999",
        "/api/v1/courses/0",
        "/api/v1/courses/no-such-course",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["type"] == "/api/v1/problems/not-found"
    assert client.get("/api/v1/courses").json()["items"] == []


def test_courses_are_filtered(client, resident, other_resident):
    azerbaijani = course_product(resident=resident, title="Az", language="az")
    english = course_product(
        resident=other_resident, title="En", language="en", price=Decimal("9.00")
    )

    def ids(query):
        response = client.get("/api/v1/courses" + query)
        assert response.status_code == 200, response.json()
        return [item["id"] for item in response.json()["items"]]

    assert ids("") == [english.pk, azerbaijani.pk]
    assert ids("?language=en") == [english.pk]
    assert ids("?price=free") == [azerbaijani.pk]
    assert ids("?programme=cultech") == [azerbaijani.pk]
    assert ids("?programme=gametech") == [english.pk]
    assert ids("?programme=music") == []
    assert ids("?topic=no-such-topic") == []


@pytest.mark.parametrize(
    "query",
    ["?language=xx", "?level=guru", "?price=cheap", "?programme=none", "?cursor=@@"],
)
def test_bad_course_filters_are_problems(client, query):
    response = client.get("/api/v1/courses" + query)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/invalid-input"


def test_courses_are_paged_by_cursor(client, resident, settings, monkeypatch):
    monkeypatch.setattr("market.api.paging.PAGE_SIZE", 2)
    made = [course_product(resident=resident, title=f"K{n}") for n in range(3)]

    first = client.get("/api/v1/courses").json()
    second = client.get("/api/v1/courses", {"cursor": first["next"]}).json()

    assert [item["id"] for item in first["items"]] == [made[2].pk, made[1].pk]
    assert [item["id"] for item in second["items"]] == [made[0].pk]
    assert second["next"] is None


def _queries(client, path) -> int:
    """The queries of a request, once the per-process caches (content
    types, site root paths, locales) are warm."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_course_queries_do_not_grow_with_courses(client, resident, course_index):
    animation_course(resident)
    one = _queries(client, "/api/v1/courses")
    for _n in range(3):
        animation_course(resident)

    four = _queries(client, "/api/v1/courses")

    assert len(client.get("/api/v1/courses").json()["items"]) == 4
    assert four == one


def test_a_course_detail_costs_the_same_for_more_sessions(
    client, resident, course_index
):
    one = course_product(resident=resident, sessions=[(STARTS, ENDS)])
    four = course_product(
        resident=resident,
        sessions=[
            (STARTS + timedelta(days=n), ENDS + timedelta(days=n)) for n in range(4)
        ],
    )

    assert _queries(client, f"/api/v1/courses/{one.pk}") == _queries(
        client, f"/api/v1/courses/{four.pk}"
    )


def test_an_unchanged_answer_is_not_modified(client, resident):
    course_product(resident=resident)
    first = client.get("/api/v1/courses")

    again = client.get("/api/v1/courses", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


# Events


def event_json(event, **fields) -> dict:
    return {
        "id": event.pk,
        "title": "Creative Talks: Xalça və kod",
        "intro": "Söhbət.",
        "series": "creative-talks",
        "starts_at": "2031-05-16T14:30:00Z",
        "ends_at": "2031-05-16T16:00:00Z",
        "online": False,
        "place": "Kreativ Mərkəz, Bakı",
        "language": "az",
        "url": f"{MARKET}/tedbirler/{event.slug}/",
        **fields,
    }


def test_events_are_the_live_public_upcoming_ones(client, events_index):
    upcoming = make_event(events_index)
    make_event(
        events_index,
        slug="kecmis",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    draft = make_event(events_index, slug="qaralama")
    draft.unpublish()
    private = make_event(events_index, slug="gizli")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    response = client.get("/api/v1/events", {"lang": "az"})

    assert response.status_code == 200
    assert response.json() == {"items": [event_json(upcoming)], "next": None}


def test_past_events_on_asking(client, events_index):
    make_event(events_index)
    starts = datetime(2024, 3, 1, 18, 0, tzinfo=BAKU)
    past = make_event(
        events_index,
        slug="kecmis",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )

    response = client.get("/api/v1/events", {"lang": "az", "past": "true"})

    assert response.json()["items"] == [
        event_json(
            past,
            starts_at="2024-03-01T14:00:00Z",
            ends_at="2024-03-01T16:00:00Z",
        )
    ]


def test_events_come_in_the_language_asked(client, events_index):
    event = make_event(events_index)
    english_index = translated(events_index, "en")
    english = translated(event, "en")
    english.title = "Creative Talks: Carpets and code"
    publish(english)

    listed = client.get("/api/v1/events").json()["items"]
    detail = client.get(f"/api/v1/events/{event.pk}").json()

    assert english_index.live
    assert [(item["id"], item["title"], item["language"]) for item in listed] == [
        (english.pk, "Creative Talks: Carpets and code", "en")
    ]
    assert listed[0]["url"] == f"{MARKET}/en/tedbirler/{event.slug}/"
    assert (detail["id"], detail["title"], detail["place"]) == (
        english.pk,
        "Creative Talks: Carpets and code",
        "Kreativ Mərkəz, Baku",
    )


def test_an_event_detail_has_its_seats(client, events_index):
    event = make_event(events_index, capacity=2)
    event_register(page=event, user=UserFactory(), language="az")

    response = client.get(f"/api/v1/events/{event.pk}", {"lang": "az"})

    assert response.status_code == 200
    assert response.json() == {
        **event_json(event),
        "registration": {
            "needed": True,
            "capacity": 2,
            "seats_left": 1,
            "open": True,
            "ended": False,
        },
    }


def test_an_unpublished_or_private_event_is_not_found(client, events_index):
    draft = make_event(events_index, slug="qaralama")
    draft.unpublish()
    private = make_event(events_index, slug="gizli")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    for path in (
        f"/api/v1/events/{draft.pk}",
        f"/api/v1/events/{private.pk}",
        f"/api/v1/events/{events_index.pk}",
        "/api/v1/events/99999999999999999999",
        "/api/v1/events/0",
    ):
        response = client.get(path)
        assert response.status_code in (404,), path
        assert response["Content-Type"] == "application/problem+json"


def test_event_queries_do_not_grow_with_events(client, events_index):
    make_event(events_index, slug="e0")
    one = _queries(client, "/api/v1/events?lang=az")
    for n in range(1, 4):
        make_event(events_index, slug=f"e{n}")

    four = _queries(client, "/api/v1/events?lang=az")

    assert len(client.get("/api/v1/events?lang=az").json()["items"]) == 4
    assert four == one


# Programmes


def test_programmes_are_the_live_public_programme_pages(client, sites):
    music = ProgrammePage(
        title="Musiqi", slug="musiqi", programme="music", intro="Səs."
    )
    home("market").add_child(instance=music)
    publish(music)
    draft = ProgrammePage(
        title="Qaralama", slug="qaralama", programme="gametech", live=False
    )
    home("market").add_child(instance=draft)
    draft.save_revision()
    private = ProgrammePage(title="Gizli", slug="gizli", programme="cultech")
    home("market").add_child(instance=private)
    publish(private)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    existing = [
        page.pk
        for page in ProgrammePage.objects.live()
        .public()
        .filter(locale__language_code="az")
        .exclude(pk=music.pk)
    ]

    response = client.get("/api/v1/programmes", {"lang": "az"})

    items = response.json()["items"]
    assert response.status_code == 200
    assert [item for item in items if item["id"] == music.pk] == [
        {
            "id": music.pk,
            "programme": "music",
            "programme_name": "Musiqi",
            "title": "Musiqi",
            "intro": "Səs.",
            "language": "az",
            "url": f"{MARKET}/musiqi/",
        }
    ]
    assert sorted(item["id"] for item in items) == sorted([music.pk, *existing])
    assert draft.pk not in [item["id"] for item in items]
    assert private.pk not in [item["id"] for item in items]


def test_course_kind_is_required_for_a_slug(client, resident):
    """A product of another kind with a slug is no course."""
    product = ProductFactory(resident=resident, title="Xalça", upc="X1")

    assert product.product_class.slug != COURSE
    assert client.get(f"/api/v1/courses/{product.slug}").status_code == 404
    assert client.get(f"/api/v1/courses/{product.pk}").status_code == 404


def test_upcoming_events_soonest_first_past_ones_latest_first_by_cursor(
    client, events_index, monkeypatch
):
    monkeypatch.setattr("market.api.paging.PAGE_SIZE", 2)
    later = make_event(
        events_index,
        slug="later",
        starts_at=STARTS + timedelta(days=2),
        ends_at=ENDS + timedelta(days=2),
    )
    soonest = make_event(events_index, slug="soonest")
    same_time = make_event(events_index, slug="same-time")
    old = datetime(2024, 3, 1, 18, 0, tzinfo=BAKU)
    older = make_event(
        events_index,
        slug="older",
        starts_at=old - timedelta(days=9),
        ends_at=old - timedelta(days=9) + timedelta(hours=1),
    )
    past = make_event(
        events_index, slug="past", starts_at=old, ends_at=old + timedelta(hours=1)
    )

    def pages(query):
        found, cursor = [], None
        while True:
            asked = {**query, "lang": "az", **({"cursor": cursor} if cursor else {})}
            body = client.get("/api/v1/events", asked).json()
            found.append([item["id"] for item in body["items"]])
            cursor = body["next"]
            if cursor is None:
                return found

    assert pages({}) == [[soonest.pk, same_time.pk], [later.pk]]
    assert pages({"past": "true"}) == [[past.pk, older.pk]]


@pytest.mark.parametrize(
    "cursor",
    [
        "@@",
        "MTIz",
        "eHx5",
        # "2031-05-16|1": a time without its zone
        "MjAzMS0wNS0xNnwx",
        # "0001-01-01T00:00:00+14:00|1": before the calendar in UTC
        "MDAwMS0wMS0wMVQwMDowMDowMCsxNDowMHwx",
    ],
)
def test_a_forged_event_cursor_is_a_problem(client, cursor):
    response = client.get("/api/v1/events", {"cursor": cursor})

    assert response.status_code == 422
    assert response.json()["type"] == "/api/v1/problems/invalid-input"
