"""Writes of selling abroad: parcels made when an order is placed, and their
lifecycle (paid -> packed -> shipped -> delivered), moved by the resident
who ships them or by staff. Cancelling or taking back a parcel moves money,
so it lives with the refunds (checkout.services.refunds.parcel_refund)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.models import Order
from oscar.apps.partner.models import StockRecord

from market.accounts.selectors import order_status_path
from market.currencies.money import convert
from market.mail import mail_in_language, site_url
from market.payouts.services import parcel_shipping_record
from market.residents.selectors import acting_resident
from market.validators import validate_one_line
from market.webhooks.services import webhook_parcel_shipped_emit

from .models import ListingShipping, Parcel, ParcelStatus, ShippingProfile, ShippingRate
from .pricing import requires_shipping

# Which status may follow which, and who may make the move.
RESIDENT_MOVES = {
    ParcelStatus.PAID: {ParcelStatus.PACKED},
    ParcelStatus.PACKED: {ParcelStatus.SHIPPED, ParcelStatus.PAID},
    ParcelStatus.SHIPPED: {ParcelStatus.DELIVERED},
}
# Order statuses (OSCAR_ORDER_STATUS_PIPELINE) that follow the parcels.
ORDER_PAID, ORDER_SHIPPED, ORDER_COMPLETE = "Paid", "Shipped", "Complete"


@transaction.atomic
def parcels_create(*, order: Order, frozen: list[dict], payment) -> list[Parcel]:
    """The order's parcels, from what was frozen at "Pay": one per resident,
    with their physical lines, carrier and price, and each parcel's shipping
    in the ledger. Idempotent per order."""
    existing = list(order.parcels.all())
    if existing or not frozen:
        return existing
    lines = list(order.lines.select_related("product__product_class").order_by("pk"))
    live_rates = set(
        ShippingRate.objects.filter(
            pk__in=[snapshot["rate"] for snapshot in frozen]
        ).values_list("pk", flat=True)
    )
    parcels = []
    for snapshot in frozen:
        price = Decimal(snapshot["price"])
        parcel = Parcel.objects.create(
            order=order,
            partner_id=snapshot["partner"],
            country=snapshot["country"],
            rate_id=snapshot["rate"] if snapshot["rate"] in live_rates else None,
            carrier=snapshot["carrier"],
            min_days=snapshot["min_days"],
            max_days=snapshot["max_days"],
            weight_grams=snapshot["weight_grams"],
            charge=price,
            amount=convert(price, rate=payment.rate, currency=payment.currency),
            currency=payment.currency,
        )
        parcel.lines.set(
            [
                line
                for line in lines
                if line.partner_id == parcel.partner_id
                and requires_shipping(line.product)
            ]
        )
        parcel_shipping_record(parcel=parcel)
        parcels.append(parcel)
    return parcels


def may_move(*, user, parcel: Parcel) -> bool:
    """Staff, or a person of the resident who ships the parcel."""
    if user.is_staff:
        return True
    # The one rule "may this person act for a resident now" (standing).
    resident = acting_resident(user)
    return resident is not None and resident.partner_id == parcel.partner_id


def _validate_plain(value: str) -> None:
    """One line, and no invisible formatting characters either: a bidi
    override (U+202E) or isolate in a carrier or tracking number shown to the
    buyer and put in an e-mail would make it read as something else."""
    validate_one_line(value)
    if any(unicodedata.category(char) == "Cf" for char in value):
        raise ValidationError(
            _("Write this on one line, without line breaks or control characters."),
            code="one_line",
        )


# The columns' lengths (Parcel.tracking_number, Parcel.tracking_url).
TRACKING_NUMBER_LENGTH, TRACKING_URL_LENGTH = 100, 500


def _validate_tracking(number: str, url: str) -> None:
    if not number.strip():
        raise ValidationError(
            {"tracking_number": _("Give the carrier's tracking number.")}
        )
    _validate_plain(number)
    if len(number) > TRACKING_NUMBER_LENGTH:
        raise ValidationError(
            {
                "tracking_number": _("At most %(count)d characters.")
                % {"count": TRACKING_NUMBER_LENGTH}
            }
        )
    if url:
        try:
            if len(url) > TRACKING_URL_LENGTH:
                raise ValidationError("too long")
            _validate_plain(url)
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as error:
            raise ValidationError(
                {
                    "tracking_url": _(
                        "A tracking link is an http:// or https:// address."
                    )
                }
            ) from error


@transaction.atomic
def parcel_move(
    *,
    parcel: Parcel,
    user,
    status: str,
    carrier: str = "",
    tracking_number: str = "",
    tracking_url: str = "",
) -> Parcel:
    """Move a parcel one step (packed, shipped with tracking, delivered, or
    back to paid from packed). Refused, with nothing changed, for anyone but
    the resident who ships it or staff, and for a step its status does not
    allow. At "shipped" the buyer is told by e-mail in their language."""
    parcel = Parcel.objects.select_for_update().get(pk=parcel.pk)
    if not may_move(user=user, parcel=parcel):
        raise PermissionDenied
    if status not in RESIDENT_MOVES.get(parcel.status, set()):
        raise ValidationError(
            _("A parcel that is “%(now)s” cannot become “%(next)s”.")
            % {
                "now": parcel.get_status_display(),
                "next": ParcelStatus(status).label
                if status in ParcelStatus.values
                else status,
            }
        )
    if status == ParcelStatus.SHIPPED:
        # A deposit order ships once its balance is paid (the one rule).
        from checkout.services.balance import order_balance_refusal

        refusal = order_balance_refusal(parcel.order_id)
        if refusal:
            raise ValidationError(refusal)
    now = timezone.now()
    fields = ["status"]
    if status == ParcelStatus.SHIPPED:
        tracking_number, tracking_url = tracking_number.strip(), tracking_url.strip()
        _validate_tracking(tracking_number, tracking_url)
        if carrier.strip():
            _validate_plain(carrier)
            parcel.carrier = carrier.strip()[:120]
        parcel.tracking_number = tracking_number
        parcel.tracking_url = tracking_url
        parcel.shipped_at = now
        fields += ["carrier", "tracking_number", "tracking_url", "shipped_at"]
        _consume_stock(parcel)
    elif status == ParcelStatus.PACKED:
        parcel.packed_at = now
        fields.append("packed_at")
    elif status == ParcelStatus.DELIVERED:
        parcel.delivered_at = now
        fields.append("delivered_at")
    parcel.status = status
    parcel.save(update_fields=fields)
    order_status_follow(parcel.order)
    if status == ParcelStatus.SHIPPED:
        _mail_shipped(parcel)
        webhook_parcel_shipped_emit(parcel=parcel)
    return parcel


def _consume_stock(parcel: Parcel) -> None:
    """The units that left are no longer merely allocated: Oscar takes them
    out of stock (each stock record locked)."""
    for line in parcel.lines.order_by("stockrecord_id", "pk"):
        if line.stockrecord_id is None:
            continue
        refunded = line.refunds.aggregate(units=Sum("quantity"))["units"] or 0
        left = line.quantity - refunded
        if left > 0:
            record = StockRecord.objects.select_for_update().get(pk=line.stockrecord_id)
            record.consume_allocation(left)


# Oscar's line statuses (OSCAR_LINE_STATUS_PIPELINE) for each parcel status.
LINE_STATUS = {
    ParcelStatus.PAID: "Paid",
    ParcelStatus.PACKED: "Packed",
    ParcelStatus.SHIPPED: "Shipped",
    ParcelStatus.DELIVERED: "Delivered",
    ParcelStatus.CANCELLED: "Cancelled",
    ParcelStatus.RETURNED: "Returned",
}


def order_status_follow(order: Order) -> None:
    """Oscar's order status follows its parcels: Shipped once every live
    parcel left, Complete once every one arrived (cancelled and returned
    parcels do not count)."""
    statuses = set(
        order.parcels.exclude(
            status__in=[ParcelStatus.CANCELLED, ParcelStatus.RETURNED]
        ).values_list("status", flat=True)
    )
    for parcel in order.parcels.all():
        parcel.lines.exclude(status=LINE_STATUS[parcel.status]).update(
            status=LINE_STATUS[parcel.status]
        )
    if not statuses:
        wanted = "Cancelled" if order.parcels.exists() else ORDER_PAID
        if wanted == "Cancelled" and order.lines.filter(parcels__isnull=True).exists():
            # Other lines (files, seats) of the order are still paid for.
            wanted = ORDER_PAID
    elif statuses == {ParcelStatus.DELIVERED}:
        wanted = ORDER_COMPLETE
    elif statuses <= {ParcelStatus.SHIPPED, ParcelStatus.DELIVERED}:
        wanted = ORDER_SHIPPED
    else:
        wanted = ORDER_PAID
    if order.status != wanted:
        Order.objects.filter(pk=order.pk).update(status=wanted)
        order.status = wanted


def _mail_shipped(parcel: Parcel) -> None:
    payment = parcel.order.checkout_payment
    with translation.override(payment.language):
        order_url = site_url(order_status_path(parcel.order))
    resident = getattr(parcel.partner, "resident", None)
    mail_in_language(
        language=payment.language,
        subject_template="market/export/email/shipped_subject.txt",
        body_template="market/export/email/shipped.txt",
        context={
            "parcel": parcel,
            "order": parcel.order,
            "seller": resident.display_name if resident else parcel.partner.name,
            "lines": list(parcel.lines.order_by("pk")),
            "order_url": order_url,
            "abroad": parcel.country != settings.MARKET_HOME_COUNTRY,
        },
        to=[payment.email],
    )


def listing_shipping_set(*, product, profile: ShippingProfile, resident) -> None:
    """Ship a listing with `profile`: the resident's own or a Centre one."""
    if profile.resident_id not in (None, resident.pk):
        raise PermissionDenied
    ListingShipping.objects.update_or_create(
        product=product.parent or product, defaults={"profile": profile}
    )
