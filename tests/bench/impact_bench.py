"""Impact dashboard benchmark: a year of a 100,000-order database.

A script, not a test (pytest collects only test_*.py files):

    .venv/bin/python tests/bench/impact_bench.py [--orders 100000] \
        [--postgres-url postgres://postgres@127.0.0.1:5432]

It builds a fresh PostgreSQL database (`market_bench_impact`, dropped at
the end), migrates it, and writes with bulk inserts: 40 residents in the
four programmes, `--orders` paid orders spread over the last twelve months
(a third with two lines), each line's ledger entries (sale, and commission
on both sides), a payout per resident per month, refunds on 2 % of lines,
parcels for 40 % of orders (three in four abroad, shipped or delivered),
`--learners` learners with regions and age bands and a seat each (a third
completed, with certificates). Then it prints the time to compute the whole
dashboard (`impact_report` for the last twelve months; median and max of
5 runs after one warm-up, and its query count), the same for one programme,
and, when the admin dashboard is installed, the time of the whole page
(GET as a superuser through Django's test client, DEBUG off).
"""

# A script that prints figures (T201); random data, not security (S311).
# ruff: noqa: T201, S311

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "market_bench_impact"
BATCH = 5000
COUNTRIES = ["DE", "FR", "US", "GB", "TR", "GE", "AE", "IT", "NL", "JP"]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default=PG_DEFAULT)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--keep", action="store_true", help="keep the database")
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
    import django

    django.setup()


