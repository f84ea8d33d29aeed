"""Oscar's shipping framework, per parcel: the repository Oscar asks on the
basket page, at every checkout step and at "Pay" (market/class_loading.py
hands out this Repository for `shipping.repository`).

A basket has one Oscar shipping method, `Parcels`, whose charge is the sum
of its parcels' chosen options (one parcel per resident, pricing.py). The
buyer's choices live in the session (`parcel_choices`: partner id -> rate
id), the cheapest option by default. `FrozenParcels` is the same method
rebuilt from what was frozen with the basket at "Pay", so that nothing a
resident changes while the buyer pays changes what the buyer is charged."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping import methods
from oscar.apps.shipping import repository as oscar_repository
from oscar.core import prices

from market.trade.shipping import quoted_parcels

from .destination import buyer_destination
from .pricing import basket_parcels, first_refusal

CHOICES_KEY = "parcel_choices"
ZERO = Decimal("0.00")


def _price(basket, amount: Decimal) -> prices.Price:
    return prices.Price(currency=basket.currency, excl_tax=amount, incl_tax=amount)


class Parcels(methods.Base):
    """Each resident's parcel, sent by the option the buyer chose."""

    code = "parcels"
    name = _("Delivery")

    def __init__(self, parcels):
        self.parcels = parcels

    @property
    def refusal(self) -> str | None:
        """Why this basket cannot be sent there (None when it can)."""
        return first_refusal(self.parcels)

    def calculate(self, basket) -> prices.Price:
        return _price(basket, sum((p.price for p in self.parcels), ZERO))

    def snapshot(self) -> list[dict]:
        return [parcel.snapshot() for parcel in self.parcels]


class FrozenParcels(methods.Base):
    """The parcels and their prices as frozen at "Pay" (CheckoutPayment)."""

    code = Parcels.code
    name = Parcels.name

    def __init__(self, snapshot: list[dict]):
        self.frozen = snapshot

    def calculate(self, basket) -> prices.Price:
        return _price(basket, sum((Decimal(p["price"]) for p in self.frozen), ZERO))


class Repository(oscar_repository.Repository):
    def get_available_shipping_methods(
        self, basket, shipping_addr=None, request=None, **kwargs
    ):
        if shipping_addr is not None and shipping_addr.country_id:
            country = shipping_addr.country_id
        else:
            country = buyer_destination(request)
        session = getattr(request, "session", None)
        choices = session.get(CHOICES_KEY, {}) if session is not None else {}
        parcels = basket_parcels(basket.all_lines(), country=country, choices=choices)
        # A wholesale quote's parcel travels at the quoted shipping.
        return [Parcels(quoted_parcels(parcels))]
