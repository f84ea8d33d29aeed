import sys

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Product
from search.backends import SearchUnavailable, indexing_backends
from search.documents import all_documents
from search.indexing import REBUILDING, pending_index
from search.models import PendingIndex


class Command(BaseCommand):
    help = (
        "Rebuild the product search index of every backend from the catalogue. "
        "Elasticsearch gets a new versioned index and the alias moves to it "
        "only when it is complete, so search never goes dark."
    )

    def handle(self, *args, **options):
        cache.set(REBUILDING, True, timeout=6 * 60 * 60)
        try:
            # Changes queued before now are covered by the rebuild.
            last_queued = PendingIndex.objects.order_by("-pk").values_list(
                "pk", flat=True
            )
            last = last_queued.first()
            self._rebuild()
        finally:
            cache.delete(REBUILDING)
        if last is not None:
            PendingIndex.objects.filter(pk__lte=last).delete()
        # Changes made while the new index was loading.
        pending_index()

    def _rebuild(self) -> None:
        total = Product.objects.filter(parent__isnull=True).count()
        for backend in indexing_backends():
            name = type(backend).__name__
            try:
                count = backend.rebuild(
                    all_documents(), total=total, progress=self._progress(name)
                )
            except SearchUnavailable as error:
                raise CommandError(f"{name}: {error}") from error
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(f"{name}: indexed {count} public products.")
            )

    def _progress(self, name: str):
        def show(done: int, total: int) -> None:
            width = 30
            share = done / total if total else 1
            bar = "#" * int(width * min(share, 1))
            self.stdout.write(
                f"\r{name} [{bar:<{width}}] {done}/{total} products read",
                ending="",
            )
            if hasattr(self.stdout, "flush"):
                self.stdout.flush()
            elif sys.stdout.isatty():
                sys.stdout.flush()

        return show
