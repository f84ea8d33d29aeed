"""The market home's query budget: its blocks (a category's newest products,
the newest products, a resident in the spotlight, the residents) cost the
same number of queries whether they show 2 products or 8 (issue 16)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.apps.catalogue.models import ProductCategory
from wagtail.models import Site

from catalogue.kinds import DIGITAL, PHYSICAL
from catalogue.models import Category
from cms.blocks import category_choices
from cms.models import SiteSettings
from tests.factories import ProductFactory, ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(sites):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.for_site(site)
    return site.root_page.specific


def _publish_blocks(home, *, category, spotlight):
    home.body = [
        (
            "product_carousel",
            {
                "heading": "Xalçalar",
                "products": [],
                "category": str(category.pk),
                "count": 8,
            },
        ),
        ("product_list", {"heading": "Yeni", "kind": "", "count": 8}),
        (
            "resident_spotlight",
            {"resident": spotlight, "text": "Ustad", "product_count": 8},
        ),
        ("resident_list", {"heading": "Rezidentlər", "count": 8}),
    ]
    home.save_revision().publish()


def _add_products(resident, category, count, start=0):
    for number in range(start, start + count):
        product = ProductFactory(
            resident=resident,
            kind=PHYSICAL if number % 2 else DIGITAL,
            title=f"Məhsul {number}",
            price=Decimal("10.00") + number,
        )
        ProductCategory.objects.create(product=product, category=category)


def _home_queries(url) -> tuple[int, str]:
    Client().get(url)  # the caches of the header, footer and thumbnails
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_market_home_costs_the_same_for_2_and_8_products(home, resident):
    category = Category.add_root(name="Xalçalar")
    _publish_blocks(home, category=category, spotlight=resident)
    _add_products(resident, category, 2)
    ResidentFactory(display_name="İkinci")

    small, small_html = _home_queries(home.url)
    _add_products(resident, category, 6, start=2)
    for number in range(4):
        ResidentFactory(display_name=f"Rezident {number}")
    large, large_html = _home_queries(home.url)

    assert small_html.count("Məhsul 1<") >= 1
    assert large_html.count("Məhsul 7<") >= 1
    assert small == large
    # The page, its site, settings and view restrictions; each of the three
    # product blocks reads its products and, once for all of them, what a
    # card renders (options, images, attributes, stock records; no course
    # state, as none is a course); the spotlight's product ids, read from its
    # stock records; the spotlight's and the list's residents; the footer's
    # partners.
    assert small == 38


def test_category_choices_read_the_tree_in_one_query(django_assert_num_queries):
    crafts = Category.add_root(name="Sənətkarlıq")
    carpets = crafts.add_child(name="Xalçalar")
    carpets.add_child(name="Qazax")

    with django_assert_num_queries(1):
        choices = category_choices()

    assert [label for _, label in choices[1:]] == [
        "Sənətkarlıq",
        "Sənətkarlıq > Xalçalar",
        "Sənətkarlıq > Xalçalar > Qazax",
    ]
