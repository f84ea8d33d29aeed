from django.db import models


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """An amount in AZN (the currency residents price in and are paid in)."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)
