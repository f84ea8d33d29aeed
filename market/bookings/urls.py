"""Studios, under /studios/ (language-prefixed): a room's week and its
booking form, the booker's own bookings, calendar files and feed."""

from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("my-bookings/", views.MyBookingsView.as_view(), name="mine"),
    path(
        "bookings/<uuid:reference>.ics",
        views.BookingCalendarView.as_view(),
        name="ics",
    ),
]
