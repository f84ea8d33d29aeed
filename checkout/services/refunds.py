"""Refunds: what staff give back of a placed order, and what Stripe tells
us about refunds and disputes made elsewhere (they become staff alerts)."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.models import Line

from market.alerts.models import AlertKind
from market.alerts.services import alert_raise
from market.bookings.services import bookings_cancel_for_line
from market.downloads.services import download_grants_revoke
from market.export.models import Parcel, ParcelStatus
from market.export.services import may_move, order_status_follow
from market.learning.services import seats_cancel_for_line
from market.ops import metrics
from market.payments import client as payments
from market.payments import keys
from market.payments.money import Money
from market.payouts.services import (
    line_refund_record,
    parcel_shipping_refund_record,
)

from ..models import (
    BalancePayment,
    BalanceStatus,
    CheckoutPayment,
    CheckoutStatus,
    Refund,
    RefundStatus,
)
from . import emails
from .amounts import line_charge

logger = logging.getLogger(__name__)

# A parcel that left: its stock was consumed, not merely allocated.
SENT = [ParcelStatus.SHIPPED, ParcelStatus.DELIVERED, ParcelStatus.RETURNED]


def refunded_through_shop(payment: CheckoutPayment) -> Decimal:
    """What the shop itself refunded of a payment, in its charge currency."""
    if payment.status == CheckoutStatus.REFUNDED:
        return payment.charge_now
    if payment.order_id is None:
        return Decimal("0.00")
    return payment.order.refunds.aggregate(
        total=Coalesce(Sum("amount"), Decimal("0.00"))
    )["total"]


@transaction.atomic
def checkout_alert_staff(
    *, intent_id: str, kind: AlertKind, message: str
) -> CheckoutPayment | None:
    """Record on the payment something staff must look at, and open a staff
    alert (e-mailed to MARKET_ALERT_EMAILS). The order and the ledger are left
    as they are: a person decides."""
    payment = (
        CheckoutPayment.objects.select_for_update()
        .filter(payment_intent_id=intent_id)
        .first()
    )
    if payment is None:
        logger.warning(
            "Stripe alert for unknown PaymentIntent %s: %s", intent_id, message
        )
        return None
    payment.alerted_at = timezone.now()
    payment.problem = f"{payment.problem}\n{message}".strip()
    payment.save(update_fields=["alerted_at", "problem", "updated_at"])
    link = (
        reverse("payments_order", args=[payment.order.number])
        if payment.order_id
        else reverse("payments_list")
    )
    alert_raise(
        kind=kind,
        key=f"checkout:{payment.pk}:{kind}",
        subject=f"Payment {intent_id} needs a look",
        message=message,
        link=link,
    )
    return payment


def charge_refunded(
    *, intent_id: str, amount_refunded: Money
) -> CheckoutPayment | None:
    """Stripe says a charge was refunded. Refunds made by the shop are known
    already; a larger amount was refunded elsewhere (the Stripe dashboard)
    and must be recorded by staff, or residents' ledgers would be wrong."""
    payment = CheckoutPayment.objects.filter(payment_intent_id=intent_id).first()
    if payment is None:
        return None
    known = Money(refunded_through_shop(payment), payment.currency)
    if (
        amount_refunded.currency == known.currency
        and amount_refunded.amount <= known.amount
    ):
        return payment
    return checkout_alert_staff(
        intent_id=intent_id,
        kind=AlertKind.REFUND_OUTSIDE_SHOP,
        message=(
            f"Stripe refunded {amount_refunded} in all; the shop recorded {known}. "
            "Refund the lines in /cms/payments/ so the ledgers match."
        ),
    )


def _give_back(*, refund: Refund, payment: CheckoutPayment, metadata: dict) -> None:
    """The money of `refund` back through Stripe, keyed by the refund. An
    order paid without a card (a free one, or the demo's, which has no
    Stripe) has nothing to give back there."""
    if refund.amount > 0 and payment.payment_intent_id:
        results = [
            payments.refund_create(
                intent_id=intent_id,
                amount=Money(amount, payment.currency),
                idempotency_key=key,
                metadata=metadata,
            )
            for intent_id, key, amount in _stripe_parts(refund, payment)
        ]
        refund.stripe_refund_id = " ".join(result.id for result in results)[:255]
        if any(result.status != "succeeded" for result in results):
            refund.save(update_fields=["stripe_refund_id"])
            return
    refund.status = RefundStatus.SUCCEEDED
    refund.save(update_fields=["stripe_refund_id", "status"])
    metrics.checkout_refunded()


