"""Screenshots of the key pages of both sites, for review (`make screenshots`).

Builds the demo once in a SQLite file (`--database`, rebuilt with `--fresh`),
serves it with runserver, and photographs each page at 1366 and 390 px wide
in Azerbaijani, English and Russian with Debian's chromium. The buyer's pages
(basket, checkout) are reached the way a buyer reaches them: signing in and
adding to the cart in the browser. Writes screenshots/<site>/<page>.<lang>.<width>.png
and screenshots/index.html. Not a test: a person looks at the pictures.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WIDTHS = (1366, 390)
LANGUAGES = ("az", "en", "ru")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BUYER = ("buyer@creative-market.az", "demo-buyer-2026")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _prefixed(path: str, language: str) -> str:
    return path if language == "az" else f"/{language}{path}"


def _manage(*arguments: str, env: dict) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True
    )


def _pages() -> dict[str, dict[str, dict[str, str]]]:
    """{site: {page: {language: path}}}, read from the demo database."""
    import django

    django.setup()
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale, Page

    from catalogue.kinds import COURSE, DIGITAL, PHYSICAL, SERVICE
    from catalogue.models import Category, Product
    from cms.models import (
        CourseIndexPage,
        CourseLandingPage,
        EventPage,
        HomePage,
        ProgrammePage,
        StandardPage,
        StoryPage,
        StudioPage,
    )
    from market.residents.models import Resident

    def oscar(path_of) -> dict[str, str]:
        paths = {}
        for language in LANGUAGES:
            with translation.override(language):
                paths[language] = path_of()
        return paths

    def wagtail(page: Page | None) -> dict[str, str]:
        if page is None:
            return {}
        paths = {}
        for language in LANGUAGES:
            locale = Locale.objects.get(language_code=language)
            translated = page.get_translation_or_none(locale)
            if translated is not None and translated.live:
                paths[language] = translated.specific.get_url_parts()[2]
        return paths

    def first(model, **filters):
        return (
            model.objects.live()
            .filter(locale__language_code="az", **filters)
            .order_by("path")
            .first()
        )

    def product(kind: str):
        found = (
            Product.objects.browsable()
            .filter(product_class__slug=kind)
            .order_by("pk")
            .first()
        )
        return oscar(found.get_absolute_url) if found else {}

    edu_home = HomePage.objects.get(slug="edu", locale__language_code="az", depth=2)
    market_home = HomePage.objects.get(
        slug="market", locale__language_code="az", depth=2
    )
    category = Category.objects.filter(depth=1).order_by("path").first()
    resident = Resident.objects.filter(status="approved").order_by("pk").first()
    return {
        "market": {
            "home": {language: _prefixed("/", language) for language in LANGUAGES},
            "catalogue": oscar(lambda: reverse("catalogue:index")),
            "category": oscar(category.get_absolute_url),
            "search": oscar(lambda: reverse("search:search") + "?q=xal%C3%A7a"),
            "product-physical": product(PHYSICAL),
            "product-digital": product(DIGITAL),
            "product-service": product(SERVICE),
            "product-course": product(COURSE),
            "residents": oscar(lambda: reverse("residents:list")),
            "resident-shop": oscar(
                lambda: reverse("residents:shop", args=[resident.slug])
            ),
            "programme": wagtail(first(ProgrammePage)),
            "studio": wagtail(first(StudioPage)),
            "event": wagtail(first(EventPage, path__startswith=market_home.path)),
            "story": wagtail(first(StoryPage, path__startswith=market_home.path)),
            "standard": wagtail(first(StandardPage, path__startswith=market_home.path)),
            "sign-in": oscar(lambda: reverse("customer:login")),
            "basket": oscar(lambda: reverse("basket:summary")),
            "checkout": oscar(lambda: reverse("checkout:index")),
            "account": oscar(lambda: reverse("customer:summary")),
            "orders": oscar(lambda: reverse("customer:order-list")),
            "my-learning": oscar(lambda: reverse("learning:mine")),
        },
        "edu": {
            "home": {language: _prefixed("/", language) for language in LANGUAGES},
            "courses": wagtail(first(CourseIndexPage)),
            "course": wagtail(first(CourseLandingPage)),
            "event": wagtail(first(EventPage, path__startswith=edu_home.path)),
            "story": wagtail(first(StoryPage, path__startswith=edu_home.path)),
        },
    }


def _sign_in_and_fill_cart(
    context, market: str, login_path: str, product_path: str
) -> None:
    """The demo buyer signs in and puts the carpet in the cart, as a person."""
    page = context.new_page()
    page.goto(market + login_path)
    page.fill("#id_login-username", BUYER[0])
    page.fill("#id_login-password", BUYER[1])
    page.locator(
        "form#login_form button[type=submit], form#login_form [type=submit]"
    ).first.click()
    page.wait_for_load_state()
    page.goto(market + product_path)
    add = page.locator("form#add_to_basket_form [type=submit]").first
    if add.count():
        add.click()
        page.wait_for_load_state()
    page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="/tmp/creative-market-screens.sqlite3")
    parser.add_argument("--fresh", action="store_true", help="rebuild the demo")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--only", help="page names, comma-separated")
    arguments = parser.parse_args()

    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite:///{arguments.database}"
    env.setdefault("DJANGO_SETTINGS_MODULE", "market.settings.dev")
    os.environ.update(env)
    database = Path(arguments.database)
    if arguments.fresh and database.exists():
        database.unlink()
    if not database.exists():
        print("Building the demo (a few minutes, once)...", flush=True)
        _manage("migrate", "--noinput", "-v0", env=env)
        _manage("load_demo", env=env)

    pages = _pages()
    only = set(arguments.only.split(",")) if arguments.only else None
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(Path(tempfile.gettempdir()) / "creative-market-server.log").open("w"),
    )
    out = Path(arguments.out)
    taken = []
    try:
        for _ in range(240):  # a loaded machine starts slowly
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        from playwright.sync_api import sync_playwright

        hosts = {
            "market": f"http://market.localhost:{port}",
            "edu": f"http://edu.localhost:{port}",
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--host-resolver-rules=MAP *.localhost 127.0.0.1",
                ],
            )
            for width in WIDTHS:
                context = browser.new_context(
                    viewport={"width": width, "height": 900},
                    device_scale_factor=1,
                    is_mobile=width < 500,
                    has_touch=width < 500,
                )
                physical = pages["market"]["product-physical"].get("az")
                if physical:
                    _sign_in_and_fill_cart(
                        context,
                        hosts["market"],
                        pages["market"]["sign-in"]["az"],
                        physical,
                    )
                page = context.new_page()
                for site, site_pages in pages.items():
                    for name, paths in site_pages.items():
                        if only and name not in only:
                            continue
                        for language in LANGUAGES:
                            path = paths.get(language)
                            if path is None:
                                continue
                            url = hosts[site] + path
                            response = page.goto(url)
                            page.wait_for_load_state("networkidle")
                            target = out / site / f"{name}.{language}.{width}.png"
                            target.parent.mkdir(parents=True, exist_ok=True)
                            page.screenshot(path=str(target), full_page=True)
                            wide = page.evaluate("document.documentElement.scrollWidth")
                            status = response.status if response else "-"
                            note = (
                                f" (scrolls sideways: {wide}px)" if wide > width else ""
                            )
                            print(f"{status} {url} -> {target.relative_to(ROOT)}{note}")
                            taken.append((target, url, status, note))
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    rows = "\n".join(
        f'<figure><figcaption>{status} <a href="{url}">{url}</a>{note}</figcaption>'
        f'<img src="{target.relative_to(out)}" loading="lazy" width="400"></figure>'
        for target, url, status, note in taken
    )
    (out / "index.html").write_text(
        f"<!doctype html><meta charset=utf-8><title>Screenshots</title>"
        f"<style>figure{{display:inline-block;vertical-align:top;margin:8px}}</style>"
        f"{rows}",
        encoding="utf-8",
    )
    print(f"{len(taken)} screenshots in {out}; open {out / 'index.html'}")


if __name__ == "__main__":
    main()
