from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from market.currencies.services import exchange_rates_load


class Command(BaseCommand):
    help = (
        "Load exchange rates from AZN from a JSON document (a file path or an "
        'http(s) URL): {"base": "AZN", "date": "YYYY-MM-DD", "rates": {...}}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A file path or an http(s) URL.")

    def handle(self, *args, source, **options):
        try:
            created = exchange_rates_load(source=source)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if created:
            self.stdout.write(f"Stored {created} exchange rate(s) from {source}.")
        else:
            self.stdout.write(f"No new exchange rates: {source} was already loaded.")
