"""Remind residents of unanswered quote requests, close those unanswered for
too long (telling the buyer), and expire quotes past their date. Run it
every hour (the scheduler's `quotes_follow_up` job does); safe to run any
number of times, concurrently too: each request is changed once, under its
row lock, and mailed once."""

from django.core.management.base import BaseCommand

from checkout.services.balance import balances_remind
from market.trade.services import quotes_follow_up


class Command(BaseCommand):
    help = "Remind, close and expire wholesale quote requests."

    def handle(self, *args, **options):
        counts = quotes_follow_up()
        self.stdout.write(
            "reminded {reminded}, closed {closed}, expired {expired}".format(**counts)
        )
        balances = balances_remind()
        if balances:
            # Deposit orders whose balance the resident asked for a week ago.
            self.stdout.write(f"balances due reminded {balances}")
