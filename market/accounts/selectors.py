"""What the accounts app reads: where a buyer follows an order (their order
page, or a guest's status page behind its signed link), and the guest
orders an address may claim."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from oscar.apps.order.models import Order


def order_status_path(order: Order) -> str:
    """The order's page in the active language: the account's order page,
    or, for a guest's order, Oscar's status page with the order number
    signed with SECRET_KEY (not guessable; it also asks for the address)."""
    if order.user_id is not None:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )


def guest_orders(email: str) -> QuerySet:
    """Orders placed as a guest with `email` (any letter case), not yet in
    an account."""
    return Order.objects.filter(user=None, guest_email__iexact=email.strip())
