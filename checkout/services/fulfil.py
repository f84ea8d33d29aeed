"""Placing the order of a paid PaymentIntent, exactly once.

`checkout_fulfil` is one guarded transition keyed by the PaymentIntent,
called from the webhook, the return page and `reconcile_payments` alike.
Inside one transaction (payment row locked) it re-asks the one rule "may
this be sold now" for every line, turns the holds into allocations, places
the order from the frozen basket, records the residents' shares, download
grants and seats, and queues the e-mails.

Only named business refusals (errors.BUSINESS_REFUSALS: the listing or shop
closed meanwhile, the units gone after the hold ran out, a changed price, an
amount that does not match) refund the buyer. A transient database error
(deadlock, serialisation failure, lock timeout, lost connection) is retried
a few times, then postponed; any other error is postponed and alerts staff.
A postponed checkout is never refunded: the next try places it.
"""

from __future__ import annotations

import logging
import time

from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.models import Basket
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.models import Order, PaymentEventType, ShippingAddress
from oscar.apps.order.utils import OrderCreator, OrderNumberGenerator
from oscar.apps.payment.models import Source, SourceType
from oscar.apps.shipping.methods import NoShippingRequired

from market.alerts.models import AlertKind
from market.alerts.services import alert_raise
from market.downloads.services import download_grants_create
from market.export.services import parcels_create
from market.export.shipping import FrozenParcels
from market.learning.services import seats_create_for_order
from market.ops import metrics
from market.payments import client as payments
from market.payments import keys
from market.payments.money import Money
from market.payouts.services import order_shares_record
from market.webhooks.services import webhook_order_paid_emit

from ..models import CheckoutPayment, CheckoutStatus
from . import emails
from .amounts import charge_amount, prepared, shipping_parts
from .balance import balance_create
from .bookings import bookings_place
from .errors import BUSINESS_REFUSALS, FulfilmentPostponed
from .holds import basket_check, holds_place, holds_release
from .quotes import quotes_place

logger = logging.getLogger(__name__)

FINAL = (CheckoutStatus.PLACED, CheckoutStatus.REFUNDED, CheckoutStatus.NEEDS_ATTENTION)
# Seconds to wait before each retry after a transient database error.
RETRY_PAUSES = (0.05, 0.25, 1.0)
TRANSIENT = (OperationalError, InterfaceError)


class _HeldStockOrderCreator(OrderCreator):
    """Oscar's order creator, minus its stock allocation: the checkout's
    holds became the allocation just before (holds.holds_place)."""

    def update_stock_records(self, line):
        return None


def _shipping_method(payment: CheckoutPayment):
    """The delivery frozen at "Pay": the parcels and prices the buyer saw,
    whatever a resident changed in their profile since."""
    if payment.shipping_method_code == FrozenParcels.code:
        return FrozenParcels(payment.parcels)
    if payment.shipping_method_code == NoShippingRequired.code:
        return NoShippingRequired()
    raise ValidationError(_("The delivery method is no longer available."))


def _place_order(payment: CheckoutPayment, basket: Basket) -> Order:
    address = (
        ShippingAddress(**payment.shipping_address)
        if payment.shipping_address
        else None
    )
    method = _shipping_method(payment)
    shipping_charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    if total.incl_tax != payment.total:
        raise ValidationError(
            _("Prices changed while you paid (%(old)s → %(new)s AZN).")
            % {"old": payment.total, "new": total.incl_tax}
        )
    amount = charge_amount(
        basket, shipping_parts(method), rate=payment.rate, currency=payment.currency
    )
    if amount != payment.amount:
        # (`amount` is the whole order, a balance paid later included.)
        raise ValidationError(_("The amount charged does not match the basket."))
    if address is not None:
        address.save()
    order = _HeldStockOrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=shipping_charge,
        user=payment.user,
        shipping_address=address,
        # A guest's order carries their address (Oscar's anonymous order).
        guest_email=payment.guest_email,
        order_number=OrderNumberGenerator().order_number(basket),
    )
    if payment.payment_intent_id:
        _record_card_payment(order, payment)
    basket.submit()
    return order


def _record_card_payment(order: Order, payment: CheckoutPayment) -> None:
    """Oscar's own record of the payment (its dashboard shows it)."""
    source_type, _created = SourceType.objects.get_or_create(
        code="stripe", defaults={"name": "Stripe"}
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=payment.currency,
        amount_allocated=payment.amount,
        # A balance (a quote's deposit) is debited when it is paid.
        amount_debited=payment.charge_now,
        reference=payment.payment_intent_id,
    )
    event_type, _created = PaymentEventType.objects.get_or_create(
        code="paid", defaults={"name": "Paid"}
    )
    event = order.payment_events.create(
        event_type=event_type,
        amount=payment.paid_now_total,
        reference=payment.payment_intent_id,
    )
    for line in order.lines.all():
        event.line_quantities.create(line=line, quantity=line.quantity)


def place_and_record(payment: CheckoutPayment) -> None:
    """Place the order (inside the caller's transaction, payment row locked)
    with everything that comes with it. Raises a business refusal when a
    line may not be sold now or its units are gone."""
    now = timezone.now()
    basket = prepared(Basket.objects.get(pk=payment.basket_id), payment.user)
    basket_check(basket)
    holds_place(payment=payment, basket=basket, now=now)
    order = _place_order(payment, basket)
    bookings_place(order=order, now=now)
    quotes_place(order=order, payment=payment, now=now)
    payment.status = CheckoutStatus.PLACED
    payment.order = order
    payment.save(update_fields=["status", "order", "updated_at"])
    order_shares_record(order=order)
    parcels_create(order=order, frozen=payment.parcels, payment=payment)
    # After every entry of the order: the part paid later is held back.
    balance_create(payment=payment, order=order)
    download_grants_create(order=order)
    seats_create_for_order(order=order)
    emails.order_placed(payment)
    webhook_order_paid_emit(order=order)
    metrics.checkout_placed()


