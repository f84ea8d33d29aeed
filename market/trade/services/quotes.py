"""The resident's quote, the buyer's "yes", and the payment that settles it
(called by the checkout while it places the order)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from market.residents.selectors import acting_resident, listing_refusal
from market.validators import validate_one_line

from .. import emails
from ..models import (
    MAX_DEPOSIT_PERCENT,
    MAX_LEAD_DAYS,
    MAX_SHIPPING,
    MAX_UNIT_PRICE,
    MIN_DEPOSIT_PERCENT,
    Quote,
    QuoteLine,
    QuoteRequest,
    QuoteRequestStatus,
    QuoteStatus,
)
from ..rules import (
    QuoteRefused,
    acts_for_resident,
    clean_text,
    has_direction_controls,
    is_buyer,
    live_request_refusal,
    quote_payment_refusal,
)
from ..shipping import profile_shipping, request_ships
from .locking import lock_request

# A quote is valid for at most this many days.
MAX_VALID_DAYS = 180
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ShippingAnswer:
    """How the resident prices the parcel: from their shipping profile for
    the destination (`from_profile`), or an amount they quote with its
    carrier and delivery days."""

    from_profile: bool
    amount: Decimal | None = None
    carrier: str = ""
    min_days: int = 0
    max_days: int = 0


def _check_prices(request: QuoteRequest, prices: dict[int, Decimal]) -> list:
    lines = list(
        request.lines.select_related(
            "product__product_class",
            "product__parent",
            "stockrecord__partner__resident",
        )
    )
    if set(prices) != {line.pk for line in lines}:
        raise QuoteRefused(_("Give a unit price for every line of the request."))
    for line in lines:
        price = prices[line.pk]
        if (
            not isinstance(price, Decimal)
            or not price.is_finite()
            or price != price.quantize(CENT)
            or not CENT <= price <= MAX_UNIT_PRICE
        ):
            raise QuoteRefused(
                _(
                    "The unit price of “%(title)s” must be between 0.01 and "
                    "%(max)s, with at most two decimals."
                )
                % {"title": line.product.get_title(), "max": MAX_UNIT_PRICE}
            )
        reason = listing_refusal(line.product, line.stockrecord)
        if reason:
            raise QuoteRefused(reason)
    return lines


def _shipping_fields(
    request: QuoteRequest, answer: ShippingAnswer, prices: dict[int, Decimal]
) -> dict:
    """The quote's shipping columns, or QuoteRefused."""
    if not request_ships(request):
        return {"shipping_amount": None, "shipping_carrier": ""}
    if answer.from_profile:
        offer = profile_shipping(request, prices)
        if offer.option is None:
            raise QuoteRefused(
                offer.refusal
                or _("Your shipping profile does not price this parcel: quote it.")
            )
        return {
            "shipping_amount": offer.option.price,
            "shipping_carrier": offer.option.carrier,
            "shipping_min_days": offer.option.min_days,
            "shipping_max_days": offer.option.max_days,
            "shipping_rate_id": offer.option.rate_id,
        }
    amount = answer.amount
    if (
        not isinstance(amount, Decimal)
        or not amount.is_finite()
        or amount != amount.quantize(CENT)
        or not Decimal("0.00") <= amount <= MAX_SHIPPING
    ):
        raise QuoteRefused(
            _("The shipping must be between 0 and %(max)s, with at most two decimals.")
            % {"max": MAX_SHIPPING}
        )
    carrier = " ".join((answer.carrier or "").split())
    if not carrier or len(carrier) > 120:
        raise QuoteRefused(_("Name the carrier (at most 120 characters)."))
    try:
        validate_one_line(carrier)
    except ValidationError as error:
        raise QuoteRefused(error.messages[0]) from error
    if has_direction_controls(carrier):
        # Printed on the parcel's papers: it must read as it is.
        raise QuoteRefused(
            _("Write the carrier without characters that turn the text around.")
        )
    if not 0 <= answer.min_days <= answer.max_days <= MAX_LEAD_DAYS:
        raise QuoteRefused(
            _("Give the delivery days as from–to, at most %(max)s days.")
            % {"max": MAX_LEAD_DAYS}
        )
    return {
        "shipping_amount": amount,
        "shipping_carrier": carrier,
        "shipping_min_days": answer.min_days,
        "shipping_max_days": answer.max_days,
        "shipping_rate_id": None,
    }


def _check_deposit(percent, lines) -> None:
    """0 (paid in full), or a share the rules allow when units are made to
    order; QuoteRefused otherwise."""
    if percent == 0 and not isinstance(percent, bool):
        return
    if (
        not isinstance(percent, int)
        or isinstance(percent, bool)
        or not MIN_DEPOSIT_PERCENT <= percent <= MAX_DEPOSIT_PERCENT
    ):
        raise QuoteRefused(
            _("A deposit is between %(min)s and %(max)s %% of the total, or none.")
            % {"min": MIN_DEPOSIT_PERCENT, "max": MAX_DEPOSIT_PERCENT}
        )
    if not any(line.made_to_order for line in lines):
        raise QuoteRefused(
            _(
                "A deposit may be asked only for units you make to order: "
                "this request is served from stock."
            )
        )


