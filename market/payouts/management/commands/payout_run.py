"""Cron: `manage.py payout_run` on the payout day (MARKET_PAYOUT_DAY_OF_WEEK)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from market.payouts import selectors, services


class Command(BaseCommand):
    help = (
        "Pay every resident their cleared balance (as the system). Safe to run "
        "twice: the second run finds nothing left to pay."
    )

    def handle(self, *args, **options):
        run = services.payout_run_create(created_by=None)
        totals = selectors.run_totals(run)
        self.stdout.write(
            self.style.SUCCESS(
                f"Payout run #{run.pk}: {totals['count']} payouts, "
                f"{totals['total']} {settings.MARKET_BASE_CURRENCY} "
                f"({totals['pending']} pending, {totals['failed']} failed)."
            )
        )
