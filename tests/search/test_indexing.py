"""The indexing outbox: every change reaches every backend once committed,
and nothing is lost while a backend is down."""

import socket
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from catalogue.kinds import PHYSICAL
from catalogue.stock import stock_announce, stock_hold
from market.residents.models import ResidentStatus
from search.backends import ProductQuery, SearchUnavailable
from search.backends.database import DatabaseBackend
from search.indexing import pending_index, products_queue
from search.models import DocumentFacet, PendingIndex, ProductDocument
from tests.factories import ProductFactory
from tests.factories.shipping import ships_to

pytestmark = pytest.mark.django_db


def _facets(product) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for facet, value in DocumentFacet.objects.filter(
        document_id=product.pk
    ).values_list("facet", "value"):
        values.setdefault(facet, []).append(value)
    return {facet: sorted(found) for facet, found in values.items()}


def test_saving_a_product_indexes_it_after_commit(
    resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product = ProductFactory(
            resident=resident,
            kind=PHYSICAL,
            title="Quba xalçası",
            title_en="Quba carpet",
            upc="T-1",
            price=Decimal("450.00"),
            num_in_stock=3,
            attributes={
                "weight_grams": 5200,
                "hs_code": "5701.10",
                "country_of_origin": "AZ",
            },
        )
        ships_to(product, ["DE", "AZ"])
        # Inside the transaction only the outbox knows.
        assert not ProductDocument.objects.filter(product=product).exists()
        assert PendingIndex.objects.filter(product_id=product.pk).exists()

    document = ProductDocument.objects.get(product=product)
    assert len(callbacks) >= 1
    assert document.title == "quba xalcasi quba carpet"
    assert document.text == "t 1 fiziki mehsul physical good tovar xalca atelier"
    assert document.price_cents == 45000
    assert document.kind == "physical"
    assert _facets(product) == {
        "in_stock": ["1"],
        "kind": ["physical"],
        "programme": ["cultech"],
        "resident": [str(resident.partner_id)],
        "ships_to": ["AZ", "DE"],
    }
    assert PendingIndex.objects.count() == 0


def test_a_rolled_back_change_queues_nothing(resident):
    def save_and_fail():
        with transaction.atomic():
            ProductFactory(resident=resident, title="Geri qaytarılan")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        save_and_fail()

    assert PendingIndex.objects.count() == 0
    assert ProductDocument.objects.count() == 0


def test_holding_the_last_unit_at_checkout_takes_it_out_of_stock(
    resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(resident=resident, num_in_stock=1)
    record = product.stockrecords.get()
    assert _facets(product)["in_stock"] == ["1"]

    # A checkout's hold sends no model signal: the checkout announces it.
    with django_capture_on_commit_callbacks(execute=True):
        assert stock_hold(
            stockrecord_id=record.pk,
            quantity=1,
            key="checkout:1",
            until=timezone.now() + timedelta(minutes=30),
        )
        stock_announce([record.pk])

    assert "in_stock" not in _facets(product)


def test_suspending_a_resident_removes_their_documents(
    catalogue, resident, django_capture_on_commit_callbacks
):
    assert ProductDocument.objects.count() == 4

    with django_capture_on_commit_callbacks(execute=True):
        resident.status = ResidentStatus.SUSPENDED
        resident.save()

    assert ProductDocument.objects.count() == 0
    assert PendingIndex.objects.count() == 0


def test_deleting_a_product_removes_its_document(
    catalogue, django_capture_on_commit_callbacks
):
    service = catalogue["service"]
    service_pk = service.pk

    with django_capture_on_commit_callbacks(execute=True):
        service.delete()

    assert not ProductDocument.objects.filter(product_id=service_pk).exists()
    assert PendingIndex.objects.count() == 0


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_while_elasticsearch_is_down_saving_works_and_the_change_waits(
    resident, settings, django_capture_on_commit_callbacks
):
    settings.MARKET_SEARCH_BACKEND = (
        "search.backends.elasticsearch.ElasticsearchBackend"
    )
    settings.MARKET_ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    settings.MARKET_ELASTICSEARCH_INDEX_TIMEOUT = 1

    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(resident=resident, title="Keramika vaza")

    # The product is saved and searchable in the database fallback...
    assert ProductDocument.objects.filter(product=product).exists()
    # ...and stays queued for Elasticsearch.
    assert (
        list(PendingIndex.objects.values_list("product_id", flat=True))
        == [product.pk] * PendingIndex.objects.count()
    )
    assert PendingIndex.objects.count() >= 1


class RecordingBackend(DatabaseBackend):
    """Stands in for an Elasticsearch cluster that comes back: it refuses the
    first `down` calls like an unreachable cluster (SearchUnavailable), then
    records what it is given. (No Elasticsearch server can run here; the real
    unreachable-cluster cases are in test_elasticsearch_fallback.py.)"""

    calls: list = []
    down = 0

    def index_documents(self, documents, removed_ids):
        if RecordingBackend.down:
            RecordingBackend.down -= 1
            raise SearchUnavailable("cluster down")
        RecordingBackend.calls.append(
            (sorted(document["id"] for document in documents), sorted(removed_ids))
        )


@pytest.fixture
def recording(settings):
    settings.MARKET_SEARCH_BACKEND = "tests.search.test_indexing.RecordingBackend"
    RecordingBackend.calls = []
    RecordingBackend.down = 0
    return RecordingBackend


def test_missed_updates_are_replayed_when_the_backend_is_back(
    resident, recording, django_capture_on_commit_callbacks
):
    recording.down = 100
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(resident=resident, title="Keramika vaza")
    assert recording.calls == []
    recording.down = 0
    assert PendingIndex.objects.filter(product_id=product.pk).count() >= 1

    output = StringIO()
    call_command("search_index_pending", stdout=output)

    assert recording.calls == [([product.pk], [])]
    assert output.getvalue() == "Indexed 1 products; 0 changes still queued.\n"
    assert PendingIndex.objects.count() == 0


def test_a_product_changed_while_being_indexed_is_indexed_again(
    resident, recording, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(resident=resident)
    recording.calls = []
    products_queue([product.pk])
    original = RecordingBackend.index_documents

    def index_and_change(self, documents, removed_ids):
        original(self, documents, removed_ids)
        if len(RecordingBackend.calls) == 1:
            products_queue([product.pk])  # a save lands meanwhile

    RecordingBackend.index_documents = index_and_change
    try:
        indexed, left = pending_index()
    finally:
        RecordingBackend.index_documents = original

    assert recording.calls == [([product.pk], []), ([product.pk], [])]
    assert (indexed, left) == (2, 0)


def test_search_rebuild_shows_progress_and_empties_the_outbox(catalogue):
    ProductDocument.objects.all().delete()
    products_queue([catalogue["physical"].pk])
    output = StringIO()

    call_command("search_rebuild", stdout=output)

    assert output.getvalue() == (
        "\rDatabaseBackend [##############################] 4/4 products read\n"
        "DatabaseBackend: indexed 4 public products.\n"
    )
    assert ProductDocument.objects.count() == 4
    assert PendingIndex.objects.count() == 0
    page = DatabaseBackend().search_products(
        ProductQuery(text="quba"), offset=0, limit=5
    )
    assert page.product_ids == [catalogue["physical"].pk]


@pytest.mark.django_db(transaction=True)
def test_with_a_task_worker_indexing_leaves_the_request(
    migration_rows, resident, settings
):
    # Production's task backend: a database queue drained by `db_worker`.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    product = ProductFactory(resident=resident, title="Keramika vaza")

    # Committed, queued, not indexed: the request is done.
    assert set(DBTaskResult.objects.values_list("task_path", flat=True)) == {
        "search.indexing.index_pending_products"
    }
    assert not ProductDocument.objects.filter(product=product).exists()

    call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO())

    assert ProductDocument.objects.filter(product=product).exists()
    assert PendingIndex.objects.count() == 0


def test_changes_during_a_rebuild_are_indexed_after_the_swap(
    catalogue, recording, monkeypatch
):
    """A save that lands while the new index loads must not go to the old
    index (lost at the swap): it waits and is indexed after."""
    course = catalogue["course"]
    seen_while_rebuilding = []

    def rebuild(self, documents, *, total, progress):
        list(documents)
        products_queue([course.pk])  # a resident saves meanwhile
        seen_while_rebuilding.append(pending_index())
        return total

    monkeypatch.setattr(RecordingBackend, "rebuild", rebuild)
    call_command("search_rebuild", stdout=StringIO())

    # During the rebuild nothing was indexed; after it, the course was.
    assert seen_while_rebuilding == [(0, 1)]
    assert recording.calls == [([course.pk], [])]
    assert PendingIndex.objects.count() == 0
