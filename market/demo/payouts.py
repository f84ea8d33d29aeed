"""Demo payout profiles: about a third of the demo residents are paid through
Stripe Connect (fake `acct_demo...` ids: the demo has no Connect), the others
by bank transfer to valid-looking Azerbaijani IBANs.

Idempotent: a resident who already has a payout profile keeps it.
"""

import hashlib

from django.db import transaction

from market.payouts.iban import iban_check_digits
from market.payouts.models import PayoutProfile, Rail
from market.residents.models import Resident, ResidentStatus

# Four-letter bank codes as they appear in Azerbaijani IBANs (demo only).
DEMO_BANK_CODES = [
    ("NABZ", "Mərkəzi Bank (demo)", "NABZAZ2X"),
    ("IBAZ", "Azərbaycan Beynəlxalq Bankı (demo)", "IBAZAZ2X"),
    ("PAHA", "PAŞA Bank (demo)", "PAHAAZ22"),
    ("AIIB", "Kapital Bank (demo)", "AIIBAZ2X"),
]


def demo_iban(*, bank_code: str, seed: str) -> str:
    """AZ + ISO 7064 mod-97 check digits + bank code + 20 digits derived from
    `seed` (the same seed always gives the same IBAN)."""
    digest = hashlib.sha256(seed.encode()).hexdigest()
    account = "".join(str(int(char, 16) % 10) for char in digest)[:20]
    bban = f"{bank_code}{account}"
    return f"AZ{iban_check_digits(country='AZ', bban=bban)}{bban}"


def demo_stripe_account(seed: str) -> str:
    return "acct_demo" + hashlib.sha256(seed.encode()).hexdigest()[:12].upper()


@transaction.atomic
def build_payout_profiles() -> int:
    """Give every demo resident with a shop a payout profile; return how many
    were created. Every third resident (by slug) uses Stripe Connect."""
    created = 0
    residents = Resident.objects.filter(
        status__in=[ResidentStatus.APPROVED, ResidentStatus.SUSPENDED]
    ).order_by("slug")
    for index, resident in enumerate(residents):
        if PayoutProfile.objects.filter(resident=resident).exists():
            continue
        bank_code, bank_name, swift = DEMO_BANK_CODES[index % len(DEMO_BANK_CODES)]
        profile = PayoutProfile(
            resident=resident,
            account_holder=resident.startup_name or resident.display_name,
            iban=demo_iban(bank_code=bank_code, seed=resident.slug),
            bank_name=bank_name,
            swift=swift,
        )
        if index % 3 == 0:
            profile.rail = Rail.STRIPE_CONNECT
            profile.stripe_account_id = demo_stripe_account(resident.slug)
        else:
            profile.rail = Rail.BANK_TRANSFER
        profile.full_clean()
        profile.save()
        created += 1
    return created
