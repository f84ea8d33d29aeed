from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from .selectors import public_residents, resident_products


class ResidentListView(ListView):
    """Every open shop on Creative Market."""

    context_object_name = "residents"
    template_name = "market/residents/resident_list.html"
    paginate_by = 24

    def get_queryset(self):
        return public_residents().select_related("partner")


class ResidentShopView(ListView):
    """A resident's public shop: who they are and what they sell."""

    context_object_name = "products"
    template_name = "market/residents/shop.html"
    paginate_by = 12

    def get_queryset(self):
        self.resident = get_object_or_404(public_residents(), slug=self.kwargs["slug"])
        return resident_products(self.resident)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["resident"] = self.resident
        return context
