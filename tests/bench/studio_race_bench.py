"""Studios benchmark: people racing for one slot, and for a resident's quota.

A script, not a test (pytest collects only test_*.py files):

    .venv/bin/python tests/bench/studio_race_bench.py \
        [--postgres-url postgres://postgres@127.0.0.1:5432] \
        [--bookers 30 100] [--threads 40] [--members 10]

It builds a fresh PostgreSQL database (`market_bench_studios`, dropped at
the end) and one sound room. For each number in `--bookers`, that many
people press "Book" for the same two hours through `booking_create`, from up
to `--threads` threads at once (each with its own connection; PostgreSQL
allows 100). It prints the bookings made (must be exactly 1), the refusals,
the wall time and the latency per attempt. Then the quota race: `--members`
people of one resident, whose programme has 10 free hours a month, each
book two different hours at once; it prints the hours that went on the
quota (at most 10) and how many bookings were held for payment instead.
"""

# A script that prints figures (T201).
# ruff: noqa: T201

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
PG_DATABASE = "market_bench_studios"
QUOTA_HOURS = 10


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default=PG_DEFAULT)
    parser.add_argument("--bookers", type=int, nargs="+", default=[30, 100])
    parser.add_argument("--threads", type=int, default=40)
    parser.add_argument("--members", type=int, default=10)
    return parser.parse_args(argv)


def pg_admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{url.rstrip('/')}/postgres", autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "market.settings.dev"
    os.environ["DATABASE_URL"] = database_url
    os.environ["CACHE_URL"] = "locmemcache://"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["MARKET_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()


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
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    return (
        f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
        f"max {times[-1]:.1f} ms"
    )


def book(user, request):
    from django.utils import translation

    from market.bookings.rules import BookingRefused
    from market.bookings.services import booking_create

    def job():
        with translation.override("en"):
            try:
                return booking_create(request=request, booker=user)
            except BookingRefused as refusal:
                return refusal.message

    return job


def slot_race(room, day, count: int, threads: int, hour: int) -> None:
    from market.bookings.models import Booking
    from market.bookings.services import SlotRequest
    from tests.factories import UserFactory
    from tests.factories.studios import baku

    people = [
        UserFactory(email=f"booker{hour}-{n}@bench.example.az", password=None)
        for n in range(count)
    ]
    request = SlotRequest(room_id=room.pk, starts_at=baku(day, hour), minutes=120)
    results, wall = in_threads(
        min(threads, count), [book(user, request) for user in people]
    )
    made = [r for r, _s in results if isinstance(r, Booking)]
    refused = [r for r, _s in results if isinstance(r, str)]
    errors = [r for r, _s in results if isinstance(r, Exception)]
    stored = Booking.objects.filter(room=room, starts_at=request.starts_at).count()
    messages = sorted(set(refused))
    print(
        f"slot race, {count} bookers ({min(threads, count)} threads): "
        f"{len(made)} booking made, {len(refused)} refused, {len(errors)} errors, "
        f"in {wall:.2f} s; {latency(results)}; stored {stored}"
        + ("  OK" if len(made) == stored == 1 and not errors else "  WRONG"),
        flush=True,
    )
    print(f"  refusal: {messages}", flush=True)
    if errors:
        print(f"  first error: {errors[0]!r}", flush=True)


def quota_race(rooms, day, members: int) -> None:
    from market.bookings.models import Booking, PaidBy
    from market.bookings.services import SlotRequest
    from market.residents.models import Programme
    from tests.factories import ResidentFactory, UserFactory
    from tests.factories.studios import baku, make_quota

    resident = ResidentFactory(slug="bench-studios", programme=Programme.MUSIC)
    make_quota(programme=Programme.MUSIC, hours=QUOTA_HOURS)
    people = [
        UserFactory(email=f"member{n}@bench.example.az", password=None)
        for n in range(members)
    ]
    resident.partner.users.add(*people)
    # Two hours each, on different slots: six a day per room, 10:00 to 22:00.
    slots = [
        (room, day + timedelta(days=offset), hour)
        for offset in range(7)
        for room in rooms
        for hour in (10, 12, 14, 16, 18, 20)
    ][:members]
    jobs = [
        book(
            user,
            SlotRequest(room_id=room.pk, starts_at=baku(when, hour), minutes=120),
        )
        for user, (room, when, hour) in zip(people, slots, strict=True)
    ]
    results, wall = in_threads(members, jobs)
    made = [r for r, _s in results if isinstance(r, Booking)]
    errors = [r for r, _s in results if isinstance(r, Exception)]
    on_quota = Booking.objects.filter(resident=resident, paid_by=PaidBy.QUOTA)
    minutes = sum(on_quota.values_list("minutes", flat=True))
    held = Booking.objects.filter(resident=resident, paid_by=PaidBy.CHECKOUT).count()
    print(
        f"quota race, {members} people of one resident, 2 h each, quota "
        f"{QUOTA_HOURS} h: {len(made)} bookings in {wall:.2f} s; "
        f"{on_quota.count()} on the quota ({minutes / 60:g} h), {held} held "
        f"for payment, {len(errors)} errors; {latency(results)}"
        + ("  OK" if minutes <= QUOTA_HOURS * 60 and not errors else "  WRONG"),
        flush=True,
    )
    if errors:
        print(f"  first error: {errors[0]!r}", flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    print(
        f"studios bench: {args.bookers} bookers of one slot, up to {args.threads} "
        f"threads; quota race of {args.members}; on PostgreSQL",
        flush=True,
    )
    pg_admin(
        args.postgres_url,
        f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)",
        f"CREATE DATABASE {PG_DATABASE}",
    )
    setup_django(f"{args.postgres_url.rstrip('/')}/{PG_DATABASE}")
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from tests.factories.studios import make_room, next_weekday

    try:
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.1f} s", flush=True)
        day = next_weekday(timezone.localdate() + timedelta(days=7), 1)
        room = make_room(slug="bench-sound")
        for number, count in enumerate(args.bookers):
            # Each race on its own two hours of the same room.
            slot_race(room, day, count, args.threads, hour=10 + 2 * number)
        rooms = [make_room(slug=f"bench-quota-{n}") for n in range(2)]
        quota_race(rooms, day, args.members)
    finally:
        connections.close_all()
        pg_admin(
            args.postgres_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
