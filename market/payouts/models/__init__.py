"""Residents' money: commission rates, the per-line commission snapshot, the
append-only ledger (AZN), payout profiles and payout runs.

See docs/adr/0005-ledger-and-payout-rails.md for why it is shaped this way.
"""

from .ledger import (
    CommissionRate,
    EntryKind,
    LedgerEntry,
    LedgerEntryQuerySet,
    LedgerIsAppendOnly,
    LineShare,
)
from .payouts import (
    Payout,
    PayoutProfile,
    PayoutRun,
    PayoutStatus,
    PayoutTransfer,
    Rail,
    RunStatus,
    TransferStatus,
    validate_stripe_account,
    validate_swift,
)

__all__ = [
    "CommissionRate",
    "EntryKind",
    "LedgerEntry",
    "LedgerEntryQuerySet",
    "LedgerIsAppendOnly",
    "LineShare",
    "Payout",
    "PayoutProfile",
    "PayoutRun",
    "PayoutStatus",
    "PayoutTransfer",
    "Rail",
    "RunStatus",
    "TransferStatus",
    "validate_stripe_account",
    "validate_swift",
]
