"""Public, read-only endpoints: no token, cacheable."""

from ninja import Router

router = Router(tags=["public"])
