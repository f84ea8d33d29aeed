"""The interface every search backend implements.

Views and commands talk to this interface only, so the database backend (the
embedded default) and the Elasticsearch backend (its own issue) are
interchangeable by the MARKET_SEARCH_BACKEND setting.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Sort(TextChoices):
    """Orders a buyer can ask for."""

    RELEVANCE = "relevance", _("Relevance")
    NEWEST = "newest", _("Newest")
    PRICE_ASC = "price-asc", _("Price, low to high")
    PRICE_DESC = "price-desc", _("Price, high to low")
    TITLE = "title", _("Title, A to Z")


@dataclass(frozen=True)
class ProductQuery:
    """What a buyer asked for: words, a category subtree, a resident, an order."""

    text: str = ""
    category_ids: Sequence[int] = ()
    partner_id: int | None = None
    product_class_slug: str = ""
    sort: Sort = Sort.RELEVANCE


@dataclass(frozen=True)
class ProductPage:
    """One page of matching product ids, in order, with the total match count."""

    product_ids: list[int] = field(default_factory=list)
    total: int = 0


class SearchBackend(ABC):
    """Finds public products of approved residents and keeps its index fresh."""

    @abstractmethod
    def search_products(
        self, query: ProductQuery, *, offset: int, limit: int
    ) -> ProductPage:
        """Return the ids of one page of products matching `query`."""

    @abstractmethod
    def index_products(self, product_ids: Iterable[int]) -> None:
        """(Re)index these products; ids of deleted products are removed."""

    @abstractmethod
    def rebuild(self) -> int:
        """Rebuild the whole index; return the number of products indexed."""
