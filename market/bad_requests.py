"""Requests no page can answer: refused with 400 and our own error page.

A NUL byte can be typed into any address or form (`?kind=%00`) and reaches
whatever reads the parameter; PostgreSQL refuses it in every text value, so
anywhere it reached a query it became a 500. It is never part of anything a
person means to send, so it is refused once here, for every parameter's name
and value (query string and form body) and for the path, before any view.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

NUL = "\x00"


def _carries_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    for parameters in (request.GET, request.POST):
        for key, values in parameters.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    return any(NUL in name for name in request.FILES)


def bad_request_page(request: HttpRequest, message: str) -> HttpResponse:
    """Our 400 page (templates/400.html) with `message`; plain text if the
    page itself cannot be drawn (a request refused before the session and
    the user were read)."""
    try:
        body = loader.render_to_string(
            "400.html", {"error_message": message}, request=request
        )
    except Exception:  # noqa: BLE001 - the error page must never fail
        logger.exception("The 400 page could not be rendered")
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return HttpResponseBadRequest(body)


class RefuseNulBytesMiddleware:
    """400 for any request whose path or parameters hold a NUL byte. Placed
    after the session, user and basket middleware (the error page shows the
    header), and refuses before any view or CSRF check runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _carries_nul(request):
            logger.info("Refused a request with a NUL byte: %s", request.path[:200])
            return bad_request_page(
                request,
                _(
                    "The address or the form you sent contains a character "
                    "that is not allowed (a NUL byte). Please check it and "
                    "try again."
                ),
            )
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: Django's refusals (too many fields, a bad host header...)
    on our error page rather than Django's bare text."""
    return bad_request_page(
        request, _("The request could not be understood. Please try again.")
    )
