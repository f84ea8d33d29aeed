"""A guest buys a carpet in Chromium: e-mail at the gateway, address,
delivery, preview, card at localstripe, and the thank-you page's account
offer and order link."""

import pytest
from django.urls import reverse
from oscar.apps.order.models import Order

from catalogue.kinds import PHYSICAL, SERVICE
from checkout.models import CheckoutPayment, CheckoutStatus
from tests.browser.cards import fill_card
from tests.stripe_fixtures import ensure_countries

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_guest_buys_a_carpet_in_english(
    page, live_server, catalogue, rates, stripe_settings, tmp_path
):
    ensure_countries()
    carpet = catalogue[PHYSICAL]
    page.goto(live_server.url + "/en" + carpet.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(live_server.url + "/en" + reverse("checkout:index"))

    page.locator("#id_email").fill("guest@example.com")
    page.get_by_role("button", name="Continue as a guest").click()
    page.wait_for_url("**/en/shop/checkout/shipping-address/")
    page.locator("#id_first_name").fill("Anna")
    page.locator("#id_last_name").fill("Schmidt")
    page.locator("#id_line1").fill("Hauptstraße 5")
    page.locator("#id_line4").fill("Berlin")
    page.locator("#id_postcode").fill("10115")
    page.locator("#id_country").select_option("DE")
    page.locator("form#new_shipping_address button[type=submit]").click()
    page.wait_for_url("**/shipping-method/")
    page.locator("#choose-delivery").click()
    page.wait_for_url("**/payment-details/")
    page.locator("#view_preview").click()
    page.wait_for_url("**/preview/")
    page.locator("#place-order").click()
    page.wait_for_url("**/checkout/pay/")
    fill_card(page)
    page.locator("#pay-button").click()
    page.wait_for_url("**/en/shop/checkout/thank-you/")
    page.screenshot(path=str(tmp_path / "thank-you.png"), full_page=True)

    payment = CheckoutPayment.objects.get()
    order = Order.objects.get()
    assert payment.status == CheckoutStatus.PLACED
    assert (order.user, order.guest_email) == (None, "guest@example.com")
    assert page.locator("#guest-account-offer").is_visible()
    page.locator("#guest-order-status").click()
    page.wait_for_url(f"**/en/shop/accounts/order-status/{order.number}/**")
    assert order.number in page.content()


def test_a_guest_with_a_file_in_the_basket_is_asked_to_sign_in(
    page, live_server, catalogue
):
    track = catalogue[SERVICE]
    page.goto(live_server.url + "/ru" + track.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()

    page.goto(live_server.url + "/ru" + reverse("checkout:index"))

    assert page.locator("#guest-refused").is_visible()
    href = page.locator("#guest-refused-signin").get_attribute("href")
    assert href == "/ru/shop/accounts/login/?next=%2Fru%2Fshop%2Fcheckout%2F"
