"""Wagtail's own content API (v2), for partners: the live, public pages of
the site asked for (by its hostname, as Wagtail routes pages) and the image
library, at /api/content/v2/. Read-only and anonymous: a session signed in
on the site sees no more here than a partner does (no page under a login or
group restriction). Every error is JSON: a value the database cannot take is
a 400, as Wagtail answers other bad parameters."""

import logging

from django.core.exceptions import ValidationError
from django.db import DataError
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .throttles import AddressRateThrottle

logger = logging.getLogger(__name__)


class AddressFence(BaseThrottle):
    """The v1 API's limit per address (MARKET_API_RATE_PER_ADDRESS), one
    budget for both APIs: the same counter in the same cache."""

    def __init__(self):
        self.fence = AddressRateThrottle()

    def allow_request(self, request, view) -> bool:
        return self.fence.allow_request(request._request)

    def wait(self):
        return self.fence.wait()


class _ContentApi:
    """What both endpoints share: JSON only (no browsable HTML pages and
    their scripts), no authentication (every caller is anonymous), and bad
    values answered with Wagtail's `{"message": ...}` 400."""

    renderer_classes = [JSONRenderer]
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes = [AddressFence]

    def handle_exception(self, exc):
        if isinstance(exc, (ValueError, OverflowError, DataError, ValidationError)):
            logger.info("content api refused %s: %s", self.request.path, exc)
            return Response(
                {"message": _("A value in the request is not valid here.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)


class ContentPagesViewSet(_ContentApi, PagesAPIViewSet):
    """The live, public pages of the request's site (and its translations)."""


class ContentImagesViewSet(_ContentApi, ImagesAPIViewSet):
    """The image library's titles, sizes and tags."""


content_api = WagtailAPIRouter("content-api")
content_api.register_endpoint("pages", ContentPagesViewSet)
content_api.register_endpoint("images", ContentImagesViewSet)
