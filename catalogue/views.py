"""Same-named overrides of Oscar's catalogue views (loaded by Oscar by name)."""

from django.http import Http404
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView

from market.residents.selectors import product_is_listed


class ProductDetailView(OscarProductDetailView):
    """A product page answers only for listed products: public, reviewed, of an
    open shop. Staff and the resident's own people may still preview it."""

    def get_object(self, queryset=None):
        product = super().get_object(queryset)
        if product_is_listed(product) or self._may_preview(product):
            return product
        raise Http404

    def _may_preview(self, product) -> bool:
        user = self.request.user
        if not user.is_authenticated:
            return False
        if user.is_staff:
            return True
        owner = product.parent if product.is_child else product
        return owner.stockrecords.filter(partner__users=user).exists() or (
            owner.children.filter(stockrecords__partner__users=user).exists()
        )
