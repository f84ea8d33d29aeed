from django.core.management.base import BaseCommand

from search.backends import get_backend


class Command(BaseCommand):
    help = "Rebuild the product search index from the catalogue."

    def handle(self, *args, **options):
        count = get_backend().rebuild()
        self.stdout.write(f"Indexed {count} products.")
