from django.conf import settings
from django.utils.module_loading import import_string

from .base import (
    Facet,
    FacetCount,
    PriceBand,
    ProductPage,
    ProductQuery,
    SearchBackend,
    SearchUnavailable,
    Sort,
)

__all__ = [
    "Facet",
    "FacetCount",
    "PriceBand",
    "ProductPage",
    "ProductQuery",
    "SearchBackend",
    "SearchUnavailable",
    "Sort",
    "get_backend",
    "indexing_backends",
]

DATABASE_BACKEND = "search.backends.database.DatabaseBackend"


def _configured() -> SearchBackend:
    return import_string(settings.MARKET_SEARCH_BACKEND)()


def get_backend() -> SearchBackend:
    """The backend that answers searches: MARKET_SEARCH_BACKEND, guarded by a
    fallback to the database backend when it is not the database itself."""
    if settings.MARKET_SEARCH_BACKEND == DATABASE_BACKEND:
        return _configured()
    from .database import DatabaseBackend
    from .resilient import ResilientBackend

    return ResilientBackend(_configured(), DatabaseBackend())


def indexing_backends() -> list[SearchBackend]:
    """Every backend to keep in step: the database backend always (it is the
    fallback), then the configured one if different."""
    from .database import DatabaseBackend

    backends: list[SearchBackend] = [DatabaseBackend()]
    if settings.MARKET_SEARCH_BACKEND != DATABASE_BACKEND:
        backends.append(_configured())
    return backends
