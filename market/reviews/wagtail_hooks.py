from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .selectors import pending_review_count


@hooks.register("register_admin_urls")
def register_product_review_urls():
    return [
        path("product-reviews/", admin_views.review_queue, name="product_review_queue"),
        path(
            "product-reviews/<int:pk>/decide/",
            admin_views.review_decide,
            name="product_review_decide",
        ),
    ]


class ProductReviewsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)

    def render_component(self, request):
        # The count of waiting reviews beside the label, as the alerts do.
        component = super().render_component(request)
        count = pending_review_count()
        if count:
            component.label = f"{self.label} ({count})"
        return component


@hooks.register("register_admin_menu_item")
def register_product_reviews_menu_item():
    # Just after "Listings to review" (order 260).
    return ProductReviewsMenuItem(
        _("Product reviews to moderate"),
        reverse("product_review_queue"),
        icon_name="comment",
        order=261,
    )
