from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    """The site itself: settings, URLs, shared template context."""

    name = "market"
    verbose_name = _("Creative Market")
