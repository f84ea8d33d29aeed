"""Accepted wholesale quotes in the checkout (market/trade): the quote's
lines become the buyer's basket, each line carrying the quote's reference
(an Oscar line option) and priced by the strategy at the quote's unit price
(market.residents.strategy); its parcel is charged the quoted shipping
(market.trade.shipping). A quote is paid on its own: the basket's other
lines move to the buyer's "saved for later" list, where Oscar's basket page
shows them, and a basket that mixes a quote with anything else, or changes
its quantities, is refused. Placing the order marks the quote paid, once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.basket.models import Basket
from oscar.apps.partner.models import StockRecord

from market.currencies.money import convert
from market.trade.lines import quote_option, quote_reference_of_line
from market.trade.models import Quote, QuoteLine, deposit_share
from market.trade.rules import QuoteRefused, quote_payment_refusal
from market.trade.services import quote_paid

from .amounts import prepared
from .errors import CheckoutRefused, OutOfStock


def is_quote_line(line) -> bool:
    return quote_reference_of_line(line) is not None


def quote_of_line(line) -> Quote | None:
    reference = quote_reference_of_line(line)
    if reference is None:
        return None
    return (
        Quote.objects.select_related("request__resident")
        .filter(reference=reference)
        .first()
    )


def _quote_lines(quote: Quote) -> list[QuoteLine]:
    return list(
        quote.lines.select_related(
            "request_line__product__product_class",
            "request_line__product__parent__product_class",
            "request_line__stockrecord",
        ).order_by("request_line_id")
    )


@transaction.atomic
def quote_basket_fill(*, basket: Basket, quote: Quote, user) -> int:
    """Make the buyer's basket the accepted quote's lines, at its quantities
    (prices come from the quote). Lines of anything else move to the buyer's
    "saved for later" list; returns how many moved. Raises CheckoutRefused
    when the quote may not be paid now (nothing changed)."""
    quote = Quote.objects.select_related("request__resident").get(pk=quote.pk)
    reason = quote_payment_refusal(quote, user=user, now=timezone.now())
    if reason:
        raise CheckoutRefused(reason)
    basket = prepared(Basket.objects.select_for_update().get(pk=basket.pk), user)
    if basket.status != Basket.OPEN:
        raise CheckoutRefused(
            _("Your basket is being paid for. Finish or cancel that first.")
        )
    reference = str(quote.reference)
    moved = 0
    saved = None
    for line in list(basket.all_lines()):
        line_reference = quote_reference_of_line(line)
        if line_reference == reference:
            continue
        if line_reference is not None:
            # Another quote's lines: it is paid from its own page.
            line.delete()
            continue
        if saved is None:
            saved, _created = Basket.saved.get_or_create(owner=user)
        saved.merge_line(line)
        moved += 1
    basket.reset_offer_applications()
    basket._lines = None
    option = quote_option()
    for quote_line in _quote_lines(quote):
        line, _created = basket.add_product(
            quote_line.request_line.product,
            quote_line.quantity,
            options=[{"option": option, "value": reference}],
        )
        line.quantity = quote_line.quantity
        line.price_currency = quote.currency
        line.price_excl_tax = quote_line.unit_price
        line.price_incl_tax = quote_line.unit_price
        line.save(
            update_fields=[
                "quantity",
                "price_currency",
                "price_excl_tax",
                "price_incl_tax",
            ]
        )
    basket._lines = None
    return moved


def quote_basket_refusal(basket: Basket, *, user, now: datetime) -> str | None:
    """Why a basket holding a quote's lines may not be paid now (None when
    it may, or holds no quote): the quote paid on its own, whole, at its
    quantities, by its buyer, while it is accepted, unpaid and valid."""
    lines = list(basket.all_lines())
    references = {quote_reference_of_line(line) for line in lines}
    if references == {None}:
        return None
    if None in references or len(references) > 1:
        return _(
            "A quote is paid on its own. Move the other items to “saved for "
            "later”, or pay the quote from its page."
        )
    quote = (
        Quote.objects.select_related("request__resident")
        .filter(reference=references.pop())
        .first()
    )
    reason = quote_payment_refusal(quote, user=user, now=now)
    if reason:
        return reason
    wanted = {
        line.request_line.stockrecord_id: line.quantity for line in _quote_lines(quote)
    }
    held = {line.stockrecord_id: line.quantity for line in lines}
    if held != wanted:
        return _(
            "The quote is paid as quoted: its products and quantities cannot "
            "change. Put it in your basket again from the quote's page."
        )
    return None


def quote_of_basket(basket: Basket) -> Quote | None:
    """The quote a basket pays (None for a basket of anything else)."""
    for line in basket.all_lines():
        quote = quote_of_line(line)
        if quote is not None:
            return quote
    return None


def deposit_split(
    basket: Basket, *, total: Decimal, amount: Decimal, rate, currency: str
) -> tuple[Decimal, Decimal]:
    """The part of a basket paid later: (AZN, in `currency`). A quote with a
    deposit is charged its deposit's share of the total now (converted by
    the one rounding rule) and the rest, at the same rate, before its parcel
    ships; (0, 0) for anything paid at once, and when the deposit would be
    nothing at all (a total of a few cents)."""
    nothing = (Decimal("0.00"), Decimal("0.00"))
    quote = quote_of_basket(basket)
    if quote is None or not quote.deposit_percent or total <= 0:
        return nothing
    deposit = deposit_share(total, quote.deposit_percent)
    deposit_amount = convert(deposit, rate=rate, currency=currency)
    if deposit <= 0 or deposit_amount <= 0 or deposit_amount >= amount:
        return nothing
    return total - deposit, amount - deposit_amount


def quotes_place(*, order, payment, now: datetime) -> None:
    """The order is being placed (inside its transaction): the quote its
    lines pay becomes paid. Raises OutOfStock (the payment is refunded) if
    it may no longer be paid (withdrawn, expired, paid by another order)."""
    references = {quote_reference_of_line(line) for line in order.lines.all()}
    references.discard(None)
    for reference in sorted(references):
        quote = Quote.objects.filter(reference=reference).first()
        if quote is None:
            raise OutOfStock(_("This quote no longer exists."))
        try:
            quote = quote_paid(quote=quote, order=order, user=payment.user, now=now)
        except QuoteRefused as refusal:
            raise OutOfStock(refusal.message) from refusal
        _made_to_order_allocate(quote)


def _made_to_order_allocate(quote: Quote) -> None:
    """Units made to order were held against no stock: they come into the
    stock record and are allocated to the order at once, so that shipping
    the parcel consumes them (and a refund gives them back) like any units,
    while what others may buy stays as it was."""
    for line in _quote_lines(quote):
        request_line = line.request_line
        if not request_line.made_to_order:
            continue
        if not request_line.product.get_product_class().track_stock:
            continue
        StockRecord.objects.filter(pk=request_line.stockrecord_id).update(
            num_in_stock=Coalesce(F("num_in_stock"), 0) + line.quantity,
            num_allocated=Coalesce(F("num_allocated"), 0) + line.quantity,
        )


def quote_line_made_to_order(line) -> bool:
    """Whether a basket line is a quote's line of units made for the buyer
    (held against no stock)."""
    reference = quote_reference_of_line(line)
    if reference is None:
        return False
    return QuoteLine.objects.filter(
        quote__reference=reference,
        request_line__stockrecord_id=line.stockrecord_id,
        request_line__made_to_order=True,
    ).exists()


__all__ = [
    "deposit_split",
    "is_quote_line",
    "quote_basket_fill",
    "quote_basket_refusal",
    "quote_line_made_to_order",
    "quote_of_basket",
    "quote_of_line",
    "quotes_place",
]
