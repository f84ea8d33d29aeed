"""Deposits on made-to-order quotes: the checkout charges the deposit's
share, the order is placed with the rest due; the ledger holds that rest
back, the parcel cannot ship and refunds wait until the buyer pays the
balance on its own PaymentIntent (localstripe); then everything clears,
once. And what is refused: a deposit on stock, a share out of bounds, the
balance page of someone else, a resident asking twice in a day."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from checkout.models import BalancePayment, BalanceStatus, CheckoutPayment, Refund
from checkout.services import CheckoutRefused, order_line_refund
from checkout.services.balance import (
    balance_ask,
    balance_fulfil,
    balances_remind,
    deposit_order_cancel,
)
from market.alerts.models import AlertKind, StaffAlert
from market.export.models import Parcel, ParcelStatus
from market.export.services import parcel_move
from market.mail.models import OutgoingEmail
from market.payments import client as payments
from market.payments.money import Money
from market.payouts.models import EntryKind, LedgerEntry
from market.payouts.selectors import order_ledger_sum
from market.trade import services
from market.trade.models import Quote, QuoteStatus, TradeTerms
from market.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.market.trade.conftest import ask, offer
from tests.market.trade.test_checkout import _accepted_in_basket, _pay, _to_preview
from tests.stripe_fixtures import ensure_countries, pay, place, stripe_get

D = Decimal


@pytest.fixture(autouse=True)
def _paying(rates, stripe_settings):
    ensure_countries()


def deposit_quote_for(buyer, resident, owner, scarves) -> Quote:
    """80 scarves (60 in stock: made to order) at 20.00, shipping from the
    profile (12.00 + 79 × 0.50 = 51.50), 30 % deposit, accepted."""
    TradeTerms.objects.create(resident=resident, makes_to_order=True)
    request = ask(buyer, resident, scarves, quantity=80)
    quote = offer(request, owner, price="20.00", deposit_percent=30)
    return services.quote_accept(quote=quote, by=buyer)


@pytest.fixture
def deposit_quote(business_buyer, resident, owner, scarves):
    return deposit_quote_for(business_buyer, resident, owner, scarves)


def _deposit_paid(quote, buyer) -> CheckoutPayment:
    client = _accepted_in_basket(quote, buyer)
    _to_preview(client)
    return _pay(client)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_quote_shows_its_deposit_and_balance(deposit_quote):
    assert (
        deposit_quote.total(),
        deposit_quote.deposit(),
        deposit_quote.balance(),
    ) == (
        D("1651.50"),
        D("495.45"),
        D("1156.05"),
    )


def _text(response) -> str:
    """The page's words, without tags (and without the space a tag leaves
    before a comma or a full stop)."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r" ([,.])", r"\1", text)


