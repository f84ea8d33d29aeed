"""The checkout's e-mails, queued in the transaction of what they tell of
(market.mail's outbox): sent after the commit, retried if the mail server
fails, never undoing or relabelling an order."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from oscar.apps.order.models import Order

from market.accounts.selectors import order_status_path
from market.mail import mail_in_language, site_url

from ..models import CheckoutPayment, Refund


def order_placed(payment: CheckoutPayment) -> None:
    """The buyer's confirmation and each resident's sale notice."""
    _mail_buyer(payment, "order_placed")
    resident_sales(payment.order)


def resident_sales(order: Order) -> None:
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


def refunded(refund: Refund) -> None:
    payment = refund.order.checkout_payment
    mail_in_language(
        language=payment.language,
        subject_template="market/checkout/email/refunded_subject.txt",
        body_template="market/checkout/email/refunded.txt",
        context={"refund": refund, "order": refund.order},
        to=[payment.email],
    )


def not_placed(payment: CheckoutPayment) -> None:
    """The buyer hears that their order was not placed (and, unless the
    refund failed and staff were alerted, that the money went back)."""
    _mail_buyer(payment, "not_placed")


def _mail_buyer(payment: CheckoutPayment, template: str) -> None:
    # The order page's URL in the buyer's language (its prefix); a guest's
    # is the order's status page, with its signed hash.
    with translation.override(payment.language):
        if payment.user_id is None and payment.order is not None:
            orders_url = site_url(order_status_path(payment.order))
        else:
            orders_url = site_url(reverse("customer:order-list"))
    mail_in_language(
        language=payment.language,
        subject_template=f"market/checkout/email/{template}_subject.txt",
        body_template=f"market/checkout/email/{template}.txt",
        context={"payment": payment, "order": payment.order, "orders_url": orders_url},
        to=[payment.email],
    )
