"""A visitor goes from the home page to a product and into the basket."""

from decimal import Decimal

import pytest
from django.utils import translation

from catalogue.kinds import PHYSICAL
from market.currencies.formatting import format_money

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
        expected_total = format_money(Decimal("450.00"), "AZN")
    order_total = page.locator("#basket-order-total .price-main")
    assert order_total.inner_text() == expected_total
    assert screenshot.stat().st_size > 10_000
