"""The public impact page: live figures with their definitions, learners'
small counts hidden, computed at most once an hour per language."""

import pytest
from django.core.cache import cache
from django.utils import translation

from cms.models import HomePage, ImpactPage
from cms.models.impact import FIGURES_SECONDS, figures_now
from market.learning.models import Certificate, LearnerProfile, Seat, SeatSource
from market.residents.models import ResidentStatus
from tests.factories import ResidentFactory, UserFactory, course_product

pytestmark = pytest.mark.django_db

HOST = "market.localhost:8000"


@pytest.fixture
def impact_page(sites):
    home = HomePage.objects.get(slug="market", locale__language_code="az")
    page = ImpactPage(
        title="Rəqəmlərlə Mərkəz",
        slug="tesir",
        intro="Canlı rəqəmlər.",
        figures=[
            ("figure", "residents"),
            ("figure", "startups"),
            ("figure", "learners"),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    cache.clear()
    return page


def _figures(response) -> list[tuple[str, str]]:
    return [
        (figure["label"], figure["value"])
        for figure in response.context["shown_figures"]
    ]


def test_the_page_shows_the_chosen_figures_in_order(client, impact_page):
    ResidentFactory(startup_name="")
    ResidentFactory(startup_name="Səs Lab")
    ResidentFactory(startup_name="Oyun", status=ResidentStatus.SUSPENDED)

    response = client.get("/tesir/", HTTP_HOST=HOST)

    assert response.status_code == 200
    assert _figures(response) == [
        ("Rezidentlər", 2),
        ("Start-aplar", 1),
        ("Dinləyicilər", None),
    ]
    body = response.content.decode()
    # Learners: none yet, fewer than 5: the words, never the number.
    assert (
        '<p class="impact-figure__value impact-figure__value--fewer">5-dən az</p>'
        in body
    )
    assert '<p class="impact-figure__value">0</p>' not in body
    assert "Mərkəzin burada satışa təsdiqlədiyi kreativ bizneslər." in body


def test_the_figures_are_computed_once_an_hour_per_language(client, impact_page):
    ResidentFactory()
    client.get("/tesir/", HTTP_HOST=HOST)
    ResidentFactory()

    cached = client.get("/tesir/", HTTP_HOST=HOST)
    with translation.override("en"):
        english = figures_now()

    # The second resident shows only when the hour's figures run out; each
    # language has its own hour (English was computed just now).
    assert _figures(cached)[0] == ("Rezidentlər", 1)
    assert english["figures"]["residents"]["label"] == "Residents"
    assert english["figures"]["residents"]["value"] == 2
    assert FIGURES_SECONDS == 3600
    cache.clear()
    fresh = client.get("/tesir/", HTTP_HOST=HOST)
    assert _figures(fresh)[0] == ("Rezidentlər", 2)


def test_a_cached_page_runs_no_figure_query(client, impact_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/tesir/", HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as queries:
        client.get("/tesir/", HTTP_HOST=HOST)

    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "residents_resident" not in tables
    assert "learning_seat" not in tables
    assert "export_parcel" not in tables


def test_the_page_can_only_go_under_a_home_page():
    assert ImpactPage.parent_page_types == ["cms.HomePage"]
    assert ImpactPage.subpage_types == []
    assert "cms.ImpactPage" in HomePage.subpage_types


def _learners(course, regions: list[str]) -> list[Seat]:
    seats = []
    for region in regions:
        learner = UserFactory()
        LearnerProfile.objects.create(
            user=learner, region=region, region_consent=bool(region)
        )
        seats.append(
            Seat.objects.create(course=course, learner=learner, source=SeatSource.FREE)
        )
    return seats


@pytest.fixture
def edu_page(sites):
    home = HomePage.objects.get(slug="edu", locale__language_code="az")
    page = ImpactPage(
        title="Rəqəmlərlə Kreativ Edu",
        slug="tesir",
        figures=[
            ("figure", "learners"),
            ("figure", "regions"),
            ("figure", "certificates"),
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    cache.clear()
    return page


def test_learners_under_five_show_as_words_and_never_as_the_number(client, edu_page):
    course = course_product(resident=ResidentFactory(), capacity=100)
    seats = _learners(course, ["baku", "ganja-dashkasan", "baku"])
    Certificate.objects.create(
        seat=seats[0], learner_name="A", course_title="C", completed_on="2026-09-01"
    )

    response = client.get("/tesir/", HTTP_HOST="edu.localhost:8000")

    assert response.status_code == 200
    assert _figures(response) == [
        ("Dinləyicilər", None),
        ("Çatdığımız regionlar", 2),
        ("Sertifikatlar", None),
    ]
    body = response.content.decode()
    assert body.count("impact-figure__value--fewer") == 2
    assert '<p class="impact-figure__value">3</p>' not in body
    assert '<p class="impact-figure__value">1</p>' not in body
    assert '<p class="impact-figure__value">2</p>' in body


def test_five_learners_and_more_are_shown_exactly(client, edu_page):
    course = course_product(resident=ResidentFactory(), capacity=100)
    _learners(course, ["baku", "baku", "sheki-zagatala", "", "lankaran-astara", ""])

    response = client.get("/tesir/", HTTP_HOST="edu.localhost:8000")

    assert _figures(response) == [
        ("Dinləyicilər", 6),
        ("Çatdığımız regionlar", 3),
        ("Sertifikatlar", None),
    ]
    assert '<p class="impact-figure__value">6</p>' in response.content.decode()


def test_the_figures_are_given_in_the_visitor_language(impact_page):
    ResidentFactory()
    with translation.override("ru"):
        russian = figures_now()
    with translation.override("az"):
        azerbaijani = figures_now()

    assert russian["figures"]["residents"]["label"] == "Резиденты"
    assert azerbaijani["figures"]["residents"]["label"] == "Rezidentlər"
    assert cache.get("impact:public-figures:v1:ru") == russian
    assert cache.get("impact:public-figures:v1:az") == azerbaijani
