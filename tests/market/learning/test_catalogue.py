"""Kreativ Edu's course catalogue: every listed course (not only those with a
landing page), the open ones first, filtered by topic, language, level,
place, price and dates through a GET form; forged filter values filter
nothing; a constant number of queries whatever the number of courses."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from oscar.apps.catalogue.categories import create_from_breadcrumbs

from catalogue.models import Product, ReviewStatus
from cms.models import CourseIndexPage, CourseLandingPage, HomePage
from cms.models import courses as course_pages
from market.learning.models import CourseLanguage, CourseLevel
from tests.factories import ProductFactory, course_product

pytestmark = pytest.mark.django_db

EDU = "edu.localhost:8000"


def _in(days: int, hours: int = 0):
    start = timezone.now() + timedelta(days=days, hours=hours)
    return (start, start + timedelta(hours=2))


@pytest.fixture
def catalogue_page(sites):
    edu = HomePage.objects.get(slug="edu", locale__language_code="az")
    page = edu.add_child(instance=CourseIndexPage(title="Kurslar", slug="kurslar"))
    page.save_revision().publish()
    return page


def _get(client, query: str = ""):
    with translation.override("en"):
        return client.get(f"/kurslar/{query}", HTTP_HOST=EDU)


def _titles(response) -> list[str]:
    return [course.product.title for course in response.context["course_list"]]


@pytest.fixture
def courses(resident):
    """Four courses of every kind of difference, and one not listed."""
    music = create_from_breadcrumbs("Kurslar > Musiqi")
    design = create_from_breadcrumbs("Kurslar > Dizayn")
    made = {
        "ableton": course_product(
            resident=resident,
            title="Ableton",
            price=Decimal("180.00"),
            sessions=[_in(10)],
            city="Bakı",
            language=CourseLanguage.AZ,
            level=CourseLevel.BEGINNER,
        ),
        "typography": course_product(
            resident=resident,
            title="Typography",
            price=Decimal("0.00"),
            sessions=[_in(40)],
            online=True,
            language=CourseLanguage.EN,
            level=CourseLevel.INTERMEDIATE,
        ),
        "carpet": course_product(
            resident=resident,
            title="Carpet",
            price=Decimal("0.00"),
            sessions=[_in(20)],
            city="Quba",
            language=CourseLanguage.AZ,
            level=CourseLevel.BEGINNER,
        ),
        # Began yesterday: enrolment closed, listed after the open ones.
        "talks": course_product(
            resident=resident,
            title="Talks",
            price=Decimal("0.00"),
            sessions=[_in(-1), _in(6)],
            city="Bakı",
            language=CourseLanguage.RU,
            level=CourseLevel.ADVANCED,
        ),
        "pending": course_product(
            resident=resident, title="Pending", sessions=[_in(5)]
        ),
    }
    for key in ("ableton",):
        made[key].categories.add(music)
    for key in ("typography", "carpet"):
        made[key].categories.add(design)
    Product.objects.filter(pk=made["pending"].pk).update(
        review_status=ReviewStatus.PENDING
    )
    return made


def test_the_catalogue_lists_every_listed_course_open_ones_first(
    client, catalogue_page, courses
):
    response = _get(client)

    assert response.status_code == 200
    assert _titles(response) == ["Ableton", "Carpet", "Typography", "Talks"]
    assert [course.card.availability for course in response.context["course_list"]] == [
        "open",
        "open",
        "open",
        "closed",
    ]
    html = response.content.decode()
    assert '<h2 id="course-results-heading" class="course-results__count" ' in html
    with translation.override("az"):
        count = ngettext("%(counter)s course", "%(counter)s courses", 4) % {
            "counter": 4
        }
    assert f">{count}</h2>" in html
    # Every card links to the course's page on Kreativ Edu (here: the
    # catalogue's own page of it), not to the shop.
    ableton = courses["ableton"]
    assert response.context["course_list"][0].url == f"/kurslar/{ableton.pk}/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?language=en", ["Typography"]),
        ("?language=az", ["Ableton", "Carpet"]),
        ("?level=beginner", ["Ableton", "Carpet"]),
        ("?level=advanced", ["Talks"]),
        ("?region=online", ["Typography"]),
        ("?region=Quba", ["Carpet"]),
        ("?price=free", ["Carpet", "Typography", "Talks"]),
        ("?price=paid", ["Ableton"]),
        ("?topic=dizayn", ["Carpet", "Typography"]),
        ("?topic=musiqi", ["Ableton"]),
        # A category holding no course itself is not a topic: nothing filtered.
        ("?topic=kurslar", ["Ableton", "Carpet", "Typography", "Talks"]),
        ("?open_only=on", ["Ableton", "Carpet", "Typography"]),
        ("?price=free&language=az", ["Carpet"]),
    ],
)
def test_each_filter_keeps_the_matching_courses(
    client, catalogue_page, courses, query, expected
):
    response = _get(client, query)

    assert response.status_code == 200
    assert _titles(response) == expected


def test_the_date_range_keeps_courses_with_a_session_in_it(
    client, catalogue_page, courses
):
    start = (timezone.localdate() + timedelta(days=15)).isoformat()
    end = (timezone.localdate() + timedelta(days=45)).isoformat()

    response = _get(client, f"?starts_after={start}&starts_before={end}")

    assert _titles(response) == ["Carpet", "Typography"]


def test_a_date_range_that_ends_before_it_starts_is_a_field_error(
    client, catalogue_page, courses
):
    response = _get(client, "?starts_after=2027-05-01&starts_before=2027-04-01")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "starts_before": [_az("Choose a date after the first one.")]
    }


@pytest.mark.parametrize(
    "query",
    [
        "?language=xx",
        "?level=%E2%80%AEguru",
        "?region=<script>",
        "?price=cheap",
        "?topic=../../etc",
        "?starts_after=yesterday",
        "?page=999999",
        "?page=-1",
    ],
)
def test_a_forged_filter_filters_nothing(client, catalogue_page, courses, query):
    response = _get(client, query)

    assert response.status_code == 200
    assert _titles(response) == ["Ableton", "Carpet", "Typography", "Talks"]
    assert "<script>" not in response.content.decode().split("course-filters")[1]


def test_no_course_matching_says_so(client, catalogue_page, courses):
    response = _get(client, "?language=ru&price=paid")

    html = response.content.decode()
    assert _titles(response) == []
    no_match = _az("No courses match these filters.")
    assert f"<p><strong>{no_match}</strong></p>" in html
    assert f'<a href="/kurslar/">{_az("See every course")}</a>' in html


def test_more_courses_than_a_page_go_on_to_the_next(
    client, catalogue_page, courses, monkeypatch
):
    monkeypatch.setattr(course_pages, "COURSES_PER_PAGE", 3)

    first = _get(client, "?price=&page=1")
    second = _get(client, "?price=&page=2")

    assert _titles(first) == ["Ableton", "Carpet", "Typography"]
    assert _titles(second) == ["Talks"]
    assert '<a rel="next" href="?price=&amp;page=2">' in first.content.decode()


def _query_count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = _get(client)
    assert response.status_code == 200
    return len(queries)


def test_the_catalogue_costs_the_same_queries_for_2_and_10_courses(
    client, catalogue_page, resident, django_assert_num_queries
):
    for number in range(2):
        course_product(resident=resident, title=f"K{number}", sessions=[_in(3)])
    _get(client)  # warm the caches every page shares (site, locales)
    with_two = _query_count(client)
    for number in range(2, 10):
        course_product(resident=resident, title=f"K{number}", sessions=[_in(3)])

    with django_assert_num_queries(with_two):
        response = _get(client)

    assert len(response.context["course_list"]) == 10


# A course without a landing page has its page in the catalogue


def test_a_course_without_landing_page_has_its_page_on_kreativ_edu(
    client, catalogue_page, courses
):
    ableton = courses["ableton"]

    with translation.override("en"):
        response = client.get(f"/kurslar/{ableton.pk}/", HTTP_HOST=EDU)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Ableton</h1>" in html
    assert 'id="course-panel"' in html
    assert f'<a href="/kurslar/">&larr; {_az("All courses")}</a>' in html


def test_a_course_with_a_landing_page_sends_there(client, catalogue_page, courses):
    carpet = courses["carpet"]
    landing = catalogue_page.add_child(
        instance=CourseLandingPage(title="Xalça", slug="xalca", product=carpet)
    )
    landing.save_revision().publish()

    response = client.get(f"/kurslar/{carpet.pk}/", HTTP_HOST=EDU)

    assert response.status_code == 302
    assert response["Location"] == "/kurslar/xalca/"


@pytest.mark.parametrize("which", ["pending", "carpet-product", "unknown"])
def test_no_page_for_an_unlisted_course_or_another_product(
    client, catalogue_page, courses, resident, which
):
    pk = {
        "pending": lambda: courses["pending"].pk,
        "carpet-product": lambda: ProductFactory(resident=resident).pk,
        "unknown": lambda: 987654,
    }[which]()

    response = client.get(f"/kurslar/{pk}/", HTTP_HOST=EDU)

    assert response.status_code == 404


def _az(text: str) -> str:
    """What the (Azerbaijani) page says for `text`."""
    with translation.override("az"):
        return gettext(text)
