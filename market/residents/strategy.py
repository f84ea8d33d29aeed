"""Oscar's strategy for Creative Market: what a product costs and whether it
may be bought, for every page and form of Oscar's (product page, cards,
basket add, basket update, checkout preview) and for our checkout.

Availability asks the one rule "may this be sold now"
(`selectors.listing_refusal`), then counts stock with live holds
(`catalogue.stock.units_free`), then the per-buyer limit of the product's
kind (MARKET_HOLD_LIMITS). Oscar loads it in place of its own Selector
through market.class_loading (docs/adr/0010-one-availability-rule.md).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from oscar.apps.partner import availability, prices
from oscar.apps.partner import strategy as oscar_strategy

from catalogue.stock import units_free
from market.bookings.listing import BOOKING_OPTION_CODE, is_studio_sku
from market.bookings.models import Booking
from market.bookings.services import booking_refusal_for_payment
from market.trade.lines import quote_reference_of_line
from market.trade.models import QuoteLine
from market.trade.rules import quote_payment_refusal

from .selectors import listing_refusal


def hold_limit(product) -> int | None:
    """Units of one product a buyer may hold and buy at once, by its kind
    (None: no limit)."""
    kind = product.get_product_class().slug if product else ""
    return settings.MARKET_HOLD_LIMITS.get(kind)


class NotOnSale(availability.Unavailable):
    """The listing may not be sold now (not live, not public, shop closed)."""

    code = "not-on-sale"

    def __init__(self, reason):
        self.reason = reason

    @property
    def message(self):
        return self.reason

    @property
    def short_message(self):
        return _("Not on sale")

    def is_purchase_permitted(self, quantity):
        return False, self.reason


class Limited:
    """Wraps a policy with the per-buyer limit of the product's kind."""

    def __init__(self, policy, limit: int | None):
        self.policy = policy
        self.limit = limit

    def __getattr__(self, name):
        return getattr(self.policy, name)

    @property
    def is_available_to_buy(self):
        return self.is_purchase_permitted(1)[0]

    def is_purchase_permitted(self, quantity):
        if self.limit is not None and quantity > self.limit:
            return False, ngettext(
                "one buyer may buy at most %(limit)d of these at a time",
                "one buyer may buy at most %(limit)d of these at a time",
                self.limit,
            ) % {"limit": self.limit}
        return self.policy.is_purchase_permitted(quantity)


class MarketStrategy(
    oscar_strategy.UseFirstStockRecord,
    oscar_strategy.StockRequired,
    oscar_strategy.NoTax,
    oscar_strategy.Structured,
):
    """Prices in AZN as residents set them (the buyer's currency is shown and
    charged by market.currencies); availability by the one rule."""

    def __init__(self, request=None, user=None):
        super().__init__(request)
        if user is not None:
            self.user = user
        self._policies = {}

    def select_children_stockrecords(self, product):
        """Oscar's, but from the children and stock records the card's or
        page's query prefetched (catalogue.selectors.with_card_data), instead
        of two queries per parent product (Oscar looks for its own
        `_prefetched_public_children` only)."""
        if "children" not in getattr(product, "_prefetched_objects_cache", {}):
            return super().select_children_stockrecords(product)
        return [
            (child, self.select_stockrecord(child))
            for child in product.children.all()
            if child.is_public
        ]

    def availability_policy(self, product, stockrecord):
        key = (product.pk, getattr(stockrecord, "pk", None))
        if key not in self._policies:
            self._policies[key] = self._availability(product, stockrecord)
        return self._policies[key]

    def _availability(self, product, stockrecord):
        if not stockrecord:
            return availability.Unavailable()
        if is_studio_sku(stockrecord.partner_sku):
            # Only through a booking (`fetch_for_line`): never by its id.
            return NotOnSale(_("Studio time is booked from the studio's calendar."))
        reason = listing_refusal(product, stockrecord)
        if reason is not None:
            return NotOnSale(reason)
        if not product.get_product_class().track_stock:
            return Limited(availability.Available(), hold_limit(product))
        policy = availability.StockRequired(units_free(stockrecord))
        return Limited(policy, hold_limit(product))

    def fetch_for_line(self, line, stockrecord=None):
        """A studio booking's line costs what the booking costs and may be
        bought, once, by its booker while the booking waits for payment
        (market.bookings); a wholesale quote's line costs the quoted unit
        price, for its buyer only, while the quote is accepted, unpaid and
        valid (market.trade); every other line is Oscar's."""
        record = stockrecord or line.stockrecord
        reference = quote_reference_of_line(line) if line.pk else None
        if record is not None and reference is not None:
            return self._quote_line(line, record, reference)
        if record is None or not is_studio_sku(record.partner_sku):
            return super().fetch_for_line(line, stockrecord)
        info = self.fetch_for_product(line.product, stockrecord)
        booking = None
        for attribute in line.attributes.all():
            if attribute.option.code == BOOKING_OPTION_CODE:
                booking = Booking.objects.filter(reference=str(attribute.value)).first()
        user = line.basket.owner or getattr(self, "user", None)
        reason = booking_refusal_for_payment(booking, user=user, now=timezone.now())
        if booking is None:
            return info
        price = prices.FixedPrice(
            currency="AZN", excl_tax=booking.price, tax=Decimal("0.00")
        )
        policy = NotOnSale(reason) if reason else Limited(availability.Available(), 1)
        return oscar_strategy.PurchaseInfo(
            price=price, availability=policy, stockrecord=info.stockrecord
        )

    def _quote_line(self, line, record, reference: str):
        """The quote's unit price; available in exactly the quoted quantity
        (from stock, or made to order), or not at all with the reason."""
        info = self.fetch_for_product(line.product, record)
        quoted = (
            QuoteLine.objects.select_related("quote__request__resident", "request_line")
            .filter(quote__reference=reference, request_line__stockrecord=record)
            .first()
        )
        if quoted is None:
            return oscar_strategy.PurchaseInfo(
                price=info.price,
                availability=NotOnSale(_("This quote no longer exists.")),
                stockrecord=record,
            )
        user = line.basket.owner or getattr(self, "user", None)
        reason = quote_payment_refusal(
            quoted.quote, user=user, now=timezone.now()
        ) or listing_refusal(line.product, record)
        price = prices.FixedPrice(
            currency=quoted.quote.currency,
            excl_tax=quoted.unit_price,
            tax=Decimal("0.00"),
        )
        if reason:
            policy = NotOnSale(reason)
        elif quoted.request_line.made_to_order or not (
            line.product.get_product_class().track_stock
        ):
            policy = Limited(availability.Available(), quoted.quantity)
        else:
            policy = Limited(
                availability.StockRequired(units_free(record)), quoted.quantity
            )
        return oscar_strategy.PurchaseInfo(
            price=price, availability=policy, stockrecord=record
        )

    def parent_availability_policy(self, product, children_stock):
        reason = listing_refusal(product)
        if reason is not None:
            return NotOnSale(reason)
        for child, stockrecord in children_stock:
            if self.availability_policy(child, stockrecord).is_available_to_buy:
                return availability.Available()
        return availability.Unavailable()


class Selector:
    """Oscar's strategy selector (loaded by name through Oscar's class
    loader): one strategy for everyone."""

    def strategy(self, request=None, user=None, **kwargs):
        return MarketStrategy(request, user=user)
