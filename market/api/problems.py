"""Every error of the API is a JSON problem (RFC 9457): a stable `type`, a
human `title` in the caller's language, the HTTP `status`, a `detail` saying
what to change, and for bad input the `errors` per field. Never an HTML page,
never a 500 body with a traceback."""

import json

from django.http import HttpRequest, HttpResponse
from ninja import Schema

PROBLEM_CONTENT_TYPE = "application/problem+json"


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = []


def problem_response(
    *,
    status: int,
    type: str,
    title: str,
    detail: str = "",
    errors: list[dict] | None = None,
    headers: dict | None = None,
) -> HttpResponse:
    """A problem response; `type` is a short slug, published under
    /api/v1/problems/<slug> in the documentation."""
    body = {
        "type": f"/api/v1/problems/{type}",
        "title": str(title),
        "status": status,
        "detail": str(detail),
        "errors": errors or [],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class ApiRefusal(Exception):
    """A business refusal raised by an endpoint: becomes a problem response
    with the given status (409 for a state that forbids it, 422 for input a
    rule refuses, 403 for a scope or standing that forbids it)."""

    def __init__(self, detail, *, status: int = 409, type: str = "refused", title=""):
        super().__init__(str(detail))
        self.detail = detail
        self.status = status
        self.type = type
        self.title = title


def request_is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")
