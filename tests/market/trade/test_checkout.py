"""An accepted quote paid through the one checkout: its lines at the quoted
unit prices, its parcel at the quoted shipping, the ledger, the parcel and
the quote marked paid; and what the checkout refuses (a withdrawn or
expired quote, a basket that mixes or changes it, someone else paying)."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation
from oscar.apps.basket.models import Basket

from checkout.models import CheckoutPayment, CheckoutStatus
from checkout.services import CheckoutRefused, prepared
from checkout.services.quotes import quote_basket_fill
from market.export.models import Parcel
from market.payouts.selectors import order_ledger_sum
from market.trade import services
from market.trade.models import (
    Quote,
    QuoteRequestStatus,
    QuoteStatus,
    TradeTerms,
)
from tests.factories import ProductFactory
from tests.market.trade.conftest import ask, in_days, offer
from tests.stripe_fixtures import ADDRESS, ensure_countries, pay, place

D = Decimal


@pytest.fixture(autouse=True)
def _paying(rates, stripe_settings):
    ensure_countries()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _to_preview(client: Client, address=ADDRESS):
    response = client.get(reverse("checkout:index"), follow=True)
    if response.request["PATH_INFO"].endswith("/shipping-address/"):
        response = client.post(reverse("checkout:shipping-address"), address)
        assert response.status_code == 302, response.content[:2000]
        response = client.get(reverse("checkout:shipping-method"))
        assert response.status_code == 200, response.content[:2000]
        response = client.post(reverse("checkout:shipping-method"), follow=True)
    return response


def _pay(client: Client) -> CheckoutPayment:
    response = place(client)
    assert response["Location"] == reverse("checkout:pay"), response["Location"]
    payment = CheckoutPayment.objects.get(pk=client.session["checkout_payment_id"])
    pay(payment)
    response = client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )
    assert response["Location"] == reverse("checkout:thank-you")
    payment.refresh_from_db()
    return payment


def _refusal_shown(client: Client) -> str:
    """The one message the basket page shows (Oscar's "no longer available
    to buy (<our reason>)" when its preview caught the line)."""
    response = client.get(reverse("basket:summary"))
    (message,) = [str(message) for message in response.context["messages"]]
    return message


def _accepted_in_basket(accepted, business_buyer) -> Client:
    client = _client(business_buyer)
    with translation.override("en"):
        response = client.post(reverse("trade:pay", args=[accepted.request.reference]))
    assert response.status_code == 302
    return client


def test_an_accepted_quote_is_paid_at_its_prices(accepted, business_buyer, scarves):
    client = _accepted_in_basket(accepted, business_buyer)
    _to_preview(client)

    payment = _pay(client)

    accepted.refresh_from_db()
    accepted.request.refresh_from_db()
    order = payment.order
    assert payment.status == CheckoutStatus.PLACED
    # 50 × 24.00 + 36.50 shipping (the quote's, from the profile).
    assert (payment.total, payment.amount, payment.currency) == (
        D("1236.50"),
        D("1236.50"),
        "AZN",
    )
    line = order.lines.get()
    assert (line.product, line.quantity, line.unit_price_incl_tax) == (
        scarves,
        50,
        D("24.00"),
    )
    parcel = Parcel.objects.get(order=order)
    assert (parcel.country, parcel.carrier, parcel.charge, parcel.weight_grams) == (
        "DE",
        "Azərpoçt EMS",
        D("36.50"),
        5000,
    )
    assert [each.pk for each in parcel.lines.all()] == [line.pk]
    assert (accepted.status, accepted.order, accepted.request.status) == (
        QuoteStatus.PAID,
        order,
        QuoteRequestStatus.PAID,
    )
    assert order_ledger_sum(order=order) == D("1236.50")
    record = scarves.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (60, 50)


def test_a_quoted_shipping_amount_is_what_the_parcel_costs(
    quoted, owner, business_buyer
):
    request = quoted.request
    quote = offer(
        request,
        owner,
        price="22.00",
        shipping=services.ShippingAnswer(
            from_profile=False,
            amount=D("55.00"),
            carrier="DHL Freight",
            min_days=3,
            max_days=5,
        ),
    )
    services.quote_accept(quote=quote, by=business_buyer)
    client = _accepted_in_basket(quote, business_buyer)
    _to_preview(client)

    payment = _pay(client)

    parcel = Parcel.objects.get(order=payment.order)
    assert payment.total == D("1155.00")
    assert (parcel.carrier, parcel.charge, parcel.rate_id) == (
        "DHL Freight",
        D("55.00"),
        None,
    )


def test_units_made_to_order_leave_the_stock_as_it_was(
    business_buyer, resident, owner, scarves
):
    TradeTerms.objects.create(resident=resident, makes_to_order=True)
    request = ask(business_buyer, resident, scarves, quantity=200)
    quote = offer(request, owner, price="20.00")
    services.quote_accept(quote=quote, by=business_buyer)
    client = _accepted_in_basket(quote, business_buyer)
    _to_preview(client)

    payment = _pay(client)

    record = scarves.stockrecords.get()
    assert payment.order.lines.get().quantity == 200
    # The 200 made for the order come in and go out with it; 60 stay free.
    assert (record.num_in_stock, record.num_allocated) == (260, 200)


def test_a_withdrawn_quote_cannot_be_paid(accepted, business_buyer):
    client = _accepted_in_basket(accepted, business_buyer)
    _to_preview(client)
    services.quote_request_withdraw(request=accepted.request, by=business_buyer)

    response = place(client)

    assert response["Location"] == reverse("basket:summary")
    assert CheckoutPayment.objects.count() == 0
    accepted.refresh_from_db()
    assert (accepted.status, accepted.order) == (QuoteStatus.WITHDRAWN, None)
    assert "(This quote can no longer be paid.)" in _refusal_shown(client)


def test_an_expired_quote_cannot_be_paid(accepted, business_buyer):
    client = _accepted_in_basket(accepted, business_buyer)
    _to_preview(client)
    Quote.objects.filter(pk=accepted.pk).update(valid_until=in_days(-1))

    response = place(client)

    assert response["Location"] == reverse("basket:summary")
    assert CheckoutPayment.objects.count() == 0
    accepted.refresh_from_db()
    assert (accepted.status, accepted.order) == (QuoteStatus.ACCEPTED, None)
    # The checkout's pages are reversed in English (the package's fixture).
    with translation.override("en"):
        date = formats.date_format(in_days(-1), "SHORT_DATE_FORMAT")
    assert (
        f"(This quote was valid until {date}; ask the seller again.)"
        in _refusal_shown(client)
    )


def test_a_quote_withdrawn_while_paying_is_refunded_not_placed(
    accepted, business_buyer
):
    client = _accepted_in_basket(accepted, business_buyer)
    _to_preview(client)
    response = place(client)
    assert response["Location"] == reverse("checkout:pay")
    payment = CheckoutPayment.objects.get()
    services.quote_request_withdraw(request=accepted.request, by=business_buyer)
    pay(payment)

    client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )

    payment.refresh_from_db()
    accepted.refresh_from_db()
    assert (payment.status, payment.order) == (CheckoutStatus.REFUNDED, None)
    assert (accepted.status, accepted.order) == (QuoteStatus.WITHDRAWN, None)


