import unicodedata
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE

from .backends import Facet, Sort
from .backends.base import IN_STOCK

QUERY_MAX_LENGTH = 200
# A facet's ticked values: more than this many, or longer values, are a
# crafted URL, not a buyer; the rest is ignored.
FACET_MAX_VALUES = 50
FACET_VALUE_MAX_LENGTH = 100
PRICE_LIMIT = Decimal("100000000")
# Facets whose values are a closed list: anything else is left out. (A
# course's level is free text: the three labelled levels and any other.)
FACET_CHOICES = {
    Facet.KIND: frozenset({PHYSICAL, DIGITAL, SERVICE, COURSE}),
    Facet.IN_STOCK: frozenset({IN_STOCK}),
}


class SearchForm(forms.Form):
    """The search box on every page, and the sort order of a product list.

    Oscar's `search_form` context processor loads this class by name. Nothing
    a buyer can put in the URL makes it fail: a long query is cut, an unknown
    sort order is the default one.
    """

    q = forms.CharField(
        required=False,
        label=_("Search"),
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Search"),
                "type": "search",
                "class": "form-control",
                "maxlength": QUERY_MAX_LENGTH,
            }
        ),
    )
    sort_by = forms.CharField(
        required=False,
        label=_("Sort by"),
        widget=forms.Select(choices=Sort.choices),
    )

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:QUERY_MAX_LENGTH]

    def clean_sort_by(self) -> str:
        value = self.cleaned_data["sort_by"]
        return value if value in Sort.values else ""

    def _cleaned(self, name: str, default=None):
        self.is_valid()  # cleans every field; invalid ones are left out
        return self.cleaned_data.get(name, default)

    def query_text(self) -> str:
        return self._cleaned("q", "").strip()

    def sort(self) -> Sort:
        value = self._cleaned("sort_by", "")
        return Sort(value) if value else Sort.RELEVANCE


def _printable(text: str) -> bool:
    """No control characters (NUL, newlines, escapes): nothing a facet's
    value ever holds; such a value comes from a crafted URL."""
    return not any(unicodedata.category(ch) == "Cc" for ch in text)


class FacetValuesField(forms.Field):
    """The values ticked in one facet (one URL parameter, repeated). A facet
    with a closed list of values (`choices`) keeps only those; in the others
    any printable text is a value, and an unknown one simply matches nothing.
    What is left out is ignored, never an error: the list still shows."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *args, choices: frozenset[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values: dict[str, None] = {}
        for item in value:
            text = str(item).strip()[:FACET_VALUE_MAX_LENGTH]
            if not text or not _printable(text):
                continue
            if self.choices is None or text in self.choices:
                values[text] = None
            if len(values) == FACET_MAX_VALUES:
                break
        return list(values)


def _price_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        required=False,
        label=label,
        min_value=0,
        max_value=PRICE_LIMIT,
        localize=True,
        # Text, not a number input: "19,99" is how az and ru write it.
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "class": "form-control", "size": 6}
        ),
        error_messages={
            "invalid": _("Enter a price as a number, for example 25 or 19.99."),
            "min_value": _("A price cannot be below zero."),
            "max_value": _("This price is too high."),
        },
    )


class ProductFilterForm(SearchForm):
    """What narrows a product list: the facets' ticked values (one parameter
    per facet, named like the facet, e.g. `kind=physical&kind=digital`; the
    price facet's values are band keys) and a free price range in the buyer's
    currency. A price that is not a number is ignored, with an error."""

    price_min = _price_field(pgettext_lazy("price range", "From"))
    price_max = _price_field(pgettext_lazy("price range", "To"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for facet in Facet:
            self.fields[facet.value] = FacetValuesField(
                required=False, choices=FACET_CHOICES.get(facet)
            )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and high < low:
            self.add_error(
                "price_max", _("The highest price must not be below the lowest.")
            )
        return cleaned

    def selections(self) -> dict[str, list[str]]:
        """The ticked values, by facet (facets with none left out)."""
        return {
            facet.value: values
            for facet in Facet
            if (values := self._cleaned(facet.value, []))
        }

    def price_range(self) -> tuple[Decimal | None, Decimal | None]:
        """The free price range, in the buyer's currency."""
        return self._cleaned("price_min"), self._cleaned("price_max")

    def params(self) -> list[tuple[str, str]]:
        """The list's state as URL parameters, what was ignored left out, in
        a fixed order: for pagination, sorting and the facet links."""
        params = []
        if query := self.query_text():
            params.append(("q", query))
        if sort := self._cleaned("sort_by", ""):
            params.append(("sort_by", sort))
        for facet, values in self.selections().items():
            params.extend((facet, value) for value in values)
        low, high = self.price_range()
        for name, amount in (("price_min", low), ("price_max", high)):
            if amount is not None:
                params.append((name, format(amount, "f")))
        return params
