"""Payout profiles: where a resident's money goes."""

from __future__ import annotations

from django.db import transaction

from market.residents.models import Resident

from ..iban import iban_normalise
from ..models import PayoutProfile, Rail


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
