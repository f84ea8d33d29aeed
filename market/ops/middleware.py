"""Probes answered before anything else looks at the request.

A load balancer or orchestrator polls `/healthz` every few seconds, often by
IP address and over plain HTTP: it must not meet ALLOWED_HOSTS, the HTTPS
redirect, sessions or the database. This middleware sits first and answers
the probe paths itself: `/healthz` (the process is alive; nothing else is
touched) and `/readyz` (the database, its migrations, the cache, and the
backlogs of the queues; 503 naming the failing check).
"""

import json

from django.http import HttpResponse

from . import health


def _json(status: int, body: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, sort_keys=True), status=status, content_type="application/json"
    )
    response["Cache-Control"] = "no-store"
    return response


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return _json(200, health.alive())
        if request.path_info == "/readyz":
            ready, body = health.ready()
            return _json(200 if ready else 503, body)
        return self.get_response(request)
