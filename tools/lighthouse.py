"""Lighthouse's four scores (mobile preset) and the bytes transferred on first
load, for the market home, a product page and a course page of the demo
(`make lighthouse`). Figures, not a CI gate.

Uses the demo database of tools/screenshots.py (built on first use), serves it
as production does (production settings, `collectstatic` with WhiteNoise's
compressed storage, gunicorn with 2 workers, Redis cache; HTTPS redirect off
as there is no TLS here), and runs the npm `lighthouse` of tools/lighthouse's lock file
(installed into .tools/lighthouse by `make lighthouse`) with Debian's chromium.
"""

import argparse
import json
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
LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _urls(port: int) -> dict[str, str]:
    import django

    django.setup()
    from catalogue.kinds import PHYSICAL
    from catalogue.models import Product
    from cms.models import CourseLandingPage

    product = (
        Product.objects.browsable()
        .filter(product_class__slug=PHYSICAL)
        .order_by("pk")
        .first()
    )
    course = (
        CourseLandingPage.objects.live()
        .filter(locale__language_code="az")
        .order_by("path")
        .first()
    )
    market = f"http://market.localhost:{port}"
    edu = f"http://edu.localhost:{port}"
    return {
        "market home": market + "/",
        "product page": market + product.get_absolute_url(),
        "course page": edu + course.get_url_parts()[2],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="/tmp/creative-market-screens.sqlite3")
    arguments = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse is not installed: run `make lighthouse`")
    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite:///{arguments.database}"
    if not Path(arguments.database).exists():
        for command in (["migrate", "--noinput", "-v0"], ["load_demo"]):
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env | {"DJANGO_SETTINGS_MODULE": "market.settings.dev"},
                check=True,
            )
    static_root = Path(tempfile.mkdtemp(prefix="lighthouse-static-"))
    # `make serve`'s settings: production's serving (DEBUG off, WhiteNoise's
    # compressed, hashed static files) without its secrets, and the demo's
    # uploaded images served too.
    env |= {
        "DJANGO_SETTINGS_MODULE": "market.settings.serve",
        "DJANGO_ALLOWED_HOSTS": "market.localhost,edu.localhost,127.0.0.1",
        "DJANGO_STATIC_ROOT": str(static_root),
        "REDIS_URL": env.get("REDIS_URL", "rediscache://127.0.0.1:6379/5"),
    }
    env.pop("STRIPE_API_BASE", None)
    os.environ.update(env)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    urls = _urls(port)
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            str(ROOT / "market" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(Path(tempfile.gettempdir()) / "creative-market-server.log").open("w"),
    )
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        for _ in range(240):  # a loaded machine starts slowly
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        print(
            f"{'page':<14}"
            + "".join(f"{name:>16}" for name in CATEGORIES)
            + f"{'weight (KB)':>14}"
        )
        for name, url in urls.items():
            with tempfile.TemporaryDirectory() as scratch:
                report = Path(scratch) / "report.json"
                for attempt in (1, 2):  # Lighthouse sometimes loses a trace: once more
                    done = subprocess.run(  # noqa: S603
                        [
                            str(LIGHTHOUSE),
                            url,
                            "--quiet",
                            "--output=json",
                            f"--output-path={report}",
                            f"--only-categories={','.join(CATEGORIES)}",
                            "--chrome-flags=--headless=new --no-sandbox "
                            "--host-resolver-rules=MAP *.localhost 127.0.0.1",
                        ],
                        env=env | {"CHROME_PATH": chromium},
                        check=attempt == 2,
                    )
                    if done.returncode == 0:
                        break
                found = json.loads(report.read_text(encoding="utf-8"))
            scores = [
                round(found["categories"][category]["score"] * 100)
                for category in CATEGORIES
            ]
            # Bytes transferred on first load (compressed as served).
            weight = found["audits"]["total-byte-weight"]["numericValue"] / 1024
            print(
                f"{name:<14}"
                + "".join(f"{score:>16}" for score in scores)
                + f"{weight:>14.0f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
