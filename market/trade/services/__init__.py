"""Writes of wholesale quotes, one module a step: `requests` (the business
profile, asking, withdrawing, declining), `quotes` (offering, accepting,
paying), `messages` (the thread), `follow_up` (reminders, closing and
expiry). Each is atomic and locks the request's row first (`locking`), so
two answers to one request are taken one after the other."""

from ..rules import QuoteRefused
from .follow_up import quotes_follow_up
from .messages import quote_message_add
from .quotes import ShippingAnswer, quote_accept, quote_offer, quote_paid
from .requests import (
    LineWish,
    business_profile_save,
    quote_request_create,
    quote_request_decline,
    quote_request_withdraw,
    trade_terms_save,
)

__all__ = [
    "LineWish",
    "QuoteRefused",
    "ShippingAnswer",
    "business_profile_save",
    "quote_accept",
    "quote_message_add",
    "quote_offer",
    "quote_paid",
    "quote_request_create",
    "quote_request_decline",
    "quote_request_withdraw",
    "quotes_follow_up",
    "trade_terms_save",
]
