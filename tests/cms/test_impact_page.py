"""The public impact page: live figures with their definitions, learners'
small counts hidden, computed at most once an hour per language."""

import pytest
from django.core.cache import cache
from django.utils import translation

from cms.models import HomePage, ImpactPage
from cms.models.impact import FIGURES_SECONDS, figures_now
from market.residents.models import ResidentStatus
from tests.factories import ResidentFactory

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
    assert '<p class="impact-figure__value">5-dən az</p>' in body
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
