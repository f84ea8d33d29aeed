from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    """The site itself: settings, URLs, shared template context."""

    name = "market"
    verbose_name = _("Creative Market")

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # A backstop for any path that opens a picture without our check
        # (market.uploads.check_pixels): Pillow refuses to open one of more
        # than twice this many pixels, and warns above it.
        Image.MAX_IMAGE_PIXELS = settings.MARKET_IMAGE_MAX_PIXELS

        from . import page_cache

        page_cache.connect_signals()