@transaction.atomic
def quote_offer(
    *,
    request: QuoteRequest,
    by,
    prices: dict[int, Decimal],
    lead_time_days: int,
    shipping: ShippingAnswer,
    valid_until,
    terms: str,
    deposit_percent: int = 0,
    now: datetime | None = None,
) -> Quote:
    """The resident answers with a quote: a unit price for every requested
    line (`prices`: request line id -> AZN; a volume price may be below
    retail), the lead time, the parcel's shipping, a validity date and
    terms. A quote offered before and not yet accepted is replaced. Refused
    (QuoteRefused, nothing stored) for anyone but the shop's people, a
    request finished or accepted, a product no longer on sale, a price or
    date out of bounds. `deposit_percent` (0, or 10 to 90) asks for a share
    of the total at once and the rest before shipping: only when some units
    are made to order. The buyer is e-mailed in their language."""
    now = now or timezone.now()
    request = lock_request(request.pk)
    if not acts_for_resident(request, acting_resident(by)):
        raise QuoteRefused(_("You cannot answer this request."))
    if request.status not in (QuoteRequestStatus.OPEN, QuoteRequestStatus.QUOTED):
        raise QuoteRefused(
            live_request_refusal(request)
            or _("The buyer accepted your quote: it can no longer be changed.")
        )
    lines = _check_prices(request, prices)
    if not isinstance(lead_time_days, int) or not 0 <= lead_time_days <= MAX_LEAD_DAYS:
        raise QuoteRefused(
            _("The lead time must be between 0 and %(max)s days.")
            % {"max": MAX_LEAD_DAYS}
        )
    today = timezone.localdate(now)
    if valid_until is None or not today <= valid_until <= today + timedelta(
        days=MAX_VALID_DAYS
    ):
        raise QuoteRefused(
            _("The quote must be valid from today to at most %(days)s days ahead.")
            % {"days": MAX_VALID_DAYS}
        )
    text = clean_text(terms, required=False)
    _check_deposit(deposit_percent, lines)
    fields = _shipping_fields(request, shipping, prices)
    request.quotes.filter(status=QuoteStatus.OFFERED).update(
        status=QuoteStatus.SUPERSEDED
    )
    quote = Quote.objects.create(
        request=request,
        author=by,
        lead_time_days=lead_time_days,
        valid_until=valid_until,
        terms=text,
        deposit_percent=deposit_percent,
        created_at=now,
        **fields,
    )
    QuoteLine.objects.bulk_create(
        QuoteLine(
            quote=quote,
            request_line=line,
            quantity=line.quantity,
            unit_price=prices[line.pk],
        )
        for line in lines
    )
    request.status = QuoteRequestStatus.QUOTED
    request.answered_at = request.answered_at or now
    request.save(update_fields=["status", "answered_at", "updated_at"])
    emails.quoted(request, quote)
    return quote


@transaction.atomic
def quote_accept(*, quote: Quote, by, now: datetime | None = None) -> Quote:
    """The buyer accepts the quote offered: it may then be paid at its
    prices until its validity date. Accepted once: a second "Accept" (a
    double click, two tabs) is refused with nothing changed, and so is an
    older, replaced, withdrawn or expired quote, or one whose products are
    no longer on sale. The resident's people are told."""
    now = now or timezone.now()
    request = lock_request(quote.request_id)
    quote = Quote.objects.get(pk=quote.pk)
    if not is_buyer(request, by):
        raise QuoteRefused(_("Only the buyer may accept this quote."))
    if quote.status == QuoteStatus.ACCEPTED:
        raise QuoteRefused(_("You have already accepted this quote."))
    if quote.status != QuoteStatus.OFFERED or request.status != (
        QuoteRequestStatus.QUOTED
    ):
        raise QuoteRefused(_("This quote can no longer be accepted."))
    if quote.has_run_out(now):
        raise QuoteRefused(_("This quote has expired; ask the seller again."))
    for line in request.lines.select_related(
        "product__parent", "stockrecord__partner__resident"
    ):
        reason = listing_refusal(line.product, line.stockrecord)
        if reason:
            raise QuoteRefused(reason)
    quote.status = QuoteStatus.ACCEPTED
    quote.accepted_at = now
    quote.save(update_fields=["status", "accepted_at"])
    request.status = QuoteRequestStatus.ACCEPTED
    request.save(update_fields=["status", "updated_at"])
    emails.accepted(request, quote)
    return quote


@transaction.atomic
def quote_paid(*, quote: Quote, order, user, now: datetime | None = None) -> Quote:
    """The order paying the quote is being placed (inside the checkout's
    transaction): the quote becomes paid, once. Raises QuoteRefused when it
    may not be paid now (the checkout then refunds the payment)."""
    now = now or timezone.now()
    request = lock_request(quote.request_id)
    quote = Quote.objects.select_related("request__resident").get(pk=quote.pk)
    reason = quote_payment_refusal(quote, user=user, now=now)
    if reason:
        raise QuoteRefused(reason)
    quote.status = QuoteStatus.PAID
    quote.paid_at = now
    quote.order = order
    quote.save(update_fields=["status", "paid_at", "order"])
    request.status = QuoteRequestStatus.PAID
    request.save(update_fields=["status", "updated_at"])
    emails.paid(request, quote)
    return quote
