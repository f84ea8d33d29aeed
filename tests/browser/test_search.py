"""A visitor finds a product through the header's suggestions, then narrows
the search results with a facet."""

import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from catalogue.kinds import DIGITAL, PHYSICAL
from market.currencies.formatting import format_money

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_suggestion_then_facet(page, live_server, sites, catalogue, tmp_path):
    physical = catalogue[PHYSICAL]
    digital = catalogue[DIGITAL]
    with translation.override("az"):
        digital_files = gettext("Digital files")
        under_25 = gettext("Under %(amount)s") % {
            "amount": format_money(Decimal(25), "AZN", whole=True)
        }

    # The header's search box suggests the product as the visitor types.
    page.goto(live_server.url + "/")
    box = page.locator("#site-search")
    box.press_sequentially("qub", delay=50)
    option = page.get_by_role("option", name=physical.title)
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Enter")
    page.wait_for_url(f"**{physical.get_absolute_url()}")

    # On the results page, ticking a kind narrows the list and the counts.
    page.goto(live_server.url + "/shop/search/")
    products = page.locator(".product-grid > li")
    assert products.count() == 4
    cheap = page.locator("label", has_text=under_25)
    assert cheap.locator(".facet-count").inner_text() == "(2)"

    page.get_by_label(digital_files).check()
    page.wait_for_url(re.compile(r".*kind=digital.*"))
    page.screenshot(path=str(tmp_path / "facets.png"), full_page=True)

    assert products.count() == 1
    assert digital.title in products.first.inner_text()
    assert page.get_by_label(digital_files).is_checked()
    assert cheap.locator(".facet-count").inner_text() == "(1)"
