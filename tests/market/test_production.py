"""Production is not the demo: under production settings the demo and the
fake-Stripe view do not exist, the deployment checks are clean, malformed
service URLs stop the start, and the WSGI entry point defaults to production.

Each test starts a Python process of its own with a chosen environment:
settings are read once per process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "s3cret-Pa55word"
# A complete, valid production environment (nothing is connected to).
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "market.settings.production",
    "DJANGO_SECRET_KEY": "q8Zk3vRn2Lpw7Yt5Hs9Jd4Fg6Xc1Bm0NaUeKiOjPlQrWsVtYx-_!@#%^&*(",
    "DATABASE_URL": f"postgres://market:{PASSWORD}@db.internal:5432/market",
    "DJANGO_ALLOWED_HOSTS": "market.example.az,edu.example.az",
    "STRIPE_SECRET_KEY": "sk_live_123",
    "STRIPE_PUBLISHABLE_KEY": "pk_live_123",
    "STRIPE_WEBHOOK_SECRET": "whsec_123",
    "REDIS_URL": f"rediscache://:{PASSWORD}@redis.internal:6379/1",
    "ELASTICSEARCH_URL": f"https://elastic:{PASSWORD}@search.internal:9200",
}


def _run(arguments: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run our interpreter in the project with only `env` of our variables."""
    ours = ("DJANGO_", "STRIPE_", "DATABASE_", "REDIS_", "ELASTICSEARCH_", "MARKET_")
    clean = {
        key: value for key, value in os.environ.items() if not key.startswith(ours)
    }
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, *arguments],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION
    )

    assert result.returncode == 0, result.stderr
    # The two silenced: templates.W003, once per template engine (the
    # `currency_filters` name mapped to our library on purpose; base settings).
    assert result.stdout.strip() == "System check identified no issues (2 silenced)."
    assert "WARNING" not in result.stderr


def test_production_sends_https_headers():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS, "
        "s.SECURE_REFERRER_POLICY, s.DATABASES['default']['CONN_MAX_AGE'])"
    )

    default = _run(["-c", code], PRODUCTION)
    configured = _run(
        ["-c", code],
        PRODUCTION
        | {
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "31536000",
            "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "false",
            "DJANGO_SECURE_HSTS_PRELOAD": "false",
            "DATABASE_CONN_MAX_AGE": "120",
        },
    )

    assert default.stdout.split() == (
        "True 3600 True True True True DENY same-origin 60".split()
    ), default.stderr
    assert configured.stdout.split() == (
        "False 31536000 False False True True DENY same-origin 120".split()
    ), configured.stderr


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("DATABASE_URL", f"postgres//market:{PASSWORD}@db/market", "no scheme"),
        ("DATABASE_URL", f"mysql://market:{PASSWORD}@db/market", "unknown scheme"),
        ("DATABASE_URL", f"postgres://market:{PASSWORD}@db:54x2/market", "port"),
        ("DATABASE_URL", f"postgres://market:{PASSWORD}@db:5432/", "no database"),
        ("REDIS_URL", f"redis//:{PASSWORD}@redis:6379/1", "no scheme"),
        ("REDIS_URL", f"http://:{PASSWORD}@redis:6379/1", "unknown scheme"),
        ("REDIS_URL", f"rediscache://:{PASSWORD}@redis:63a9/1", "port"),
        ("REDIS_URL", f"rediscache://:{PASSWORD}@redis:6379/one", "a number"),
        ("ELASTICSEARCH_URL", f"search.internal:{PASSWORD}@9200", "no scheme"),
        ("ELASTICSEARCH_URL", f"ftp://elastic:{PASSWORD}@search:9200", "scheme"),
        ("ELASTICSEARCH_URL", f"https://elastic:{PASSWORD}@search:92o0", "port"),
        ("ELASTICSEARCH_URL", "https://:9200", "no host"),
    ],
)
def test_a_malformed_service_url_stops_the_start_naming_the_variable(
    variable, value, reason
):
    result = _run(
        ["-c", "from django.conf import settings; settings.DATABASES"],
        PRODUCTION | {variable: value},
    )

    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(
        f"django.core.exceptions.ImproperlyConfigured: {variable} is not a valid "
    )
    assert reason in last_line
    assert PASSWORD not in result.stderr


