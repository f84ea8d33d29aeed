"""Placeholder: being written."""

from django.http import Http404
from django.views import View


class _Missing(View):
    def get(self, request, *args, **kwargs):
        raise Http404


MyLearningView = CalendarView = ProfileView = EnrolView = RedeemView = _Missing
WaitlistJoinView = WaitlistLeaveView = SeatCancelView = _Missing
