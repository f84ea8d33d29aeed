from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "market.trade"
    label = "trade"
    verbose_name = _("Wholesale quotes")
    default_auto_field = "django.db.models.BigAutoField"
