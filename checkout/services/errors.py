"""The checkout's named refusals: the only errors that turn a paid
checkout into a refund."""

from django.core.exceptions import ValidationError

from market.learning.services import SeatsUnavailable


class CheckoutRefused(Exception):
    """The checkout cannot go on; `message` tells the buyer why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class OutOfStock(CheckoutRefused):
    """The units are not there (held or sold by others, or gone)."""


class FulfilmentPostponed(Exception):
    """A paid checkout could not be placed for a reason that is not the
    buyer's (a database that deadlocked or went away, a bug): nothing was
    refunded, and the next try (Stripe's webhook retry, the return page, the
    `reconcile_payments` job) places it."""


# Refusals of the business: a paid checkout refused for one of these is
# refunded. Anything else is retried, never refunded.
BUSINESS_REFUSALS = (CheckoutRefused, SeatsUnavailable, ValidationError)
