"""The interface every search backend implements.

Views, tasks and commands talk to this interface only, so the database backend
(the embedded default) and the Elasticsearch backend are interchangeable by the
MARKET_SEARCH_BACKEND setting, and one contract suite (tests/search/contract)
runs against both.

A search document (search/documents.py) is built once in Python from the
catalogue and handed to every backend, so both see the same fields; both
backends also read the buyer's words through the same analysis
(search/normalise.py: folding, transliteration, stems, synonyms).
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Sort(TextChoices):
    """Orders a buyer can ask for."""

    RELEVANCE = "relevance", _("Relevance")
    NEWEST = "newest", _("Newest")
    PRICE_ASC = "price-asc", _("Price, low to high")
    PRICE_DESC = "price-desc", _("Price, high to low")
    TITLE = "title", _("Title, A to Z")


class Facet(TextChoices):
    """The facets of a product search. Values within a facet are alternatives
    (OR); different facets narrow each other (AND)."""

    KIND = "kind", _("Kind")
    CATEGORY = "category", _("Category")
    PROGRAMME = "programme", _("Programme")
    RESIDENT = "resident", _("Resident")
    PRICE = "price", _("Price")
    SHIPS_TO = "ships_to", _("Ships to")
    LANGUAGE = "language", _("Course language")
    LEVEL = "level", _("Level")
    REGION = "region", _("City or region")
    IN_STOCK = "in_stock", _("Availability")


# Facets whose values are stored as keywords on the document (PRICE is a range
# over the `price` number instead).
TERM_FACETS = tuple(facet for facet in Facet if facet != Facet.PRICE)

# A physical product whose resident set no shipping limit ships anywhere: its
# document carries this marker in `ships_to`, and a filter on any country
# matches it.
SHIPS_ANYWHERE = "*"
IN_STOCK = "1"


@dataclass(frozen=True)
class PriceBand:
    """A price range in AZN, lower bound included, upper bound excluded.

    `key` is what the buyer's URL carries (the band's edges in the buyer's
    currency, e.g. "50-100"), so the view can label it in that currency.
    """

    key: str
    lower: Decimal | None = None
    upper: Decimal | None = None

    def contains(self, price: Decimal | None) -> bool:
        if price is None:
            return False
        if self.lower is not None and price < self.lower:
            return False
        return self.upper is None or price < self.upper


@dataclass(frozen=True)
class ProductQuery:
    """What a buyer asked for.

    - `text`: the words typed.
    - `filters`: selected facet values, by facet (see Facet); PRICE selects
      band keys out of `price_bands`.
    - `price_bands`: the bands offered for the PRICE facet, in AZN.
    - `price_min`/`price_max`: a free price range in AZN (inclusive).
    - `category_ids`, `partner_id`, `product_class_slug`: fixed scopes of a
      category page, a resident's shop or a kind listing (not facets).
    - `facets`: whether to count facets at all (browsing lists skip them).
    """

    text: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    price_bands: Sequence[PriceBand] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    category_ids: Sequence[int] = ()
    partner_id: int | None = None
    product_class_slug: str = ""
    sort: Sort = Sort.RELEVANCE
    facets: bool = False

    def selected(self, facet: str) -> tuple[str, ...]:
        return tuple(self.filters.get(facet, ()))


@dataclass(frozen=True)
class FacetCount:
    """How many products of the result (with every other facet's selection
    applied, but not this facet's own) carry `value`."""

    value: str
    count: int


@dataclass(frozen=True)
class ProductPage:
    """One page of matching product ids, in order, the total match count, the
    facet counts (when asked for) and whether the answer comes from the
    fallback because the configured backend failed."""

    product_ids: list[int] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    degraded: bool = False


Progress = Callable[[int, int], None]


class SearchUnavailable(Exception):
    """The backend could not answer (down, slow, refused); callers fall back."""


class SearchBackend(ABC):
    """Finds public products of approved residents and keeps its index fresh."""

    @abstractmethod
    def search_products(
        self, query: ProductQuery, *, offset: int, limit: int
    ) -> ProductPage:
        """Return one page of products matching `query`, with facet counts."""

    @abstractmethod
    def suggest(self, text: str, *, limit: int = 8) -> list[int]:
        """Ids of products whose title starts like `text` (as-you-type)."""

    @abstractmethod
    def index_documents(
        self, documents: Sequence[dict], removed_ids: Iterable[int]
    ) -> None:
        """Store these documents (search/documents.py) and drop `removed_ids`."""

    @abstractmethod
    def rebuild(self, documents: Iterable[dict], *, total: int, progress: Progress):
        """Replace the whole index with `documents` without going dark."""


def partner_ids_hidden() -> set[int]:
    """Partners whose products must not be shown right now (a suspended
    resident). Read from the database at query time by every backend, so a
    suspension hides the shop's products at once, before any re-indexing."""
    from market.residents.models import Resident, ResidentStatus

    return set(
        Resident.objects.exclude(status=ResidentStatus.APPROVED)
        .exclude(partner__isnull=True)
        .values_list("partner_id", flat=True)
    )


def count_ships_to(counts: Mapping[str, int]) -> dict[str, int]:
    """Per-country counts for the SHIPS_TO facet: a product that ships anywhere
    counts for every listed country."""
    anywhere = counts.get(SHIPS_ANYWHERE, 0)
    return {
        code: count + anywhere
        for code, count in counts.items()
        if code != SHIPS_ANYWHERE
    }


def price_cents(price: Decimal | None) -> int | None:
    """A price in AZN as whole cents (how backends store prices: whole
    numbers compare exactly everywhere); a fraction of a cent is refused."""
    if price is None:
        return None
    cents = Decimal(price) * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"A price in AZN has at most two decimals: {price}")
    return int(cents)


def cents_up(amount: Decimal) -> int:
    """Cents for a bound compared with >= or < (a bound of 12.345 AZN is 1235
    cents: 12.34 is below it, 12.35 is not)."""
    return int((Decimal(amount) * 100).to_integral_value(rounding=ROUND_CEILING))


def cents_down(amount: Decimal) -> int:
    """Cents for an inclusive upper bound (<=)."""
    return int((Decimal(amount) * 100).to_integral_value(rounding=ROUND_FLOOR))
