from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_resident_review_urls():
    return [
        path("residents/", admin_views.resident_queue, name="resident_queue"),
        path(
            "residents/<int:pk>/decide/",
            admin_views.resident_decide,
            name="resident_decide",
        ),
        path("listings/", admin_views.listing_queue, name="listing_queue"),
        path(
            "listings/<int:pk>/decide/",
            admin_views.listing_decide,
            name="listing_decide",
        ),
    ]


class ResidentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_residents_menu_item():
    return ResidentsMenuItem(
        _("Residents"), reverse("resident_queue"), icon_name="group", order=250
    )


class ListingsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.LISTING_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_listings_menu_item():
    return ListingsMenuItem(
        _("Listings to review"), reverse("listing_queue"), icon_name="tasks", order=260
    )
