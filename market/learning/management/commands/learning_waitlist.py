"""Pass on waitlist offers that ran out and offer freed seats to the next
learners. Run it every few minutes (cron); safe to run any number of times,
concurrently too (each course is handled under its row lock)."""

from django.core.management.base import BaseCommand

from market.learning.services.waitlist import waitlist_offers_expire


class Command(BaseCommand):
    help = "Expire waitlist offers and offer free seats to waiting learners."

    def handle(self, *args, **options):
        offered = waitlist_offers_expire()
        self.stdout.write(f"offers made: {offered}")
