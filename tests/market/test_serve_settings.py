"""`make serve`'s settings (market.settings.serve): the demo served as
production serves it. Each test reads the settings in a Python process of its
own with a chosen environment: settings are read once per process."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ = """
import json
import os
from django.conf import settings
middleware = settings.MIDDLEWARE
print(json.dumps({
    "debug": settings.DEBUG,
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "whitenoise": middleware.index("whitenoise.middleware.WhiteNoiseMiddleware"),
    "security": middleware.index("django.middleware.security.SecurityMiddleware"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "location": settings.CACHES["default"].get("LOCATION", ""),
    "sessions": settings.SESSION_ENGINE,
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "demo": settings.MARKET_DEMO_ALLOWED,
    "media": str(settings.WHITENOISE_ROOT / "media"),
    "media_target": str((settings.WHITENOISE_ROOT / "media").resolve()),
    "media_root": os.path.realpath(str(settings.MEDIA_ROOT)),
}))
"""


def _settings(tmp_path: Path, **env: str) -> dict:
    ours = ("DJANGO_", "STRIPE_", "DATABASE_", "REDIS_", "CACHE_", "MARKET_")
    clean = {
        key: value for key, value in os.environ.items() if not key.startswith(ours)
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", READ],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "market.settings.serve",
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_serve_settings_are_production_serving_of_the_demo(tmp_path):
    found = _settings(tmp_path)

    assert found["debug"] is False
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert found["whitenoise"] == found["security"] + 1
    assert found["conn_max_age"] == 60
    # No TLS on a local server.
    assert found["ssl_redirect"] is False
    assert found["demo"] is True
    # Without REDIS_URL: each worker's own memory.
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    # Uploaded images are served: /media/ is a link to MEDIA_ROOT.
    assert found["media_target"] == found["media_root"]


def test_serve_settings_use_redis_when_redis_url_is_set(tmp_path):
    found = _settings(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3")

    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["location"] == "redis://127.0.0.1:6379/3"
    assert found["sessions"] == "django.contrib.sessions.backends.cache"