def test_the_checkout_charges_the_deposit_and_leaves_the_balance_due(
    deposit_quote, business_buyer, stripe_settings
):
    WebhookEndpoint.objects.create(
        resident=deposit_quote.request.resident,
        url="https://hooks.galerie.example/in",
        events=["order.paid"],
    )
    client = _accepted_in_basket(deposit_quote, business_buyer)
    _to_preview(client)
    preview = client.get(reverse("checkout:preview"))
    # The preview and the pay page say the deposit, then the balance.
    assert "You will pay a deposit of ₼495.45 now." in _text(preview)
    assert "The balance, ₼1,156.05, is paid before the parcel ships." in _text(preview)
    place(client)
    pay_page = _text(client.get(reverse("checkout:pay")))
    assert "To pay: ₼495.45" in pay_page
    assert "Pay ₼495.45" in pay_page
    assert "the balance, ₼1,156.05, is paid before the parcel ships" in pay_page
    payment = CheckoutPayment.objects.get()
    pay(payment)
    client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )
    payment.refresh_from_db()

    order = payment.order
    assert (payment.total, payment.amount, payment.balance_total) == (
        D("1651.50"),
        D("1651.50"),
        D("1156.05"),
    )
    assert payment.charge_now == D("495.45")
    intent = payments.payment_intent_retrieve(intent_id=payment.payment_intent_id)
    assert intent.amount_received == Money(D("495.45"), "AZN")
    balance = BalancePayment.objects.get()
    assert (balance.order, balance.total, balance.amount, balance.currency) == (
        order,
        D("1156.05"),
        D("1156.05"),
        "AZN",
    )
    assert (balance.status, balance.payment_intent_id) == (BalanceStatus.DUE, None)
    assert order.total_incl_tax == D("1651.50")
    # The resident's order.paid webhook says what is left to pay.
    event = WebhookDelivery.objects.get(event_type="order.paid").payload
    assert (event["total"], event["balance_due"]) == ("1600.00", "1156.05")
    deposit_quote.refresh_from_db()
    assert (deposit_quote.status, deposit_quote.order) == (QuoteStatus.PAID, order)
    # The ledger holds what the buyer paid: the deposit.
    assert order_ledger_sum(order=order) == D("495.45")
    held = dict(
        LedgerEntry.objects.filter(order=order, kind=EntryKind.BALANCE_DUE)
        .values_list("account_id", "amount")
        .order_by("account_id")
    )
    resident_gross = sum(
        LedgerEntry.objects.filter(
            order=order, account=order.lines.get().partner.resident
        )
        .exclude(kind=EntryKind.BALANCE_DUE)
        .values_list("amount", flat=True),
        D("0"),
    )
    resident_held = (resident_gross * D("1156.05") / D("1651.50")).quantize(D("0.01"))
    resident_id = order.lines.get().partner.resident.pk
    assert held == {resident_id: -resident_held, None: -(D("1156.05") - resident_held)}
    # The buyer's page says what is left, with the button to pay it.
    response = _client(business_buyer).get(
        reverse("trade:request", args=[deposit_quote.request.reference])
    )

    assert "Pay the balance: ₼1,156.05" in _text(response)
    # So do the order page and the confirmation e-mail.
    response = _client(business_buyer).get(
        reverse("customer:order", kwargs={"order_number": order.number})
    )
    text = _text(response)
    assert "Deposit of ₼495.45 paid by card on" in text
    assert "Balance due before the parcel ships: ₼1,156.05." in text
    confirmation = OutgoingEmail.objects.get(
        to=[business_buyer.email], body__contains="Deposit charged"
    )
    assert (
        "Deposit charged: ₼495.45. The balance, ₼1,156.05, is paid before the "
        "parcel ships" in confirmation.body
    )


def test_a_parcel_waits_for_the_balance_and_refunds_wait_too(
    deposit_quote, business_buyer, owner
):
    payment = _deposit_paid(deposit_quote, business_buyer)
    parcel = Parcel.objects.get(order=payment.order)
    parcel_move(parcel=parcel, user=owner, status=ParcelStatus.PACKED)

    with pytest.raises(ValidationError) as refused:
        parcel_move(
            parcel=parcel,
            user=owner,
            status=ParcelStatus.SHIPPED,
            carrier="EMS",
            tracking_number="EE123456789AZ",
        )
    assert refused.value.messages == [
        "The buyer has not paid the balance of this order yet: it ships once "
        "the balance is paid."
    ]
    parcel.refresh_from_db()
    assert (parcel.status, parcel.tracking_number) == (ParcelStatus.PACKED, "")

    line = payment.order.lines.get()
    with pytest.raises(ValidationError) as refused:
        order_line_refund(line=line, quantity=1, user=owner, reason="Broken")
    assert "its balance is not paid yet" in refused.value.messages[0]
    assert Refund.objects.count() == 0
    assert order_ledger_sum(order=payment.order) == D("495.45")


