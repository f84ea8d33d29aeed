"""Parcels under races, on PostgreSQL with real threads: the resident and
staff cancelling one parcel at the same moment refund it once."""

from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from checkout.models import Refund
from checkout.services import parcel_refund
from market.export.models import Parcel, ParcelStatus
from market.payouts.models import LedgerEntry
from market.payouts.selectors import order_ledger_sum
from tests.threads import run_together

from .test_shipping import _buy_berlin, _client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _cancel(parcel_id, user):
    try:
        parcel_refund(
            parcel=Parcel.objects.get(pk=parcel_id),
            user=user,
            reason="Broken in the workshop",
            status=ParcelStatus.CANCELLED,
        )
    except ValidationError:
        return "refused"
    finally:
        connection.close()
    return "cancelled"


def test_two_cancels_at_once_refund_one_parcel_once(
    migration_rows,
    buyer,
    owner,
    staff,
    resident,
    catalogue,
    berlin,
    rates,
    stripe_settings,
    localstripe_url,
):
    _step, _preview, payment = _buy_berlin(_client(buyer), catalogue, berlin)
    parcel = Parcel.objects.get(partner=resident.partner)

    outcomes = run_together(
        [partial(_cancel, parcel.pk, owner), partial(_cancel, parcel.pk, staff)]
    )

    order = payment.order
    assert sorted(outcomes) == ["cancelled", "refused"]
    assert list(Refund.objects.values_list("parcel_id", "total").order_by("pk")) == [
        (None, parcel.lines.get().line_price_incl_tax),
        (parcel.pk, parcel.charge),
    ]
    refunds_of_shipping = LedgerEntry.objects.filter(
        key__startswith="refund:", key__endswith=f":parcel:{parcel.pk}"
    )
    assert refunds_of_shipping.count() == 1
    assert order_ledger_sum(order=order) == (
        order.total_incl_tax - parcel.lines.get().line_price_incl_tax - parcel.charge
    )
