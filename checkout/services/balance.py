"""The balance of an order paid with a deposit (a made-to-order quote).

Placing the order charged the deposit; the rest is a BalancePayment with a
PaymentIntent of its own, in the currency and at the rate locked at "Pay",
so the buyer pays exactly the total they accepted. Until it is paid:
- the ledger holds back each account's share of the balance
  (payouts.order_balance_hold), so nobody is paid out money not received;
- the order's parcels cannot ship (market.export.services.parcel_move asks
  `order_balance_refusal`), and refunds wait (checkout.services.refunds).
The resident asks for it when the goods are ready; the hourly follow-up job
reminds the buyer once. `balance_fulfil` is one guarded transition keyed by
the PaymentIntent, called from the webhook, the return page and the
reconciliation job alike: the balance is recorded once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.order.models import Order, PaymentEventType
from oscar.apps.partner.models import StockRecord
from oscar.apps.payment.models import Source

from market.alerts.models import AlertKind
from market.alerts.services import alert_raise
from market.export.models import Parcel, ParcelStatus
from market.export.services import order_status_follow
from market.payments import client as payments
from market.payments import keys
from market.payments.money import Money
from market.payouts.models import EntryKind
from market.payouts.services import (
    line_refund_record,
    order_balance_hold,
    order_balance_release,
    parcel_shipping_refund_record,
)
from market.residents.selectors import acting_resident
from market.trade import emails as trade_emails
from market.trade.models import Quote
from market.trade.rules import acts_for_resident

from ..models import (
    BalancePayment,
    BalanceStatus,
    CheckoutPayment,
    Refund,
    RefundStatus,
)
from .errors import CheckoutRefused

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
# A resident asks for the balance at most once a day.
ASK_AGAIN_AFTER = timedelta(days=1)


def balance_create(*, payment: CheckoutPayment, order: Order) -> BalancePayment | None:
    """The order being placed (inside its transaction) leaves a balance to
    pay: record it, and hold its share back in the ledger. None when the
    order was paid in full. Idempotent."""
    if payment.balance_total <= 0:
        return None
    balance, _created = BalancePayment.objects.get_or_create(
        checkout_payment=payment,
        defaults={
            "order": order,
            "total": payment.balance_total,
            "currency": payment.currency,
            "amount": payment.balance_amount,
        },
    )
    order_balance_hold(order=order, balance=payment.balance_total)
    return balance


def order_balance_refusal(order_id: int) -> str | None:
    """Why an order may not ship (or be refunded) yet: its balance is due."""
    if BalancePayment.objects.filter(
        order_id=order_id, status=BalanceStatus.DUE
    ).exists():
        return _(
            "The buyer has not paid the balance of this order yet: it ships "
            "once the balance is paid."
        )
    return None


def _quote_of(balance: BalancePayment) -> Quote | None:
    return (
        Quote.objects.select_related("request__resident", "request__buyer")
        .filter(order_id=balance.order_id)
        .first()
    )


def balance_intent_ensure(*, balance: BalancePayment, user) -> BalancePayment:
    """The buyer opens the balance's pay page: its one PaymentIntent exists
    (created once, whatever the number of clicks and tabs). Only the buyer
    who paid the deposit may pay it (PermissionDenied otherwise); a balance
    already paid is returned as it is."""
    with transaction.atomic():
        balance = (
            BalancePayment.objects.select_for_update()
            .select_related("checkout_payment", "order")
            .get(pk=balance.pk)
        )
        if user is None or balance.checkout_payment.user_id != user.pk:
            raise PermissionDenied
        if balance.status != BalanceStatus.DUE or balance.payment_intent_id:
            return balance
        intent = payments.payment_intent_create(
            amount=Money(balance.amount, balance.currency),
            idempotency_key=keys.balance_intent(balance.pk),
            transfer_group=keys.transfer_group(balance.order.number),
            metadata={
                "balance_payment": str(balance.pk),
                "order": balance.order.number,
            },
        )
        balance.payment_intent_id = intent.id
        balance.client_secret = intent.client_secret
        balance.save(update_fields=["payment_intent_id", "client_secret", "updated_at"])
    return balance


def _record_in_oscar(balance: BalancePayment) -> None:
    """Oscar's record of the second payment (its dashboard shows it)."""
    Source.objects.filter(
        order_id=balance.order_id, reference=balance.checkout_payment.payment_intent_id
    ).update(amount_debited=balance.checkout_payment.amount)
    event_type, _created = PaymentEventType.objects.get_or_create(
        code="balance-paid", defaults={"name": "Balance paid"}
    )
    balance.order.payment_events.create(
        event_type=event_type, amount=balance.total, reference=balance.payment_intent_id
    )


