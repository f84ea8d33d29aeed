"""Taking payment and placing orders, race-safe and exactly once.

1. `checkout_begin` (the buyer presses "Pay"): in one transaction, hold the
   stock and seats of the basket with conditional UPDATEs in a fixed order,
   lock the exchange rate and freeze the basket. The last unit can be held
   by one buyer only; the others are refused before any money moves. Then,
   under the row lock of this basket's payment only, make sure its one
   PaymentIntent exists with the right amount.
2. The buyer pays in the browser (Stripe.js; card data never reaches us).
3. `checkout_fulfil` (from the return URL, the webhook and the
   `reconcile_payments` command alike): one guarded transition keyed by the
   PaymentIntent. It places the order from the frozen basket, records the
   residents' shares, download grants and seats, and sends the confirmation
   after commit. If the paid basket cannot be placed (the hold ran out and
   the stock is gone, a changed price, any error), the payment is refunded
   with its own idempotency key, or flagged for staff if the refund fails.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import mail_managers
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket.models import Basket
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.models import Line, Order, PaymentEventType, ShippingAddress
from oscar.apps.order.utils import OrderCreator, OrderNumberGenerator
from oscar.apps.partner.models import StockRecord
from oscar.apps.partner.strategy import Selector
from oscar.apps.payment.models import Source, SourceType
from oscar.apps.shipping.repository import Repository

from catalogue.stock import stock_announce, stock_give_back, stock_left, stock_take
from market.currencies.money import convert, convert_line
from market.currencies.selectors import RateUnavailable, rate_for
from market.downloads.services import download_grants_create, download_grants_revoke
from market.learning.services import (
    SeatsUnavailable,
    is_course,
    seats_cancel_for_line,
    seats_create_for_order,
    seats_take_for_checkout,
)
from market.mail import mail_in_language, site_url
from market.payments import client as payments
from market.payments import keys
from market.payments.money import Money
from market.payouts.services import line_refund_record, order_shares_record

from .models import CheckoutPayment, CheckoutStatus, Refund, RefundStatus

logger = logging.getLogger(__name__)

FINAL = (CheckoutStatus.PLACED, CheckoutStatus.REFUNDED, CheckoutStatus.NEEDS_ATTENTION)


class CheckoutRefused(Exception):
    """The checkout cannot go on; `message` tells the buyer why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class OutOfStock(CheckoutRefused):
    pass


@dataclass(frozen=True)
class Hold:
    stockrecord_id: int
    quantity: int


# --- holding stock and seats ---------------------------------------------


def _holds_for(basket: Basket) -> list[Hold]:
    """Units to hold per stock record, for products that track stock
    (physical goods and course seats), in stock record order."""
    quantities: dict[int, int] = {}
    for line in basket.all_lines():
        if line.product.get_product_class().track_stock:
            quantities[line.stockrecord_id] = (
                quantities.get(line.stockrecord_id, 0) + line.quantity
            )
    return [Hold(pk, quantity) for pk, quantity in sorted(quantities.items())]


def _allocate(holds: list[Hold], *, user) -> None:
    """Allocate every hold or none (the caller's transaction rolls back). Each
    UPDATE re-checks availability and locks the row; rows are taken in a
    fixed order, so concurrent buyers cannot deadlock. Course seats go through
    Kreativ Edu's rules (enrolment window, seats kept for the waitlist)."""
    records = StockRecord.objects.select_related(
        "product__product_class", "product__parent__product_class"
    ).in_bulk([hold.stockrecord_id for hold in holds])
    for hold in holds:
        record = records[hold.stockrecord_id]
        if is_course(record.product):
            try:
                seats_take_for_checkout(
                    record=record, quantity=hold.quantity, learner=user
                )
            except SeatsUnavailable as error:
                raise OutOfStock(error.message) from error
        elif not stock_take(stockrecord_id=record.pk, quantity=hold.quantity):
            record.refresh_from_db()
            raise OutOfStock(
                _("Sorry, only %(left)s of “%(title)s” left.")
                % {"left": stock_left(record), "title": record.product.get_title()}
            )
    stock_announce([hold.stockrecord_id for hold in holds])


