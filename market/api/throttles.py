"""Rate limits: per token (a token's requests from anywhere share one
budget) and per address (anonymous callers, and every caller's address as a
second fence, so many stolen or fresh tokens from one address still stop).
Counted in the default cache (Redis in production); rates from settings."""

import hashlib

from django.conf import settings
from ninja.throttling import SimpleRateThrottle


class AddressRateThrottle(SimpleRateThrottle):
    """Every request, by the caller's address."""

    scope = "address"

    def get_rate(self):
        return settings.MARKET_API_RATE_PER_ADDRESS

    def get_cache_key(self, request):
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


class TokenRateThrottle(SimpleRateThrottle):
    """Requests carrying a token, by the token (its primary key, or a hash of
    whatever the auth class returned)."""

    scope = "token"

    def get_rate(self):
        return settings.MARKET_API_RATE_PER_TOKEN

    def get_cache_key(self, request):
        auth = getattr(request, "auth", None)
        if auth is None or auth is True:
            return None
        ident = getattr(auth, "pk", None)
        if ident is None:
            ident = hashlib.sha256(str(auth).encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


def throttles() -> list[SimpleRateThrottle]:
    return [AddressRateThrottle(), TokenRateThrottle()]
