from django.core.management.base import BaseCommand

from market.demo.builders import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo Centre (idempotent: run it again to complete, never duplicate)."
    )

    def handle(self, *args, **options):
        summary = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {summary.residents} residents, "
                f"{summary.products} products, {summary.categories} categories, "
                f"{summary.users} users, {summary.pages} pages."
            )
        )
