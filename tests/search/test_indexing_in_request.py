"""A cluster that accepts connections and never answers (a real socket) holds
no request beyond its search timeout, once: a listing saved, then another,
then a buyer pressing "Pay" answer in normal time, and the outbox keeps every
change for the worker or `manage.py search_index_pending`."""

import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from catalogue.kinds import PHYSICAL
from market.residents.services import listing_update
from search.indexing import REQUEST_INDEXING_PAUSED
from search.models import PendingIndex, ProductDocument
from tests.search.test_elasticsearch_fallback import GUARD_SECONDS, SilentServer
from tests.stripe_fixtures import ensure_countries, place, start_checkout

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_cluster(settings):
    server = SilentServer()
    settings.MARKET_SEARCH_BACKEND = (
        "search.backends.elasticsearch.ElasticsearchBackend"
    )
    settings.MARKET_ELASTICSEARCH_URL = f"http://127.0.0.1:{server.port}"
    settings.MARKET_ELASTICSEARCH_TIMEOUT = 0.5
    # The long timeout of background indexing: a request must never wait it.
    settings.MARKET_ELASTICSEARCH_INDEX_TIMEOUT = 30
    settings.MARKET_SEARCH_RETRY_SECONDS = 30
    try:
        yield server
    finally:
        server.stop()


def _save(resident, product, title):
    listing_update(
        resident=resident,
        product=product,
        title=title,
        description="<p>Əl işi</p>",
        category=product.categories.get(),
        price=Decimal("450.00"),
        stock=3,
        attributes={
            "weight_grams": 5200,
            "hs_code": "5701.10",
            "country_of_origin": "AZ",
        },
    )


def test_a_hung_cluster_costs_one_request_its_timeout_and_no_more(
    catalogue, resident, hung_cluster, django_capture_on_commit_callbacks
):
    carpet = catalogue[PHYSICAL]
    assert ProductDocument.objects.filter(product_id=carpet.pk).exists()

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        _save(resident, carpet, "Quba xalçası, yeni")
    first = time.monotonic() - started
    connections_after_first = len(hung_cluster.connections)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        _save(resident, carpet, "Quba xalçası, daha yeni")
    second = time.monotonic() - started
    # The figures, shown with `pytest -s`.
    print(f"\nhung cluster: first save {first:.2f} s, second save {second:.2f} s")  # noqa: T201

    # One connection, given up after the 0.5 s search timeout (not 30 s).
    assert first < GUARD_SECONDS
    assert connections_after_first == 1
    # Then the cluster is left alone: no new connection, no wait.
    assert len(hung_cluster.connections) == 1
    assert second < GUARD_SECONDS
    assert cache.get(REQUEST_INDEXING_PAUSED) is not None
    # The database backend (the fallback) has the change (an edited listing
    # waits for review: out of search); the outbox keeps it for the cluster.
    assert not ProductDocument.objects.filter(product_id=carpet.pk).exists()
    assert PendingIndex.objects.filter(product_id=carpet.pk).exists()


def test_pay_with_a_hung_cluster_answers_in_normal_time(
    catalogue,
    buyer,
    rates,
    stripe_settings,
    hung_cluster,
    django_capture_on_commit_callbacks,
):
    """Pay holds stock, which changes what search shows: indexing after the
    commit meets the hung cluster once and gives up after the 0.5 s search
    timeout, not the 30 s of background indexing."""
    carpet = catalogue[PHYSICAL]
    client = Client()
    client.force_login(buyer)
    ensure_countries()
    start_checkout(client, [carpet])

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = place(client)
    pay = time.monotonic() - started
    connections = len(hung_cluster.connections)
    print(f"\nhung cluster: Pay {pay:.2f} s, {connections} connection(s)")  # noqa: T201

    assert response["Location"] == reverse("checkout:pay")
    assert pay < GUARD_SECONDS
    assert connections == 1
    assert PendingIndex.objects.filter(product_id=carpet.pk).exists()
