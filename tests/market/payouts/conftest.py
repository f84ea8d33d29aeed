"""Fixtures for residents' money: orders with lines of several residents,
payout profiles, and a fake Stripe Connect."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from oscar.test.factories import OrderFactory, OrderLineFactory

from market.export.models import Parcel
from market.payments.client import PaymentProviderError, TransferResult
from market.payments.money import Money
from market.payouts.models import PayoutProfile, Rail

VALID_IBAN = "AZ21NABZ00000000137010001944"


class FakeConnect:
    """Stands in for Stripe Connect, because localstripe (the fake Stripe the
    checkout tests talk to) has no Connect accounts, transfers or reversals.

    It replaces `market.payments.client.transfer_create` and
    `transfer_reverse`: records every call, returns deterministic ids
    (tr_fake_1, trr_fake_1, ...), answers a repeated idempotency key with the
    first answer (as Stripe does), and fails when told to:
    `transfer_error` / `reversal_error` fail every call while set;
    `failing_groups` fails transfers of those transfer groups only.
    """

    def __init__(self):
        self.transfers: list[dict] = []
        self.reversals: list[dict] = []
        self.transfer_error: PaymentProviderError | None = None
        self.reversal_error: PaymentProviderError | None = None
        self.failing_groups: set[str] = set()
        self._answers: dict[str, object] = {}
        self._ids = itertools.count(1)

    def transfer_create(
        self,
        *,
        amount: Money,
        destination: str,
        transfer_group: str,
        idempotency_key: str,
        metadata: dict,
    ) -> TransferResult:
        call = {
            "amount": amount,
            "destination": destination,
            "transfer_group": transfer_group,
            "idempotency_key": idempotency_key,
            "metadata": metadata,
        }
        if idempotency_key in self._answers:
            self.transfers.append({**call, "replayed": True})
            return self._answers[idempotency_key]
        if self.transfer_error is not None:
            raise self.transfer_error
        if transfer_group in self.failing_groups:
            raise PaymentProviderError(
                "The destination account cannot receive transfers.",
                code="account_invalid",
            )
        self.transfers.append(call)
        result = TransferResult(
            id=f"tr_fake_{next(self._ids)}",
            amount=amount,
            destination=destination,
            transfer_group=transfer_group,
        )
        self._answers[idempotency_key] = result
        return result

    def transfer_reverse(
        self, *, transfer_id: str, amount: Money, idempotency_key: str
    ) -> Money:
        if idempotency_key in self._answers:
            return self._answers[idempotency_key]
        if self.reversal_error is not None:
            raise self.reversal_error
        self.reversals.append(
            {
                "transfer_id": transfer_id,
                "amount": amount,
                "idempotency_key": idempotency_key,
            }
        )
        self._answers[idempotency_key] = amount
        return amount

    @property
    def sent(self) -> list[dict]:
        """Transfers that moved money (not replays of an idempotency key)."""
        return [call for call in self.transfers if not call.get("replayed")]


@pytest.fixture
def connect(monkeypatch):
    fake = FakeConnect()
    monkeypatch.setattr("market.payments.client.transfer_create", fake.transfer_create)
    monkeypatch.setattr(
        "market.payments.client.transfer_reverse", fake.transfer_reverse
    )
    return fake


def bank_profile(resident, iban=VALID_IBAN) -> PayoutProfile:
    return PayoutProfile.objects.create(
        resident=resident,
        rail=Rail.BANK_TRANSFER,
        account_holder=f"{resident.display_name} MMC",
        iban=iban,
    )


def connect_profile(resident, account="acct_1TestConnect") -> PayoutProfile:
    return PayoutProfile.objects.create(
        resident=resident, rail=Rail.STRIPE_CONNECT, stripe_account_id=account
    )


def make_order(*lines, currency="AZN", shipping=(), **order_fields):
    """An order whose lines are (resident or None, unit price, quantity):
    each line belongs to that resident's Partner (None: the Centre's own).
    `shipping`: (resident, charge) parcels, one per resident. No tax: the
    total is the sum of the lines and the parcels' shipping."""
    lines = [
        (resident, Decimal(price), quantity) for resident, price, quantity in lines
    ]
    shipping = [(resident, Decimal(charge)) for resident, charge in shipping]
    shipping_total = sum((charge for _r, charge in shipping), Decimal("0.00"))
    total = shipping_total + sum(
        (price * quantity for _r, price, quantity in lines), Decimal("0.00")
    )
    order = OrderFactory(
        total_incl_tax=total,
        total_excl_tax=total,
        shipping_incl_tax=shipping_total,
        shipping_excl_tax=shipping_total,
        currency=currency,
        **order_fields,
    )
    for index, (resident, price, quantity) in enumerate(lines):
        OrderLineFactory(
            order=order,
            product=None,
            stockrecord=None,
            partner=resident.partner if resident else None,
            partner_name=resident.display_name if resident else "Centre",
            partner_sku=f"SKU-{index}",
            title=f"Line {index}",
            quantity=quantity,
            unit_price_incl_tax=price,
            unit_price_excl_tax=price,
            line_price_incl_tax=price * quantity,
            line_price_excl_tax=price * quantity,
            line_price_before_discounts_incl_tax=price * quantity,
            line_price_before_discounts_excl_tax=price * quantity,
        )
    for resident, charge in shipping:
        Parcel.objects.create(
            order=order,
            partner=resident.partner,
            country="DE",
            carrier="EMS",
            min_days=7,
            max_days=14,
            weight_grams=1000,
            charge=charge,
            amount=charge,
            currency=currency,
        )
    return order
