from django.urls import path

from market.export import dashboard_profiles as shipping

from . import views

app_name = "resident_dashboard"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="index"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("listings/new/<slug:kind>/", views.ListingFormView.as_view(), name="create"),
    path("listings/<int:pk>/", views.ListingFormView.as_view(), name="edit"),
    path("listings/<int:pk>/files/", views.DigitalFilesView.as_view(), name="files"),
    path("lines/<int:pk>/fulfil/", views.FulfilLineView.as_view(), name="fulfil"),
    path(
        "shipping/",
        shipping.ShippingProfileListView.as_view(),
        name="shipping-profiles",
    ),
    path(
        "shipping/new/",
        shipping.ShippingProfileCreateView.as_view(),
        name="shipping-profile-create",
    ),
    path(
        "shipping/<int:pk>/",
        shipping.ShippingProfileDetailView.as_view(),
        name="shipping-profile",
    ),
    path(
        "shipping/<int:pk>/edit/",
        shipping.ShippingProfileUpdateView.as_view(),
        name="shipping-profile-edit",
    ),
    path(
        "shipping/<int:pk>/delete/",
        shipping.ShippingProfileDeleteView.as_view(),
        name="shipping-profile-delete",
    ),
    path(
        "shipping/<int:profile_pk>/zones/new/",
        shipping.ShippingZoneFormView.as_view(),
        name="shipping-zone-create",
    ),
    path(
        "shipping/zones/<int:pk>/",
        shipping.ShippingZoneFormView.as_view(),
        name="shipping-zone-edit",
    ),
    path(
        "shipping/zones/<int:pk>/delete/",
        shipping.ShippingZoneDeleteView.as_view(),
        name="shipping-zone-delete",
    ),
    path(
        "shipping/zones/<int:zone_pk>/rates/new/",
        shipping.ShippingRateFormView.as_view(),
        name="shipping-rate-create",
    ),
    path(
        "shipping/rates/<int:pk>/",
        shipping.ShippingRateFormView.as_view(),
        name="shipping-rate-edit",
    ),
    path(
        "shipping/rates/<int:pk>/delete/",
        shipping.ShippingRateDeleteView.as_view(),
        name="shipping-rate-delete",
    ),
]
