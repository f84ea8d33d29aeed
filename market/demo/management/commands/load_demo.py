from django.core.management.base import BaseCommand, CommandError

from market.demo.builders import DemoNotAllowed, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo Centre (idempotent: run it again to complete, never duplicate)."
    )

    def handle(self, *args, **options):
        try:
            summary = load_demo()
        except DemoNotAllowed as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {summary.residents} residents, "
                f"{summary.products} products, {summary.categories} categories, "
                f"{summary.users} users, {summary.pages} pages."
            )
        )
