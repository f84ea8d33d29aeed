"""Exchange rates from AZN (the residents' currency) to the currencies export
buyers pay in."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def foreign_currency_choices() -> list[tuple[str, str]]:
    """The currencies buyers may pay in, except the base currency (AZN)."""
    return [
        (code, code)
        for code in settings.MARKET_CURRENCIES
        if code != settings.MARKET_BASE_CURRENCY
    ]


class ExchangeRate(models.Model):
    """How many units of `currency` one AZN buys, as published on
    `effective_date` by `source`.

    Rows are appended, never edited: a new publication is a new row, and the
    latest `effective_date` wins. Loading the same publication twice changes
    nothing (one row per currency and date).
    """

    currency = models.CharField(
        _("currency"), max_length=3, choices=foreign_currency_choices()
    )
    rate = models.DecimalField(
        _("rate"),
        max_digits=18,
        decimal_places=8,
        help_text=_("Units of this currency for 1 AZN."),
    )
    effective_date = models.DateField(
        _("effective date"), help_text=_("The date the source published this rate.")
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        help_text=_("The file path or URL the rate was loaded from."),
    )
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-effective_date", "currency"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__gt=0), name="currencies_exchangerate_rate_positive"
            ),
            models.UniqueConstraint(
                fields=["currency", "effective_date"],
                name="currencies_exchangerate_one_per_currency_and_date",
            ),
        ]
        indexes = [models.Index(fields=["currency", "-effective_date"])]

    def __str__(self) -> str:
        return f"1 AZN = {self.rate} {self.currency} ({self.effective_date})"
