"""Payout profiles: where a resident's money goes."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from market.residents.models import Resident

from ..iban import iban_normalise
from ..models import PayoutProfile, Rail

logger = logging.getLogger(__name__)


@transaction.atomic
def payout_profile_update(
    *,
    resident: Resident,
    account_holder: str,
    iban: str,
    bank_name: str = "",
    swift: str = "",
) -> PayoutProfile:
    """A resident sets their bank details. A new profile is paid by bank
    transfer; a profile staff switched to Stripe Connect keeps its rail and
    account id (these bank details wait in case staff switch back)."""
    profile = PayoutProfile.objects.select_for_update().filter(
        resident=resident
    ).first() or PayoutProfile(resident=resident, rail=Rail.BANK_TRANSFER)
    profile.account_holder = account_holder.strip()
    profile.iban = iban_normalise(iban)
    profile.bank_name = bank_name.strip()
    profile.swift = swift.replace(" ", "").upper()
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def payout_hold_release(*, profile: PayoutProfile, released_by) -> bool:
    """Staff checked the new destination with the resident: pay it from the
    next run. False when it was not held."""
    released = PayoutProfile.objects.filter(
        pk=profile.pk, held_until__gt=timezone.now()
    ).update(held_until=None)
    if released:
        logger.info(
            "Payout destination hold of resident %s released by user %s",
            profile.resident_id,
            getattr(released_by, "pk", None),
        )
    return bool(released)