def test_the_buyer_pays_the_balance_once_and_the_parcel_ships(
    deposit_quote, business_buyer, owner, stripe_settings
):
    payment = _deposit_paid(deposit_quote, business_buyer)
    reference = deposit_quote.request.reference
    client = _client(business_buyer)

    page = client.get(reverse("trade:balance", args=[reference]))
    assert page.status_code == 200
    balance = BalancePayment.objects.get()
    assert balance.payment_intent_id
    # A second visit (another tab) finds the same PaymentIntent.
    client.get(reverse("trade:balance", args=[reference]))
    assert BalancePayment.objects.get().payment_intent_id == balance.payment_intent_id
    intent = stripe_get(
        stripe_settings.STRIPE_API_BASE,
        f"/v1/payment_intents/{balance.payment_intent_id}",
    )
    assert (intent["amount"], intent["currency"]) == (115605, "azn")
    payments.payment_intent_confirm(
        intent_id=balance.payment_intent_id,
        payment_method="pm_card_visa",
        idempotency_key="test-balance",
    )
    OutgoingEmail.objects.all().delete()

    response = client.get(reverse("trade:balance-return", args=[reference]))
    again = client.get(reverse("trade:balance-return", args=[reference]))
    balance_fulfil(intent_id=balance.payment_intent_id)  # the webhook, late

    assert (
        response["Location"]
        == again["Location"]
        == (reverse("trade:request", args=[reference]))
    )
    balance.refresh_from_db()
    assert balance.status == BalanceStatus.PAID
    order = payment.order
    assert order_ledger_sum(order=order) == D("1651.50")
    assert (
        LedgerEntry.objects.filter(order=order, kind=EntryKind.BALANCE_PAID).count()
        == 2
    )
    assert sorted(
        LedgerEntry.objects.filter(
            order=order, kind=EntryKind.BALANCE_PAID
        ).values_list("amount", flat=True)
    ) == sorted(
        -amount
        for amount in LedgerEntry.objects.filter(
            order=order, kind=EntryKind.BALANCE_DUE
        ).values_list("amount", flat=True)
    )
    (sent,) = OutgoingEmail.objects.all()
    assert sent.to == [owner.email]
    # In the resident's language (Azerbaijani).
    number = deposit_quote.request.number
    assert sent.subject == f"{number} təklifinin qalığı ödənildi"
    assert f"{order.number} sifarişinin qalığını ödədi" in sent.body
    assert list(
        order.payment_events.order_by("pk").values_list("event_type__code", "amount")
    ) == [
        ("paid", D("495.45")),
        ("balance-paid", D("1156.05")),
    ]
    parcel = Parcel.objects.get(order=order)
    parcel_move(parcel=parcel, user=owner, status=ParcelStatus.PACKED)
    parcel_move(
        parcel=parcel,
        user=owner,
        status=ParcelStatus.SHIPPED,
        carrier="EMS",
        tracking_number="EE123456789AZ",
    )
    parcel.refresh_from_db()
    assert parcel.status == ParcelStatus.SHIPPED


def test_a_refund_after_the_balance_draws_on_both_payments(
    deposit_quote, business_buyer, owner, staff, stripe_settings
):
    payment = _deposit_paid(deposit_quote, business_buyer)
    balance = BalancePayment.objects.get()
    balance = _pay_balance(balance, business_buyer, deposit_quote)
    line = payment.order.lines.get()

    # 70 scarves of 80 (1,400.00): 1,156.05 from the balance, 243.95 from
    # the deposit.
    refund = order_line_refund(line=line, quantity=70, user=staff, reason="Late")

    assert (refund.total, refund.amount) == (D("1400.00"), D("1400.00"))
    first, second = refund.stripe_refund_id.split()
    url = stripe_settings.STRIPE_API_BASE
    assert (
        stripe_get(url, f"/v1/refunds/{first}")["amount"],
        stripe_get(url, f"/v1/refunds/{first}")["payment_intent"],
    ) == (115605, balance.payment_intent_id)
    assert (
        stripe_get(url, f"/v1/refunds/{second}")["amount"],
        stripe_get(url, f"/v1/refunds/{second}")["payment_intent"],
    ) == (24395, payment.payment_intent_id)
    assert order_ledger_sum(order=payment.order) == D("251.50")


def _pay_balance(balance, buyer, quote) -> BalancePayment:
    client = _client(buyer)
    client.get(reverse("trade:balance", args=[quote.request.reference]))
    balance.refresh_from_db()
    payments.payment_intent_confirm(
        intent_id=balance.payment_intent_id,
        payment_method="pm_card_visa",
        idempotency_key=f"test-balance-{balance.pk}",
    )
    client.get(reverse("trade:balance-return", args=[quote.request.reference]))
    balance.refresh_from_db()
    assert balance.status == BalanceStatus.PAID
    return balance


def test_nobody_else_reaches_the_balance(
    deposit_quote, business_buyer, other_buyer, owner
):
    _deposit_paid(deposit_quote, business_buyer)
    reference = deposit_quote.request.reference
    stranger = _client(other_buyer)

    for name in ("trade:balance", "trade:balance-return"):
        assert stranger.get(reverse(name, args=[reference])).status_code == 404
    assert (
        stranger.post(
            reverse("trade:balance-confirm", args=[reference]),
            {"payment_method": "pm_card_visa"},
        ).status_code
        == 404
    )
    # The resident (not the buyer) has no pay page either.
    assert (
        _client(owner).get(reverse("trade:balance", args=[reference])).status_code
        == 404
    )
    assert Client().get(reverse("trade:balance", args=[reference])).status_code == 403
    balance = BalancePayment.objects.get()
    assert (balance.status, balance.payment_intent_id) == (BalanceStatus.DUE, None)


