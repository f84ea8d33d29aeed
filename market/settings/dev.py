"""Development: the embedded defaults, debug on."""

from .base import *

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# The demo clears sales for payout at once, so that a purchase can be paid out
# in the same sitting; production keeps the base default (14 days).
MARKET_PAYOUT_HOLD_DAYS = env.int("MARKET_PAYOUT_HOLD_DAYS", default=0)

# `make run-payments` (run_with_localstripe) points Stripe at localstripe
# after settings load: route the confirmation view its fake Stripe.js needs.
MARKET_FAKE_STRIPE = True
