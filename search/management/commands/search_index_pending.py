from django.core.management.base import BaseCommand

from search.indexing import pending_index


class Command(BaseCommand):
    help = (
        "Index the products waiting in the outbox (run it from cron every "
        "minute: it replays what Elasticsearch missed while it was down)."
    )

    def handle(self, *args, **options):
        indexed, left = pending_index()
        self.stdout.write(f"Indexed {indexed} products; {left} changes still queued.")
        if left:
            self.stderr.write(
                "A search backend is unavailable; the rest will be retried."
            )