def balance_fulfil(
    *, intent_id: str, intent: payments.Intent | None = None
) -> BalancePayment | None:
    """Record a paid balance, exactly once: the ledger releases what it held,
    the parcels may ship, the resident is told. Safe to call any number of
    times, concurrently. None for a PaymentIntent that is not a balance."""
    balance = BalancePayment.objects.filter(payment_intent_id=intent_id).first()
    if balance is None:
        return None
    if balance.status == BalanceStatus.PAID:
        return balance
    intent = intent or payments.payment_intent_retrieve(intent_id=intent_id)
    if not intent.succeeded:
        return balance
    with transaction.atomic():
        balance = (
            BalancePayment.objects.select_for_update()
            .select_related("checkout_payment", "order")
            .get(pk=balance.pk)
        )
        if balance.status == BalanceStatus.PAID:
            return balance
        expected = Money(balance.amount, balance.currency)
        if intent.amount_received != expected:
            alert_raise(
                kind=AlertKind.PAID_NOT_PLACED,
                key=f"balance:{balance.pk}:amount",
                subject=f"Balance {balance.pk} paid a wrong amount",
                message=(
                    f"PaymentIntent {intent_id} received {intent.amount_received}; "
                    f"the balance of order {balance.order.number} is {expected}. "
                    "It was not recorded; settle it in the Stripe dashboard."
                ),
                link=reverse("payments_list"),
            )
            return balance
        balance.status = BalanceStatus.PAID
        balance.paid_at = timezone.now()
        balance.save(update_fields=["status", "paid_at", "updated_at"])
        order_balance_release(order=balance.order)
        _record_in_oscar(balance)
        quote = _quote_of(balance)
        if quote is not None:
            trade_emails.balance_paid(quote.request, quote, balance)
    return balance


def balance_ask(*, balance: BalancePayment, by, now: datetime | None = None):
    """The resident says the goods are ready and asks for the balance: the
    buyer is e-mailed a link to pay it. Refused for anyone but the shop's
    people, a balance paid, and a second ask within a day."""
    now = now or timezone.now()
    with transaction.atomic():
        balance = BalancePayment.objects.select_for_update().get(pk=balance.pk)
        quote = _quote_of(balance)
        if quote is None or not acts_for_resident(quote.request, acting_resident(by)):
            raise PermissionDenied
        if balance.status != BalanceStatus.DUE:
            raise CheckoutRefused(_("The buyer has already paid the balance."))
        if balance.requested_at and now - balance.requested_at < ASK_AGAIN_AFTER:
            raise CheckoutRefused(
                _("You asked for the balance less than a day ago; the buyer has it.")
            )
        balance.requested_at = now
        balance.reminded_at = None
        balance.save(update_fields=["requested_at", "reminded_at", "updated_at"])
        trade_emails.balance_asked(quote.request, quote, balance)
    return balance


def balances_remind(*, now: datetime | None = None) -> int:
    """Remind each buyer once whose balance was asked for
    MARKET_QUOTE_BALANCE_REMIND_DAYS ago and is still due; staff are alerted
    at the same time, since the parcel waits. Returns how many."""
    now = now or timezone.now()
    before = now - timedelta(days=settings.MARKET_QUOTE_BALANCE_REMIND_DAYS)
    count = 0
    for pk in BalancePayment.objects.filter(
        status=BalanceStatus.DUE, requested_at__lte=before, reminded_at=None
    ).values_list("pk", flat=True):
        with transaction.atomic():
            balance = (
                BalancePayment.objects.select_for_update()
                .select_related("order")
                .get(pk=pk)
            )
            if balance.status != BalanceStatus.DUE or balance.reminded_at:
                continue
            balance.reminded_at = now
            balance.save(update_fields=["reminded_at", "updated_at"])
            quote = _quote_of(balance)
            if quote is not None:
                trade_emails.balance_asked(quote.request, quote, balance, reminder=True)
            alert_raise(
                kind=AlertKind.BALANCE_UNPAID,
                key=f"balance:{balance.pk}:unpaid",
                subject=f"Balance of order {balance.order.number} still unpaid",
                message=(
                    f"The resident asked for the balance ({balance.total} AZN) of "
                    f"order {balance.order.number} on {balance.requested_at:%Y-%m-%d}; "
                    "the buyer has not paid it and was reminded. The parcel waits."
                ),
                link=reverse("payments_list"),
            )
            count += 1
    return count


