"""A visitor goes from the home page to a product and into the basket."""

from decimal import Decimal

import pytest
from django.utils import translation
from oscar.templatetags.currency_filters import currency

from catalogue.kinds import PHYSICAL

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_home_to_product_to_basket(page, live_server, sites, catalogue, tmp_path):
    product = catalogue[PHYSICAL]

    page.goto(live_server.url + "/")
    page.get_by_role("link", name=product.title).first.click()
    page.wait_for_url(f"**{product.get_absolute_url()}")
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(live_server.url + "/shop/basket/")
    screenshot = tmp_path / "basket.png"
    page.screenshot(path=str(screenshot), full_page=True)

    line = page.locator(".basket-items").first
    assert product.title in line.inner_text()
    assert page.locator("#id_form-0-quantity").input_value() == "1"
    with translation.override("az"):
        expected_total = currency(Decimal("450.00"), "AZN")
    order_total = page.locator("#basket_totals h3.price_color")
    assert order_total.inner_text() == expected_total
    assert screenshot.stat().st_size > 10_000
