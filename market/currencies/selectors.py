"""Reads about exchange rates and the buyer's currency."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ExchangeRate

SESSION_KEY = "currency"


class RateUnavailable(Exception):
    """No exchange rate for this currency, or only one too old to charge with."""

    def __init__(self, currency: str, message=None):
        self.currency = currency
        self.message = message or _(
            "Prices in %(currency)s are not available at the moment."
        ) % {"currency": currency}
        super().__init__(str(self.message))


def _today(now: datetime | None):
    return timezone.localdate(now or timezone.now())


def _is_fresh(effective_date, today) -> bool:
    max_age = timedelta(days=settings.MARKET_EXCHANGE_RATES_MAX_AGE_DAYS)
    return today - effective_date <= max_age


def rate_for(*, currency: str, now: datetime | None = None) -> Decimal:
    """Units of `currency` for 1 AZN: 1 for AZN, otherwise the rate with the
    latest effective date. Raises RateUnavailable when there is none or when it
    is older than MARKET_EXCHANGE_RATES_MAX_AGE_DAYS days (relative to `now`)."""
    if currency == settings.MARKET_BASE_CURRENCY:
        return Decimal("1")
    if currency not in settings.MARKET_CURRENCIES:
        raise RateUnavailable(currency)
    latest = (
        ExchangeRate.objects.filter(currency=currency)
        .order_by("-effective_date")
        .only("rate", "effective_date")
        .first()
    )
    if latest is None or not _is_fresh(latest.effective_date, _today(now)):
        raise RateUnavailable(currency)
    return latest.rate


def rates_current(*, now: datetime | None = None) -> dict[str, Decimal]:
    """The fresh rates by currency, AZN (1) included; stale ones left out."""
    rates = {settings.MARKET_BASE_CURRENCY: Decimal("1")}
    for currency in settings.MARKET_CURRENCIES:
        if currency in rates:
            continue
        try:
            rates[currency] = rate_for(currency=currency, now=now)
        except RateUnavailable:
            pass
    return rates


_REQUEST_CACHE = "_market_buyer_currency_and_rate"


def buyer_currency_and_rate(
    request, *, now: datetime | None = None
) -> tuple[str, Decimal]:
    """The currency the buyer chose (session key "currency") and its rate, if
    it is one we sell in and has a fresh rate; AZN and 1 otherwise. Looked up
    once per request (the header, the prices and the basket all ask)."""
    if now is None and hasattr(request, _REQUEST_CACHE):
        return getattr(request, _REQUEST_CACHE)
    base = settings.MARKET_BASE_CURRENCY
    result = (base, Decimal("1"))
    session = getattr(request, "session", None)
    chosen = session.get(SESSION_KEY) if session is not None else None
    if (
        isinstance(chosen, str)
        and chosen in settings.MARKET_CURRENCIES
        and chosen != base
    ):
        try:
            result = (chosen, rate_for(currency=chosen, now=now))
        except RateUnavailable:
            pass
    if request is not None and now is None:
        setattr(request, _REQUEST_CACHE, result)
    return result


def buyer_currency(request, *, now: datetime | None = None) -> str:
    """The buyer's currency: their choice if it has a fresh rate, else AZN."""
    return buyer_currency_and_rate(request, now=now)[0]


class OrderCharge:
    """What an order cost the buyer, in the currency they were charged in,
    read from its charge record (checkout.CheckoutPayment), never
    re-converted at today's rate: each line by the charge's own rule (the
    converted unit price times the quantity), the shipping as the rest, and
    the total exactly as Stripe charged it. An order without a charge record
    (free, or placed before the shop charged) shows its AZN figures.

    `base_*` are the AZN figures, shown beside when the currency is not AZN."""

    def __init__(self, order, payment=None):
        from checkout.services import line_charge

        base = settings.MARKET_BASE_CURRENCY
        self.order = order
        self.payment = payment
        lines = list(order.lines.all())
        self.base_lines = {line.pk: line.line_price_incl_tax for line in lines}
        self.base_lines_total = sum(self.base_lines.values(), Decimal("0.00"))
        self.base_total = order.total_incl_tax
        self.base_shipping = order.shipping_incl_tax
        if payment is None:
            self.currency = base
            self.lines = dict(self.base_lines)
            self.lines_total = self.base_lines_total
            self.total = self.base_total
            self.shipping = self.base_shipping
            return
        self.currency = payment.currency
        self.lines = {
            line.pk: line_charge(line=line, quantity=line.quantity, payment=payment)
            for line in lines
        }
        self.lines_total = sum(self.lines.values(), Decimal("0.00"))
        self.total = payment.amount
        self.shipping = payment.amount - self.lines_total

    @property
    def converted(self) -> bool:
        return self.currency != settings.MARKET_BASE_CURRENCY

    def line(self, line) -> Decimal:
        return self.lines[line.pk]


def order_charge(order) -> OrderCharge:
    """The order's charge in the buyer's currency (see OrderCharge). Reads the
    charge record through the order's one-to-one (one query, none when the
    caller selected it)."""
    from checkout.models import CheckoutPayment

    try:
        payment = order.checkout_payment
    except CheckoutPayment.DoesNotExist:
        payment = None
    if payment is not None and not payment.amount and not payment.payment_intent_id:
        payment = None
    return OrderCharge(order, payment)


def order_charges(orders) -> dict:
    """{order pk: OrderCharge} for a page of orders, in a constant number of
    queries (the charge records and the lines fetched once for all)."""
    from django.db.models import prefetch_related_objects

    orders = list(orders)
    prefetch_related_objects(orders, "lines")
    from checkout.models import CheckoutPayment

    payments = {
        payment.order_id: payment
        for payment in CheckoutPayment.objects.filter(order__in=orders)
    }
    return {order.pk: OrderCharge(order, payments.get(order.pk)) for order in orders}
