from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content builders and the load_demo command (never imported by
    product code)."""

    name = "market.demo"
    label = "demo"
    verbose_name = _("Demo content")
