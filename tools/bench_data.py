"""The page benchmark's data (tools/bench.py runs this in a subprocess, with
market.settings.dev on the bench database): the demo (`migrate`,
`load_demo`: both Wagtail sites, stories, events, course pages), then N more
products bulk-written by tests/bench/search_bench.py's build_catalogue (a
dozen approved residents with their partners, a category tree, the four kinds
with en/ru translations on part of them, a third of the digital products sold
as licence tiers), plus what build_catalogue leaves out: one image per
product (eight real files shared by every ProductImage row) and the course
rows of course products (two sessions each, enrolment open). Then the search
index is rebuilt for every listed product and the tables are vacuumed and
analysed, as autovacuum would soon do.

    python tools/bench_data.py --products 10000 [--seed 1]
"""

# A script that prints progress (T201) from seeded, non-secret random data (S311).
# ruff: noqa: T201, S311

import argparse
import io
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tests" / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

IMAGE_COLOURS = ["#8c2f39", "#1d4e89", "#2e7d32", "#6a1b9a"]
BENCH_UPC = "BENCH-"


def _step(name: str, started: float) -> float:
    now = time.perf_counter()
    print(f"  {name}: {now - started:.1f} s", flush=True)
    return now


def build_images(rng: random.Random) -> dict[str, list[str]]:
    """Two image files per kind in MEDIA_ROOT; returns their names by kind."""
    from django.core.files.storage import default_storage

    from market.demo.images import product_image

    names: dict[str, list[str]] = {}
    for kind in ("physical", "digital", "service", "course"):
        for number in range(2):
            picture = product_image(
                f"Bench {kind} {number + 1}", kind, rng.choice(IMAGE_COLOURS)
            )
            name = default_storage.save(
                f"images/products/bench/{kind}-{number + 1}.png", picture
            )
            names.setdefault(kind, []).append(name)
    return names


def add_images(images: dict[str, list[str]], rng: random.Random) -> int:
    """One ProductImage per bench product (parents and standalone ones)."""
    from oscar.apps.catalogue.models import ProductImage

    from catalogue.models import Product

    rows = []
    products = (
        Product.objects.filter(upc__startswith=BENCH_UPC, parent__isnull=True)
        .values_list("pk", "product_class__slug")
        .iterator(chunk_size=5000)
    )
    for pk, kind in products:
        rows.append(
            ProductImage(
                product_id=pk, original=rng.choice(images[kind]), display_order=0
            )
        )
    ProductImage.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def add_courses(rng: random.Random) -> int:
    """A Course row and two future sessions per bench course product."""
    from django.utils import timezone

    from catalogue.models import Product
    from market.learning.models import Course, CourseSession

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    courses, sessions = [], []
    products = Product.objects.filter(
        upc__startswith=BENCH_UPC, product_class__slug="course"
    ).values_list("pk", flat=True)
    for pk in products.iterator(chunk_size=5000):
        online = rng.random() < 0.3
        first = now + timedelta(days=rng.randint(7, 120), hours=rng.randint(9, 18))
        courses.append(
            Course(
                product_id=pk,
                online=online,
                city="" if online else rng.choice(["Bakı", "Gəncə", "Şəki"]),
                venue="" if online else "Kreativ Mərkəz",
                language=rng.choice(["az", "en", "ru"]),
                level=rng.choice(["beginner", "intermediate", "advanced", "all"]),
                first_session_at=first,
            )
        )
        for week in range(2):
            starts = first + timedelta(weeks=week)
            sessions.append(
                CourseSession(
                    course_id=pk, starts_at=starts, ends_at=starts + timedelta(hours=2)
                )
            )
    # bulk_create skips CourseSession.save(): first_session_at is set above.
    Course.objects.bulk_create(courses, batch_size=2000)
    CourseSession.objects.bulk_create(sessions, batch_size=2000)
    return len(courses)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "market.settings.dev")
    # DEBUG would record every SQL statement of the build.
    os.environ["DJANGO_DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from search_bench import build_catalogue

    started = begun = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    started = _step("migrate", started)
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    started = _step(f"load_demo ({output.getvalue().strip()})", started)
    rng = random.Random(arguments.seed)
    catalogue = build_catalogue(arguments.products, rng, licence_variants=0.33)
    counts = catalogue["counts"]
    started = _step(
        f"{counts['product']} products ({counts['variant']} licence variants, "
        f"{counts['stockrecord']} stock records, {counts['categories']} categories)",
        started,
    )
    images = add_images(build_images(rng), rng)
    started = _step(f"{images} product images", started)
    courses = add_courses(rng)
    started = _step(f"{courses} courses", started)
    call_command("search_rebuild", stdout=io.StringIO())
    started = _step("search index", started)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
    _step("VACUUM ANALYZE", started)
    print(f"  built in {time.perf_counter() - begun:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
