"""The product lists with their facet sidebar, the search results page and
the search box's suggestions, on the database backend."""

from decimal import Decimal
from unittest.mock import patch

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from search.backends import PriceBand, SearchBackend, SearchUnavailable
from search.backends.database import DatabaseBackend
from search.backends.resilient import ResilientBackend
from search.facets import BuyerCurrency, price_bands
from search.views import CatalogueView
from tests.factories import CategoryFactory, ProductFactory, ResidentFactory
from tests.factories.shipping import ships_to

pytestmark = pytest.mark.django_db

MARKET = {"HTTP_HOST": "market.localhost:8000"}
SHIPPED = {"weight_grams": 500, "hs_code": "5701.10", "country_of_origin": "AZ"}


def _counts(response) -> dict[str, dict[str, int]]:
    return {
        group.name: {option.value: option.count for option in group.options}
        for group in response.context["facet_groups"]
    }


def _labels(response, facet: str) -> dict[str, str]:
    (group,) = [g for g in response.context["facet_groups"] if g.name == facet]
    return {option.value: option.label for option in group.options}


def _pks(response) -> list[int]:
    return [product.pk for product in response.context["products"]]


def _choose_currency(client, currency: str) -> None:
    response = client.post(
        reverse("currencies:set"), {"currency": currency, "next": "/"}, **MARKET
    )
    assert response.status_code == 302
    assert client.session["currency"] == currency


def test_catalogue_counts_every_facet(client, catalogue, resident):
    response = client.get(reverse("catalogue:index"), **MARKET)

    assert response.status_code == 200
    assert _counts(response) == {
        "kind": {PHYSICAL: 1, DIGITAL: 1, SERVICE: 1, COURSE: 1},
        "category": {str(catalogue["category"].pk): 1},
        # 0 and 15 AZN, 40 AZN, 450 AZN
        "price": {"0-25": 2, "25-50": 1, "200-500": 1},
        "programme": {"cultech": 4},
        "resident": {str(resident.partner_id): 4},
        # The carpet's shipping profile (Free delivery).
        "ships_to": {"AZ": 1, "DE": 1, "GE": 1, "TR": 1},
        "language": {"az": 1},
        "in_stock": {"1": 4},
    }
    assert response.context["degraded"] is False


def test_facet_labels_in_the_visitors_language(client, catalogue, resident):
    with translation.override("en"):
        response = client.get(reverse("catalogue:index"), **MARKET)

    assert _labels(response, "kind") == {
        PHYSICAL: "Physical goods",
        DIGITAL: "Digital files",
        SERVICE: "Services",
        COURSE: "Courses",
    }
    assert _labels(response, "category") == {str(catalogue["category"].pk): "Xalçalar"}
    assert _labels(response, "programme") == {"cultech": "Cultech"}
    assert _labels(response, "resident") == {str(resident.partner_id): "Xalça Atelier"}
    assert _labels(response, "language") == {"az": "Azerbaijani"}
    assert _labels(response, "price") == {
        "0-25": "Under ₼25",
        "25-50": "₼25 – ₼50",
        "200-500": "₼200 – ₼500",
    }
    assert _labels(response, "in_stock") == {"1": "In stock"}


