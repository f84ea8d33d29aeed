from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportConfig(AppConfig):
    name = "market.export"
    label = "export"
    verbose_name = _("Selling abroad")

    def ready(self):
        from . import signals

        signals.connect()
