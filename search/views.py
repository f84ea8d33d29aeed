"""Catalogue browsing, category pages and keyword search on our backends.

Oscar's catalogue app loads `CatalogueView` and `ProductCategoryView` from
`search.views` by name, and the search app serves `FacetedSearchView` and the
search box's suggestions (`suggest`).

Every list asks the backend for one page with its facet counts, in one call,
and shows a facet sidebar. URL parameters (all optional, see
ProductFilterForm): `q`, `sort_by`, one repeated parameter per facet named
like the facet (`kind`, `category`, `programme`, `resident`, `ships_to`,
`language`, `level`, `region`, `in_stock`, and `price` with band keys such as
"50-100"), `price_min`/`price_max` in the buyer's currency, and `page`.
"""

import re
from dataclasses import replace
from urllib.parse import unquote, urlencode

from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from catalogue.kinds import COURSE
from catalogue.models import Category, Product
from catalogue.selectors import with_card_data
from market.currencies.selectors import buyer_currency_and_rate
from market.page_cache import cacheable_page

from .backends import (
    Facet,
    ProductPage,
    ProductQuery,
    SearchBackend,
    Sort,
    get_backend,
)
from .facets import BuyerCurrency, facet_groups, price_bands
from .forms import ProductFilterForm
from .selectors import pages_matching, residents_matching

SUGGEST_MIN_LENGTH = 2
SUGGEST_LIMIT = 8
COURSES_SHOWN = 4
_PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


class BackendResults:
    """A lazy, sliceable view of backend results, so Django's Paginator works.

    `prepare` asks the backend for the page about to be shown; the count and
    that page's slice are then answered from it, so a list costs one backend
    call (and one facet count). `answer` is the backend's last answer.
    """

    def __init__(self, query: ProductQuery, backend: SearchBackend | None = None):
        self.query = query
        self.backend = backend or get_backend()
        self.answer: ProductPage | None = None
        self._offset = 0
        self._limit = 0

    def prepare(self, *, offset: int, limit: int) -> ProductPage:
        self.answer = self.backend.search_products(
            self.query, offset=offset, limit=limit
        )
        self._offset, self._limit = offset, limit
        return self.answer

    def count(self) -> int:
        answer = self.answer or self.prepare(offset=0, limit=0)
        return answer.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("BackendResults only supports slices")
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        limit = max(stop - start, 0)
        prepared = self.answer is not None and (
            start == self._offset and limit <= self._limit
        )
        answer = self.answer if prepared else self.prepare(offset=start, limit=limit)
        ids = answer.product_ids[:limit]
        products = with_card_data(Product.objects.all()).in_bulk(ids)
        return [products[pk] for pk in ids if pk in products]


class BackendPagination:
    """A ListView whose queryset is `BackendResults`: the page asked for
    (anything but a number is the first) is asked of the backend once, with
    the total, and a page past the end is a 404."""

    def page_number(self) -> int:
        """The page asked for; anything but a number is the first page."""
        raw = self.request.GET.get(self.page_kwarg, "")
        return int(raw) if _PAGE_NUMBER.fullmatch(raw) and int(raw) > 0 else 1

    def paginate_queryset(self, queryset, page_size):
        number = self.page_number()
        queryset.prepare(offset=(number - 1) * page_size, limit=page_size)
        paginator = self.get_paginator(queryset, page_size)
        try:
            page = paginator.page(number)
        except InvalidPage as error:
            raise Http404(str(error)) from error
        return paginator, page, page.object_list, page.has_other_pages()