def _refuse_while_balance_due(order_id: int) -> None:
    """An order paid with a deposit is refunded line by line once its balance
    is paid: until then the money received is only the deposit, which the
    ledger and Stripe cannot split by line (staff cancel the whole order,
    checkout.services.balance.deposit_order_cancel). A cancelled one has
    nothing left to refund."""
    status = (
        BalancePayment.objects.filter(order_id=order_id)
        .values_list("status", flat=True)
        .first()
    )
    if status == BalanceStatus.CANCELLED:
        raise ValidationError(
            _(
                "This order was cancelled with its balance unpaid: nothing "
                "is left to refund."
            )
        )
    if status == BalanceStatus.DUE:
        raise ValidationError(
            _(
                "This order was paid with a deposit and its balance is not paid "
                "yet: it can be refunded once the balance is paid, or cancelled "
                "whole by the Centre's staff."
            )
        )


def _stripe_parts(
    refund: Refund, payment: CheckoutPayment
) -> list[tuple[str, str, Decimal]]:
    """Where the money of `refund` goes back: (PaymentIntent, key) pairs with
    their amounts. An order whose balance was paid had two payments: refunds
    draw on the balance's first, then on the deposit's."""
    balance = BalancePayment.objects.filter(
        order_id=refund.order_id, status=BalanceStatus.PAID
    ).first()
    if balance is None:
        return [(payment.payment_intent_id, refund.key, refund.amount)]
    before = refund.order.refunds.exclude(pk=refund.pk).aggregate(
        total=Coalesce(Sum("amount"), Decimal("0.00"))
    )["total"]
    from_balance = max(Decimal("0.00"), min(refund.amount, balance.amount - before))
    parts = []
    if from_balance > 0:
        parts.append((balance.payment_intent_id, refund.key, from_balance))
    if refund.amount - from_balance > 0:
        parts.append(
            (
                payment.payment_intent_id,
                f"{refund.key}-deposit",
                refund.amount - from_balance,
            )
        )
    return parts


def refunded_quantity(line: Line) -> int:
    return line.refunds.aggregate(total=Coalesce(Sum("quantity"), 0))["total"]


@transaction.atomic
def order_line_refund(*, line: Line, quantity: int, user, reason: str) -> Refund:
    """Give `quantity` units of a paid line back to the buyer: money back
    through Stripe (in the charge currency, at the locked rate), the
    resident's ledger, download links revoked, seats and unshipped stock
    returned. Refused, with nothing changed, beyond what is left to refund."""
    line = Line.objects.select_for_update().select_related("order").get(pk=line.pk)
    payment = CheckoutPayment.objects.select_for_update().get(order=line.order)
    _refuse_while_balance_due(line.order_id)
    if not reason.strip():
        raise ValidationError(_("Say why the line is refunded."))
    before = refunded_quantity(line)
    if quantity < 1 or before + quantity > line.quantity:
        raise ValidationError(
            _("Only %(left)s unit(s) of this line can still be refunded.")
            % {"left": line.quantity - before}
        )
    total = line.unit_price_incl_tax * quantity
    amount = line_charge(line=line, quantity=quantity, payment=payment)
    key = keys.line_refund(line.pk, before, quantity)
    # Our side first (it may refuse, e.g. the ledger), Stripe last: if Stripe
    # refuses, the transaction rolls all of it back and nothing has changed.
    refund = Refund.objects.create(
        order=line.order,
        line=line,
        quantity=quantity,
        total=total,
        amount=amount,
        currency=payment.currency,
        status=RefundStatus.PENDING,
        key=key,
        reason=reason,
        created_by=user,
    )
    line_refund_record(line=line, amount=total, key=key)
    download_grants_revoke(line=line, reason=reason)
    seats_cancel_for_line(line=line, quantity=quantity)
    bookings_cancel_for_line(line=line)
    if line.product and line.product.get_product_class().track_stock:
        shipped = (
            hasattr(line, "fulfilment") or line.parcels.filter(status__in=SENT).exists()
        )
        if line.stockrecord_id and not shipped:
            line.stockrecord.cancel_allocation(quantity)
    _give_back(
        refund=refund,
        payment=payment,
        metadata={"order": line.order.number, "line": str(line.pk)},
    )
    emails.refunded(refund)
    _close_emptied_parcels(line=line, user=user, reason=reason)
    return refund


