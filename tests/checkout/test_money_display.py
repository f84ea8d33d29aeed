"""The amount charged reads the same on every page that shows it (basket,
preview, pay, thank-you, order page, order list), in the buyer's currency and
language, taken from the charge record; the staff dashboard shows AZN."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.apps.order.models import Order

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL
from checkout.models import CheckoutPayment
from market.currencies.models import ExchangeRate
from tests.stripe_fixtures import ensure_countries, pay, place, start_checkout

NBSP = "\xa0"


@pytest.fixture
def buyer_client(buyer):
    client = Client()
    client.force_login(buyer)
    ensure_countries()
    return client


def _en(name: str, **kwargs) -> str:
    """The English URL (each request activates its own language, so an
    override around several requests would not hold)."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def _main_price(html: str, element_id: str) -> str:
    """The buyer-currency figure inside the element with `element_id`."""
    match = re.search(
        rf'id="{element_id}"[^>]*>.*?<span class="price-main">([^<]*)</span>',
        html,
        re.S,
    )
    assert match, f"no price in #{element_id}"
    return match.group(1)


def _base_price(html: str, element_id: str) -> str:
    match = re.search(
        rf'id="{element_id}"[^>]*>.*?<span class="price-base">([^<]*)</span>',
        html,
        re.S,
    )
    assert match, f"no AZN figure in #{element_id}"
    return match.group(1)


def test_the_charged_amount_is_the_same_on_every_page(
    buyer_client,
    staff,
    catalogue,
    rates,
    stripe_settings,
    localstripe_url,
    django_capture_on_commit_callbacks,
):
    carpet, track, course = (
        catalogue[PHYSICAL],
        catalogue[DIGITAL].children.get(),
        catalogue[COURSE],
    )
    course.stockrecords.update(price=Decimal("25.00"))
    start_checkout(buyer_client, [carpet, track, course], currency="USD")
    basket = buyer_client.get(_en("basket:summary")).content.decode()
    preview = buyer_client.get(_en("checkout:preview")).content.decode()
    place(buyer_client)
    payment = CheckoutPayment.objects.get()
    pay_page = buyer_client.get(_en("checkout:pay")).content.decode()
    pay(payment)
    with django_capture_on_commit_callbacks(execute=True):
        buyer_client.get(
            reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
        )
    order = Order.objects.get()
    thank_you = buyer_client.get(_en("checkout:thank-you")).content.decode()
    # A later rate must not change what the order says it cost.
    ExchangeRate.objects.update(rate=Decimal("0.9000"))
    detail = buyer_client.get(
        _en("customer:order", order_number=order.number)
    ).content.decode()
    history = buyer_client.get(_en("customer:order-list")).content.decode()
    staff_client = Client()
    staff_client.force_login(staff)
    staff_client.post(reverse("currencies:set"), {"currency": "USD", "next": "/"})
    dashboard = staff_client.get(
        _en("dashboard:order-detail", number=order.number)
    ).content.decode()

    payment.refresh_from_db()
    charged = f"${payment.amount:,}"
    assert payment.currency == "USD"
    # Carpet 450.00 (264.69), track 15.00 (8.82), course 25.00 (14.71) and the
    # carpet's parcel, each converted on its own.
    assert charged.startswith("$")
    assert _main_price(basket, "basket-order-total") == charged
    assert _main_price(preview, "basket-order-total") == charged
    assert _main_price(preview, "charge-estimate") == charged
    assert _main_price(pay_page, "pay-amount") == charged
    assert _main_price(thank_you, "order-total") == charged
    assert _main_price(detail, "order-total") == charged
    assert _main_price(history, "order-list") == charged
    azn = f"₼{payment.total:,}"
    assert _base_price(detail, "order-total") == azn
    assert _base_price(basket, "basket-order-total") == azn
    # The sandbox's leftovers are gone.
    assert "Payment details to go here" not in preview
    assert "Allocation of" not in thank_you
    assert f'Paid <span class="price"><span class="price-main">{charged}' in (thank_you)
    # Staff account in AZN, whatever currency their session chose.
    assert f"₼{order.total_incl_tax:,}" in dashboard
    assert charged not in dashboard


def test_orders_list_in_a_constant_number_of_queries(buyer_client, rates):
    """The order history asks for the charge records once, not per order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from oscar.test.factories import create_order

    buyer = Order._meta.get_field("user").related_model.objects.get(
        email="buyer@example.az"
    )
    url = reverse("customer:order-list")

    def count() -> int:
        buyer_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = buyer_client.get(url)
        assert response.status_code == 200
        return len(queries)

    create_order(user=buyer)
    one = count()
    for _ in range(4):
        create_order(user=buyer)
    assert count() == one


@pytest.mark.parametrize("forged", ["XXX", "usd<script>", "EUR\x00", "€"])
def test_a_forged_currency_shows_azn_and_no_error(
    buyer_client, buyer, catalogue, rates, forged
):
    session = buyer_client.session
    session["currency"] = forged
    session.save()
    buyer_client.post(
        reverse("basket:add", kwargs={"pk": catalogue[PHYSICAL].pk}), {"quantity": 1}
    )
    basket = buyer_client.get(_en("basket:summary"))
    with translation.override("en"):
        product = buyer_client.get(catalogue[PHYSICAL].get_absolute_url())

    assert (basket.status_code, product.status_code) == (200, 200)
    assert _main_price(basket.content.decode(), "basket-lines-total") == "₼450.00"
    assert "usd<script>" not in basket.content.decode()
