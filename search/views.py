"""Catalogue browsing, category pages and keyword search on our backends.

Oscar's catalogue app loads `CatalogueView` and `ProductCategoryView` from
`search.views` by name, and the search app serves `FacetedSearchView`.
"""

from dataclasses import replace
from urllib.parse import unquote

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from catalogue.models import Category, Product
from catalogue.selectors import with_card_data

from .backends import ProductQuery, get_backend
from .forms import SearchForm


class BackendResults:
    """A lazy, sliceable view of backend results, so Django's Paginator works.

    Slicing asks the backend for one page and loads those products in order.
    """

    def __init__(self, query: ProductQuery):
        self.query = query
        self.backend = get_backend()
        self._total: int | None = None

    def count(self) -> int:
        if self._total is None:
            self._total = self.backend.search_products(
                self.query, offset=0, limit=0
            ).total
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("BackendResults only supports slices")
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        page = self.backend.search_products(
            self.query, offset=start, limit=max(stop - start, 0)
        )
        self._total = page.total
        products = with_card_data(Product.objects.all()).in_bulk(page.product_ids)
        return [products[pk] for pk in page.product_ids if pk in products]


class ProductListView(ListView):
    """A paginated, sortable list of public products from the search backend."""

    context_object_name = "products"
    paginate_by = 24
    template_name = "search/product_list.html"
    summary = _("All products")

    def get_form(self) -> SearchForm:
        if not hasattr(self, "_form"):
            self._form = SearchForm(self.request.GET or None)
        return self._form

    def get_product_query(self) -> ProductQuery:
        form = self.get_form()
        return ProductQuery(text=form.query_text(), sort=form.sort())

    def get_queryset(self):
        return BackendResults(self.get_product_query())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        context.update(
            form=form,
            summary=self.summary,
            query=form.query_text(),
            query_string=self._query_string_without_page(),
        )
        return context

    def _query_string_without_page(self) -> str:
        params = self.request.GET.copy()
        params.pop("page", None)
        return params.urlencode()


class CatalogueView(ProductListView):
    """All public products (Oscar's catalogue index)."""


class FacetedSearchView(ProductListView):
    """Keyword search over public products (Oscar's search URL)."""

    template_name = "search/results.html"
    summary = _("Search results")


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context
