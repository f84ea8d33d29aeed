"""The project's URLs plus /bench/hello/ (tools/bench_settings.py)."""

from django.http import HttpResponse
from django.urls import path

from market.urls import *  # noqa: F403
from market.urls import urlpatterns as market_urlpatterns


def hello(request):
    """The stack's ceiling: every middleware, no query, no template."""
    return HttpResponse("Hello", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *market_urlpatterns]
