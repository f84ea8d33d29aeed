from django.conf import settings
from django.utils.module_loading import import_string

from .base import ProductPage, ProductQuery, SearchBackend, Sort

__all__ = ["ProductPage", "ProductQuery", "SearchBackend", "Sort", "get_backend"]


def get_backend() -> SearchBackend:
    """The backend named by MARKET_SEARCH_BACKEND."""
    return import_string(settings.MARKET_SEARCH_BACKEND)()
