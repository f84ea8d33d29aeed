"""The content side of the Wagtail admin: choosers for products, courses and
residents (used by blocks and panels), and the partner organisations."""

from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from market.page_cache import cacheable_page

from .choosers import (
    course_chooser_viewset,
    product_chooser_viewset,
    resident_chooser_viewset,
)
from .models import PartnerOrganisation


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_course_chooser():
    return course_chooser_viewset


@hooks.register("register_admin_viewset")
def register_resident_chooser():
    return resident_chooser_viewset


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "globe"
    # Partner organisations, not Oscar's partners (our residents): a context
    # keeps the two apart in the catalogues.
    menu_label = pgettext_lazy("partner organisations", "Partners")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "show_on_home", "sort_order"]
    list_filter = ["kind", "show_on_home"]
    search_fields = ["name"]


register_snippet(PartnerOrganisationViewSet)
from . import admin_events  # noqa: E402, F401


@hooks.register("before_serve_page")
def pages_for_everyone_are_cacheable(page, request, serve_args, serve_kwargs):
    """A live page with no view restriction is the same for every anonymous
    visitor: the page cache may keep it (market/page_cache.py). A page behind
    a password or a sign-in is never kept, even once a visitor passed."""
    if page.live and not page.get_view_restrictions().exists():
        cacheable_page(request)