class ProductListView(BackendPagination, ListView):
    """A paginated, sortable, faceted list of public products."""

    context_object_name = "products"
    paginate_by = 24
    template_name = "search/product_list.html"
    summary = _("All products")
    # Anonymous visitors may be served the page from the page cache
    # (market/page_cache.py); a search's free words are not worth keeping.
    page_cache = True

    def get(self, request, *args, **kwargs):
        if self.page_cache:
            cacheable_page(request)
        return super().get(request, *args, **kwargs)

    def get_form(self) -> ProductFilterForm:
        if not hasattr(self, "_form"):
            self._form = ProductFilterForm(self.request.GET)
        return self._form

    def buyer_currency(self) -> BuyerCurrency:
        code, rate = buyer_currency_and_rate(self.request)
        return BuyerCurrency(code=code, rate=rate)

    def get_product_query(self) -> ProductQuery:
        form = self.get_form()
        currency = self.buyer_currency()
        selections = form.selections()
        low, high = form.price_range()
        return ProductQuery(
            text=form.query_text(),
            filters=selections,
            price_bands=price_bands(currency, selections.get(Facet.PRICE.value, ())),
            price_min=currency.threshold(low) if low else None,
            price_max=currency.at_most(high) if high is not None else None,
            sort=form.sort(),
            facets=True,
        )

    def get_queryset(self):
        return BackendResults(self.get_product_query())

    def facet_scope(self) -> Category | None:
        """The category whose subcategories the category facet offers."""
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        results: BackendResults = self.object_list
        query = results.query
        answer = results.answer or ProductPage()
        params = form.params()
        kept = [(name, value) for name, value in params if name in ("q", "sort_by")]
        context.update(
            form=form,
            summary=self.summary,
            query=form.query_text(),
            query_string=urlencode(params),
            # The rest of the state, for the sort form (which sets `sort_by`).
            hidden_params=[pair for pair in params if pair[0] != "sort_by"],
            sort_choices=Sort.choices,
            sort_param=dict(params).get("sort_by", ""),
            clear_url="?" + urlencode(kept) if kept else self.request.path,
            is_filtered=len(kept) < len(params),
            facet_groups=facet_groups(
                answer.facets,
                query.filters,
                currency=self.buyer_currency(),
                bands=query.price_bands,
                within=self.facet_scope(),
            ),
            buyer_currency=self.buyer_currency().code,
            degraded=answer.degraded,
        )
        return context


class CatalogueView(ProductListView):
    """All public products (Oscar's catalogue index)."""


class FacetedSearchView(ProductListView):
    """Keyword search: products (with facets) first, then, for the words
    typed, matching residents, courses and pages of the current site."""

    template_name = "search/results.html"
    summary = _("Search results")
    page_cache = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        text = context["query"]
        context.update(residents=[], courses=[], pages=[])
        if not text:
            return context
        context["residents"] = residents_matching(text)
        kinds = self.object_list.query.selected(Facet.KIND.value)
        if set(kinds) != {COURSE}:
            answer = self.object_list.backend.search_products(
                ProductQuery(text=text, product_class_slug=COURSE),
                offset=0,
                limit=COURSES_SHOWN,
            )
            products = with_card_data(Product.objects.all()).in_bulk(answer.product_ids)
            context["courses"] = [
                products[pk] for pk in answer.product_ids if pk in products
            ]
            context["degraded"] = context["degraded"] or answer.degraded
        context["pages"] = pages_matching(text, self.request)
        return context


class ProductCategoryView(ProductListView):
    """The public products of a category and its subcategories."""

    template_name = "search/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if unquote(expected) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def get_product_query(self) -> ProductQuery:
        subtree = self.category.get_descendants_and_self().values_list("pk", flat=True)
        return replace(super().get_product_query(), category_ids=list(subtree))

    def facet_scope(self) -> Category | None:
        return self.category

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.get_name()
        return context


@require_GET
def suggest(request):
    """Titles (in the active language) and links of products whose title
    starts like `q`, for the search box: `{"suggestions": [{"title", "url"}]}`.
    Fewer than two characters suggest nothing."""
    text = request.GET.get("q", "").strip()[:100]
    suggestions = []
    if len(text) >= SUGGEST_MIN_LENGTH:
        ids = get_backend().suggest(text, limit=SUGGEST_LIMIT)
        products = Product.objects.in_bulk(ids)
        suggestions = [
            {"title": products[pk].get_title(), "url": products[pk].get_absolute_url()}
            for pk in ids
            if pk in products
        ]
    return JsonResponse({"suggestions": suggestions})