def test_development_also_refuses_a_malformed_database_url():
    result = _run(
        ["-c", "from django.conf import settings; settings.DATABASES"],
        {
            "DJANGO_SETTINGS_MODULE": "market.settings.dev",
            "DATABASE_URL": f"postgres://u:{PASSWORD}@db:port/market",
        },
    )

    assert result.returncode == 1
    assert "DATABASE_URL is not a valid database URL" in result.stderr
    assert PASSWORD not in result.stderr


def test_production_refuses_a_fake_stripe():
    result = _run(
        ["-c", "from django.conf import settings; settings.DEBUG"],
        PRODUCTION | {"STRIPE_API_BASE": "http://127.0.0.1:8420"},
    )

    assert result.returncode == 1
    assert "STRIPE_API_BASE points Stripe at a fake server" in result.stderr


@pytest.mark.parametrize("command", ["load_demo", "run_with_localstripe"])
def test_production_has_no_demo_command(command):
    result = _run(["manage.py", command], PRODUCTION)

    assert result.returncode == 1
    assert f"Unknown command: '{command}'" in result.stderr


def test_production_routes_no_fake_stripe_confirmation():
    code = """
import django
django.setup()
from django.apps import apps
from django.urls import NoReverseMatch, resolve, reverse
print(resolve("/shop/checkout/pay/").url_name)
print("market.demo" in [app.name for app in apps.get_app_configs()])
# Wagtail's catch-all answers any other path (with its 404 page).
print(resolve("/shop/checkout/pay/confirm/").view_name)
try:
    print(reverse("checkout:pay-confirm"))
except NoReverseMatch:
    print("no checkout:pay-confirm")
"""

    production = _run(["-c", code], PRODUCTION)
    development = _run(["-c", code], {"DJANGO_SETTINGS_MODULE": "market.settings.dev"})

    assert production.stdout.splitlines() == [
        "pay",
        "False",
        "wagtail_serve",
        "no checkout:pay-confirm",
    ], production.stderr
    assert development.stdout.splitlines() == [
        "pay",
        "True",
        "checkout:pay-confirm",
        "/shop/checkout/pay/confirm/",
    ], development.stderr


def test_wsgi_defaults_to_production_and_manage_py_to_development():
    code = (
        "import market.wsgi; from django.conf import settings; "
        "print(settings.SETTINGS_MODULE, settings.DEBUG)"
    )
    secrets = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SETTINGS_MODULE"}

    wsgi = _run(["-c", code], secrets)
    wsgi_without_secrets = _run(["-c", code], {})
    manage = _run(
        [
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.SETTINGS_MODULE)",
        ],
        {},
    )

    assert wsgi.stdout.strip() == "market.settings.production False", wsgi.stderr
    assert wsgi_without_secrets.returncode == 1
    assert "Set the DJANGO_SECRET_KEY environment variable" in (
        wsgi_without_secrets.stderr
    )
    assert manage.stdout.strip() == "market.settings.dev", manage.stderr


def test_production_requires_two_factor_sign_in_for_staff():
    code = "from django.conf import settings as s; print(s.MARKET_STAFF_REQUIRE_2FA)"

    default = _run(["-c", code], PRODUCTION)
    turned_off = _run(["-c", code], PRODUCTION | {"MARKET_STAFF_REQUIRE_2FA": "false"})
    development = _run(["-c", code], {"DJANGO_SETTINGS_MODULE": "market.settings.dev"})

    assert default.stdout.strip() == "True", default.stderr
    assert turned_off.stdout.strip() == "False", turned_off.stderr
    assert development.stdout.strip() == "False", development.stderr


def test_production_serves_static_files_compressed_through_whitenoise():
    code = (
        "from django.conf import settings as s; "
        "print(s.MIDDLEWARE[s.MIDDLEWARE.index("
        "'django.middleware.security.SecurityMiddleware') + 1]); "
        "print(s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = _run(["-c", f"import django; django.setup(); {code}"], PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]
