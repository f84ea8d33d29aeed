"""Same-named overrides of Oscar's catalogue views (loaded by Oscar by name)."""

from django.http import Http404
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView

from market.page_cache import cacheable_page
from market.residents.selectors import (
    listing_refusal,
    product_is_listed,
    product_is_sold_by_user,
)

from .models import Product
from .selectors import with_page_data


class ProductDetailView(OscarProductDetailView):
    """A product page answers only for listed products: public, reviewed, of an
    open shop. Staff and the resident's own people may still preview it."""

    def get(self, request, *args, **kwargs):
        cacheable_page(request)  # market/page_cache.py
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Images, tiers, their prices and the maker in a fixed number of
        # queries, however many the product has.
        return with_page_data(Product.objects.all())

    def get_object(self, queryset=None):
        if hasattr(self, "object"):  # Oscar asks more than once per request
            return self.object
        product = super().get_object(queryset)
        if self._is_listed(product) or self._may_preview(product):
            return product
        raise Http404

    @staticmethod
    def _is_listed(product) -> bool:
        """The availability rule on the rows the page already loaded
        (`listing_refusal`, which agrees with `public_products`), without a
        query over the catalogue; a variant's address (redirected to its
        parent's by Oscar) asks the query."""
        if product.is_child:
            return product_is_listed(product)
        return listing_refusal(product, judge_enrolment=False) is None

    def _may_preview(self, product) -> bool:
        user = self.request.user
        if not user.is_authenticated:
            return False
        return user.is_staff or product_is_sold_by_user(product, user)
