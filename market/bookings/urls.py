"""Studios, under /studios/ (language-prefixed): a room's week and its
booking form, the booker's own bookings, calendar files and feed."""

from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("rooms/<slug:room_slug>/", views.RoomView.as_view(), name="room"),
    path("my-bookings/", views.MyBookingsView.as_view(), name="mine"),
    path("my-bookings/feed/renew/", views.FeedRenewView.as_view(), name="feed-renew"),
    path(
        "bookings/<uuid:reference>/",
        views.BookingDetailView.as_view(),
        name="detail",
    ),
    path(
        "bookings/<uuid:reference>/cancel/",
        views.BookingCancelView.as_view(),
        name="cancel",
    ),
    path(
        "bookings/<uuid:reference>/pay/",
        views.BookingPayView.as_view(),
        name="pay",
    ),
    path(
        "bookings/<uuid:reference>.ics",
        views.BookingCalendarView.as_view(),
        name="ics",
    ),
    path("feed/<slug:token>.ics", views.FeedView.as_view(), name="feed"),
]
