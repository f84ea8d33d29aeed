"""Two Wagtail sites on one server, told apart by hostname, in three languages."""

import pytest
from wagtail.models import Site

from cms.models import HomePage
from market.demo import data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("host", "content"),
    [
        ("market.localhost:8000", data.MARKET_HOME),
        ("edu.localhost:8000", data.EDU_HOME),
    ],
)
def test_each_hostname_serves_its_own_home_page(
    client, sites, catalogue, host, content
):
    response = client.get("/", HTTP_HOST=host)

    assert response.status_code == 200
    assert response.context["page"].title == content["az"]["title"]
    assert content["az"]["hero_heading"] in response.content.decode()


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    ("host", "content"),
    [
        ("market.localhost:8000", data.MARKET_HOME),
        ("edu.localhost:8000", data.EDU_HOME),
    ],
)
def test_home_pages_are_translated(client, sites, host, content, language):
    response = client.get(f"/{language}/", HTTP_HOST=host)

    assert response.status_code == 200
    assert response.context["page"].title == content[language]["title"]
    assert response.context["page"].locale.language_code == language


def test_unknown_hostname_falls_back_to_the_market(client, sites):
    response = client.get("/", HTTP_HOST="127.0.0.1:8000")

    assert response.status_code == 200
    assert response.context["page"].title == data.MARKET_HOME["az"]["title"]


def test_two_sites_and_six_home_pages(sites):
    assert sorted(Site.objects.values_list("hostname", "is_default_site")) == [
        ("edu.localhost", False),
        ("market.localhost", True),
    ]
    assert HomePage.objects.count() == 6


def test_edu_home_lists_courses_only(client, sites, catalogue):
    response = client.get("/", HTTP_HOST="edu.localhost:8000")

    html = response.content.decode()
    assert catalogue["course"].title in html
    assert catalogue["physical"].title not in html


def test_market_home_lists_products_and_residents(client, sites, catalogue, resident):
    response = client.get("/", HTTP_HOST="market.localhost:8000")

    html = response.content.decode()
    assert catalogue["physical"].title in html
    assert resident.get_absolute_url() in html


@pytest.mark.parametrize(
    ("host", "language", "brand", "other_site_link"),
    [
        (
            "market.localhost:8000",
            "az",
            "Creative Market",
            "http://edu.localhost:8000/",
        ),
        ("edu.localhost:8000", "az", "Kreativ Edu", "http://market.localhost:8000/"),
        ("edu.localhost:8000", "ru", "Kreativ Edu", "http://market.localhost:8000/ru/"),
    ],
)
def test_header_names_the_site_and_links_the_other_in_the_same_language(
    client, sites, host, language, brand, other_site_link
):
    path = "/" if language == "az" else f"/{language}/"

    response = client.get(path, HTTP_HOST=host)

    html = response.content.decode()
    assert (
        f'<a class="brand-title" href="http://{host}{path}"><span class="brand-mark" '
        f'aria-hidden="true"></span><span class="brand-name">{brand}</span></a>'
    ) in html
    assert f'<a href="{other_site_link}">' in html
