"""One run of a job at a time, across processes and machines.

PostgreSQL: a session-level advisory lock, `pg_try_advisory_lock(key)`, with a
stable signed 64-bit key derived from the job name (SHA-256, not Python's
salted hash()), taken and released (in `finally`) on the same connection. If
the process dies, PostgreSQL drops the lock with its session. Session-level
locks need a real session: behind PgBouncer, use session pooling for the
scheduler (transaction pooling would hand the lock to another client).

SQLite (the embedded default, one machine): a lease row per job (JobLease),
taken by one conditional UPDATE (free or expired -> ours) and given back when
the run ends. A lease lasts LEASE_SECONDS, so a process that died holding it
blocks the job no longer than that.
"""

import hashlib
import logging
import os
import socket
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, connection
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

LEASE_SECONDS = 3600


def lock_key(name: str) -> int:
    """The advisory lock key of a job: the first 8 bytes of SHA-256 of
    "market.ops.job:<name>", as a signed 64-bit integer."""
    digest = hashlib.sha256(f"market.ops.job:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def job_lock(name: str):
    """Yield True when this process holds the job's lock (released on exit),
    False when someone else holds it."""
    if connection.vendor == "postgresql":
        with _advisory_lock(name) as acquired:
            yield acquired
    else:
        with _lease(name) as acquired:
            yield acquired


@contextmanager
def _advisory_lock(name: str):
    key = lock_key(name)
    connection.ensure_connection()
    conn = connection.connection  # the same DB session for lock and unlock
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            try:
                with conn.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except Exception:
                # The session is gone (and its lock with it) or broken.
                logger.warning("Could not release the lock of job %s", name)


@contextmanager
def _lease(name: str):
    from .models import JobLease

    holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:100]
    now = timezone.now()
    try:
        JobLease.objects.get_or_create(
            job=name, defaults={"holder": "", "expires_at": now}
        )
    except IntegrityError:
        pass  # created by another process at the same moment
    acquired = (
        JobLease.objects.filter(job=name)
        .filter(Q(holder="") | Q(expires_at__lte=now))
        .update(holder=holder, expires_at=now + timedelta(seconds=LEASE_SECONDS))
        == 1
    )
    try:
        yield acquired
    finally:
        if acquired:
            JobLease.objects.filter(job=name, holder=holder).update(
                holder="", expires_at=timezone.now()
            )
