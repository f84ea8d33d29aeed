"""The buyer presses "Pay": hold the basket, lock the rate, freeze the basket
and make sure its one PaymentIntent exists.

In one transaction: lock the basket, ask the one rule "may this be sold now"
and the buyer's limits for every line, hold the stock and seats (each stock
record locked in a fixed order, so the last unit can be held by one buyer
only), lock the exchange rate and freeze the basket. Then, under the row
lock of this basket's payment only, create its PaymentIntent. If Stripe
cannot be reached, the hold is dropped at once, the basket reopens as it was
and no payment row is left behind: the buyer simply tries again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import ShippingAddress
from oscar.apps.order.utils import OrderNumberGenerator

from market.currencies.selectors import RateUnavailable, rate_for
from market.ops import metrics
from market.payments import client as payments
from market.payments import keys
from market.payments.money import Money

from ..models import CheckoutPayment, CheckoutStatus
from ..selectors import guest_refusal
from .amounts import charge_amount, prepared, shipping_parts
from .errors import CheckoutRefused
from .fulfil import FINAL, place_and_record
from .holds import basket_check, holds_release, holds_take
from .quotes import deposit_split


def _address_data(address: ShippingAddress | None) -> dict | None:
    if address is None:
        return None
    data = model_to_dict(address, exclude=["id", "search_text"])
    data["country_id"] = data.pop("country")
    data["phone_number"] = str(data.get("phone_number") or "")
    return data


def _charge_rate(*, currency: str, now: datetime) -> Decimal:
    """The rate to lock for a basket that costs something; refused when
    Stripe is not configured or the rate is unavailable."""
    if not payments.is_configured():
        raise CheckoutRefused(_("Payments are not configured on this site yet."))
    try:
        return rate_for(currency=currency, now=now)
    except RateUnavailable as error:
        raise CheckoutRefused(error.message) from error


def _hold_until(now: datetime) -> datetime:
    return now + timedelta(minutes=settings.MARKET_CHECKOUT_HOLD_MINUTES)


@metrics.checkout_begin_counted(CheckoutRefused, payments.PaymentProviderError)
def checkout_begin(
    *,
    basket: Basket,
    user,
    guest_email: str = "",
    shipping_address: ShippingAddress | None,
    shipping_method,
    order_total,
    currency: str,
    language: str,
    now: datetime | None = None,
    shown_total: Decimal | None = None,
) -> CheckoutPayment:
    """Hold the basket's stock and seats, lock the rate, freeze the basket and
    make sure its one PaymentIntent exists. Idempotent per basket: a second
    tab or a double submit gets the same payment. Raises CheckoutRefused
    (nothing held, nothing written) when it cannot go on, and
    PaymentProviderError (nothing held, the basket open again, no payment
    row) when Stripe cannot be reached. A basket that costs nothing (a free
    course) is placed at once, without Stripe. `shown_total` is
    the total the buyer saw on the preview: a total that moved since is
    refused, nothing held. A guest (`user` None) gives `guest_email` and may
    buy only goods that ship (checkout.selectors.guest_refusal)."""
    now = now or timezone.now()
    if (user is None) == (not guest_email):
        raise CheckoutRefused(_("Please either sign in or enter your email address"))
    with transaction.atomic():
        # Lock the basket first: a second tab waits here, then finds the hold.
        basket = prepared(Basket.objects.select_for_update().get(pk=basket.pk), user)
        if basket.is_empty:
            raise CheckoutRefused(_("Your basket is empty."))
        if user is None:
            refusal = guest_refusal(basket)
            if refusal is not None:
                raise CheckoutRefused(refusal)
        basket_check(basket)
        refusal = getattr(shipping_method, "refusal", None)
        if refusal:
            # A parcel cannot travel to the address: say which item and why.
            raise CheckoutRefused(refusal)
        shipping_charge = shipping_method.calculate(basket).incl_tax
        total = order_total.incl_tax
        lines_total = sum(
            (line.line_price_incl_tax for line in basket.all_lines()), Decimal("0.00")
        )
        if lines_total + shipping_charge != total or (
            shown_total is not None and shown_total != total
        ):
            # Also when the total the buyer was shown has moved since (a
            # shipping price raised between the preview and "Pay").
            # Offers and vouchers would change line prices; none are sold yet.
            raise CheckoutRefused(_("The basket total changed. Please check it again."))
        if total == 0:
            currency, rate = settings.MARKET_BASE_CURRENCY, Decimal("1")
        else:
            rate = _charge_rate(currency=currency, now=now)
        amount = charge_amount(
            basket, shipping_parts(shipping_method), rate=rate, currency=currency
        )
        balance_total, balance_amount = deposit_split(
            basket, total=total, amount=amount, rate=rate, currency=currency
        )
        payment = (
            CheckoutPayment.objects.select_for_update().filter(basket=basket).first()
        )
        if payment and payment.status in FINAL:
            raise CheckoutRefused(_("This basket has already been paid."))
        fields = {
            "user": user,
            "guest_email": "" if user is not None else guest_email,
            "status": CheckoutStatus.AWAITING_PAYMENT,
            "total": total,
            "currency": currency,
            "rate": rate,
            "amount": amount,
            "balance_total": balance_total,
            "balance_amount": balance_amount,
            "language": language,
            "shipping_address": _address_data(shipping_address),
            "shipping_method_code": shipping_method.code,
            # The parcels' prices are frozen with the basket, like the rate.
            "parcels": (
                shipping_method.snapshot()
                if hasattr(shipping_method, "snapshot")
                else []
            ),
            "expires_at": _hold_until(now),
        }
        if payment is None:
            payment = CheckoutPayment.objects.create(basket=basket, **fields)
        else:
            for name, value in fields.items():
                setattr(payment, name, value)
            payment.save()
            holds_release(payment)
        holds_take(payment=payment, basket=basket, now=now)
        if basket.status != Basket.FROZEN:
            basket.freeze()
        if amount == 0:
            # Nothing to pay: placed in this transaction, or nothing at all.
            place_and_record(payment)
            return payment
    try:
        return checkout_intent_ensure(payment=payment)
    except payments.PaymentProviderError:
        checkout_abandon(payment=payment)
        raise


@transaction.atomic
def checkout_abandon(*, payment: CheckoutPayment) -> None:
    """Undo a "Pay" that could not reach Stripe: drop the hold, reopen the
    basket, and delete the payment row unless a PaymentIntent exists for it
    (then it is released, like a buyer going back to the basket)."""
    payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != CheckoutStatus.AWAITING_PAYMENT:
        return
    holds_release(payment)
    basket = Basket.objects.select_for_update().get(pk=payment.basket_id)
    if basket.status == Basket.FROZEN:
        basket.thaw()
    if payment.payment_intent_id:
        payment.status = CheckoutStatus.RELEASED
        payment.problem = "the payment provider could not be reached"
        payment.save(update_fields=["status", "problem", "updated_at"])
    else:
        payment.delete()


def checkout_intent_ensure(*, payment: CheckoutPayment) -> CheckoutPayment:
    """Create the payment's PaymentIntent once, or bring its amount in line
    with the current hold. Runs under this payment's row lock only (never the
    stock rows), so the Stripe call holds up nobody else."""
    with transaction.atomic():
        payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
        # Less a balance paid later (a quote's deposit).
        charge = Money(payment.charge_now, payment.currency)
        if payment.status in FINAL:
            return payment
        if not payment.payment_intent_id:
            intent = payments.payment_intent_create(
                amount=charge,
                idempotency_key=keys.checkout_intent(payment.pk),
                # The order's number is known now (basket-based); residents'
                # Connect transfers use the same group.
                transfer_group=keys.transfer_group(
                    OrderNumberGenerator().order_number(payment.basket)
                ),
                metadata={
                    "checkout_payment": str(payment.pk),
                    "basket": str(payment.basket_id),
                },
            )
            payment.payment_intent_id = intent.id
            payment.client_secret = intent.client_secret
        elif (payment.intent_amount, payment.intent_currency) != (
            payment.charge_now,
            payment.currency,
        ):
            payments.payment_intent_update_amount(
                intent_id=payment.payment_intent_id,
                amount=charge,
                idempotency_key=keys.checkout_intent_amount(payment.pk, charge),
            )
        else:
            return payment
        payment.intent_amount = payment.charge_now
        payment.intent_currency = payment.currency
        payment.save(
            update_fields=[
                "payment_intent_id",
                "client_secret",
                "intent_amount",
                "intent_currency",
                "updated_at",
            ]
        )
    return payment


def checkout_resume(*, payment: CheckoutPayment) -> CheckoutPayment:
    """Hold the frozen basket again when its hold ran out before the buyer
    paid (same amounts, same rate). Raises CheckoutRefused (OutOfStock), after
    giving back what it held and reopening the basket, when a line may not be
    sold now or its units are gone."""
    now = timezone.now()
    try:
        with transaction.atomic():
            payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
            if payment.status != CheckoutStatus.AWAITING_PAYMENT:
                return payment
            basket = prepared(
                Basket.objects.select_for_update().get(pk=payment.basket_id),
                payment.user,
            )
            basket_check(basket)
            payment.expires_at = _hold_until(now)
            payment.save(update_fields=["expires_at", "updated_at"])
            holds_release(payment)
            holds_take(payment=payment, basket=basket, now=now)
    except CheckoutRefused as refusal:
        checkout_release(payment=payment, reason=str(refusal.message))
        raise
    return checkout_intent_ensure(payment=payment)


@transaction.atomic
def checkout_release(*, payment: CheckoutPayment, reason: str = "") -> CheckoutPayment:
    """Give back what a payment holds and reopen its basket (the buyer went
    back, the hold ran out, a line may no longer be sold). Paying later still
    works if the units are still there."""
    payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != CheckoutStatus.AWAITING_PAYMENT:
        return payment
    holds_release(payment)
    payment.status = CheckoutStatus.RELEASED
    payment.problem = reason
    payment.save(update_fields=["status", "problem", "updated_at"])
    basket = Basket.objects.select_for_update().get(pk=payment.basket_id)
    if basket.status == Basket.FROZEN:
        basket.thaw()
    return payment
