"""A buyer pays on the pay page in Chromium: localstripe's Stripe.js takes the
card, 3-D Secure is passed in its dialog, and the order is placed."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import Order

from catalogue.kinds import COURSE
from checkout.models import CheckoutPayment, CheckoutStatus
from tests.browser.cards import fill_card

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _to_pay_page(page, live_server, products):
    for product in products:
        page.goto(live_server.url + product.get_absolute_url())
        page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(live_server.url + reverse("checkout:index"))
    page.wait_for_url("**/payment-details/")
    page.locator("#view_preview").click()
    page.wait_for_url("**/preview/")
    page.locator("#place-order").click()
    page.wait_for_url("**/checkout/pay/")


def _card(page, number: str):
    fill_card(page, number)


def test_pay_with_3d_secure_in_usd(
    page, live_server, buyer, catalogue, rates, stripe_settings, tmp_path
):
    course = catalogue[COURSE]
    course.stockrecords.update(price=Decimal("25.00"))
    _signed_in(page, live_server, buyer)
    page.goto(live_server.url + course.get_absolute_url())
    page.locator("#currency-switcher-select").select_option("USD")
    page.locator(".currency-switcher button[type=submit]").click()
    page.wait_for_load_state()

    _to_pay_page(page, live_server, [course])
    # 25.00 AZN at 0.5882 = 14.705, rounded half up: 14.71 USD.
    assert "14,71\xa0US$" in page.locator("#pay-amount").inner_text()
    _card(page, "4000002760003184")
    page.locator("#pay-button").click()
    page.get_by_role("button", name="Complete authentication").click()
    page.wait_for_url("**/checkout/thank-you/")
    page.screenshot(path=str(tmp_path / "thank-you.png"), full_page=True)

    payment = CheckoutPayment.objects.get()
    assert payment.status == CheckoutStatus.PLACED
    assert (payment.currency, payment.amount) == ("USD", Decimal("14.71"))
    order = Order.objects.get()
    assert order.number in page.content()
    assert order.lines.count() == 1


def test_a_declined_card_shows_why_and_places_nothing(
    page, live_server, buyer, catalogue, rates, stripe_settings
):
    course = catalogue[COURSE]
    course.stockrecords.update(price=Decimal("25.00"))
    _signed_in(page, live_server, buyer)

    _to_pay_page(page, live_server, [course])
    _card(page, "4000000000000341")
    page.locator("#pay-button").click()

    message = page.locator("#payment-message")
    message.wait_for(state="visible")
    page.wait_for_function(
        "document.getElementById('payment-message').textContent.length > 0"
    )
    assert page.url.endswith("/checkout/pay/")
    assert Order.objects.count() == 0
    assert CheckoutPayment.objects.get().status == CheckoutStatus.AWAITING_PAYMENT
