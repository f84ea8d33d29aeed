"""`/readyz`: what a load balancer asks before sending traffic to a process."""

import json
import socket
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import timezone

from market.mail.models import EmailStatus, OutgoingEmail
from market.ops import health
from search import indexing
from search.models import PendingIndex

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def moment(monkeypatch):
    """The probe's clock, fixed (only the clock: every check runs for real)."""
    now = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(health, "_now", lambda: now)
    return now


@pytest.fixture
def migrated():
    """The once-per-process migration check, already passed."""
    assert health.check_migrations() == "ok"


def _queue(moment):
    PendingIndex.objects.bulk_create(
        [PendingIndex(product_id=pk) for pk in (101, 102, 103)]
    )
    first = PendingIndex.objects.order_by("pk").first()
    PendingIndex.objects.update(queued_at=moment - timedelta(seconds=30))
    PendingIndex.objects.filter(pk=first.pk).update(
        queued_at=moment - timedelta(seconds=125)
    )
    emails = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            subject=f"S{n}", body="B", to=["a@example.az"], next_attempt_at=moment
        )
        for n in range(3)
    )
    OutgoingEmail.objects.filter(pk=emails[0].pk).update(
        created_at=moment - timedelta(hours=2), status=EmailStatus.SENT
    )
    OutgoingEmail.objects.filter(pk=emails[1].pk).update(
        created_at=moment - timedelta(seconds=600)
    )
    OutgoingEmail.objects.filter(pk=emails[2].pk).update(
        created_at=moment - timedelta(seconds=5)
    )


@override_settings(ALLOWED_HOSTS=["market.example"], SECURE_SSL_REDIRECT=True)
def test_ready_reports_every_check_and_the_queue_backlogs(
    client, moment, migrated, django_assert_num_queries
):
    _queue(moment)
    # SELECT 1, then one aggregate per queue (no task queue in the database).
    with django_assert_num_queries(3):
        response = client.get("/readyz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content) == {
        "checks": {"cache": "ok", "database": "ok", "migrations": "ok"},
        "failing": [],
        "queues": {
            "email_outbox": {"count": 2, "oldest_seconds": 600},
            "search_outbox": {"count": 3, "oldest_seconds": 125},
            "tasks": None,
        },
        "search": {"backend": "DatabaseBackend", "state": "ok"},
        "status": "ok",
    }


@override_settings(TASKS=DB_TASKS)
def test_ready_counts_the_task_backlog_of_the_database_task_backend(
    client, moment, migrated, django_assert_num_queries
):
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    for _number in range(4):
        indexing.index_pending_products.enqueue()
    ids = list(
        DBTaskResult.objects.order_by("enqueued_at").values_list("pk", flat=True)
    )
    DBTaskResult.objects.update(enqueued_at=moment - timedelta(seconds=10))
    DBTaskResult.objects.filter(pk=ids[0]).update(
        enqueued_at=moment - timedelta(hours=1), status=TaskResultStatus.RUNNING
    )
    DBTaskResult.objects.filter(pk=ids[1]).update(
        enqueued_at=moment - timedelta(seconds=70)
    )

    with django_assert_num_queries(4):
        response = client.get("/readyz")

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["queues"]["tasks"] == {
        "oldest_ready_seconds": 70,
        "ready": 3,
        "running": 1,
    }
    assert body["queues"]["search_outbox"] == {"count": 0, "oldest_seconds": None}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_not_ready_when_the_cache_is_unreachable(client, migrated):
    port = _closed_port()
    location = f"redis://:s3cret-word@127.0.0.1:{port}/0"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": location,
            }
        },
        MARKET_SEARCH_BACKEND="search.backends.elasticsearch.ElasticsearchBackend",
    ):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"
    body = json.loads(response.content)
    assert body["status"] == "unavailable"
    assert body["failing"] == ["cache"]
    assert body["checks"] == {
        "cache": "error: ConnectionError",
        "database": "ok",
        "migrations": "ok",
    }
    assert body["search"] == {"backend": "ElasticsearchBackend", "state": "unknown"}
    text = response.content.decode()
    for secret in ("s3cret", "127.0.0.1", str(port), "redis://"):
        assert secret not in text


@override_settings(
    MARKET_SEARCH_BACKEND="search.backends.elasticsearch.ElasticsearchBackend"
)
def test_degraded_search_is_reported_and_still_ready(client, migrated):
    import time

    from django.core.cache import cache

    from search.backends.resilient import PRIMARY_DOWN_KEY

    cache.set(PRIMARY_DOWN_KEY, time.time() + 60, timeout=60)
    try:
        response = client.get("/readyz")
    finally:
        cache.delete(PRIMARY_DOWN_KEY)

    assert response.status_code == 200
    assert json.loads(response.content)["search"] == {
        "backend": "ElasticsearchBackend",
        "state": "degraded",
    }


def test_unapplied_migrations_make_the_process_unready_until_applied(
    client, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(health, "_migrated", False)
    leaf = sorted(
        node
        for node in MigrationLoader(connection).graph.leaf_nodes()
        if node[0] == "mail"
    )[-1]
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied(*leaf)

    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["failing"] == ["migrations"]
    assert body["checks"]["migrations"] == "unapplied"
    assert health._migrated is False

    # A failure is checked again on the next poll; success is remembered.
    recorder.record_applied(*leaf)
    assert client.get("/readyz").status_code == 200
    assert health._migrated is True
    with django_assert_max_num_queries(3):
        assert client.get("/readyz").status_code == 200
