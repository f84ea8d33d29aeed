"""Choosers for the Wagtail editor: Oscar products and residents, picked in
a searchable modal like images and pages. Registered in wagtail_hooks.py; the
blocks and panels use the classes made here."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from catalogue.models import Product
from market.residents.models import Resident
from market.residents.selectors import public_products, public_residents


def _search_form(field: str) -> type[BaseFilterForm]:
    """A search box for models outside Wagtail's search index: the words
    typed must appear in `field` (case-insensitive)."""

    class SearchForm(BaseFilterForm):
        q = forms.CharField(
            label=_("Search term"),
            widget=forms.TextInput(attrs={"placeholder": _("Search")}),
            required=False,
        )

        def filter(self, objects):
            query = (self.cleaned_data.get("q") or "").strip()
            if query:
                for word in query.split():
                    objects = objects.filter(**{f"{field}__icontains": word})
                self.is_searching = True
                self.search_query = query
            return objects

    return SearchForm


def _views(field: str) -> dict:
    form = _search_form(field)
    return {
        "choose_view_class": type(
            "ChooseView", (ChooseView,), {"filter_form_class": form}
        ),
        "choose_results_view_class": type(
            "ChooseResultsView", (ChooseResultsView,), {"filter_form_class": form}
        ),
    }


class ProductChooserViewSet(ChooserViewSet):
    """Products that may be sold now (the one rule, `public_products`):
    parents and standalone ones, not licence variants, nothing waiting for
    review, rejected, hidden or of a closed shop."""

    model = Product
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    edit_item_text = _("Edit this product")
    per_page = 20
    choose_view_class = _views("title")["choose_view_class"]
    choose_results_view_class = _views("title")["choose_results_view_class"]

    def get_object_list(self):
        return (
            public_products()
            .select_related("product_class")
            .order_by("-date_created", "-pk")
        )


class CourseChooserViewSet(ProductChooserViewSet):
    """Course products only (course landing pages)."""

    choose_one_text = _("Choose a course")
    choose_another_text = _("Choose another course")
    # The product chooser is the default widget for products; this one is
    # named where a course is wanted.
    register_widget = False

    def get_object_list(self):
        return super().get_object_list().filter(product_class__slug="course")


class ResidentChooserViewSet(ChooserViewSet):
    """Approved residents (their shops are open)."""

    model = Resident
    icon = "group"
    choose_one_text = _("Choose a resident")
    choose_another_text = _("Choose another resident")
    per_page = 20
    choose_view_class = _views("display_name")["choose_view_class"]
    choose_results_view_class = _views("display_name")["choose_results_view_class"]

    def get_object_list(self):
        return public_residents().order_by("display_name")


product_chooser_viewset = ProductChooserViewSet("product_chooser")
course_chooser_viewset = CourseChooserViewSet("course_chooser")
resident_chooser_viewset = ResidentChooserViewSet("resident_chooser")

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.choosers"
)
CourseChooserBlock = course_chooser_viewset.get_block_class(
    name="CourseChooserBlock", module_path="cms.choosers"
)
ResidentChooserBlock = resident_chooser_viewset.get_block_class(
    name="ResidentChooserBlock", module_path="cms.choosers"
)
