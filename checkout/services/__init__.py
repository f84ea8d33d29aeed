"""Taking payment and placing orders, race-safe and exactly once, one module
a step: `holds` (what a basket holds while its buyer pays), `begin` (the
"Pay" button), `fulfil` (placing a paid order), `refunds`, `emails`, and
`amounts` (the charge in the buyer's currency). See each module."""

from .amounts import (
    charge_amount,
    line_charge,
    prepared,
    prepared_basket,
    shipping_parts,
)
from .begin import (
    checkout_abandon,
    checkout_begin,
    checkout_intent_ensure,
    checkout_release,
    checkout_resume,
)
from .errors import (
    BUSINESS_REFUSALS,
    CheckoutRefused,
    FulfilmentPostponed,
    OutOfStock,
)
from .fulfil import FINAL, checkout_fulfil
from .holds import (
    Hold,
    basket_check,
    basket_holds,
    hold_key,
    holds_live,
    holds_release,
)
from .refunds import (
    charge_refunded,
    checkout_alert_staff,
    order_line_refund,
    parcel_refund,
    refunded_quantity,
    refunded_through_shop,
)

__all__ = [
    "BUSINESS_REFUSALS",
    "FINAL",
    "CheckoutRefused",
    "FulfilmentPostponed",
    "Hold",
    "OutOfStock",
    "basket_check",
    "basket_holds",
    "charge_amount",
    "charge_refunded",
    "checkout_abandon",
    "checkout_alert_staff",
    "checkout_begin",
    "checkout_fulfil",
    "checkout_intent_ensure",
    "checkout_release",
    "checkout_resume",
    "hold_key",
    "holds_live",
    "holds_release",
    "line_charge",
    "order_line_refund",
    "parcel_refund",
    "prepared",
    "prepared_basket",
    "refunded_quantity",
    "refunded_through_shop",
    "shipping_parts",
]
