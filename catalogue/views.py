"""Same-named overrides of Oscar's catalogue views (loaded by Oscar by name)."""

from django.http import Http404
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView

from market.residents.selectors import product_is_listed, product_is_sold_by_user

from .models import Product
from .selectors import with_page_data


class ProductDetailView(OscarProductDetailView):
    """A product page answers only for listed products: public, reviewed, of an
    open shop. Staff and the resident's own people may still preview it."""

    def get_queryset(self):
        # Images, tiers, their prices and the maker in a fixed number of
        # queries, however many the product has.
        return with_page_data(Product.objects.all())

    def get_object(self, queryset=None):
        product = super().get_object(queryset)
        if product_is_listed(product) or self._may_preview(product):
            return product
        raise Http404

    def _may_preview(self, product) -> bool:
        user = self.request.user
        if not user.is_authenticated:
            return False
        return user.is_staff or product_is_sold_by_user(product, user)
