"""Production settings fail fast without their secrets; development needs none."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DATABASE_URL": "postgres://market@127.0.0.1:5432/market",
    "DJANGO_ALLOWED_HOSTS": "market.example.az",
    "STRIPE_SECRET_KEY": "sk_test_123",
    "STRIPE_WEBHOOK_SECRET": "whsec_123",
}


def _load_settings(module: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in SECRETS and not key.startswith(("DJANGO_", "STRIPE_"))
    }
    clean.pop("DATABASE_URL", None)
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG)"
    )
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": module},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_refuses_to_start_without_a_secret(missing):
    env = {key: value for key, value in SECRETS.items() if key != missing}

    result = _load_settings("market.settings.production", env)

    assert result.returncode == 1
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_starts_with_every_secret():
    result = _load_settings("market.settings.production", SECRETS)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql False"


def test_development_needs_no_environment():
    result = _load_settings("market.settings.dev", {})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3 True"
