"""The one NinjaAPI instance of version 1. Routers are added here, each from
the module that owns its endpoints; error handlers turn every failure into a
JSON problem (market/api/problems.py)."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from .caching import document_caching
from .problems import PROBLEM_CONTENT_TYPE, ApiRefusal, problem_response
from .throttles import throttles

logger = logging.getLogger(__name__)

DESCRIPTION = """
The open API of Creative Market and Kreativ Edu.

* **Public, read-only** endpoints need no token: products, residents,
  categories, programmes, courses and events.
* **Buyers** and **residents** send a personal access token, made and revoked
  on the site, as `Authorization: Bearer <token>`. Each token carries scopes.
* Every error is a JSON problem (`application/problem+json`) with a `detail`
  that says what to change.
* Lists are paginated by an opaque `cursor`; follow `next` until it is null.
"""


class MarketApi(NinjaAPI):
    """The API, whose schema says what it sends: every 4xx and 5xx body is
    `application/problem+json` (market/api/problems.py)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(
            path_prefix=path_prefix, path_params=path_params
        )
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status)[0] in "45" and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        return document_caching(schema)


api = MarketApi(
    title="Creative Market API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    throttle=throttles(),
)


def _field(location) -> str:
    # ninja's loc is ("query", "page") or ("body", "payload", "price"): drop
    # the container names the caller never typed.
    parts = [str(part) for part in location if part not in ("body", "payload")]
    if parts and parts[0] in ("query", "path", "header", "form", "cookie"):
        parts = parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = [
        {"field": _field(error.get("loc", ())), "message": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return problem_response(
        status=422,
        type="invalid-input",
        title=_("The request has invalid values."),
        detail="; ".join(f"{e['field']}: {e['message']}" for e in errors),
        errors=errors,
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return problem_response(
        status=401,
        type="unauthenticated",
        title=_("A valid access token is needed."),
        detail=_(
            "Send a personal access token as 'Authorization: Bearer <token>'. "
            "Tokens are made on the site, under your account or your shop."
        ),
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


@api.exception_handler(Throttled)
def _throttled(request, exc):
    wait = int(exc.wait or 1) or 1
    return problem_response(
        status=429,
        type="rate-limited",
        title=_("Too many requests."),
        detail=_("Wait %(seconds)s seconds before the next request.")
        % {"seconds": wait},
        headers={"Retry-After": str(wait)},
    )


@api.exception_handler(HttpError)
def _http_error(request, exc):
    if exc.status_code == 400 and str(exc.message).startswith("Cannot parse"):
        # ninja's word for a body that is not JSON: say what to send.
        return problem_response(
            status=400,
            type="malformed-body",
            title=_("The request body is not valid JSON."),
            detail=_(
                "Send the body as one JSON object, in UTF-8, with "
                "'Content-Type: application/json'."
            ),
        )
    return problem_response(
        status=exc.status_code,
        type="http-error",
        title=str(exc.message),
    )


@api.exception_handler(ApiRefusal)
def _refused(request, exc):
    return problem_response(
        status=exc.status,
        type=exc.type,
        title=exc.title or _("The request was refused."),
        detail=exc.detail,
    )


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem_response(
        status=404,
        type="not-found",
        title=_("Not found."),
        detail=_("Nothing is at this address, or it is not yours to see."),
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return problem_response(
        status=403,
        type="forbidden",
        title=_("Not allowed."),
        detail=str(exc) or _("This token may not do this."),
    )


@api.exception_handler(Exception)
def _server_error(request, exc):
    logger.exception("api error on %s", request.path)
    return problem_response(
        status=500,
        type="server-error",
        title=_("Something went wrong on our side."),
        detail=_("It has been logged. Try again later."),
    )


def not_found_view(request, rest=""):
    """Any address under /api/ that no endpoint serves: a problem, not the
    site's HTML 404 page."""
    return _not_found(request, Http404())


# Routers, one per module that owns its endpoints.
from . import (  # noqa: E402
    buyer,
    buyer_quotes,
    public,
    public_learning,
    resident,
    resident_quotes,
)

api.add_router("/", public.router)
api.add_router("/", public_learning.router)
api.add_router("/me/", buyer.router)
api.add_router("/me/", buyer_quotes.router)
api.add_router("/shop/", resident.router)
api.add_router("/shop/", resident_quotes.router)
