from django.conf import settings

from .selectors import buyer_currency


def currency(request):
    """The buyer's currency and the currencies they may choose from."""
    return {
        "buyer_currency": buyer_currency(request),
        "currencies": [(code, code) for code in settings.MARKET_CURRENCIES],
    }