def _fulfil_once(payment_id: int, intent: payments.Intent) -> CheckoutPayment:
    with transaction.atomic():
        payment = CheckoutPayment.objects.select_for_update().get(pk=payment_id)
        if payment.status in FINAL:
            return payment
        if intent.amount_received != Money(payment.charge_now, payment.currency):
            raise ValidationError(
                _("Stripe received %(received)s, the order expected %(expected)s.")
                % {
                    "received": intent.amount_received,
                    "expected": Money(payment.charge_now, payment.currency),
                }
            )
        place_and_record(payment)
        return payment


def _with_retries(function):
    """Run `function` (one transaction), again after a short pause when the
    database fails in a way that may pass (deadlock, serialisation failure,
    lock timeout, a connection that went away)."""
    for pause in (*RETRY_PAUSES, None):
        try:
            return function()
        except TRANSIENT as error:
            if pause is None:
                raise
            logger.warning("Transient database error, retrying: %s", error)
            if (
                not connection.in_atomic_block
                and connection.connection is not None
                and not connection.is_usable()
            ):
                # A connection that went away is replaced on the next query.
                connection.close()
            time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover


def checkout_fulfil(
    *, intent_id: str, intent: payments.Intent | None = None
) -> CheckoutPayment | None:
    """Place the order of a paid PaymentIntent, exactly once. Safe to call
    any number of times, from anywhere, concurrently. Returns the payment
    (None for a PaymentIntent that is not a checkout of ours). `intent` saves
    a call to Stripe when the caller has just retrieved it. Raises
    FulfilmentPostponed when the order could not be placed for a reason that
    is not the buyer's: nothing is refunded, the next try places it."""
    payment = CheckoutPayment.objects.filter(payment_intent_id=intent_id).first()
    if payment is None:
        logger.warning("No checkout payment for PaymentIntent %s", intent_id)
        return None
    if payment.status in FINAL:
        return payment
    intent = intent or payments.payment_intent_retrieve(intent_id=intent_id)
    if not intent.succeeded:
        return payment
    try:
        return _with_retries(lambda: _fulfil_once(payment.pk, intent))
    except BUSINESS_REFUSALS as refusal:
        reason = getattr(refusal, "message", None) or "; ".join(
            getattr(refusal, "messages", [str(refusal)])
        )
        logger.warning("Paid checkout %s refused: %s", payment.pk, reason)
        return _refund_unplaceable(payment=payment, reason=str(reason))
    except TRANSIENT as error:
        logger.warning("Paid checkout %s postponed: %s", payment.pk, error)
        raise FulfilmentPostponed(str(error)) from error
    except Exception as error:
        logger.exception("Paid checkout %s could not be placed", payment.pk)
        # (Inside a webhook's transaction this alert rolls back with it; the
        # return page or the reconciliation job raises it again.)
        alert_raise(
            kind=AlertKind.PAID_NOT_PLACED,
            key=f"checkout:{payment.pk}:not-placed",
            subject=f"Paid checkout {payment.pk} could not be placed",
            message=(
                f"PaymentIntent {intent_id} succeeded, but placing its order "
                f"failed with {type(error).__name__}: {error}. Nothing was "
                "refunded; the reconciliation job tries again."
            ),
            link=reverse("payments_list"),
        )
        raise FulfilmentPostponed(str(error)) from error


def _refund_unplaceable(*, payment: CheckoutPayment, reason: str) -> CheckoutPayment:
    """Refund a paid checkout that the business refused to place, or alert
    staff if the refund fails too."""
    with transaction.atomic():
        payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
        if payment.status in FINAL:
            return payment
        metrics.checkout_refused("rule", after_commit=True)
        holds_release(payment)
        payment.problem = reason
        try:
            refund = payments.refund_create(
                intent_id=payment.payment_intent_id,
                amount=Money(payment.charge_now, payment.currency),
                idempotency_key=keys.checkout_unplaceable_refund(payment.pk),
                metadata={"checkout_payment": str(payment.pk)},
            )
        except payments.PaymentProviderError as error:
            payment.status = CheckoutStatus.NEEDS_ATTENTION
            payment.problem = f"{reason}\nRefund failed: {error.message}"
            alert_raise(
                kind=AlertKind.REFUND_FAILED,
                key=f"checkout:{payment.pk}:refund-failed",
                subject=f"Refund of paid checkout {payment.pk} failed",
                message=(
                    f"PaymentIntent {payment.payment_intent_id} "
                    f"({payment.charge_now} {payment.currency}) could not be placed: "
                    f"{reason}\nThe refund failed: {error.message}. Refund it in "
                    "the Stripe dashboard."
                ),
                link=reverse("payments_list"),
            )
        else:
            payment.status = CheckoutStatus.REFUNDED
            payment.refund_id = refund.id
            metrics.checkout_refunded()
            alert_raise(
                kind=AlertKind.PAID_NOT_PLACED,
                key=f"checkout:{payment.pk}:refunded",
                subject=f"Paid checkout {payment.pk} was refunded, not placed",
                message=(
                    f"PaymentIntent {payment.payment_intent_id} "
                    f"({payment.charge_now} {payment.currency}) was refunded in full "
                    f"because its order could not be placed: {reason}"
                ),
                link=reverse("payments_list"),
            )
        payment.save()
        basket = Basket.objects.select_for_update().get(pk=payment.basket_id)
        if basket.status == Basket.FROZEN:
            basket.thaw()
        emails.not_placed(payment)
    return payment