def ships_to(product) -> set[str] | None:
    """Country codes a physical product ships to; None when the resident set
    no limit."""
    value = (
        product.attribute_values.filter(attribute__code="ships_to")
        .values_list("value_text", flat=True)
        .first()
    )
    codes = {code.strip().upper() for code in (value or "").split(",") if code.strip()}
    return codes or None


def _check_destination(basket: Basket, address: ShippingAddress | None) -> None:
    if address is None:
        return
    country = address.country_id
    for line in basket.all_lines():
        allowed = ships_to(line.product)
        if allowed is not None and country not in allowed:
            raise CheckoutRefused(
                _("“%(title)s” does not ship to %(country)s. It ships to: %(list)s.")
                % {
                    "title": line.product.get_title(),
                    "country": address.country.printable_name,
                    "list": ", ".join(sorted(allowed)),
                }
            )


def _release(holds: list[Hold]) -> None:
    for hold in holds:
        stock_give_back(stockrecord_id=hold.stockrecord_id, quantity=hold.quantity)
    stock_announce([hold.stockrecord_id for hold in holds])


def _held(payment: CheckoutPayment) -> list[Hold]:
    return [Hold(pk, quantity) for pk, quantity in payment.held]


# --- amounts --------------------------------------------------------------


def _prepared(basket: Basket, user) -> Basket:
    basket.strategy = Selector().strategy(user=user)
    return basket


def prepared_basket(payment: CheckoutPayment) -> Basket:
    """The payment's (frozen) basket, ready to price."""
    return _prepared(payment.basket, payment.user)


def charge_amount(
    basket: Basket, shipping_charge: Decimal, *, rate, currency
) -> Decimal:
    """The charge in the buyer's currency: the sum of the converted lines and
    the converted shipping (the rounding rule of market.currencies.money)."""
    amount = sum(
        (
            convert_line(
                unit_price=line.unit_price_incl_tax,
                quantity=line.quantity,
                rate=rate,
                currency=currency,
            )
            for line in basket.all_lines()
        ),
        Decimal("0.00"),
    )
    return amount + convert(shipping_charge, rate=rate, currency=currency)


def line_charge(*, line: Line, quantity: int, payment: CheckoutPayment) -> Decimal:
    """What `quantity` units of an order line were charged, in the charge
    currency (the same rule as the charge itself)."""
    return convert_line(
        unit_price=line.unit_price_incl_tax,
        quantity=quantity,
        rate=payment.rate,
        currency=payment.currency,
    )


def _address_data(address: ShippingAddress | None) -> dict | None:
    if address is None:
        return None
    data = model_to_dict(address, exclude=["id", "search_text"])
    data["country_id"] = data.pop("country")
    data["phone_number"] = str(data.get("phone_number") or "")
    return data


# --- begin ---------------------------------------------------------------


def checkout_begin(
    *,
    basket: Basket,
    user,
    shipping_address: ShippingAddress | None,
    shipping_method,
    order_total,
    currency: str,
    language: str,
    now: datetime | None = None,
) -> CheckoutPayment:
    """Hold the basket's stock and seats, lock the rate, freeze the basket and
    make sure its one PaymentIntent exists. Idempotent per basket: a second
    tab or a double submit gets the same payment. Raises CheckoutRefused
    (nothing held, nothing written) when it cannot go on. A basket that costs
    nothing (a free course) is placed at once, without Stripe."""
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the basket first: a second tab waits here, then finds the hold.
        basket = _prepared(Basket.objects.select_for_update().get(pk=basket.pk), user)
        if basket.is_empty:
            raise CheckoutRefused(_("Your basket is empty."))
        shipping_charge = shipping_method.calculate(basket).incl_tax
        total = order_total.incl_tax
        lines_total = sum(
            (line.line_price_incl_tax for line in basket.all_lines()), Decimal("0.00")
        )
        if lines_total + shipping_charge != total:
            # Offers and vouchers would change line prices; none are sold yet.
            raise CheckoutRefused(_("The basket total changed. Please check it again."))
        if total == 0:
            currency, rate = settings.MARKET_BASE_CURRENCY, Decimal("1")
        else:
            rate = _charge_rate(currency=currency, now=now)
        amount = charge_amount(basket, shipping_charge, rate=rate, currency=currency)
        _check_destination(basket, shipping_address)
        payment = (
            CheckoutPayment.objects.select_for_update().filter(basket=basket).first()
        )
        if payment and payment.status in FINAL:
            raise CheckoutRefused(_("This basket has already been paid."))
        if payment and payment.held:
            _release(_held(payment))
        holds = _holds_for(basket)
        _allocate(holds, user=user)
        fields = {
            "user": user,
            "status": CheckoutStatus.AWAITING_PAYMENT,
            "total": total,
            "currency": currency,
            "rate": rate,
            "amount": amount,
            "language": language,
            "shipping_address": _address_data(shipping_address),
            "shipping_method_code": shipping_method.code,
            "held": [[hold.stockrecord_id, hold.quantity] for hold in holds],
            "expires_at": now
            + timedelta(minutes=settings.MARKET_CHECKOUT_HOLD_MINUTES),
        }
        if payment is None:
            payment = CheckoutPayment.objects.create(basket=basket, **fields)
        else:
            for name, value in fields.items():
                setattr(payment, name, value)
            payment.save()
        if basket.status != Basket.FROZEN:
            basket.freeze()
        if amount == 0:
            # Nothing to pay: placed in this transaction, or nothing at all.
            _place_and_record(payment)
            return payment
    return checkout_intent_ensure(payment=payment)