def timed(function, runs: int = 5) -> tuple[float, float, int]:
    """Median and max milliseconds of `runs` calls after one warm-up, and
    the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        function()
    return statistics.median(times), max(times), len(queries.captured_queries)


def build(args) -> None:  # noqa: PLR0915 (one linear recipe)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone
    from oscar.apps.order.models import Line, Order
    from oscar.apps.partner.models import Partner

    from market.export.models import Parcel, ParcelStatus
    from market.learning.models import (
        AGE_BANDS,
        REGIONS,
        Certificate,
        LearnerProfile,
        Seat,
        SeatSource,
    )
    from market.payouts.models import EntryKind, LedgerEntry
    from market.residents.models import Programme, Resident, ResidentStatus
    from tests.factories import ResidentFactory, course_product

    call_command("migrate", verbosity=0)
    rng = random.Random(19)
    now = timezone.now()
    year_ago = now - datetime.timedelta(days=365)
    programmes = list(Programme.values)
    residents = []
    for number in range(40):
        partner = Partner.objects.create(name=f"Bench {number}", code=f"bench-{number}")
        residents.append(
            Resident.objects.create(
                partner=partner,
                display_name=f"Bench {number}",
                slug=f"bench-{number}",
                programme=programmes[number % 4],
                startup_name=f"Start {number}" if number % 3 else "",
                status=ResidentStatus.APPROVED,
                decided_at=year_ago,
            )
        )
    started = time.perf_counter()
    orders, lines = [], []
    for number in range(args.orders):
        placed = year_ago + datetime.timedelta(seconds=rng.randrange(365 * 86400))
        count = 2 if number % 3 == 0 else 1
        prices = [Decimal(rng.randrange(500, 50_000)) / 100 for _ in range(count)]
        total = sum(prices, Decimal("0.00"))
        orders.append(
            Order(
                number=f"B{number:07d}",
                currency="AZN",
                total_incl_tax=total,
                total_excl_tax=total,
                shipping_incl_tax=0,
                shipping_excl_tax=0,
                status="Paid",
                date_placed=placed,
            )
        )
        for price in prices:
            resident = residents[rng.randrange(len(residents))]
            lines.append(
                (
                    number,
                    Line(
                        partner=resident.partner,
                        partner_name=resident.display_name,
                        partner_sku="SKU",
                        title="Bench item",
                        quantity=1,
                        num_allocated=1,
                        line_price_incl_tax=price,
                        line_price_excl_tax=price,
                        line_price_before_discounts_incl_tax=price,
                        line_price_before_discounts_excl_tax=price,
                        unit_price_incl_tax=price,
                        unit_price_excl_tax=price,
                    ),
                    resident,
                )
            )
    Order.objects.bulk_create(orders, batch_size=BATCH)
    for number, line, _resident in lines:
        line.order = orders[number]
    Line.objects.bulk_create([line for _n, line, _r in lines], batch_size=BATCH)
    print(f"  {len(orders)} orders, {len(lines)} lines", flush=True)

    entries, parcels, parcel_lines = [], [], []
    for number, line, resident in lines:
        order = orders[number]
        placed = order.date_placed
        later = placed + datetime.timedelta(days=14)
        commission = (line.line_price_incl_tax * Decimal("0.10")).quantize(
            Decimal("0.01")
        )
        common = {"order": order, "line": line, "created_at": placed}
        entries += [
            LedgerEntry(
                account=resident,
                kind=EntryKind.SALE,
                amount=line.line_price_incl_tax,
                key=f"sale:line:{line.pk}",
                available_at=later,
                **common,
            ),
            LedgerEntry(
                account=resident,
                kind=EntryKind.COMMISSION,
                amount=-commission,
                key=f"commission:line:{line.pk}",
                available_at=later,
                **common,
            ),
            LedgerEntry(
                account=None,
                kind=EntryKind.COMMISSION,
                amount=commission,
                key=f"commission:centre:line:{line.pk}",
                available_at=placed,
                **common,
            ),
        ]
        if rng.random() < 0.02:
            refunded = placed + datetime.timedelta(days=3)
            entries.append(
                LedgerEntry(
                    account=resident,
                    kind=EntryKind.REFUND,
                    amount=-line.line_price_incl_tax,
                    key=f"refund:line:{line.pk}",
                    order=order,
                    line=line,
                    created_at=refunded,
                    available_at=refunded,
                )
            )
    for index, order in enumerate(orders):
        if index % 5 >= 2:
            continue
        abroad = index % 4 != 0
        shipped = order.date_placed + datetime.timedelta(days=2)
        parcels.append(
            Parcel(
                order=order,
                partner=None,
                country=rng.choice(COUNTRIES) if abroad else "AZ",
                status=rng.choice([ParcelStatus.SHIPPED, ParcelStatus.DELIVERED]),
                carrier="EMS",
                min_days=5,
                max_days=12,
                weight_grams=900,
                charge=Decimal("0.00"),
                amount=Decimal("0.00"),
                currency="AZN",
                tracking_number=f"EE{index}AZ",
                shipped_at=shipped,
            )
        )
    by_order = {}
    for _number, line, _resident in lines:
        by_order.setdefault(line.order_id, []).append(line)
    for parcel in parcels:
        parcel.partner = by_order[parcel.order.pk][0].partner
    Parcel.objects.bulk_create(parcels, batch_size=BATCH)
    through = Parcel.lines.through
    for parcel in parcels:
        for line in by_order[parcel.order.pk]:
            parcel_lines.append(through(parcel_id=parcel.pk, line_id=line.pk))
    through.objects.bulk_create(parcel_lines, batch_size=BATCH)
    for month in range(12):
        paid = year_ago + datetime.timedelta(days=30 * month + 20)
        for resident in residents:
            entries.append(
                LedgerEntry(
                    account=resident,
                    kind=EntryKind.PAYOUT,
                    amount=-Decimal(rng.randrange(1000, 90_000)) / 100,
                    key=f"payout:{resident.pk}:{month}",
                    created_at=paid,
                    available_at=paid,
                )
            )
    LedgerEntry.objects.bulk_create(entries, batch_size=BATCH)
    print(
        f"  {len(entries)} ledger entries, {len(parcels)} parcels "
        f"({time.perf_counter() - started:.0f} s)",
        flush=True,
    )

    User = get_user_model()
    course = course_product(resident=ResidentFactory(), capacity=args.learners)
    users = User.objects.bulk_create(
        [User(email=f"learner{n}@bench.az") for n in range(args.learners)],
        batch_size=BATCH,
    )
    regions = [code for code, _label in REGIONS]
    bands = [code for code, _label in AGE_BANDS]
    LearnerProfile.objects.bulk_create(
        [
            LearnerProfile(
                user=user,
                region=rng.choice(regions) if n % 5 else "",
                region_consent=bool(n % 5),
                age_band=rng.choice(bands) if n % 4 else "",
                age_band_consent=bool(n % 4),
            )
            for n, user in enumerate(users)
        ],
        batch_size=BATCH,
    )
    seats = Seat.objects.bulk_create(
        [
            Seat(course=course, learner=user, source=SeatSource.FREE, unit=1)
            for user in users
        ],
        batch_size=BATCH,
    )
    for seat in seats:
        seat.created_at = year_ago + datetime.timedelta(
            seconds=rng.randrange(365 * 86400)
        )
        if seat.pk % 3 == 0:
            seat.completed_at = seat.created_at + datetime.timedelta(days=30)
    Seat.objects.bulk_update(seats, ["created_at", "completed_at"], batch_size=BATCH)
    Certificate.objects.bulk_create(
        [
            Certificate(
                seat=seat,
                code=f"C{seat.pk}",
                learner_name="Bench",
                course_title="Bench",
                completed_on=seat.completed_at.date(),
            )
            for seat in seats
            if seat.completed_at
        ],
        batch_size=BATCH,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  {len(seats)} learners with seats", flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    pg_admin(
        args.postgres_url,
        f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)",
        f"CREATE DATABASE {PG_DATABASE}",
    )
    setup_django(f"{args.postgres_url.rstrip('/')}/{PG_DATABASE}")
    try:
        print(f"impact bench: {args.orders} orders on PostgreSQL", flush=True)
        build(args)
        from django.utils import translation

        from market.impact.figures import impact_report
        from market.impact.periods import Period

        translation.activate("en")
        period = Period.last_twelve_months()
        median, worst, queries = timed(lambda: impact_report(period=period))
        print(
            f"impact_report, last 12 months, all programmes: median {median:.0f} ms, "
            f"max {worst:.0f} ms, {queries} queries"
        )
        median, worst, queries = timed(
            lambda: impact_report(period=period, programme="music")
        )
        print(
            f"impact_report, last 12 months, music: median {median:.0f} ms, "
            f"max {worst:.0f} ms, {queries} queries"
        )
        dashboard(period)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            pg_admin(
                args.postgres_url, f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"
            )
    return 0


def dashboard(period) -> None:
    """The whole admin page, if the dashboard is installed."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("impact:index")
    except NoReverseMatch:
        print("dashboard page: not installed")
        return
    admin = get_user_model().objects.create_superuser(
        email="bench-admin@bench.az", password="bench-password-2026"
    )
    client = Client(HTTP_HOST="market.localhost")
    client.force_login(admin)
    query = f"?first={period.first:%Y-%m-%d}&last={period.last:%Y-%m-%d}"

    def get():
        response = client.get(url + query)
        assert response.status_code == 200, response.status_code  # noqa: S101

    median, worst, queries = timed(get)
    print(
        f"dashboard page {url}: median {median:.0f} ms, max {worst:.0f} ms, "
        f"{queries} queries"
    )


if __name__ == "__main__":
    sys.exit(main())
