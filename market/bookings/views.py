"""The visitor's side of the studios: a person's own bookings and the
calendar file of one."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, View

from . import selectors
from .models import Booking


class MyBookingsView(LoginRequiredMixin, ListView):
    template_name = "market/bookings/mine.html"
    context_object_name = "bookings"

    def get_queryset(self):
        return selectors.bookings_of(self.request.user)


class BookingCalendarView(LoginRequiredMixin, View):
    def get(self, request, reference):
        booking = get_object_or_404(Booking, reference=reference, booker=request.user)
        return HttpResponse(str(booking.pk), content_type="text/calendar")
