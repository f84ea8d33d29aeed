"""The language switcher in the header of every page: it keeps the visitor on
the same page in the other language, and choosing Azerbaijani (no prefix)
really shows Azerbaijani, whatever the cookie or the browser says."""

import re

import pytest
from django.conf import settings
from wagtail.models import Locale

from catalogue.kinds import PHYSICAL
from cms.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

MARKET = "market.localhost:8000"


def switcher_links(html: str) -> list[tuple[str, str, str, str]]:
    """(href, hreflang, lang, name) of each link in the switcher."""
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    link = r'<a class="nav-link" href="([^"]*)" hreflang="([^"]*)" lang="([^"]*)">'
    return re.findall(link + r"([^<]*)</a>", switcher.group(0))


def current_language(html: str) -> list[str]:
    return re.findall(
        r'<span class="nav-link active" lang="([^"]*)" aria-current="page">', html
    )


@pytest.fixture
def about(sites):
    """A market page in Azerbaijani and English, not (yet) in Russian."""
    market_home = HomePage.objects.get(slug="market", locale__language_code="az")
    page = market_home.add_child(
        instance=StandardPage(title="Haqqımızda", slug="haqqimizda")
    )
    page.save_revision().publish()
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "About us"
    english.slug = "about"
    english.save_revision().publish()
    return page


def test_switcher_links_a_page_to_its_translation_and_home_without_one(client, about):
    response = client.get("/haqqimizda/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert current_language(html) == ["az"]
    assert switcher_links(html) == [
        ("/en/about/", "en", "en", "English"),
        # No Russian version yet: the site's home in Russian.
        ("/ru/", "ru", "ru", "Русский"),
    ]


def test_switcher_links_a_translation_back_to_the_original(client, about):
    response = client.get("/en/about/", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert current_language(html) == ["en"]
    assert switcher_links(html) == [
        ("/haqqimizda/", "az", "az", "Azərbaycanca"),
        ("/ru/", "ru", "ru", "Русский"),
    ]


def test_switcher_links_a_shop_page_to_the_same_path_and_query(
    client, sites, catalogue
):
    response = client.get("/en/shop/catalogue/?sort_by=price-desc", HTTP_HOST=MARKET)

    html = response.content.decode()
    assert current_language(html) == ["en"]
    assert switcher_links(html) == [
        ("/shop/catalogue/?sort_by=price-desc", "az", "az", "Azərbaycanca"),
        ("/ru/shop/catalogue/?sort_by=price-desc", "ru", "ru", "Русский"),
    ]


def test_switcher_replaces_oscars_language_form(client, sites, catalogue):
    product = catalogue[PHYSICAL]

    response = client.get(product.get_absolute_url(), HTTP_HOST=MARKET)

    html = response.content.decode()
    assert 'id="language_selector"' not in html
    assert switcher_links(html) == [
        (f"/en/shop/catalogue/{product.slug}_{product.pk}/", "en", "en", "English"),
        (f"/ru/shop/catalogue/{product.slug}_{product.pk}/", "ru", "ru", "Русский"),
    ]


def test_choosing_azerbaijani_shows_azerbaijani_whatever_the_cookie_says(
    client, sites, catalogue
):
    # Given a visitor who chose English before and whose browser asks for it
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(
        "/en/shop/catalogue/", HTTP_HOST=MARKET, HTTP_ACCEPT_LANGUAGE="en"
    )
    (azerbaijani_link, *_others) = switcher_links(english.content.decode())

    # When they follow the Azerbaijani link
    response = client.get(
        azerbaijani_link[0], HTTP_HOST=MARKET, HTTP_ACCEPT_LANGUAGE="en"
    )

    # Then the page is in Azerbaijani
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "az"
    assert '<html lang="az"' in html
    assert '<a href="/shop/catalogue/">Bütün məhsullar</a>' in html
    assert current_language(html) == ["az"]


def test_choosing_azerbaijani_through_set_language_shows_azerbaijani(
    client, sites, catalogue
):
    # set_language is given the Azerbaijani address itself: on its own
    # (language-neutral) address Django activates Azerbaijani, so it cannot
    # resolve an /en/ path (Wagtail's catch-all takes it).
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(
        "/i18n/setlang/",
        {"language": "az", "next": "/shop/catalogue/?sort_by=price-desc"},
        HTTP_HOST=MARKET,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    page = client.get(response["Location"], HTTP_HOST=MARKET, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert response["Location"] == "/shop/catalogue/?sort_by=price-desc"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "az"
    assert page.context["LANGUAGE_CODE"] == "az"
    assert '<html lang="az"' in page.content.decode()


def test_language_neutral_page_remembers_the_choice_with_set_language(client, sites):
    # A certificate check has one address in every language: the switcher
    # posts to set_language, and the page then shows the chosen language.
    response = client.get("/certificates/NO-SUCH-CODE/", HTTP_HOST=MARKET)

    html = response.content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(
        0
    )
    assert '<form class="form-inline mb-0" action="/i18n/setlang/" method="post">' in (
        switcher
    )
    assert (
        '<input name="next" type="hidden" value="/certificates/NO-SUCH-CODE/" />'
        in (switcher)
    )
    assert re.findall(r'name="language" value="([^"]*)"', switcher) == [
        "az",
        "en",
        "ru",
    ]

    chosen = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/certificates/NO-SUCH-CODE/"},
        HTTP_HOST=MARKET,
    )
    english = client.get(chosen["Location"], HTTP_HOST=MARKET)

    assert chosen["Location"] == "/certificates/NO-SUCH-CODE/"
    assert '<html lang="en"' in english.content.decode()