def test_the_resident_asks_for_the_balance_once_a_day_and_the_buyer_is_reminded(
    deposit_quote, business_buyer, owner
):
    _deposit_paid(deposit_quote, business_buyer)
    balance = BalancePayment.objects.get()
    OutgoingEmail.objects.all().delete()
    reference = deposit_quote.request.reference

    response = _client(owner).post(
        reverse("resident_dashboard:quote-balance-ask", args=[reference])
    )

    assert response.status_code == 302
    (message,) = OutgoingEmail.objects.all()
    assert message.to == [business_buyer.email]
    assert "asks for the balance" in message.body
    assert reverse("trade:balance", args=[reference]) in message.body
    balance.refresh_from_db()
    asked_at = balance.requested_at
    assert asked_at is not None
    with pytest.raises(CheckoutRefused) as refused:
        balance_ask(balance=balance, by=owner)
    assert refused.value.message == (
        "You asked for the balance less than a day ago; the buyer has it."
    )
    balance.refresh_from_db()
    assert (balance.requested_at, OutgoingEmail.objects.count()) == (asked_at, 1)

    # A week on, still unpaid: one reminder and one staff alert, once.
    later = asked_at + timedelta(days=7, minutes=1)
    assert balances_remind(now=later) == 1
    assert balances_remind(now=later) == 0
    assert list(
        OutgoingEmail.objects.order_by("pk").values_list("subject", flat=True)
    ) == [
        f"Your order of quote {deposit_quote.request.number} is ready: pay the balance",
        f"Reminder: the balance of quote {deposit_quote.request.number} is due",
    ]
    assert StaffAlert.objects.filter(kind=AlertKind.BALANCE_UNPAID).count() == 1


def test_another_resident_cannot_ask_for_the_balance(
    deposit_quote, business_buyer, other_owner
):
    _deposit_paid(deposit_quote, business_buyer)
    OutgoingEmail.objects.all().delete()

    response = _client(other_owner).post(
        reverse(
            "resident_dashboard:quote-balance-ask",
            args=[deposit_quote.request.reference],
        )
    )

    assert response.status_code == 404
    assert BalancePayment.objects.get().requested_at is None
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.parametrize(
    ("percent", "message"),
    [
        (5, "A deposit is between 10 and 90 % of the total, or none."),
        (95, "A deposit is between 10 and 90 % of the total, or none."),
        (True, "A deposit is between 10 and 90 % of the total, or none."),
    ],
)
def test_a_deposit_out_of_bounds_is_refused(
    business_buyer, resident, owner, scarves, percent, message
):
    TradeTerms.objects.create(resident=resident, makes_to_order=True)
    request = ask(business_buyer, resident, scarves, quantity=80)

    with pytest.raises(services.QuoteRefused) as refused:
        offer(request, owner, price="20.00", deposit_percent=percent)

    assert refused.value.message == message
    assert Quote.objects.count() == 0


def test_a_deposit_on_units_from_stock_is_refused(asked, owner):
    with pytest.raises(services.QuoteRefused) as refused:
        offer(asked, owner, deposit_percent=30)

    assert refused.value.message == (
        "A deposit may be asked only for units you make to order: this request "
        "is served from stock."
    )
    assert Quote.objects.count() == 0


def test_the_dashboard_form_offers_a_deposit_only_for_made_to_order(
    business_buyer, resident, owner, scarves
):
    TradeTerms.objects.create(resident=resident, makes_to_order=True)
    made = ask(business_buyer, resident, scarves, quantity=80)
    stock = ask(business_buyer, resident, scarves, quantity=10)
    client = _client(owner)

    pages = [
        client.get(
            reverse("resident_dashboard:quote-request", args=[each.reference])
        ).content
        for each in (made, stock)
    ]

    assert [b'name="deposit_percent"' in page for page in pages] == [True, False]
    # A forged deposit on the stock request is not a field there: paid in full.
    line = stock.lines.get()
    response = client.post(
        reverse("resident_dashboard:quote-offer", args=[stock.reference]),
        {
            f"price_{line.pk}": "25.00",
            "lead_time_days": "5",
            "shipping_source": "profile",
            "valid_until": (timezone.localdate() + timedelta(days=10)).isoformat(),
            "terms": "",
            "deposit_percent": "50",
        },
    )
    assert response.status_code == 302
    assert Quote.objects.get(request=stock).deposit_percent == 0


def _cancel_as_staff(staff, order, **data):
    client = _client(staff)
    return client.post(
        reverse("payments_deposit_cancel", args=[order.number]),
        {"reason": "The buyer's opening was called off.", **data},
    )


