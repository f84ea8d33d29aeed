from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import requestid


class OpsConfig(AppConfig):
    """Running the site: processes, the scheduler, health, logs and metrics."""

    name = "market.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self):
        # The request id rides into tasks (market/ops/requestid.py).
        requestid.connect()
