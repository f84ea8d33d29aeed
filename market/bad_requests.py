"""Requests no page can answer: refused with 400 and our own error page.

A NUL byte can be typed into any address or form (`?kind=%00`) and reaches
whatever reads the parameter; PostgreSQL refuses it in every text value, so
anywhere it reached a query it became a 500. It is never part of anything a
person means to send, so it is refused once here, for every parameter's name
and value (query string and form body) and for the path, before any view.
Likewise a number in the path too large for any id column is answered 404
here, before a view asks the database for it.
"""

from __future__ import annotations

import logging
import re

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

NUL = "\x00"


def _query_carries_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    return any(
        NUL in key or any(NUL in value for value in values)
        for key, values in request.GET.lists()
    )


def _form_carries_nul(request: HttpRequest) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values)
        for key, values in request.POST.lists()
    ) or any(NUL in name for name in request.FILES)


# A number in the path beyond the largest id a database column holds
# (BIGINT: 19 digits): no object has it, and a query with it fails (SQLite:
# OverflowError; PostgreSQL: out of range) rather than finding nothing.
_HUGE_NUMBER = re.compile(r"(?<![0-9A-Za-z])[0-9]{19,}(?![0-9A-Za-z])")
_LARGEST_ID = 2**63 - 1


def _path_holds_a_huge_number(path: str) -> bool:
    for number in _HUGE_NUMBER.findall(path):
        digits = number.lstrip("0")
        # Compared by length first: int() refuses more than 4,300 digits.
        if len(digits) > 19 or (len(digits) == 19 and int(digits) > _LARGEST_ID):
            return True
    return False


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
    """400 for any request whose path or parameters hold a NUL byte, 404 for
    a path with a number larger than any id. Placed after the session, user
    and basket middleware (the error page shows the header). The query string
    is checked before any view; a form body just before its view, and not for
    views that read the raw body themselves (those exempt from CSRF, such as
    Stripe's webhook: reading the form would consume the body)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _query_carries_nul(request):
            return _refuse_nul(request)
        if _path_holds_a_huge_number(request.path):
            if request.path.startswith("/api/"):
                # The API answers in JSON problems, never the HTML page.
                from market.api.api import not_found_view

                return not_found_view(request)
            raise Http404("No object has this number.")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or getattr(view_func, "csrf_exempt", False):
            return None
        if _form_carries_nul(request):
            return _refuse_nul(request)
        return None


def _refuse_nul(request: HttpRequest) -> HttpResponse:
    logger.info("Refused a request with a NUL byte: %s", request.path[:200])
    if request.path.startswith("/api/"):
        # The API answers bad input with its documented 422 problem.
        from market.api.problems import problem_response

        return problem_response(
            status=422,
            type="invalid-input",
            title=_("The request has invalid values."),
            detail=_(
                "The address or the body contains a character that is not "
                "allowed (a NUL byte)."
            ),
        )
    return bad_request_page(
        request,
        _(
            "The address or the form you sent contains a character that is "
            "not allowed (a NUL byte). Please check it and try again."
        ),
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: Django's refusals (too many fields, a bad host header...)
    on our error page rather than Django's bare text."""
    return bad_request_page(
        request, _("The request could not be understood. Please try again.")
    )
