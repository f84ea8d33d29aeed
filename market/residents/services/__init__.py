"""Writes of the residents domain (HackSoft-style services)."""

from .listings import (
    digital_file_add,
    line_fulfil,
    listing_create,
    listing_review,
    listing_stock_set,
    listing_update,
    resident_check_may_act,
)
from .messages import maker_message_send
from .residents import (
    resident_apply,
    resident_approve,
    resident_contact,
    resident_reinstate,
    resident_reject,
    resident_suspend,
)

__all__ = [
    "digital_file_add",
    "line_fulfil",
    "listing_create",
    "listing_review",
    "listing_stock_set",
    "listing_update",
    "maker_message_send",
    "resident_apply",
    "resident_approve",
    "resident_check_may_act",
    "resident_contact",
    "resident_reinstate",
    "resident_reject",
    "resident_suspend",
]