def test_course_facets_label_levels_and_keep_free_text(
    client, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for level, region in (("beginner", "Bakı"), ("masterclass", "online")):
            ProductFactory(
                resident=resident,
                kind=COURSE,
                attributes={
                    "capacity": 5,
                    "language": "ru",
                    "level": level,
                    "region": region,
                },
            )

    with translation.override("ru"):
        response = client.get(reverse("catalogue:index"), **MARKET)
        beginner = gettext("Beginner")

    assert _labels(response, "level") == {
        "beginner": beginner,
        "masterclass": "masterclass",
    }
    # A known Azerbaijani place in the visitor's spelling; other text as is.
    assert _labels(response, "region") == {"Bakı": "Баку", "online": "online"}
    assert _labels(response, "language") == {"ru": "Русский"}


def test_selecting_a_kind_keeps_the_other_kinds_and_narrows_the_other_facets(
    client, catalogue, resident
):
    response = client.get(reverse("catalogue:index"), {"kind": PHYSICAL}, **MARKET)

    assert _pks(response) == [catalogue[PHYSICAL].pk]
    assert _counts(response) == {
        "kind": {PHYSICAL: 1, DIGITAL: 1, SERVICE: 1, COURSE: 1},
        "category": {str(catalogue["category"].pk): 1},
        "price": {"200-500": 1},
        "programme": {"cultech": 1},
        "resident": {str(resident.partner_id): 1},
        "ships_to": {"AZ": 1, "DE": 1, "GE": 1, "TR": 1},
        "in_stock": {"1": 1},
    }
    (kinds,) = [g for g in response.context["facet_groups"] if g.name == "kind"]
    assert [option.value for option in kinds.options if option.selected] == [PHYSICAL]


def test_two_kinds_are_alternatives(client, catalogue):
    response = client.get(
        reverse("catalogue:index"),
        {"kind": [DIGITAL, SERVICE], "sort_by": "price-asc"},
        **MARKET,
    )

    assert _pks(response) == [catalogue[DIGITAL].pk, catalogue[SERVICE].pk]


@pytest.fixture
def shipped_to_germany(resident, django_capture_on_commit_callbacks):
    """Physical goods on both sides of 200 EUR (at 0.54 EUR for 1 AZN), some
    shipping to Germany (their shipping profiles say where), and a digital
    file that is never shipped."""
    with django_capture_on_commit_callbacks(execute=True):
        products = {
            # 370.37 AZN is shown as 200.00 EUR: at most 200 EUR.
            "at_200": ProductFactory(
                resident=resident, price=Decimal("370.37"), attributes=SHIPPED
            ),
            # 370.38 AZN is shown as 200.01 EUR.
            "over_200": ProductFactory(
                resident=resident, price=Decimal("370.38"), attributes=SHIPPED
            ),
            "france_only": ProductFactory(
                resident=resident, price=Decimal("100.00"), attributes=SHIPPED
            ),
            "europe": ProductFactory(
                resident=resident, price=Decimal("50.00"), attributes=SHIPPED
            ),
            # No shipping profile: ships nowhere, found under no country.
            "no_profile": ProductFactory(
                resident=resident, price=Decimal("40.00"), attributes=SHIPPED
            ),
            "file": ProductFactory(
                resident=resident,
                kind=DIGITAL,
                price=Decimal("10.00"),
                num_in_stock=None,
                attributes={"file_format": "PDF"},
            ),
        }
        ships_to(products["at_200"], ["DE", "FR"])
        ships_to(products["over_200"], ["DE"])
        ships_to(products["france_only"], ["FR"])
        ships_to(products["europe"], ["DE", "FR"])
    return products


def test_ships_to_germany_under_200_eur(client, rates, shipped_to_germany):
    products = shipped_to_germany
    _choose_currency(client, "EUR")

    response = client.get(
        reverse("catalogue:index"),
        {"ships_to": "DE", "price_max": "200", "sort_by": "price-asc"},
        **MARKET,
    )

    assert response.status_code == 200
    assert _pks(response) == [products["europe"].pk, products["at_200"].pk]
    # Every other facet counts within "ships to DE" and "at most 200 EUR";
    # the countries themselves are counted without the DE selection.
    assert _counts(response)["ships_to"] == {"DE": 2, "FR": 3}
    assert _counts(response)["kind"] == {PHYSICAL: 2}
    assert response.context["buyer_currency"] == "EUR"


def test_country_names_in_the_visitors_language(client, shipped_to_germany):
    with translation.override("az"):
        response = client.get(reverse("catalogue:index"), **MARKET)

    assert _labels(response, "ships_to") == {"DE": "Almaniya", "FR": "Fransa"}


def test_price_bands_in_eur(client, rates, catalogue):
    _choose_currency(client, "EUR")

    with translation.override("en"):
        response = client.get(reverse("catalogue:index"), {"price": "15-30"})

    # 0 AZN and 15 AZN (8.10 EUR); 40 AZN (21.60 EUR); 450 AZN (243.00 EUR).
    assert _counts(response)["price"] == {"0-15": 2, "15-30": 1, "120-300": 1}
    assert _labels(response, "price") == {
        "0-15": "Under €15",
        "15-30": "€15 – €30",
        "120-300": "€120 – €300",
    }
    assert _pks(response) == [catalogue[SERVICE].pk]


def test_a_band_kept_from_another_currency_is_read_in_the_buyers_currency(
    client, rates, catalogue
):
    _choose_currency(client, "EUR")

    # 40 AZN is 21.60 EUR.
    with translation.override("en"):
        response = client.get(reverse("catalogue:index"), {"price": "20-25"})

    assert _pks(response) == [catalogue[SERVICE].pk]
    assert _labels(response, "price")["20-25"] == "€20 – €25"
    assert _counts(response)["price"]["20-25"] == 1


def test_price_bands_are_the_shown_prices_converted_back_to_azn():
    bands = price_bands(BuyerCurrency(code="EUR", rate=Decimal("0.54")))

    assert [band.key for band in bands] == [
        "0-15",
        "15-30",
        "30-60",
        "60-120",
        "120-300",
        "300-600",
        "600-",
    ]
    # A band holds what is shown (rounded half up) from its lower edge to
    # below its upper edge: the edge less half a cent, divided by the rate.
    assert bands[1] == PriceBand(
        key="15-30",
        lower=Decimal("14.995") / Decimal("0.54"),
        upper=Decimal("29.995") / Decimal("0.54"),
    )
    assert bands[0].lower is None
    assert bands[-1].upper is None


def test_azn_bands_are_the_edges():
    bands = price_bands(BuyerCurrency(code="AZN", rate=Decimal("1")))

    assert bands[2] == PriceBand(key="50-100", lower=Decimal(50), upper=Decimal(100))
    assert bands[-1] == PriceBand(key="1000-", lower=Decimal(1000), upper=None)


def test_a_product_shown_at_a_band_edge_is_in_the_band_above(
    client, rates, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        # 222.21 AZN is shown as 119.99 EUR, 222.22 AZN as 120.00 EUR.
        below = ProductFactory(resident=resident, price=Decimal("222.21"))
        at_edge = ProductFactory(resident=resident, price=Decimal("222.22"))
    _choose_currency(client, "EUR")

    low = client.get(reverse("catalogue:index"), {"price": "60-120"})
    high = client.get(reverse("catalogue:index"), {"price": "120-300"})

    assert _pks(low) == [below.pk]
    assert _pks(high) == [at_edge.pk]
    assert _counts(high)["price"] == {"60-120": 1, "120-300": 1}


def test_price_min_is_in_the_buyers_currency(client, rates, catalogue):
    _choose_currency(client, "USD")

    # 40 AZN is 23.53 USD, 450 AZN 264.69 USD.
    response = client.get(
        reverse("catalogue:index"),
        {"price_min": "23.53", "sort_by": "price-asc"},
        **MARKET,
    )

    assert _pks(response) == [catalogue[SERVICE].pk, catalogue[PHYSICAL].pk]


def test_price_written_with_a_decimal_comma_in_azerbaijani(client, catalogue):
    response = client.get(
        reverse("catalogue:index"), {"price_max": "15,00", "sort_by": "price-asc"}
    )

    assert response.context["form"].errors == {}
    assert _pks(response) == [catalogue[COURSE].pk, catalogue[DIGITAL].pk]


def test_garbage_parameters_are_ignored_or_match_nothing(client, catalogue):
    response = client.get(
        reverse("catalogue:index"),
        {
            "price_min": "abc",
            "price_max": "-5",
            "page": "x",
            "sort_by": "drop table",
            "q": "q" * 1000,
            "category": "1 OR 1=1",
        },
        **MARKET,
    )

    assert response.status_code == 200
    with translation.override("az"):
        invalid = gettext("Enter a price as a number, for example 25 or 19.99.")
        negative = gettext("A price cannot be below zero.")
    assert response.context["form"].errors == {
        "price_min": [invalid],
        "price_max": [negative],
    }
    html = response.content.decode()
    assert (
        f'<p class="invalid-feedback d-block" id="id_price_min-error">{invalid}</p>'
        in html
    )
    assert response.context["page_obj"].number == 1
    assert _pks(response) == []
    assert response.context["query_string"] == (
        "q=" + "q" * 200 + "&category=1+OR+1%3D1"
    )


def test_five_hundred_values_are_cut_to_fifty(client, catalogue):
    values = [f"region-{number}" for number in range(500)] + ["Bakı"]

    response = client.get(reverse("catalogue:index"), {"region": values}, **MARKET)

    assert response.status_code == 200
    assert _pks(response) == []
    assert response.context["form"].selections() == {"region": values[:50]}


def test_unknown_kinds_are_ignored(client, catalogue):
    values = [f"kind-{number}" for number in range(500)] + [PHYSICAL]

    response = client.get(reverse("catalogue:index"), {"kind": values}, **MARKET)

    assert response.status_code == 200
    assert _pks(response) == [catalogue[PHYSICAL].pk]
    assert response.context["form"].selections() == {"kind": [PHYSICAL]}


def test_unknown_price_band_matches_nothing(client, catalogue):
    with translation.override("en"):
        response = client.get(reverse("catalogue:index"), {"price": ["cheap", "9-3"]})

    assert response.status_code == 200
    assert _pks(response) == []
    assert _counts(response)["price"] == {
        "0-25": 2,
        "25-50": 1,
        "200-500": 1,
        "cheap": 0,
        "9-3": 0,
    }
    assert _labels(response, "price")["cheap"] == "cheap"


def test_lowest_above_highest_price_is_an_error(client, catalogue):
    response = client.get(
        reverse("catalogue:index"), {"price_min": "100", "price_max": "10"}
    )

    with translation.override("az"):
        expected = gettext("The highest price must not be below the lowest.")
    assert response.context["form"].errors == {"price_max": [expected]}
    assert _pks(response) == [catalogue[PHYSICAL].pk]


def test_page_past_the_end_is_not_found(client, catalogue):
    response = client.get(reverse("catalogue:index"), {"page": "9999"}, **MARKET)

    assert response.status_code == 404


def test_pagination_keeps_the_selections(client, catalogue, monkeypatch):
    monkeypatch.setattr(CatalogueView, "paginate_by", 2)
    params = {"kind": [DIGITAL, SERVICE, COURSE], "sort_by": "price-asc"}

    first = client.get(reverse("catalogue:index"), params, **MARKET)
    next_link = (
        "?sort_by=price-asc&amp;kind=digital&amp;kind=service&amp;kind=course"
        "&amp;page=2"
    )
    second = client.get(
        reverse("catalogue:index") + next_link.replace("&amp;", "&"), **MARKET
    )

    assert _pks(first) == [catalogue[COURSE].pk, catalogue[DIGITAL].pk]
    assert f'href="{next_link}"' in first.content.decode()
    assert _pks(second) == [catalogue[SERVICE].pk]
    assert _counts(second)["kind"] == {PHYSICAL: 1, DIGITAL: 1, SERVICE: 1, COURSE: 1}


def test_sort_form_and_clear_all_keep_the_words_and_drop_the_filters(client, catalogue):
    response = client.get(
        reverse("search:search"),
        {"q": "xalça", "kind": PHYSICAL, "sort_by": "title", "price_min": "1"},
        **MARKET,
    )
    html = response.content.decode()

    assert response.context["hidden_params"] == [
        ("q", "xalça"),
        ("kind", PHYSICAL),
        ("price_min", "1"),
    ]
    assert response.context["clear_url"] == "?q=xal%C3%A7a&sort_by=title"
    assert 'href="?q=xal%C3%A7a&amp;sort_by=title"' in html


def test_category_page_offers_its_subcategories(
    client, resident, django_capture_on_commit_callbacks
):
    crafts = CategoryFactory(name="Sənətkarlıq", slug="crafts")
    carpets = crafts.add_child(name="Xalçalar", slug="carpets")
    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(resident=resident, categories=[carpets], attributes=SHIPPED)
        ProductFactory(resident=resident, categories=[crafts], attributes=SHIPPED)

    response = client.get(crafts.get_absolute_url(), **MARKET)
    index = client.get(reverse("catalogue:index"), **MARKET)

    assert _counts(response)["category"] == {str(carpets.pk): 1}
    assert _counts(index)["category"] == {str(crafts.pk): 2, str(carpets.pk): 1}
    (categories,) = [g for g in index.context["facet_groups"] if g.name == "category"]
    assert [option.depth for option in categories.options] == [0, 1]


class UnreachableCluster(SearchBackend):
    """Stands in for an Elasticsearch cluster that cannot be reached."""

    def search_products(self, query, *, offset, limit):
        raise SearchUnavailable("connection refused")

    def suggest(self, text, *, limit=8):
        raise SearchUnavailable("connection refused")

    def index_documents(self, documents, removed_ids):
        raise SearchUnavailable("connection refused")

    def rebuild(self, documents, *, total, progress):
        raise SearchUnavailable("connection refused")


def test_degraded_answers_are_shown_with_a_notice(client, catalogue):
    backend = ResilientBackend(UnreachableCluster(), DatabaseBackend())

    with patch("search.views.get_backend", return_value=backend):
        response = client.get(reverse("search:search"), {"q": "quba"}, **MARKET)
        suggestions = client.get(reverse("search:suggest"), {"q": "qub"})

    assert response.status_code == 200
    assert response.context["degraded"] is True
    assert _pks(response) == [catalogue[PHYSICAL].pk]
    with translation.override("az"):
        notice = gettext(
            "Search is running in a simplified mode; some results may be missing."
        )
    assert notice in response.content.decode()
    assert suggestions.json()["suggestions"][0]["title"] == "Quba xalçası"


def test_no_notice_when_the_backend_answers(client, catalogue):
    response = client.get(reverse("catalogue:index"), **MARKET)

    with translation.override("az"):
        notice = gettext(
            "Search is running in a simplified mode; some results may be missing."
        )
    assert notice not in response.content.decode()


def test_suggestions(client, catalogue):
    physical = catalogue[PHYSICAL]

    response = client.get(reverse("search:suggest"), {"q": "qub"})

    assert reverse("search:suggest") == "/shop/search/suggest/"
    assert response.status_code == 200
    assert response.json() == {
        "suggestions": [{"title": "Quba xalçası", "url": physical.get_absolute_url()}]
    }


def test_suggestions_in_english(client, catalogue, django_capture_on_commit_callbacks):
    physical = catalogue[PHYSICAL]
    with django_capture_on_commit_callbacks(execute=True):
        physical.title_en = "Quba carpet"
        physical.save()

    with translation.override("en"):
        url = reverse("search:suggest")
        response = client.get(url, {"q": "quba c"})
        product_url = physical.get_absolute_url()

    assert url == "/en/shop/search/suggest/"
    assert response.json() == {
        "suggestions": [{"title": "Quba carpet", "url": product_url}]
    }


@pytest.mark.parametrize("text", ["", "q", " q ", "''", "!!"])
def test_too_short_or_no_words_suggest_nothing(client, catalogue, text):
    response = client.get(reverse("search:suggest"), {"q": text})

    assert response.status_code == 200
    assert response.json() == {"suggestions": []}


def test_a_nul_byte_suggests_nothing_and_is_refused(client, catalogue):
    response = client.get(reverse("search:suggest"), {"q": "\u0000"})

    assert response.status_code == 400


def test_suggestions_refuse_post(client, db):
    response = client.post(reverse("search:suggest"), {"q": "quba"})

    assert response.status_code == 405


def test_results_show_residents_and_courses(client, catalogue, other_resident):
    studio = ResidentFactory(display_name="Animasiya Evi", programme="none")
    course = catalogue[COURSE]

    response = client.get(reverse("search:search"), {"q": "animasiya"}, **MARKET)
    html = response.content.decode()

    assert response.status_code == 200
    assert _pks(response) == [course.pk]
    assert response.context["residents"] == [studio]
    assert response.context["courses"] == [course]
    assert f'href="{studio.get_absolute_url()}"' in html
    with translation.override("az"):
        for heading in ("Products", "Residents", "Courses"):
            assert f">{gettext(heading)}</h2>" in html


def test_resident_found_by_the_start_of_every_word(client, db, resident):
    ResidentFactory(display_name="Oyun Studiyası", startup_name="Pixel Oyun")
    ResidentFactory(display_name="Atelier Xalı", status="suspended")

    response = client.get(reverse("search:search"), {"q": "ATELİER xal"}, **MARKET)
    nothing = client.get(reverse("search:search"), {"q": "atelier oyun"}, **MARKET)

    assert response.context["residents"] == [resident]
    assert nothing.context["residents"] == []


def test_no_course_section_when_only_courses_are_listed(client, catalogue):
    response = client.get(
        reverse("search:search"), {"q": "xalça", "kind": COURSE}, **MARKET
    )

    assert _pks(response) == [catalogue[COURSE].pk]
    assert response.context["courses"] == []


def test_results_show_pages_of_the_current_site(client, sites, catalogue):
    response = client.get(reverse("search:search"), {"q": "Creative"}, **MARKET)

    assert response.status_code == 200
    assert [page.title for page in response.context["pages"]] == ["Creative Market"]
    assert _pks(response) == []
    with translation.override("az"):
        assert gettext("No products found.") in response.content.decode()
        assert f">{gettext('Pages')}</h2>" in response.content.decode()


def test_no_pages_found_is_no_section(client, sites):
    response = client.get(reverse("search:search"), {"q": "zzzqqq"}, **MARKET)

    assert response.status_code == 200
    assert response.context["pages"] == []
    with translation.override("az"):
        assert f">{gettext('Pages')}</h2>" not in response.content.decode()


def test_without_words_the_results_page_lists_products_only(client, sites, catalogue):
    response = client.get(reverse("search:search"), **MARKET)

    assert response.status_code == 200
    assert len(_pks(response)) == 4
    assert response.context["residents"] == []
    assert response.context["courses"] == []
    assert response.context["pages"] == []


@pytest.mark.parametrize("path", ["/", "/shop/catalogue/", "/shop/search/?q=x"])
def test_one_search_box_in_the_shared_header(client, sites, path):
    response = client.get(path, **MARKET)
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count('role="search"') == 1
    assert 'data-suggest-url="/shop/search/suggest/"' in html
    assert 'aria-controls="site-search-suggestions"' in html
    assert "/static/market/js/suggest.js" in html