def _close_emptied_parcels(*, line: Line, user, reason: str) -> None:
    """A parcel not yet sent whose every unit was refunded has nothing left to
    send: it is cancelled and its shipping refunded with it."""
    for parcel in Parcel.objects.select_for_update().filter(
        lines=line, status__in=PARCEL_ENDINGS[ParcelStatus.CANCELLED]
    ):
        if any(
            other.quantity > refunded_quantity(other) for other in parcel.lines.all()
        ):
            continue
        if parcel.charge > 0 and not parcel.refunds.exists():
            _parcel_shipping_refund(parcel=parcel, user=user, reason=reason)
        parcel.status = ParcelStatus.CANCELLED
        parcel.reason = reason
        parcel.closed_at = timezone.now()
        parcel.save(update_fields=["status", "reason", "closed_at"])
        order_status_follow(parcel.order)


# Who may end a parcel with a refund, from which status: the resident who
# ships it may cancel it before it leaves; staff may also take back one that
# was sent (returned).
PARCEL_ENDINGS = {
    ParcelStatus.CANCELLED: {ParcelStatus.PAID, ParcelStatus.PACKED},
    ParcelStatus.RETURNED: {ParcelStatus.SHIPPED, ParcelStatus.DELIVERED},
}


@transaction.atomic
def parcel_refund(*, parcel: Parcel, user, reason: str, status: str) -> Parcel:
    """Cancel a parcel before it leaves, or take one back (staff): every unit
    of its lines still paid for and its shipping go back to the buyer (one
    Stripe refund each, keyed, so a repeat moves no money twice), off the
    resident's ledger. Refused, with nothing changed, for anyone else, from
    a status that does not allow it, or without a reason."""
    parcel = (
        Parcel.objects.select_for_update().select_related("order").get(pk=parcel.pk)
    )
    if not may_move(user=user, parcel=parcel):
        raise PermissionDenied
    if status == ParcelStatus.RETURNED and not user.is_staff:
        raise PermissionDenied
    _refuse_while_balance_due(parcel.order_id)
    if parcel.status not in PARCEL_ENDINGS.get(status, set()):
        raise ValidationError(
            _("A parcel that is “%(now)s” cannot be cancelled or returned.")
            % {"now": parcel.get_status_display()}
        )
    if not reason.strip():
        raise ValidationError(_("Say why the parcel is cancelled or returned."))
    for line in parcel.lines.order_by("pk"):
        left = line.quantity - refunded_quantity(line)
        if left > 0:
            order_line_refund(line=line, quantity=left, user=user, reason=reason)
    if parcel.charge > 0 and not parcel.refunds.exists():
        _parcel_shipping_refund(parcel=parcel, user=user, reason=reason)
    parcel.status = status
    parcel.reason = reason
    parcel.closed_at = timezone.now()
    parcel.save(update_fields=["status", "reason", "closed_at"])
    order_status_follow(parcel.order)
    return parcel


def _parcel_shipping_refund(*, parcel: Parcel, user, reason: str) -> Refund:
    payment = CheckoutPayment.objects.select_for_update().get(order=parcel.order)
    key = keys.parcel_shipping_refund(parcel.pk)
    refund = Refund.objects.create(
        order=parcel.order,
        parcel=parcel,
        quantity=1,
        total=parcel.charge,
        amount=parcel.amount,
        currency=payment.currency,
        status=RefundStatus.PENDING,
        key=key,
        reason=reason,
        created_by=user,
    )
    parcel_shipping_refund_record(parcel=parcel, key=key)
    _give_back(
        refund=refund,
        payment=payment,
        metadata={"order": parcel.order.number, "parcel": str(parcel.pk)},
    )
    emails.refunded(refund)
    return refund
