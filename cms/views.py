"""Placeholder: being written (event registration views)."""

from django.http import Http404
from django.views import View


class _Missing(View):
    def post(self, request, *args, **kwargs):
        raise Http404


EventRegisterView = EventRegistrationCancelView = _Missing