def _shares(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`amount` split by `weights`, half up to the cent, the last taking the
    rest: the parts always add up to `amount`."""
    total = sum(weights, Decimal("0.00"))
    parts, left = [], amount
    for weight in weights[:-1]:
        part = (amount * weight / total).quantize(CENT, rounding=ROUND_HALF_UP)
        parts.append(part)
        left -= part
    return [*parts, left]


def _stock_back(order: Order, quote: Quote | None) -> None:
    """The order's units leave its allocation; units made to order (counted
    in and allocated at once when the deposit was paid) leave the stock too,
    so what others may buy is what it was."""
    made = set()
    if quote is not None:
        made = set(
            quote.lines.filter(request_line__made_to_order=True).values_list(
                "request_line__stockrecord_id", flat=True
            )
        )
    for line in order.lines.select_related("product__product_class").order_by(
        "stockrecord_id"
    ):
        if line.stockrecord_id is None or not line.product:
            continue
        if not line.product.get_product_class().track_stock:
            continue
        record = StockRecord.objects.select_for_update().get(pk=line.stockrecord_id)
        record.cancel_allocation(line.quantity)
        if line.stockrecord_id in made:
            StockRecord.objects.filter(pk=record.pk).update(
                num_in_stock=F("num_in_stock") - line.quantity
            )


def deposit_order_cancel(
    *, order: Order, user, reason: str, refund_deposit: bool
) -> BalancePayment:
    """Staff cancel an order paid with a deposit whose balance was never paid
    (the buyer gave up, or the resident cannot make it). Its parcels are
    cancelled and its units leave the stock's allocation. With
    `refund_deposit`, the deposit goes back to the buyer (one Stripe refund,
    keyed) and the ledger is left at zero: every sale and shipping refunded,
    the balance held back released. Without, the deposit is kept as the
    quote's terms said: the ledger stays as it is (each account keeps its
    share of the deposit). Both sides are e-mailed. Refused, with nothing
    changed, for anyone but staff, without a reason, and for a balance not
    due; Stripe refusing the refund rolls everything back."""
    if not (user and user.is_staff and user.has_perm("checkout.add_refund")):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise CheckoutRefused(_("Say why the order is cancelled."))
    with transaction.atomic():
        balance = (
            BalancePayment.objects.select_for_update()
            .select_related("checkout_payment")
            .filter(order=order)
            .first()
        )
        if balance is None or balance.status != BalanceStatus.DUE:
            raise CheckoutRefused(
                _("Only an order whose balance is still due can be cancelled here.")
            )
        payment = CheckoutPayment.objects.select_for_update().get(
            pk=balance.checkout_payment_id
        )
        now = timezone.now()
        quote = _quote_of(balance)
        parcels = list(
            Parcel.objects.select_for_update()
            .filter(order=order)
            .exclude(status__in=[ParcelStatus.CANCELLED, ParcelStatus.RETURNED])
            .order_by("pk")
        )
        if refund_deposit:
            lines = list(order.lines.order_by("pk"))
            charged = [parcel for parcel in parcels if parcel.charge > 0]
            weights = [line.line_price_incl_tax for line in lines] + [
                parcel.charge for parcel in charged
            ]
            totals = _shares(payment.paid_now_total, weights)
            amounts = _shares(payment.charge_now, weights)
            key = keys.deposit_refund(balance.pk)
            rows = []
            for index, line in enumerate(lines):
                rows.append(
                    Refund(
                        order=order,
                        line=line,
                        quantity=line.quantity,
                        total=totals[index],
                        amount=amounts[index],
                        key=f"{key}-line-{line.pk}",
                    )
                )
                line_refund_record(
                    line=line, amount=line.line_price_incl_tax, key=f"{key}-line"
                )
            for offset, parcel in enumerate(charged, start=len(lines)):
                rows.append(
                    Refund(
                        order=order,
                        parcel=parcel,
                        quantity=1,
                        total=totals[offset],
                        amount=amounts[offset],
                        key=f"{key}-parcel-{parcel.pk}",
                    )
                )
                parcel_shipping_refund_record(parcel=parcel, key=f"{key}-parcel")
            order_balance_release(order=order, kind=EntryKind.BALANCE_CANCELLED)
            for row in rows:
                row.currency = payment.currency
                row.status = RefundStatus.PENDING
                row.reason = reason
                row.created_by = user
            Refund.objects.bulk_create(rows)
        _stock_back(order, quote)
        for parcel in parcels:
            parcel.status = ParcelStatus.CANCELLED
            parcel.reason = reason
            parcel.closed_at = now
            parcel.save(update_fields=["status", "reason", "closed_at"])
        order_status_follow(order)
        balance.status = BalanceStatus.CANCELLED
        balance.cancelled_at = now
        balance.deposit_refunded = refund_deposit
        balance.save(
            update_fields=["status", "cancelled_at", "deposit_refunded", "updated_at"]
        )
        if quote is not None:
            trade_emails.deposit_order_cancelled(
                quote.request, quote, balance, reason=reason
            )
        if refund_deposit and payment.payment_intent_id:
            # Stripe last: if it refuses, all of the above rolls back.
            result = payments.refund_create(
                intent_id=payment.payment_intent_id,
                amount=Money(payment.charge_now, payment.currency),
                idempotency_key=key,
                metadata={"order": order.number, "balance_payment": str(balance.pk)},
            )
            Refund.objects.filter(key__startswith=f"{key}-").update(
                stripe_refund_id=result.id,
                status=RefundStatus.SUCCEEDED
                if result.status == "succeeded"
                else RefundStatus.PENDING,
            )
        elif refund_deposit:
            Refund.objects.filter(key__startswith=f"{key}-").update(
                status=RefundStatus.SUCCEEDED
            )
    return balance
