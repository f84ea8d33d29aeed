from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "market.alerts"
    label = "alerts"
    verbose_name = _("Staff alerts")
    default_auto_field = "django.db.models.BigAutoField"
