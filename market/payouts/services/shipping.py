"""Shipping in the ledger: each parcel's shipping charge goes to the resident
who ships it (the Centre's for a parcel the Centre sends), less the Centre's
commission on shipping (MARKET_SHIPPING_COMMISSION_PERCENT, none by default),
and comes off again when the parcel's shipping is refunded."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market.residents.models import Resident

from ..models import EntryKind, LedgerEntry
from ..rules import ZERO, cents, commission_amount
from .ledger import ledger_entry_append


def _resident(parcel) -> Resident | None:
    try:
        return parcel.partner.resident
    except Resident.DoesNotExist:
        return None


def _commission(parcel, resident: Resident | None):
    if resident is None:
        return parcel.charge
    return commission_amount(
        gross=parcel.charge,
        percent=settings.MARKET_SHIPPING_COMMISSION_PERCENT,
        minimum=None,
    )


@transaction.atomic
def parcel_shipping_record(*, parcel) -> None:
    """Write a placed parcel's shipping charge: +charge to whoever ships it,
    and the commission on shipping between them and the Centre. Idempotent
    (keyed by the parcel)."""
    key = f"shipping:parcel:{parcel.pk}"
    if parcel.charge == 0 or LedgerEntry.objects.filter(key=key).exists():
        return
    resident = _resident(parcel)
    now = timezone.now()
    available_at = now + datetime.timedelta(days=settings.MARKET_PAYOUT_HOLD_DAYS)
    common = {"order": parcel.order, "now": now, "available_at": available_at}
    ledger_entry_append(
        key=key,
        account=resident,
        kind=EntryKind.SHIPPING,
        amount=parcel.charge,
        **common,
    )
    if resident is None:
        return
    commission = _commission(parcel, resident)
    ledger_entry_append(
        key=f"commission:parcel:{parcel.pk}:resident",
        account=resident,
        kind=EntryKind.COMMISSION,
        amount=-commission,
        **common,
    )
    ledger_entry_append(
        key=f"commission:parcel:{parcel.pk}:centre",
        account=None,
        kind=EntryKind.COMMISSION,
        amount=commission,
        **common,
    )


def parcel_shipping_refunded(*, parcel) -> bool:
    return LedgerEntry.objects.filter(
        key__startswith="refund:", key__endswith=f":parcel:{parcel.pk}"
    ).exists()


@transaction.atomic
def parcel_shipping_refund_record(*, parcel, key: str) -> None:
    """Take a parcel's shipping back off the ledger (the buyer got it back),
    with the commission on it. Once per parcel: a second refund of the same
    parcel is refused and writes nothing. What was already paid out to the
    resident stays a debt that the next payout nets off."""
    if parcel.charge == 0:
        return
    refund_key = f"refund:{key}:parcel:{parcel.pk}"
    if LedgerEntry.objects.filter(key=refund_key).exists():
        return
    if parcel_shipping_refunded(parcel=parcel):
        raise ValidationError(_("This parcel's shipping was refunded already."))
    recorded = cents(
        sum(
            LedgerEntry.objects.filter(key=f"shipping:parcel:{parcel.pk}").values_list(
                "amount", flat=True
            ),
            ZERO,
        )
    )
    if recorded != parcel.charge:
        raise ValidationError(_("This parcel's shipping is not in the ledger."))
    resident = _resident(parcel)
    common = {"order": parcel.order, "now": timezone.now()}
    ledger_entry_append(
        key=refund_key,
        account=resident,
        kind=EntryKind.REFUND,
        amount=-parcel.charge,
        **common,
    )
    if resident is None:
        return
    commission = _commission(parcel, resident)
    ledger_entry_append(
        key=f"commission_refund:{key}:parcel:{parcel.pk}:resident",
        account=resident,
        kind=EntryKind.COMMISSION_REFUND,
        amount=commission,
        **common,
    )
    ledger_entry_append(
        key=f"commission_refund:{key}:parcel:{parcel.pk}:centre",
        account=None,
        kind=EntryKind.COMMISSION_REFUND,
        amount=-commission,
        **common,
    )
