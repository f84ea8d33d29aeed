from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    """The Centre's figures: what its residents and learners achieve, read
    from the ledger, orders, parcels, seats, certificates and events."""

    name = "market.impact"
    label = "impact"
    verbose_name = _("Impact")
