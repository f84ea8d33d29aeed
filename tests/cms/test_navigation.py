"""The header and footer of both sites link the Centre's pages (programmes,
studios, events, stories, about, delivery and returns, terms, privacy,
contact) from the Wagtail page tree, each in the visitor's language, through
one cached selector: a cache hit costs no query, and publishing a page
refreshes the links."""

import re

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from cms.models import (
    ContactPage,
    EventIndexPage,
    HomePage,
    ProgrammePage,
    StandardPage,
    StoryIndexPage,
    StudioIndexPage,
)
from cms.selectors import centre_links

pytestmark = pytest.mark.django_db

MARKET = "market.localhost:8000"
EDU = "edu.localhost:8000"


def _home(slug: str) -> HomePage:
    return HomePage.objects.get(slug=slug, locale__language_code="az")


def _add(parent, page):
    page = parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(page, language: str, title: str, slug: str):
    translation = page.copy_for_translation(Locale.objects.get(language_code=language))
    translation.title = title
    translation.slug = slug
    translation.save_revision().publish()
    return translation


@pytest.fixture
def centre(sites):
    """The market's Centre pages in Azerbaijani, most also in English; the
    edu site's own about page."""
    market = _home("market")
    pages = {
        "music": _add(
            market, ProgrammePage(title="Musiqi", slug="musiqi", programme="music")
        ),
        "studios": _add(market, StudioIndexPage(title="Studiyalar", slug="studiyalar")),
        "events": _add(market, EventIndexPage(title="Tədbirlər", slug="tedbirler")),
        "stories": _add(market, StoryIndexPage(title="Hekayələr", slug="hekayeler")),
        "about": _add(market, StandardPage(title="Haqqımızda", slug="haqqimizda")),
        "terms": _add(
            market,
            StandardPage(title="İstifadə qaydaları", slug="istifade-qaydalari"),
        ),
        "privacy": _add(market, StandardPage(title="Məxfilik", slug="mexfilik")),
        "delivery": _add(
            market,
            StandardPage(title="Çatdırılma və qaytarma", slug="catdirilma-ve-qaytarma"),
        ),
        "contact": _add(
            market,
            ContactPage(title="Əlaqə", slug="elaqe", to_address="a@example.az"),
        ),
        "other": _add(market, StandardPage(title="Başqa", slug="basqa")),
    }
    english = {
        "music": ("Music", "music"),
        "studios": ("Studios", "studios"),
        "about": ("About us", "about"),
        "terms": ("Terms of use", "terms"),
        "delivery": ("Delivery and returns", "delivery-and-returns"),
    }
    for name, (title, slug) in english.items():
        _translate(pages[name], "en", title, slug)
    _add(_home("edu"), StandardPage(title="Kreativ Edu haqqında", slug="haqqimizda"))
    cache.clear()
    return pages


def footer_links(html: str) -> list[tuple[str, str]]:
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    return re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', footer)


def test_market_footer_links_the_centre_in_english(client, centre):
    response = client.get("/en/", HTTP_HOST=MARKET)

    assert footer_links(response.content.decode()) == [
        ("/en/shop/catalogue/", "All products"),
        ("/en/shop/residents/", "Residents"),
        ("/en/shop/residents/apply/", "Open a shop"),
        ("/en/shop/basket/", "Cart"),  # Oscar's English catalogue
        ("/en/music/", "Music"),
        ("/en/studios/", "Studios"),
        # Not translated yet: the Azerbaijani page, at its own address.
        ("/tedbirler/", "Tədbirlər"),
        ("/hekayeler/", "Hekayələr"),
        ("/en/about/", "About us"),
        ("/en/delivery-and-returns/", "Delivery and returns"),
        ("/en/terms/", "Terms of use"),
        ("/mexfilik/", "Məxfilik"),
        ("/elaqe/", "Əlaqə"),
    ]


def test_market_footer_in_azerbaijani(client, centre):
    response = client.get("/", HTTP_HOST=MARKET)

    links = dict(footer_links(response.content.decode()))
    assert links["/haqqimizda/"] == "Haqqımızda"
    assert links["/catdirilma-ve-qaytarma/"] == "Çatdırılma və qaytarma"
    assert links["/istifade-qaydalari/"] == "İstifadə qaydaları"
    assert "/basqa/" not in links


def test_edu_footer_links_its_own_about_and_the_markets_terms(client, centre):
    response = client.get("/", HTTP_HOST=EDU)

    links = dict(footer_links(response.content.decode()))
    assert links["/haqqimizda/"] == "Kreativ Edu haqqında"
    assert links["http://market.localhost:8000/istifade-qaydalari/"] == (
        "İstifadə qaydaları"
    )
    assert links["http://market.localhost:8000/elaqe/"] == "Əlaqə"


def test_header_links_the_centre(client, centre):
    response = client.get("/en/", HTTP_HOST=MARKET)

    nav = re.search(
        r'<nav class="site-nav".*?</nav>', response.content.decode(), re.S
    ).group(0)
    assert re.findall(r'href="([^"]*)"', nav) == [
        "/en/shop/catalogue/",
        "/en/shop/residents/",
        "/en/music/",
        "/en/studios/",
        "/tedbirler/",
        "/hekayeler/",
        "http://edu.localhost:8000/en/",
        "/en/about/",
    ]


def test_centre_links_cost_no_query_when_cached(centre, django_assert_num_queries):
    # Sites, home pages, view restrictions, the pages, and Wagtail's site
    # root paths (a site, then each site's home in every language).
    with django_assert_num_queries(7):
        centre_links(language="en")

    with django_assert_num_queries(0):
        links = centre_links(language="en")

    market_links = next(site for site in links.values() if "terms" in site)
    assert market_links["terms"].title == "Terms of use"


def test_home_page_queries_do_not_grow_with_the_centres_pages(
    client, centre, django_assert_max_num_queries
):
    client.get("/en/", HTTP_HOST=MARKET)  # fills the caches
    with django_assert_max_num_queries(60) as first:
        client.get("/en/", HTTP_HOST=MARKET)
    # The next request resets Django's query log: count now.
    count = len(first.captured_queries)
    market = _home("market")
    for number in range(3):
        _add(market, StandardPage(title=f"Səhifə {number}", slug=f"sehife-{number}"))
    client.get("/en/", HTTP_HOST=MARKET)  # the publications forgot the links

    with django_assert_max_num_queries(count) as second:
        client.get("/en/", HTTP_HOST=MARKET)
        assert len(second.captured_queries) == count


def test_publishing_a_translation_refreshes_the_links(client, centre):
    client.get("/en/", HTTP_HOST=MARKET)

    _translate(centre["privacy"], "en", "Privacy policy", "privacy")

    links = dict(footer_links(client.get("/en/", HTTP_HOST=MARKET).content.decode()))
    assert links["/en/privacy/"] == "Privacy policy"


def test_unpublished_page_leaves_the_footer(client, centre):
    centre["terms"].unpublish()

    links = dict(footer_links(client.get("/", HTTP_HOST=MARKET).content.decode()))
    assert "/istifade-qaydalari/" not in links
