"""The pages tools/bench.py drives, and the SQL queries each one makes:
run in a subprocess with the benchmark's settings and database, it picks the
pages from the data (a product of each kind, the category with most
products...), requests each twice with Django's test Client (the second
request is the steady state: caches filled by the first), counts the second
one's queries, and prints the pages as JSON (with the number of products,
variants aside, in the database).
"""

# A script that prints its answer (T201).
# ruff: noqa: T201

import json
import os
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tools"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

SEARCH_WORD = "xalça"
SUGGEST_PREFIX = "xal"
BENCH_UPC = "BENCH-"


def _site_page(queryset) -> tuple[str, str] | None:
    """(host, path) of the first live Azerbaijani page of a queryset."""
    page = queryset.live().filter(locale__language_code="az").order_by("path").first()
    if page is None:
        return None
    _site_id, root_url, page_path = page.get_url_parts()
    return urlsplit(root_url).hostname, page_path


def pages() -> list[dict]:
    from django.conf import settings
    from django.db.models import Count
    from django.urls import reverse

    from catalogue.models import Category, Product
    from cms.models import CourseLandingPage, EventPage, StoryPage
    from market.residents.models import Resident
    from market.residents.selectors import public_products

    market = settings.MARKET_SITE_HOSTNAME
    edu = settings.EDU_SITE_HOSTNAME
    found = [
        ("hello (ceiling)", market, "/bench/hello/"),
        ("market home", market, "/"),
        ("Kreativ Edu home", edu, "/"),
        ("catalogue listing", market, reverse("catalogue:index")),
    ]
    category = (
        Category.objects.filter(depth=2)
        .annotate(products=Count("product"))
        .order_by("-products", "pk")
        .first()
    )
    found.append(("category page", market, category.get_absolute_url()))
    listed = public_products().filter(upc__startswith=BENCH_UPC).order_by("pk")
    for kind, extra in (
        ("physical", {"stockrecords__num_in_stock__gt": 0}),
        ("digital", {"structure": Product.PARENT}),
        ("service", {}),
        ("course", {"course__isnull": False}),
    ):
        product = listed.filter(product_class__slug=kind, **extra).first()
        if product is not None:
            found.append((f"product: {kind}", market, product.get_absolute_url()))
    for name, queryset in (
        ("course landing page", CourseLandingPage.objects),
        ("story page", StoryPage.objects),
        ("event page", EventPage.objects),
    ):
        site_page = _site_page(queryset)
        if site_page is not None:
            found.append((name, *site_page))
    resident = Resident.objects.filter(slug__startswith="bench-").order_by("pk").first()
    found.append(("resident shop", market, resident.get_absolute_url()))
    search = reverse("search:search")
    found.append(
        (f"search '{SEARCH_WORD}'", market, f"{search}?q={quote(SEARCH_WORD)}")
    )
    suggest = reverse("search:suggest")
    found.append(
        (f"suggestions '{SUGGEST_PREFIX}'", market, f"{suggest}?q={SUGGEST_PREFIX}")
    )
    result = [
        {"name": name, "host": host, "path": path, "method": "GET"}
        for name, host, path in found
    ]
    physical = (
        listed.filter(
            product_class__slug="physical", stockrecords__num_in_stock__gt=100
        ).first()
        or listed.filter(product_class__slug="physical").first()
    )
    if physical is not None:
        result.append(
            {
                "name": "basket add",
                "host": market,
                "path": reverse("basket:add", kwargs={"pk": physical.pk}),
                "method": "POST",
                "body": {"quantity": "1"},
            }
        )
    return result


def count_queries(page: dict) -> tuple[int, int]:
    """(status, queries) of the second request for the page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=page["host"])
    outcome = (0, 0)
    for _ in range(2):
        # A new visitor each time: no basket or session carried over.
        client.cookies.clear()
        with CaptureQueriesContext(connection) as captured:
            if page["method"] == "POST":
                response = client.post(page["path"], page["body"])
            else:
                response = client.get(page["path"])
        outcome = (response.status_code, len(captured))
    return outcome


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")
    import django

    django.setup()
    found = pages()
    # Only the pages asked for (tools/bench.py's --pages and --skip).
    wanted = [word for word in os.environ.get("BENCH_PAGES", "").split(",") if word]
    skipped = [word for word in os.environ.get("BENCH_SKIP", "").split(",") if word]
    if wanted:
        found = [p for p in found if any(word in p["name"] for word in wanted)]
    found = [p for p in found if not any(word in p["name"] for word in skipped)]
    for page in found:
        page["status"], page["queries"] = count_queries(page)
    from catalogue.models import Product

    products = Product.objects.filter(parent__isnull=True).count()
    print(json.dumps({"products": products, "pages": found}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
