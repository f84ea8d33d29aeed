"""What the health probes report. JSON-ready dicts, never a secret.

`/readyz` names each check and its outcome (a word, or the class name of the
error: never its message, which may hold a host name or a password), and
the backlogs of the queues the workers drain. Its cost is bounded: one
`SELECT 1`, one aggregate query per queue, one cache write and read, and
once per process the migration check (remembered when it passes, repeated
while it fails). Search state comes from the cache the search app already
keeps: the cluster itself is never called here.
"""

from __future__ import annotations

import logging
import time
import uuid
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

OK = "ok"
TASKS_DB_BACKENDS = {
    "django_tasks_db.DatabaseBackend",
    "django_tasks_db.backend.DatabaseBackend",
}
CACHE_PROBE_KEY = "ops:readyz-probe"

# Set once the migration check passed in this process: the schema does not
# go back, and the check loads every migration file.
_migrated = False


def _now() -> datetime:
    """The clock the ages are measured by (a test sets it)."""
    return timezone.now()


def alive() -> dict:
    """`/healthz`: the process answers. Touches nothing else."""
    return {"status": "ok"}


def _error(error: BaseException) -> str:
    return f"error: {type(error).__name__}"


def check_database() -> str:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        logger.warning("Readiness: database unreachable (%s).", type(error).__name__)
        return _error(error)
    return OK


def check_migrations() -> str:
    """ "ok" when no migration is left to apply; checked once per process."""
    global _migrated
    if _migrated:
        return OK
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:  # noqa: BLE001
        return _error(error)
    if plan:
        return "unapplied"
    _migrated = True
    return OK


def check_cache() -> str:
    """Write a fresh value and read it back."""
    value = uuid.uuid4().hex
    try:
        cache.set(CACHE_PROBE_KEY, value, timeout=30)
        if cache.get(CACHE_PROBE_KEY) != value:
            return "error: value not kept"
    except Exception as error:  # noqa: BLE001
        logger.warning("Readiness: cache unreachable (%s).", type(error).__name__)
        return _error(error)
    return OK


def search_state() -> dict:
    """The configured backend (its class name) and whether searches are
    answered from the database fallback now, as the search app noted it in
    the cache after a failure. Degraded search still answers: not a 503."""
    from search.backends import DATABASE_BACKEND
    from search.backends.resilient import PRIMARY_DOWN_KEY

    path = settings.MARKET_SEARCH_BACKEND
    state = {"backend": path.rsplit(".", 1)[-1], "state": OK}
    if path == DATABASE_BACKEND:
        return state
    try:
        until = cache.get(PRIMARY_DOWN_KEY)
    except Exception:  # noqa: BLE001 - the cache check reports it
        state["state"] = "unknown"
        return state
    if until is not None and until > time.time():
        state["state"] = "degraded"
    return state


def _age(oldest: datetime | None, now: datetime) -> int | None:
    if oldest is None:
        return None
    return max(0, int((now - oldest).total_seconds()))


def search_outbox(now: datetime) -> dict:
    from search.models import PendingIndex

    row = PendingIndex.objects.aggregate(count=Count("pk"), oldest=Min("queued_at"))
    return {"count": row["count"], "oldest_seconds": _age(row["oldest"], now)}


def email_outbox(now: datetime) -> dict:
    """E-mails still to send (due or waiting for a retry); age since queued."""
    from market.mail.models import EmailStatus, OutgoingEmail

    row = OutgoingEmail.objects.filter(status=EmailStatus.PENDING).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    return {"count": row["count"], "oldest_seconds": _age(row["oldest"], now)}


def task_backlog(now: datetime) -> dict | None:
    """Tasks waiting for `db_worker` and running; None when no task backend
    keeps its queue in the database."""
    aliases = [
        alias
        for alias, options in settings.TASKS.items()
        if options.get("BACKEND") in TASKS_DB_BACKENDS
    ]
    if not aliases:
        return None
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    ready = Q(status=TaskResultStatus.READY)
    row = DBTaskResult.objects.filter(backend_name__in=aliases).aggregate(
        ready=Count("pk", filter=ready),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        oldest=Min("enqueued_at", filter=ready),
    )
    return {
        "ready": row["ready"],
        "running": row["running"],
        "oldest_ready_seconds": _age(row["oldest"], now),
    }


def ready() -> tuple[bool, dict]:
    """`/readyz`: whether this process can serve, and why not."""
    checks = {"database": check_database()}
    checks["migrations"] = (
        check_migrations() if checks["database"] == OK else "not checked"
    )
    checks["cache"] = check_cache()
    body: dict = {"checks": checks, "search": search_state()}
    if checks["database"] == OK:
        now = _now()
        try:
            body["queues"] = {
                "email_outbox": email_outbox(now),
                "search_outbox": search_outbox(now),
                "tasks": task_backlog(now),
            }
        except Exception as error:  # noqa: BLE001
            checks["queues"] = _error(error)
    failing = sorted(name for name, outcome in checks.items() if outcome != OK)
    body["failing"] = failing
    body["status"] = "ok" if not failing else "unavailable"
    return not failing, body