def test_other_lines_move_to_saved_for_later(accepted, business_buyer, resident):
    other = ProductFactory(resident=resident, title="Print", price=D("10.00"))
    basket, _created = Basket.open.get_or_create(owner=business_buyer)
    prepared(basket, business_buyer).add_product(other, 2)

    moved = quote_basket_fill(basket=basket, quote=accepted, user=business_buyer)

    saved = Basket.saved.get(owner=business_buyer)
    assert moved == 1
    assert [(line.product, line.quantity) for line in saved.all_lines()] == [(other, 2)]
    assert [line.quantity for line in Basket.objects.get(pk=basket.pk).all_lines()] == [
        50
    ]


def test_a_basket_that_mixes_or_changes_the_quote_is_refused(
    accepted, business_buyer, resident
):
    client = _accepted_in_basket(accepted, business_buyer)
    basket = Basket.open.get(owner=business_buyer)
    line = basket.all_lines().get()
    line.quantity = 10
    line.save(update_fields=["quantity"])
    _to_preview(client)

    response = place(client)

    assert response["Location"] == reverse("basket:summary")
    assert CheckoutPayment.objects.count() == 0

    line.quantity = 50
    line.save(update_fields=["quantity"])
    other = ProductFactory(resident=resident, title="Print", price=D("10.00"))
    prepared(basket, business_buyer).add_product(other, 1)
    response = place(client)

    assert response["Location"] == reverse("basket:summary")
    assert CheckoutPayment.objects.count() == 0


def test_someone_else_cannot_pay_the_quote(accepted, other_buyer):
    basket, _created = Basket.open.get_or_create(owner=other_buyer)

    with pytest.raises(CheckoutRefused) as refusal:
        quote_basket_fill(basket=basket, quote=accepted, user=other_buyer)

    assert refusal.value.message == "This quote is someone else's."
    assert basket.all_lines().count() == 0


def test_a_forged_quote_line_costs_no_less_for_someone_else(
    accepted, other_buyer, business_buyer
):
    # The buyer's basket line, handed to another account: the strategy
    # refuses it for anyone but the quote's buyer.
    client = _accepted_in_basket(accepted, business_buyer)
    basket = Basket.open.get(owner=business_buyer)
    Basket.objects.filter(pk=basket.pk).update(owner=other_buyer)
    other = _client(other_buyer)
    _to_preview(other)

    response = place(other)

    assert response["Location"] == reverse("basket:summary")
    assert CheckoutPayment.objects.count() == 0
    assert "(This quote is someone else's.)" in _refusal_shown(other)
    assert client.get(reverse("basket:summary")).status_code == 200


def test_an_address_in_another_country_than_the_quotes_is_refused(
    accepted, business_buyer
):
    client = _accepted_in_basket(accepted, business_buyer)
    client.get(reverse("checkout:index"), follow=True)
    baku = {**ADDRESS, "line4": "Bakı", "postcode": "AZ1000", "country": "AZ"}
    response = client.post(reverse("checkout:shipping-address"), baku)
    assert response.status_code == 302, response.content[:2000]

    response = client.post(reverse("checkout:shipping-method"))

    assert response.status_code == 400
    assert (
        "The quote was made for delivery to Germany: give an address there, or ask "
        "the seller for a new quote."
    ) in response.content.decode()
    assert CheckoutPayment.objects.count() == 0
