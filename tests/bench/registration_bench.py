"""How long the registration and password-reset forms take to answer for an
address with an account, one waiting for its confirmation, and a new one:
if the times differ, a stranger could tell them apart by the clock.

Figures, not a test. Runs on a scratch SQLite database (migrated first, then
deleted) with Django's production password hasher (PBKDF2), through Django's
test client, the e-mails queued in the outbox (sent by a worker later, as in
production). Each figure is the median of --rounds requests.

    .venv/bin/python tests/bench/registration_bench.py --rounds 15
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="registration-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "market.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["MARKET_TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from market.accounts.models import User

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    User.objects.create_user(email="owner@example.az", password="x" * 12)

    def register(email: str) -> float:
        cache.clear()  # the per-address e-mail limit is not what is measured
        started = time.perf_counter()
        response = Client().post(
            "/shop/accounts/login/",
            {
                "registration-email": email,
                "registration-password1": "kelaghayi silk 1908",
                "registration-password2": "kelaghayi silk 1908",
                "registration_submit": "1",
            },
        )
        elapsed = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        return elapsed

    def reset(email: str) -> float:
        cache.clear()
        started = time.perf_counter()
        response = Client().post("/shop/password-reset/", {"email": email})
        elapsed = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        return elapsed

    register("waiting@example.az")
    cases = {
        "register: new address": lambda n: register(f"new{n}@example.az"),
        "register: address with an account": lambda n: register("owner@example.az"),
        "register: address waiting for its link": lambda n: register(
            "waiting@example.az"
        ),
        "password reset: address with an account": lambda n: reset("owner@example.az"),
        "password reset: unknown address": lambda n: reset(f"nobody{n}@example.az"),
    }
    for case in cases.values():  # warm up
        case(-1)
    print(f"median of {args.rounds} requests each (ms), PBKDF2, SQLite")  # noqa: T201
    for name, case in cases.items():
        times = [case(n) * 1000 for n in range(args.rounds)]
        print(  # noqa: T201
            f"{name:42} {statistics.median(times):8.1f}"
            f"   (min {min(times):.1f}, max {max(times):.1f})"
        )


if __name__ == "__main__":
    main()
