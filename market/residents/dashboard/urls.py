from django.urls import path

from market.export import dashboard_parcels
from market.export import dashboard_profiles as shipping
from market.export import dashboard_views as export_views
from market.trade import dashboard_views as quotes
from market.webhooks import dashboard_views as webhooks

from . import views

app_name = "resident_dashboard"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="index"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("listings/new/<slug:kind>/", views.ListingFormView.as_view(), name="create"),
    path("listings/<int:pk>/", views.ListingFormView.as_view(), name="edit"),
    path("listings/<int:pk>/files/", views.DigitalFilesView.as_view(), name="files"),
    path("lines/<int:pk>/fulfil/", views.FulfilLineView.as_view(), name="fulfil"),
    path("tokens/", views.AccessTokenListView.as_view(), name="tokens"),
    path(
        "tokens/<int:pk>/revoke/",
        views.AccessTokenRevokeView.as_view(),
        name="token-revoke",
    ),
    path("webhooks/", webhooks.EndpointListView.as_view(), name="webhooks"),
    path("webhooks/<int:pk>/", webhooks.EndpointDetailView.as_view(), name="webhook"),
    path(
        "webhooks/<int:pk>/<str:action>/",
        webhooks.EndpointActionView.as_view(),
        name="webhook-action",
    ),
    path(
        "webhooks/deliveries/<int:pk>/redeliver/",
        webhooks.DeliveryRedeliverView.as_view(),
        name="webhook-redeliver",
    ),
    path("parcels/", dashboard_parcels.ParcelListView.as_view(), name="parcels"),
    path(
        "parcels/<int:pk>/move/",
        dashboard_parcels.ParcelMoveView.as_view(),
        name="parcel-move",
    ),
    path(
        "parcels/<int:pk>/cancel/",
        dashboard_parcels.ParcelCancelView.as_view(),
        name="parcel-cancel",
    ),
    path(
        "listings/<int:pk>/documents/",
        export_views.ExportDocumentsView.as_view(),
        name="documents",
    ),
    path(
        "documents/<int:pk>/delete/",
        export_views.ExportDocumentDeleteView.as_view(),
        name="document-delete",
    ),
    path(
        "parcels/<int:pk>/invoice.pdf",
        export_views.ParcelPaperView.as_view(paper="invoice"),
        name="parcel-invoice",
    ),
    path(
        "parcels/<int:pk>/cn23.pdf",
        export_views.ParcelPaperView.as_view(paper="cn23"),
        name="parcel-cn23",
    ),
    path("quotes/", quotes.QuoteRequestListView.as_view(), name="quote-requests"),
    path("quotes/terms/", quotes.TradeTermsView.as_view(), name="trade-terms"),
    path(
        "quotes/<uuid:reference>/",
        quotes.QuoteRequestDetailView.as_view(),
        name="quote-request",
    ),
    path(
        "quotes/<uuid:reference>/quote/",
        quotes.QuoteOfferView.as_view(),
        name="quote-offer",
    ),
    path(
        "quotes/<uuid:reference>/decline/",
        quotes.QuoteDeclineView.as_view(),
        name="quote-decline",
    ),
    path(
        "quotes/<uuid:reference>/balance/ask/",
        quotes.BalanceAskView.as_view(),
        name="quote-balance-ask",
    ),
    path(
        "quotes/<uuid:reference>/messages/",
        quotes.QuoteMessageView.as_view(),
        name="quote-message",
    ),
    path(
        "quotes/<uuid:reference>/files/<int:pk>/",
        quotes.QuoteAttachmentView.as_view(),
        name="quote-attachment",
    ),
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
