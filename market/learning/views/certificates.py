"""Placeholder: being written."""
from django.http import Http404
from django.views import View


class _Missing(View):
    def get(self, request, *args, **kwargs):
        raise Http404


CertificatePdfView = CertificateVerifyView = _Missing
