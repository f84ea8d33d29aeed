"""Kreativ Edu benchmark: learners racing for seats, and certificates.

A script, not a test (pytest collects only test_*.py files):

    .venv/bin/python tests/bench/learning_bench.py --database postgres
    .venv/bin/python tests/bench/learning_bench.py --database sqlite \
        [--learners 200] [--seats 50] [--threads 20]

It builds a fresh database (PostgreSQL: `market_bench_learning` on
postgres://postgres@127.0.0.1:5432, dropped at the end; SQLite: a file in
/tmp), one free course with `--seats` seats and `--learners` learners, then
every learner presses "Enrol" through `enrolment_create`, from `--threads`
threads at once (each with its own connection). It prints how many got a
seat (must be exactly the capacity), how many were refused, the wall time
and the latency per enrolment (median, 95th percentile, max); then the same
for the waitlist: the refused learners join it, every seated learner gives
the seat back at once, and the script checks that each freed seat was
offered to exactly one learner, in the order they joined. Last, it renders
100 certificate PDFs and prints the time per PDF and its size.
"""

# A script that prints figures (T201) into a scratch SQLite file in /tmp (S108).
# ruff: noqa: T201, S108

import argparse
import os
import statistics
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "market_bench_learning"
SQLITE_PATH = "/tmp/market-bench-learning.sqlite3"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", choices=["postgres", "sqlite"], default="postgres"
    )
    parser.add_argument("--postgres-url", default=PG_DEFAULT)
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--certificates", type=int, default=100)
    return parser.parse_args(argv)


def pg_admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{url.rstrip('/')}/postgres", autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def prepare(args) -> str:
    if args.database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(SQLITE_PATH + suffix).unlink(missing_ok=True)
        return f"sqlite:///{SQLITE_PATH}"
    pg_admin(
        args.postgres_url,
        f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)",
        f"CREATE DATABASE {PG_DATABASE}",
    )
    return f"{args.postgres_url.rstrip('/')}/{PG_DATABASE}"


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "market.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    os.environ["CACHE_URL"] = "locmemcache://"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["MARKET_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def in_threads(count: int, jobs: list) -> tuple[list, float]:
    """Run the jobs on `count` threads, all released together; returns the
    (outcome, seconds) of each job and the wall time."""
    from django.db import connections

    results: list = [None] * len(jobs)
    cursor = iter(range(len(jobs)))
    lock = threading.Lock()
    barrier = threading.Barrier(count)

    def worker():
        barrier.wait()
        while True:
            with lock:
                index = next(cursor, None)
            if index is None:
                break
            started = time.perf_counter()
            try:
                outcome = jobs[index]()
            except Exception as error:  # noqa: BLE001 (the outcome is the result)
                outcome = error
            results[index] = (outcome, time.perf_counter() - started)
        connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def latency(results) -> str:
    times = sorted(seconds * 1000 for _outcome, seconds in results)
    p95 = times[int(len(times) * 0.95) - 1]
    return (
        f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
        f"max {times[-1]:.1f} ms"
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    print(
        f"learning bench: {args.learners} learners, {args.seats} seats, "
        f"{args.threads} threads, on {args.database}",
        flush=True,
    )
    setup_django(prepare(args))
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone
    from oscar.apps.partner.models import StockRecord

    from market.learning.certificates import certificate_pdf
    from market.learning.models import Seat, SeatStatus, WaitlistEntry
    from market.learning.services.certificates import certificate_issue
    from market.learning.services.seats import (
        SeatsUnavailable,
        enrolment_create,
        seat_cancel,
    )
    from market.learning.services.waitlist import waitlist_join
    from market.residents.models import Programme
    from tests.factories import ResidentFactory, UserFactory, course_product

    try:
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.1f} s", flush=True)
        resident = ResidentFactory(slug="bench", programme=Programme.MUSIC)
        start = timezone.now() + timedelta(days=30)
        course = course_product(
            resident=resident,
            title="Bench course",
            capacity=args.seats,
            sessions=[(start, start + timedelta(hours=2))],
        )
        learners = [
            UserFactory(email=f"learner{n}@bench.example.az", password=None)
            for n in range(args.learners)
        ]

        def enrol(learner):
            def job():
                try:
                    return enrolment_create(product=course, learner=learner).pk
                except SeatsUnavailable as refusal:
                    return type(refusal).__name__

            return job

        results, wall = in_threads(
            args.threads, [enrol(learner) for learner in learners]
        )
        seated = [r for r, _s in results if isinstance(r, int)]
        refused = [r for r, _s in results if r == "CourseFull"]
        errors = [r for r, _s in results if isinstance(r, Exception)]
        record = StockRecord.objects.get(product=course)
        print(
            f"enrol: {len(seated)} seated, {len(refused)} refused (course full), "
            f"{len(errors)} errors, in {wall:.2f} s "
            f"({len(results) / wall:.0f} enrolments/s); {latency(results)}",
            flush=True,
        )
        print(
            f"  capacity {record.num_in_stock}, allocated {record.num_allocated}, "
            f"active seats {Seat.objects.filter(status=SeatStatus.ACTIVE).count()}"
            + (
                "  OK"
                if len(seated) == args.seats == record.num_allocated
                else "  WRONG"
            ),
            flush=True,
        )
        if errors:
            print(f"  first error: {errors[0]!r}")

        waiting = [
            learner
            for learner, (outcome, _s) in zip(learners, results, strict=True)
            if outcome == "CourseFull"
        ]
        for learner in waiting:
            waitlist_join(product=course, learner=learner)
        seats = list(Seat.objects.filter(status=SeatStatus.ACTIVE))

        def cancel(seat):
            return lambda: seat_cancel(seat=seat, by=seat.learner).pk

        results, wall = in_threads(args.threads, [cancel(s) for s in seats])
        offered = list(
            WaitlistEntry.objects.filter(status="offered").order_by("joined_at", "pk")
        )
        first = list(WaitlistEntry.objects.order_by("joined_at", "pk")[: len(offered)])
        in_order = [e.pk for e in offered] == [e.pk for e in first]
        print(
            f"cancel: {len(seats)} seats given back at once in {wall:.2f} s; "
            f"{len(offered)} offers made, to the first {len(offered)} in the "
            f"queue: {'yes' if in_order else 'NO'}; {latency(results)}",
            flush=True,
        )

        seat = Seat.objects.order_by("pk").first()
        certificate = certificate_issue(seat=seat)
        timings, size = [], 0
        for _ in range(args.certificates):
            started = time.perf_counter()
            size = len(certificate_pdf(certificate))
            timings.append(time.perf_counter() - started)
        print(
            f"certificate PDF: {args.certificates} renders, median "
            f"{statistics.median(timings) * 1000:.1f} ms, "
            f"max {max(timings) * 1000:.1f} ms, {size / 1024:.1f} KiB each",
            flush=True,
        )
    finally:
        connections.close_all()
        if args.database == "postgres":
            pg_admin(
                args.postgres_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
