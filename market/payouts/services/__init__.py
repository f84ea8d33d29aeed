"""Writes of residents' money. The checkout calls `order_shares_record` and
`line_refund_record` inside its own transactions; staff and cron call the
payout services."""

from .exports import bank_transfer_batch_csv, statement_csv
from .ledger import (
    line_refund_record,
    order_balance_hold,
    order_balance_release,
    order_shares_record,
)
from .profiles import payout_hold_release, payout_profile_update
from .runs import (
    payout_mark_failed,
    payout_mark_paid,
    payout_run_create,
    payout_transfers_send,
)
from .shipping import (
    parcel_shipping_record,
    parcel_shipping_refund_record,
    parcel_shipping_refunded,
)

__all__ = [
    "bank_transfer_batch_csv",
    "line_refund_record",
    "order_balance_hold",
    "order_balance_release",
    "order_shares_record",
    "parcel_shipping_record",
    "parcel_shipping_refund_record",
    "parcel_shipping_refunded",
    "payout_hold_release",
    "payout_mark_failed",
    "payout_mark_paid",
    "payout_profile_update",
    "payout_run_create",
    "payout_transfers_send",
    "statement_csv",
]
