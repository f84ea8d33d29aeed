"""What a buyer sees of the facets: price bands in the buyer's currency, every
value's label in the active language, and the options of the facet sidebar.

Prices are stored in AZN; a buyer who chose USD or EUR sees them converted by
the one rounding rule (market.currencies.money.convert). A band or a price
limit the buyer gives in their currency is turned into AZN bounds so that it
holds exactly the products whose *shown* price is in it.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.utils.translation import (
    get_language,
    get_language_info,
    gettext_lazy,
)
from django.utils.translation import gettext as _

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
from catalogue.models import Category
from market.currencies.templatetags.currency_tags import format_money
from market.export.countries import country_name
from market.payments.money import DECIMAL_PLACES
from market.places import place_name
from market.residents.models import Programme, Resident

from .backends import Facet, FacetCount, PriceBand
from .backends.base import IN_STOCK

# The price bands offered, as edges in whole units of the buyer's currency.
PRICE_EDGES: dict[str, tuple[int, ...]] = {
    "AZN": (0, 25, 50, 100, 200, 500, 1000),
    "USD": (0, 15, 30, 60, 120, 300, 600),
    "EUR": (0, 15, 30, 60, 120, 300, 600),
}

# A band key: its edges in the buyer's currency, "50-100", or "1000-" (open).
_BAND_KEY = re.compile(r"([0-9]{1,9})-([0-9]{1,9})?")

# The order the sidebar shows the facets in.
FACET_ORDER = (
    Facet.KIND,
    Facet.CATEGORY,
    Facet.PRICE,
    Facet.SHIPS_TO,
    Facet.PROGRAMME,
    Facet.RESIDENT,
    Facet.LANGUAGE,
    Facet.LEVEL,
    Facet.REGION,
    Facet.IN_STOCK,
)

KIND_LABELS = {
    PHYSICAL: gettext_lazy("Physical goods"),
    DIGITAL: gettext_lazy("Digital files"),
    SERVICE: gettext_lazy("Services"),
    COURSE: gettext_lazy("Courses"),
}
LEVEL_LABELS = {
    "beginner": gettext_lazy("Beginner"),
    "intermediate": gettext_lazy("Intermediate"),
    "advanced": gettext_lazy("Advanced"),
}


@dataclass(frozen=True)
class BuyerCurrency:
    """The currency a buyer sees prices in, and its rate: units of it for
    1 AZN (so an AZN price times the rate is the price shown)."""

    code: str
    rate: Decimal

    @property
    def is_base(self) -> bool:
        return self.code == settings.MARKET_BASE_CURRENCY

    @property
    def _half_cent(self) -> Decimal:
        return Decimal(1).scaleb(-DECIMAL_PLACES[self.code]) / 2

    def threshold(self, amount: Decimal) -> Decimal:
        """The AZN price from which a price is shown as `amount` or more
        (and below which it is shown as less): shown prices are rounded half
        up, so that is `(amount - half a cent) / rate`, at full precision."""
        if self.is_base:
            # AZN prices are whole cents, shown as they are.
            return amount
        return (amount - self._half_cent) / self.rate

    def at_most(self, amount: Decimal) -> Decimal:
        """The highest AZN price (whole cents, as prices are stored) shown as
        `amount` or less."""
        if self.is_base:
            return amount
        below = (amount + self._half_cent) / self.rate
        cents = (below * 100).to_integral_value(rounding=ROUND_CEILING) - 1
        return cents / Decimal(100)

    def format(self, amount: Decimal | int) -> str:
        """`₼1,000`, `12,50 €`: money as the active language writes it
        (market.currencies), cents only when the amount has some."""
        return format_money(Decimal(amount), self.code, whole=True)


def _edges(key: str) -> tuple[int, int | None] | None:
    match = _BAND_KEY.fullmatch(key)
    if match is None:
        return None
    lower = int(match.group(1))
    upper = int(match.group(2)) if match.group(2) is not None else None
    if upper is not None and upper <= lower:
        return None
    return lower, upper


def band_key(lower: int, upper: int | None) -> str:
    return f"{lower}-{'' if upper is None else upper}"


def price_band(key: str, currency: BuyerCurrency) -> PriceBand:
    """The band a key names, in AZN. A key that names no band matches nothing
    (like any unknown facet value)."""
    edges = _edges(key)
    if edges is None:
        return PriceBand(key=key, lower=Decimal(0), upper=Decimal(0))
    lower, upper = edges
    return PriceBand(
        key=key,
        lower=currency.threshold(Decimal(lower)) if lower > 0 else None,
        upper=currency.threshold(Decimal(upper)) if upper is not None else None,
    )


def offered_band_keys(currency: BuyerCurrency) -> list[str]:
    """The keys of the bands offered in this currency, cheapest first."""
    edges = PRICE_EDGES.get(currency.code, PRICE_EDGES[settings.MARKET_BASE_CURRENCY])
    return [
        band_key(lower, upper)
        for lower, upper in zip(edges, [*edges[1:], None], strict=True)
    ]


def price_bands(
    currency: BuyerCurrency, selected: Sequence[str] = ()
) -> list[PriceBand]:
    """The bands to count and filter by: the offered ones, then any other
    band the buyer's URL selects (for example one kept after a currency
    switch)."""
    keys = offered_band_keys(currency)
    keys += [key for key in selected if key not in keys]
    return [price_band(key, currency) for key in keys]


def band_label(key: str, currency: BuyerCurrency) -> str:
    """ "€50 – €100", "Under ₼25", "$600 and more" (as the language writes
    money); an unknown key as is."""
    edges = _edges(key)
    if edges is None:
        return key
    lower, upper = edges
    if upper is None:
        return _("%(amount)s and more") % {"amount": currency.format(lower)}
    if lower == 0:
        return _("Under %(amount)s") % {"amount": currency.format(upper)}
    return _("%(lower)s – %(upper)s") % {
        "lower": currency.format(lower),
        "upper": currency.format(upper),
    }


@dataclass(frozen=True)
class FacetOption:
    """One checkbox of the sidebar."""

    value: str
    label: str
    count: int
    selected: bool
    # Nesting under other options (categories).
    depth: int = 0


@dataclass(frozen=True)
class FacetGroup:
    """One facet of the sidebar: a fieldset of checkboxes."""

    facet: Facet
    options: list[FacetOption]

    @property
    def name(self) -> str:
        return self.facet.value

    @property
    def label(self) -> str:
        return str(self.facet.label)

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)


def _country_names(codes: Sequence[str]) -> dict[str, str]:
    """Country names in the active language (the one list of market/export)."""
    return {code: country_name(code) for code in codes}


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _categories(values: Sequence[str]) -> dict[str, Category]:
    ids = [int(value) for value in values if value.isdigit() and len(value) < 19]
    return {
        str(category.pk): category
        for category in Category.objects.filter(pk__in=ids).only(
            "pk", "name", "name_en", "name_ru", "path", "depth", "is_public"
        )
    }


def _residents(values: Sequence[str]) -> dict[str, str]:
    ids = [int(value) for value in values if value.isdigit() and len(value) < 19]
    return {
        str(partner_id): name
        for partner_id, name in Resident.objects.filter(partner_id__in=ids).values_list(
            "partner_id", "display_name"
        )
    }


def _fixed_order(values: list[str], order: Sequence[str], label) -> list[str]:
    position = {value: index for index, value in enumerate(order)}
    return sorted(
        values, key=lambda value: (position.get(value, len(order)), label(value))
    )


def facet_groups(
    counts: Mapping[str, Sequence[FacetCount]],
    selected: Mapping[str, Sequence[str]],
    *,
    currency: BuyerCurrency,
    bands: Sequence[PriceBand],
    within: Category | None = None,
) -> list[FacetGroup]:
    """The sidebar's facets, in FACET_ORDER: the values the backend counted
    (those counted 0 only when ticked) and every ticked value, labelled.

    `within` is the category a category page shows: only its subcategories
    are offered as a facet, since it and its ancestors hold every product.
    A facet with nothing to offer is left out, except the price, whose
    fieldset also holds the free price range.
    """
    groups = []
    for facet in FACET_ORDER:
        found = {item.value: item.count for item in counts.get(facet.value, ())}
        ticked = list(dict.fromkeys(selected.get(facet.value, ())))
        values = [value for value, count in found.items() if count > 0]
        values += [value for value in ticked if value not in values]
        depth: dict[str, int] = {}

        if facet == Facet.CATEGORY:
            categories = _categories(values)
            base = within.depth if within is not None else 1

            def shown(value, categories=categories):
                category = categories.get(value)
                if category is None or not category.is_public:
                    return False
                if within is None:
                    return True
                return category.path.startswith(within.path) and (
                    category.depth > within.depth
                )

            values = [value for value in values if value in ticked or shown(value)]
            labels = {
                value: categories[value].get_name() if value in categories else value
                for value in values
            }
            depth = {
                value: max(categories[value].depth - base - (within is not None), 0)
                for value in values
                if value in categories
            }
            values.sort(
                key=lambda value: (
                    categories[value].path if value in categories else "~",
                    value,
                )
            )
        elif facet == Facet.PRICE:
            order = [band.key for band in bands]
            labels = {value: band_label(value, currency) for value in values}
            values = _fixed_order(values, order, labels.get)
        elif facet == Facet.KIND:
            labels = {value: str(KIND_LABELS.get(value, value)) for value in values}
            values = _fixed_order(values, list(KIND_LABELS), labels.get)
        elif facet == Facet.LEVEL:
            labels = {value: str(LEVEL_LABELS.get(value, value)) for value in values}
            values = _fixed_order(values, list(LEVEL_LABELS), labels.get)
        else:
            if facet == Facet.SHIPS_TO:
                labels = _country_names(values)
            elif facet == Facet.RESIDENT:
                names = _residents(values)
                labels = {value: names.get(value, value) for value in values}
            elif facet == Facet.PROGRAMME:
                programmes = dict(Programme.choices)
                labels = {value: str(programmes.get(value, value)) for value in values}
            elif facet == Facet.REGION:
                labels = {value: place_name(value, get_language()) for value in values}
            elif facet == Facet.LANGUAGE:
                labels = {value: _language_name(value) for value in values}
            elif facet == Facet.IN_STOCK:
                labels = {
                    value: _("In stock") if value == IN_STOCK else value
                    for value in values
                }
            else:
                labels = {value: value for value in values}
            # The most frequent first, as the backend counted them.
            values.sort(key=lambda value: (-found.get(value, 0), labels[value]))

        options = [
            FacetOption(
                value=value,
                label=labels[value],
                count=found.get(value, 0),
                selected=value in ticked,
                depth=depth.get(value, 0),
            )
            for value in values
        ]
        if options or facet == Facet.PRICE:
            groups.append(FacetGroup(facet=facet, options=options))
    return groups
