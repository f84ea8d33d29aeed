"""On PostgreSQL a job runs under a session-level advisory lock: while
another session (a second scheduler, a manual run) holds it, a run is
recorded as skipped and the job is not called. The other session is a real
psycopg connection to the test database."""

from datetime import timedelta

import psycopg
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from market.mail.models import EmailStatus, OutgoingEmail
from market.ops.jobs import Job, run_job
from market.ops.locks import lock_key
from market.ops.models import JobRun

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _other_session():
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    return psycopg.connect(autocommit=True, **params)


def _pending_email():
    return OutgoingEmail.objects.create(
        subject="Your order 100042",
        body="Body",
        to=["buyer@example.az"],
        status=EmailStatus.PENDING,
        attempts=0,
        next_attempt_at=timezone.now() - timedelta(minutes=1),
    )


def test_the_lock_key_is_stable_and_signed_64_bit():
    assert lock_key("mail_send_pending") == lock_key("mail_send_pending")
    assert lock_key("mail_send_pending") != lock_key("publish_scheduled")
    assert -(2**63) <= lock_key("mail_send_pending") < 2**63
    # SHA-256 of "market.ops.job:clearsessions", first 8 bytes, signed.
    import hashlib

    digest = hashlib.sha256(b"market.ops.job:clearsessions").digest()
    assert lock_key("clearsessions") == int.from_bytes(digest[:8], "big", signed=True)


def test_a_job_locked_by_another_session_is_skipped_then_runs_once_released():
    email = _pending_email()
    other = _other_session()
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_lock(%s)", [lock_key("mail_send_pending")]
            )
            assert cursor.fetchone()[0] is True

        call_command("run_job", "mail_send_pending")

        skipped = JobRun.objects.get(job="mail_send_pending")
        assert (skipped.outcome, skipped.message) == ("skipped", "")
        email.refresh_from_db()
        assert email.status == EmailStatus.PENDING
        assert mail.outbox == []

        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock(%s)", [lock_key("mail_send_pending")]
            )
            assert cursor.fetchone()[0] is True
    finally:
        other.close()

    call_command("run_job", "mail_send_pending")

    ran = JobRun.objects.filter(job="mail_send_pending").latest("started_at")
    assert (ran.outcome, ran.message) == (
        "ok",
        "sent 1, retrying later 0, failed 0",
    )
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert [message.subject for message in mail.outbox] == ["Your order 100042"]


def test_a_run_releases_its_lock_even_when_the_job_fails():
    calls = []

    def broken():
        calls.append(1)
        raise ValueError("no rates today")

    job = Job("load_exchange_rates", broken, cron="30 6 * * *")
    first = run_job(job)
    other = _other_session()
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_lock(%s)", [lock_key("load_exchange_rates")]
            )
            taken = cursor.fetchone()[0]
    finally:
        other.close()

    assert (first.outcome, first.message) == ("failed", "ValueError: no rates today")
    assert taken is True  # the failed run gave the lock back
    assert calls == [1]


def test_a_job_function_is_not_called_while_the_lock_is_held():
    calls = []
    job = Job(
        "learning_waitlist", lambda: calls.append(1) or "done", interval_minutes=5
    )
    other = _other_session()
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_lock(%s)", [lock_key("learning_waitlist")]
            )
        skipped = run_job(job)
    finally:
        other.close()  # the session ends: PostgreSQL drops its lock
    ran = run_job(job)

    assert skipped.outcome == "skipped"
    assert (ran.outcome, ran.message) == ("ok", "done")
    assert calls == [1]