def test_staff_cancel_a_deposit_order_and_refund_the_deposit(
    deposit_quote, business_buyer, owner, staff, scarves, stripe_settings
):
    payment = _deposit_paid(deposit_quote, business_buyer)
    order = payment.order
    record = scarves.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (140, 80)
    OutgoingEmail.objects.all().delete()

    response = _cancel_as_staff(staff, order, deposit="refund")
    again = _cancel_as_staff(staff, order, deposit="refund")

    assert response.status_code == again.status_code == 302
    balance = BalancePayment.objects.get()
    assert (balance.status, balance.deposit_refunded) == (BalanceStatus.CANCELLED, True)
    # One Stripe refund of the deposit, recorded across the line and the
    # parcel's shipping; the ledger back at zero.
    refunds = list(Refund.objects.order_by("pk"))
    assert [(r.line_id is not None, r.total, r.amount) for r in refunds] == [
        (True, D("480.00"), D("480.00")),
        (False, D("15.45"), D("15.45")),
    ]
    (stripe_id,) = {r.stripe_refund_id for r in refunds}
    stripe_refund = stripe_get(
        stripe_settings.STRIPE_API_BASE, f"/v1/refunds/{stripe_id}"
    )
    assert (stripe_refund["amount"], stripe_refund["payment_intent"]) == (
        49545,
        payment.payment_intent_id,
    )
    assert order_ledger_sum(order=order) == D("0.00")
    assert (
        LedgerEntry.objects.filter(
            order=order, kind=EntryKind.BALANCE_CANCELLED
        ).count()
        == 2
    )
    parcel = Parcel.objects.get(order=order)
    assert parcel.status == ParcelStatus.CANCELLED
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (60, 0)
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert sorted(tuple(m.to) for m in OutgoingEmail.objects.all()) == sorted(
        [(business_buyer.email,), (owner.email,)]
    )
    # Nothing is left to refund, line by line or by parcel.
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        order_line_refund(line=order.lines.get(), quantity=1, user=staff, reason="x")
    with translation.override("en"):  # (a lazy message)
        messages = refused.value.messages
    assert messages == [
        "This order was cancelled with its balance unpaid: nothing is left to refund."
    ]
    assert Refund.objects.count() == 2


def test_staff_cancel_a_deposit_order_and_keep_the_deposit(
    deposit_quote, business_buyer, staff, scarves
):
    payment = _deposit_paid(deposit_quote, business_buyer)
    order = payment.order
    entries = LedgerEntry.objects.filter(order=order).count()

    _cancel_as_staff(staff, order, deposit="keep")

    balance = BalancePayment.objects.get()
    assert (balance.status, balance.deposit_refunded) == (
        BalanceStatus.CANCELLED,
        False,
    )
    # Each account keeps its share of the deposit; no money moved.
    assert (
        Refund.objects.count(),
        LedgerEntry.objects.filter(order=order).count(),
    ) == (
        0,
        entries,
    )
    assert order_ledger_sum(order=order) == D("495.45")
    assert Parcel.objects.get(order=order).status == ParcelStatus.CANCELLED
    record = scarves.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (60, 0)


def test_only_staff_cancel_and_only_a_balance_due(
    deposit_quote, business_buyer, owner, staff
):
    payment = _deposit_paid(deposit_quote, business_buyer)
    order = payment.order

    # The resident (not staff) reaches no admin page.
    response = _cancel_as_staff(owner, order, deposit="refund")
    assert response.status_code in (302, 403)
    assert BalancePayment.objects.get().status == BalanceStatus.DUE
    # Without a reason: refused, nothing changed.
    _client(staff).post(
        reverse("payments_deposit_cancel", args=[order.number]),
        {"reason": "  ", "deposit": "refund"},
    )
    assert BalancePayment.objects.get().status == BalanceStatus.DUE
    assert (Refund.objects.count(), Parcel.objects.get(order=order).status) == (
        0,
        ParcelStatus.PAID,
    )
    # Paid: nothing to cancel here.
    _pay_balance(BalancePayment.objects.get(), business_buyer, deposit_quote)
    with translation.override("en"), pytest.raises(CheckoutRefused) as refused:
        deposit_order_cancel(order=order, user=staff, reason="x", refund_deposit=True)
    assert refused.value.message == (
        "Only an order whose balance is still due can be cancelled here."
    )
    assert Refund.objects.count() == 0
