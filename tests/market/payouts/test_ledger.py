"""Recording placed orders: commission snapshots, entries, idempotency, and
the append-only ledger."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from oscar.apps.basket.models import Basket
from oscar.apps.partner.strategy import Default
from oscar.test.factories import create_order

from catalogue.kinds import PHYSICAL
from market.payouts import selectors, services
from market.payouts.models import (
    CommissionRate,
    EntryKind,
    LedgerEntry,
    LedgerIsAppendOnly,
    LineShare,
)
from market.residents.models import Programme
from tests.factories import ProductFactory

from .conftest import make_order

pytestmark = pytest.mark.django_db
D = Decimal


def _entries(order):
    return sorted(
        (e.key, e.account_id, e.kind, e.amount)
        for e in LedgerEntry.objects.filter(order=order)
    )


def test_an_order_of_two_residents_is_split_and_sums_to_its_total(
    resident, other_resident
):
    CommissionRate.objects.create(programme=Programme.GAMETECH, percent=D("12.50"))
    CommissionRate.objects.create(resident=resident, percent=D("8"), minimum=D("5"))
    order = make_order(
        (resident, "45.50", 2), (other_resident, "19.99", 1), (resident, "20.00", 1)
    )
    first, second, third = order.lines.order_by("pk")

    shares = services.order_shares_record(order=order)

    assert [(s.gross, s.commission_percent, s.commission, s.net) for s in shares] == [
        (D("91.00"), D("8.00"), D("7.28"), D("83.72")),
        (D("19.99"), D("12.50"), D("2.50"), D("17.49")),
        (D("20.00"), D("8.00"), D("5.00"), D("15.00")),  # the minimum
    ]
    assert [s.resident for s in shares] == [resident, other_resident, resident]
    assert _entries(order) == sorted(
        [
            (f"sale:line:{first.pk}", resident.pk, "sale", D("91.00")),
            (
                f"commission:line:{first.pk}:resident",
                resident.pk,
                "commission",
                D("-7.28"),
            ),
            (f"commission:line:{first.pk}:centre", None, "commission", D("7.28")),
            (f"sale:line:{second.pk}", other_resident.pk, "sale", D("19.99")),
            (
                f"commission:line:{second.pk}:resident",
                other_resident.pk,
                "commission",
                D("-2.50"),
            ),
            (f"commission:line:{second.pk}:centre", None, "commission", D("2.50")),
            (f"sale:line:{third.pk}", resident.pk, "sale", D("20.00")),
            (
                f"commission:line:{third.pk}:resident",
                resident.pk,
                "commission",
                D("-5.00"),
            ),
            (f"commission:line:{third.pk}:centre", None, "commission", D("5.00")),
        ]
    )
    assert order.total_incl_tax == D("130.99")
    assert selectors.order_ledger_sum(order=order) == D("130.99")
    assert selectors.balance(resident=resident).total == D("98.72")
    assert selectors.balance(resident=other_resident).total == D("17.49")


def test_recording_twice_writes_nothing_more(resident):
    order = make_order((resident, "10.00", 1))
    shares = services.order_shares_record(order=order)
    before = _entries(order)

    again = services.order_shares_record(order=order)

    assert [s.pk for s in again] == [s.pk for s in shares]
    assert _entries(order) == before
    assert LineShare.objects.count() == 1


def test_a_rate_changed_later_does_not_change_a_recorded_order(resident):
    order = make_order((resident, "200.00", 1))
    services.order_shares_record(order=order)

    CommissionRate.objects.create(resident=resident, percent=D("50"))

    share = LineShare.objects.get()
    assert (share.commission_percent, share.commission) == (D("10.00"), D("20.00"))
    assert selectors.balance(resident=resident).total == D("180.00")


def test_a_sale_and_its_commission_clear_together_after_the_hold(resident, settings):
    settings.MARKET_PAYOUT_HOLD_DAYS = 14
    order = make_order((resident, "100.00", 1))
    services.order_shares_record(order=order)
    now = timezone.now()

    held = selectors.balance(resident=resident, now=now)
    cleared = selectors.balance(
        resident=resident, now=now + datetime.timedelta(days=15)
    )

    assert held == selectors.Balances(
        total=D("90.00"), cleared=D("0.00"), pending=D("90.00"), debt=D("0.00")
    )
    assert cleared == selectors.Balances(
        total=D("90.00"), cleared=D("90.00"), pending=D("0.00"), debt=D("0.00")
    )


def test_a_line_of_the_centre_goes_to_the_centre(resident):
    order = make_order((resident, "10.00", 1), (None, "5.00", 1))

    services.order_shares_record(order=order)

    centre = LedgerEntry.objects.filter(account__isnull=True, order=order)
    assert sorted((e.kind, e.amount) for e in centre) == [
        ("commission", D("1.00")),
        ("sale", D("5.00")),
    ]
    assert selectors.order_ledger_sum(order=order) == D("15.00")


def test_free_lines_write_no_entries(resident):
    order = make_order((resident, "0.00", 1))

    (share,) = services.order_shares_record(order=order)

    assert (share.gross, share.commission, share.net) == (D("0"), D("0"), D("0"))
    assert not LedgerEntry.objects.exists()


def test_an_order_in_another_currency_is_refused(resident):
    order = make_order((resident, "10.00", 1), currency="USD")

    with pytest.raises(ValidationError):
        services.order_shares_record(order=order)

    assert not LineShare.objects.exists()
    assert not LedgerEntry.objects.exists()


def test_an_order_placed_by_oscar_from_a_basket_of_two_residents(
    resident, other_resident
):
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(
        ProductFactory(resident=resident, kind=PHYSICAL, price=D("450.00")), 2
    )
    basket.add_product(
        ProductFactory(resident=other_resident, kind=PHYSICAL, price=D("80.00"))
    )
    order = create_order(basket=basket)

    services.order_shares_record(order=order)

    assert order.total_incl_tax == D("980.00")
    assert selectors.order_ledger_sum(order=order) == order.total_incl_tax
    assert selectors.balance(resident=resident).total == D("810.00")
    assert selectors.balance(resident=other_resident).total == D("72.00")


def test_the_ledger_is_append_only(resident):
    order = make_order((resident, "10.00", 1))
    services.order_shares_record(order=order)
    entry = LedgerEntry.objects.get(kind=EntryKind.SALE)
    before = _entries(order)

    entry.amount = D("1000.00")
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=D("1000.00"))
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.all().delete()
    with pytest.raises(LedgerIsAppendOnly):
        LedgerEntry.objects.bulk_update([entry], ["amount"])

    assert _entries(order) == before


def test_the_database_itself_refuses_to_change_a_ledger_entry(resident):
    """Even SQL that bypasses the model (a script, a shell) cannot edit the
    books: a trigger refuses."""
    from django.db import DatabaseError, connection, transaction

    order = make_order((resident, "100.00", 1))
    services.order_shares_record(order=order)
    entry = LedgerEntry.objects.filter(order=order).order_by("pk").first()
    table = LedgerEntry._meta.db_table

    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET amount = 0 WHERE id = %s", [entry.pk])  # noqa: S608

    assert LedgerEntry.objects.get(pk=entry.pk).amount == entry.amount


@pytest.mark.postgres
def test_on_postgresql_the_database_refuses_to_delete_a_ledger_entry(resident):
    from django.db import DatabaseError, connection, transaction

    order = make_order((resident, "100.00", 1))
    services.order_shares_record(order=order)
    count = LedgerEntry.objects.count()
    table = LedgerEntry._meta.db_table

    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608

    assert LedgerEntry.objects.count() == count == 3
