"""The buyer's order page (Oscar's customer views, handed out by
market/class_loading.py): "Buy again" only where it makes sense.

One rule, `reorder_refusal`, asked by the page (to show the button) and by
the POST (a hostile or stale form is refused the same way): a one-off made
piece that is gone, a digital licence already owned, a course seat (one per
learner) and anything no longer for sale are not offered again."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from oscar.apps.customer import views as oscar_views
from oscar.apps.order.models import Order

from catalogue.kinds import PHYSICAL, SERVICE


def reorder_refusal(line, strategy) -> str | None:
    """Why `line` cannot be bought again now; None when it can."""
    product = line.product
    if product is None:
        return _("This item is no longer sold.")
    kind = product.get_product_class().slug
    if kind not in (PHYSICAL, SERVICE):
        return _("A file licence or a course seat is bought once.")
    info = strategy.fetch_for_product(product)
    if not info.availability.is_available_to_buy:
        return _("“%(title)s” is not available now.") % {"title": product.get_title()}
    return None


class OrderDetailView(oscar_views.OrderDetailView):
    def do_reorder(self, order):
        # Each line says on its own whether it can be bought again.
        messages.info(self.request, _("Buy items again one by one, from their line."))
        self.response = redirect("customer:order", order_number=order.number)


class OrderLineView(oscar_views.OrderLineView):
    def get_object(self, queryset=None):
        order = get_object_or_404(
            Order, user=self.request.user, number=self.kwargs["order_number"]
        )
        # Another order's line, or none, is a 404 (not a 500).
        return get_object_or_404(order.lines, id=self.kwargs["line_id"])

    def do_reorder(self, line):
        refusal = reorder_refusal(line, self.request.strategy)
        if refusal:
            messages.warning(self.request, refusal)
            self.response = redirect("customer:order", self.kwargs["order_number"])
            return
        super().do_reorder(line)
