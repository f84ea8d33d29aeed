"""Certificates: the learner's PDF download, and the public check at
/certificates/<code>/ (printed on the certificate).

Codes are matched case-insensitively (they are stored upper-case). The PDF is
served to its learner and to staff only; to anyone else the code does not
exist (404), so a guessed code reveals nothing. A revoked certificate is no
longer served as a PDF, to anyone: its learner gets a page saying it was
revoked (410 Gone), since a copy downloaded now would look valid on paper.
The public page shows only the copied name, course and date, and whether the
certificate is valid; never the reason for a revocation."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views import View

from ..certificates import certificate_pdf
from ..models import Certificate


def _find(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("seat")
        .filter(code=code.strip().upper())
        .first()
    )


class CertificatePdfView(LoginRequiredMixin, View):
    """The certificate as a PDF attachment, for its learner or staff."""

    def get(self, request, code: str):
        certificate = _find(code)
        if certificate is None or not (
            request.user.is_staff or certificate.seat.learner_id == request.user.pk
        ):
            raise Http404
        if not certificate.valid:
            return TemplateResponse(
                request,
                "market/learning/certificate_revoked.html",
                {"certificate": certificate},
                status=410,
            )
        response = HttpResponse(
            certificate_pdf(certificate), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{certificate.code}.pdf"'
        )
        patch_cache_control(response, private=True, no_store=True)
        return response


class CertificateVerifyView(View):
    """Anyone may check a certificate's code: valid, or revoked and when."""

    template_name = "market/learning/certificate_verify.html"

    def get(self, request, code: str):
        certificate = _find(code)
        # The address has no language prefix, so LocaleMiddleware always gives
        # Azerbaijani; whoever checks a certificate (an employer abroad, say)
        # reads it in the language of their choice or browser instead.
        language = translation.get_language_from_request(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = TemplateResponse(
                request,
                self.template_name,
                {"certificate": certificate, "code": code.strip().upper()},
                status=200 if certificate is not None else 404,
            )
            response.render()
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response