def _charge_rate(*, currency: str, now: datetime) -> Decimal:
    """The rate to lock for a basket that costs something; refused when
    Stripe is not configured or the rate is unavailable."""
    if not payments.is_configured():
        raise CheckoutRefused(_("Payments are not configured on this site yet."))
    try:
        return rate_for(currency=currency, now=now)
    except RateUnavailable as error:
        raise CheckoutRefused(error.message) from error


def checkout_intent_ensure(*, payment: CheckoutPayment) -> CheckoutPayment:
    """Create the payment's PaymentIntent once, or bring its amount in line
    with the current hold. Runs under this payment's row lock only (never the
    stock rows), so the Stripe call holds up nobody else."""
    with transaction.atomic():
        payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
        charge = Money(payment.amount, payment.currency)
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
            payment.amount,
            payment.currency,
        ):
            payments.payment_intent_update_amount(
                intent_id=payment.payment_intent_id,
                amount=charge,
                idempotency_key=keys.checkout_intent_amount(payment.pk, charge),
            )
        else:
            return payment
        payment.intent_amount = payment.amount
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
    paid (same amounts, same rate). Raises OutOfStock, after giving back the
    old hold and reopening the basket, when the units are gone."""
    try:
        with transaction.atomic():
            payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
            if payment.status != CheckoutStatus.AWAITING_PAYMENT:
                return payment
            basket = _prepared(
                Basket.objects.select_for_update().get(pk=payment.basket_id),
                payment.user,
            )
            _release(_held(payment))
            holds = _holds_for(basket)
            _allocate(holds, user=payment.user)
            payment.held = [[hold.stockrecord_id, hold.quantity] for hold in holds]
            payment.expires_at = timezone.now() + timedelta(
                minutes=settings.MARKET_CHECKOUT_HOLD_MINUTES
            )
            payment.save(update_fields=["held", "expires_at", "updated_at"])
    except OutOfStock:
        checkout_release(payment=payment, reason="hold ran out and stock is gone")
        raise
    return checkout_intent_ensure(payment=payment)


@transaction.atomic
def checkout_release(*, payment: CheckoutPayment, reason: str = "") -> CheckoutPayment:
    """Give back what a payment holds and reopen its basket (the buyer went
    back, or the hold ran out). Paying later still works if stock remains."""
    payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != CheckoutStatus.AWAITING_PAYMENT:
        return payment
    _release(_held(payment))
    payment.held = []
    payment.status = CheckoutStatus.RELEASED
    payment.problem = reason
    payment.save(update_fields=["held", "status", "problem", "updated_at"])
    basket = Basket.objects.select_for_update().get(pk=payment.basket_id)
    if basket.status == Basket.FROZEN:
        basket.thaw()
    return payment


# --- fulfil --------------------------------------------------------------


class _HeldStockOrderCreator(OrderCreator):
    """Oscar's order creator, minus its stock allocation: the checkout
    allocated the units when it held them."""

    def update_stock_records(self, line):
        return None


def _shipping_method(basket: Basket, code: str, address):
    for method in Repository().get_shipping_methods(basket, shipping_addr=address):
        if method.code == code:
            return method
    raise ValidationError(_("The delivery method is no longer available."))


def _place_order(payment: CheckoutPayment) -> Order:
    basket = _prepared(Basket.objects.get(pk=payment.basket_id), payment.user)
    address = (
        ShippingAddress(**payment.shipping_address)
        if payment.shipping_address
        else None
    )
    method = _shipping_method(basket, payment.shipping_method_code, address)
    shipping_charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    if total.incl_tax != payment.total:
        raise ValidationError(
            _("Prices changed while you paid (%(old)s → %(new)s AZN).")
            % {"old": payment.total, "new": total.incl_tax}
        )
    amount = charge_amount(
        basket, shipping_charge.incl_tax, rate=payment.rate, currency=payment.currency
    )
    if amount != payment.amount:
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
        amount_debited=payment.amount,
        reference=payment.payment_intent_id,
    )
    event_type, _created = PaymentEventType.objects.get_or_create(
        code="paid", defaults={"name": "Paid"}
    )
    event = order.payment_events.create(
        event_type=event_type, amount=payment.total, reference=payment.payment_intent_id
    )
    for line in order.lines.all():
        event.line_quantities.create(line=line, quantity=line.quantity)


def _place_and_record(payment: CheckoutPayment) -> None:
    """Place the order (inside the caller's transaction, payment row locked)
    with everything that comes with it; the e-mails go after commit."""
    order = _place_order(payment)
    payment.status = CheckoutStatus.PLACED
    payment.order = order
    payment.held = []
    payment.save(update_fields=["status", "order", "held", "updated_at"])
    order_shares_record(order=order)
    download_grants_create(order=order)
    seats_create_for_order(order=order)
    transaction.on_commit(lambda: _send_order_placed(payment.pk))


def checkout_fulfil(
    *, intent_id: str, intent: payments.Intent | None = None
) -> CheckoutPayment | None:
    """Place the order of a paid PaymentIntent, exactly once. Safe to call
    any number of times, from anywhere, concurrently. Returns the payment
    (None for a PaymentIntent that is not a checkout of ours). `intent` saves
    a call to Stripe when the caller has just retrieved it."""
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
        with transaction.atomic():
            payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
            if payment.status in FINAL:
                return payment
            if intent.amount_received != Money(payment.amount, payment.currency):
                raise ValidationError(
                    _("Stripe received %(received)s, the order expected %(expected)s.")
                    % {
                        "received": intent.amount_received,
                        "expected": Money(payment.amount, payment.currency),
                    }
                )
            if not payment.held:
                # The hold ran out before the payment arrived: hold again.
                basket = _prepared(
                    Basket.objects.get(pk=payment.basket_id), payment.user
                )
                _allocate(_holds_for(basket), user=payment.user)
            _place_and_record(payment)
        return payment
    except Exception as error:  # noqa: BLE001 - paid money must never be lost
        logger.exception("Paid checkout %s could not be placed", payment.pk)
        return _refund_unplaceable(payment=payment, reason=str(error))


def _refund_unplaceable(*, payment: CheckoutPayment, reason: str) -> CheckoutPayment:
    with transaction.atomic():
        payment = CheckoutPayment.objects.select_for_update().get(pk=payment.pk)
        if payment.status in FINAL:
            return payment
        _release(_held(payment))
        payment.held = []
        payment.problem = reason
        try:
            refund = payments.refund_create(
                intent_id=payment.payment_intent_id,
                amount=Money(payment.amount, payment.currency),
                idempotency_key=keys.checkout_unplaceable_refund(payment.pk),
                metadata={"checkout_payment": str(payment.pk)},
            )
        except payments.PaymentProviderError as error:
            payment.status = CheckoutStatus.NEEDS_ATTENTION
            payment.problem = f"{reason}\nRefund failed: {error.message}"
        else:
            payment.status = CheckoutStatus.REFUNDED
            payment.refund_id = refund.id
        payment.save()
        basket = Basket.objects.select_for_update().get(pk=payment.basket_id)
        if basket.status == Basket.FROZEN:
            basket.thaw()
        transaction.on_commit(lambda: _send_not_placed(payment.pk))
    return payment


# --- what Stripe tells staff ---------------------------------------------


def refunded_through_shop(payment: CheckoutPayment) -> Decimal:
    """What the shop itself refunded of a payment, in its charge currency."""
    if payment.status == CheckoutStatus.REFUNDED:
        return payment.amount
    if payment.order_id is None:
        return Decimal("0.00")
    return payment.order.refunds.aggregate(
        total=Coalesce(Sum("amount"), Decimal("0.00"))
    )["total"]


@transaction.atomic
def checkout_alert_staff(*, intent_id: str, message: str) -> CheckoutPayment | None:
    """Record on the payment something staff must look at, and tell the
    managers after commit. The order and the ledger are left as they are: a
    person decides."""
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
    transaction.on_commit(
        lambda: mail_managers(f"Payment {intent_id} needs a look", message)
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
        message=(
            f"Stripe refunded {amount_refunded} in all; the shop recorded {known}. "
            "Refund the lines in /cms/payments/ so the ledgers match."
        ),
    )


# --- refunds by staff -----------------------------------------------------


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
    if line.product and line.product.get_product_class().track_stock:
        shipped = hasattr(line, "fulfilment")
        if line.stockrecord_id and not shipped:
            line.stockrecord.cancel_allocation(quantity)
    result = payments.refund_create(
        intent_id=payment.payment_intent_id,
        amount=Money(amount, payment.currency),
        idempotency_key=key,
        metadata={"order": line.order.number, "line": str(line.pk)},
    )
    refund.stripe_refund_id = result.id
    if result.status == "succeeded":
        refund.status = RefundStatus.SUCCEEDED
    refund.save(update_fields=["stripe_refund_id", "status"])
    transaction.on_commit(lambda: _send_refunded(refund.pk))
    return refund


# --- e-mails -------------------------------------------------------------


def _send_order_placed(payment_id: int) -> None:
    payment = CheckoutPayment.objects.select_related("order", "user").get(pk=payment_id)
    _mail_buyer(payment, "order_placed")
    _send_resident_sales(payment.order)


def _send_resident_sales(order: Order) -> None:
    """Each resident in the order hears of their own lines only, in the
    language they use with the Centre."""
    lines = order.lines.select_related("partner__resident").order_by("pk")
    by_resident: dict = {}
    for line in lines:
        resident = getattr(line.partner, "resident", None) if line.partner else None
        if resident is not None:
            by_resident.setdefault(resident, []).append(line)
    for resident, own_lines in by_resident.items():
        recipients = list(resident.partner.users.values_list("email", flat=True))
        if not recipients:
            continue
        with translation.override(resident.language or settings.LANGUAGE_CODE):
            dashboard_url = site_url(reverse("resident_dashboard:index"))
        mail_in_language(
            language=resident.language,
            subject_template="market/checkout/email/resident_sale_subject.txt",
            body_template="market/checkout/email/resident_sale.txt",
            context={
                "order": order,
                "resident": resident,
                "lines": own_lines,
                "dashboard_url": dashboard_url,
            },
            to=recipients,
        )


def _send_refunded(refund_id: int) -> None:
    refund = Refund.objects.select_related("order__checkout_payment__user", "line").get(
        pk=refund_id
    )
    payment = refund.order.checkout_payment
    mail_in_language(
        language=payment.language,
        subject_template="market/checkout/email/refunded_subject.txt",
        body_template="market/checkout/email/refunded.txt",
        context={"refund": refund, "order": refund.order},
        to=[payment.user.email],
    )


def _send_not_placed(payment_id: int) -> None:
    payment = CheckoutPayment.objects.select_related("user").get(pk=payment_id)
    _mail_buyer(payment, "not_placed")
    if payment.status == CheckoutStatus.NEEDS_ATTENTION:
        mail_managers(
            f"Paid checkout {payment.pk} needs attention",
            f"PaymentIntent {payment.payment_intent_id}: {payment.problem}",
        )


def _mail_buyer(payment: CheckoutPayment, template: str) -> None:
    # The order page's URL in the buyer's language (its prefix).
    with translation.override(payment.language):
        orders_url = site_url(reverse("customer:order-list"))
    mail_in_language(
        language=payment.language,
        subject_template=f"market/checkout/email/{template}_subject.txt",
        body_template=f"market/checkout/email/{template}.txt",
        context={"payment": payment, "order": payment.order, "orders_url": orders_url},
        to=[payment.user.email],
    )
