"""Several workers drain one queue together and never do the same work twice:
PostgreSQL, real threads with their own connections, real `db_worker`
processes. Each claim is SELECT ... FOR UPDATE SKIP LOCKED."""

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import task

from market.mail.models import EmailStatus, OutgoingEmail
from market.mail.services import emails_send_pending
from search import indexing
from search.backends.base import SearchBackend
from search.models import PendingIndex, SearchTerm
from tests.threads import run_in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]
# Product ids no product has: their documents are "removed" ids, which the
# backends are given like any other product to index.
FIRST_ID = 900_000


class RecordingBackend(SearchBackend):
    """The search backend of this test: it records which products it was
    asked to index, which is the very thing counted (not a stand-in for a
    part that could run here). It pauses a moment per batch so that the
    workers' batches overlap in time."""

    seen: list[int] = []
    lock = threading.Lock()

    def search_products(self, query, *, offset, limit):
        raise NotImplementedError

    def suggest(self, text, *, limit=8):
        raise NotImplementedError

    def rebuild(self, documents, *, total, progress):
        raise NotImplementedError

    def index_documents(
        self, documents: Sequence[dict], removed_ids: Iterable[int]
    ) -> None:
        ids = [document["id"] for document in documents] + list(removed_ids)
        time.sleep(0.005)
        with self.lock:
            self.seen.extend(ids)


@override_settings(
    MARKET_SEARCH_BACKEND="tests.market.ops.test_workers.RecordingBackend"
)
def test_two_workers_index_each_queued_product_exactly_once(monkeypatch):
    monkeypatch.setattr(indexing, "BATCH", 7)
    RecordingBackend.seen = []
    ids = list(range(FIRST_ID, FIRST_ID + 200))
    PendingIndex.objects.bulk_create([PendingIndex(product_id=pk) for pk in ids])

    outcomes = run_in_threads(2, indexing.pending_index)

    assert [type(outcome) for outcome in outcomes] == [tuple, tuple]
    assert sum(indexed for indexed, _left in outcomes) == 200
    counts = Counter(RecordingBackend.seen)
    assert sorted(counts) == ids
    assert set(counts.values()) == {1}
    assert PendingIndex.objects.count() == 0


def test_two_senders_send_each_queued_email_exactly_once():
    now = timezone.now()
    OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            subject=f"Message {number:03}",
            body="Body",
            to=[f"buyer{number}@example.az"],
            next_attempt_at=now,
        )
        for number in range(100)
    )
    mail.outbox = []

    outcomes = run_in_threads(2, lambda: emails_send_pending(limit=1000))

    assert sum(outcome["sent"] for outcome in outcomes) == 100
    assert [outcome["retrying"] + outcome["failed"] for outcome in outcomes] == [0, 0]
    subjects = Counter(message.subject for message in mail.outbox)
    assert sorted(subjects) == [f"Message {number:03}" for number in range(100)]
    assert set(subjects.values()) == {1}
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {
        (EmailStatus.SENT, 1)
    }


@task()
def record_run(number: int) -> None:
    """A task that can run once only: its row's key is unique."""
    SearchTerm.objects.create(term=f"workers-task-{number:03}")


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DB_TASKS)
def test_two_db_workers_run_each_task_exactly_once():
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    for number in range(40):
        record_run.enqueue(number)
    assert DBTaskResult.objects.count() == 40

    database = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "market.settings.dev",
        "MARKET_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}"
            f"@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--batch",
        "--interval",
        "0",
        "--no-reload",
    ]
    workers = [
        subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [*command, "--worker-id", f"worker-{number}"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for number in (1, 2)
    ]
    errors = [worker.communicate(timeout=120)[1] for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0], errors
    results = list(DBTaskResult.objects.values_list("status", "worker_ids"))
    assert {status for status, _ids in results} == {TaskResultStatus.SUCCESSFUL}
    assert {len(worker_ids) for _status, worker_ids in results} == {1}
    assert sorted(
        SearchTerm.objects.filter(term__startswith="workers-task-").values_list(
            "term", flat=True
        )
    ) == [f"workers-task-{number:03}" for number in range(40)]
