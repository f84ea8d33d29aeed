"""HTTP caching of the public, read-only endpoints: every body is sent with
`Cache-Control: public`, an `ETag` (a hash of the exact bytes sent) and the
`Vary` headers of what chose it; a request whose `If-None-Match` names that
ETag gets `304 Not Modified` with no body.

Use in an endpoint:

    @router.get("/things", response={200: ThingPage, **NOT_MODIFIED, **ERRORS})
    def things(request):
        return cached_response(request, data, schema=ThingPage)

The body is validated by `schema` (as ninja would) before it is hashed, so
what is cached is what the schema documents."""

import hashlib
import json

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from ninja.responses import NinjaJSONEncoder

# Spread into an operation's `response` so the schema documents the 304
# (schemathesis accepts only documented statuses).
NOT_MODIFIED = {304: None}

# The API's language comes from `?lang=`, else the language cookie, else
# Accept-Language (market/api/middleware.py): the last two are headers.
LANGUAGE_VARY = ("Accept-Language", "Cookie")


def _body(data, schema) -> bytes:
    if schema is not None:
        data = schema.model_validate(data).model_dump(by_alias=True, mode="json")
    return json.dumps(
        data, cls=NinjaJSONEncoder, ensure_ascii=False, separators=(",", ":")
    ).encode()


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    # Weak comparison (RFC 9110 13.1.2): W/"x" matches "x".
    wanted = {tag.removeprefix("W/") for tag in parse_etags(header)}
    return "*" in wanted or etag in wanted


def cached_response(
    request: HttpRequest,
    data,
    *,
    schema=None,
    max_age: int = 60,
    vary: tuple[str, ...] = (),
) -> HttpResponse:
    """`data` as JSON with Cache-Control, ETag and Vary, or a 304 without a
    body when the caller already holds these exact bytes. `schema` (a ninja
    Schema) validates and shapes `data` first; `vary` adds request headers
    that chose the body beyond the language ones."""
    body = _body(data, schema)
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if _matches(request, etag):
        response = HttpResponse(status=304)
        del response["Content-Type"]
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, LANGUAGE_VARY + tuple(vary))
    return response
