"""The demo served as production serves it (`make serve`, `make bench`).

The development settings (the demo's data, no real secrets, no Stripe keys)
with production's way of serving: DEBUG off, gunicorn's worker processes
keeping their database connections, static files from `collectstatic` with
hashed, compressed names served by WhiteNoise, and Redis as the cache when
REDIS_URL is set (local memory otherwise). There is no TLS here, so nothing
redirects to HTTPS and cookies are not marked secure: `manage.py check
--deploy` warns about exactly that (and the published development key),
which is why this is not production.py.
"""

import hashlib
import tempfile

from market.ops.sentry import sentry_init

from .connections import redis_cache_config
from .dev import *

DEBUG = False

# Gunicorn's sync workers serve one request at a time each, so a connection
# kept between requests is never shared by two threads (a new PostgreSQL
# connection costs ~4 ms).
DATABASES = {
    "default": DATABASES["default"]
    | {
        "CONN_MAX_AGE": env.int("DATABASE_CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
    }
}

if env("REDIS_URL", default=""):
    CACHES = {"default": redis_cache_config(env("REDIS_URL"))}
    # As production: sessions in the cache shared by every worker.
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # One cache per worker process: right for a demo, not shared.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Static files: as production.py.
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
# Media and private files as base.py decides (local folders, or the buckets
# when MARKET_S3_BUCKET and MARKET_S3_PRIVATE_BUCKET are set).
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Media (the demo's uploaded images and the renditions made while pages
# render): production leaves them to the proxy or object storage; here
# WhiteNoise serves them too. It serves WHITENOISE_ROOT at the site's root,
# so that folder holds one link, `media` -> MEDIA_ROOT, and it looks files up
# on each request (AUTOREFRESH) because renditions appear while serving. Pages
# end with "/", which WhiteNoise skips without touching the disk.
WHITENOISE_ROOT = (
    Path(tempfile.gettempdir())
    / f"market-serve-{hashlib.sha256(str(MEDIA_ROOT).encode()).hexdigest()[:12]}"
)
WHITENOISE_AUTOREFRESH = True
_media_link = WHITENOISE_ROOT / MEDIA_URL.strip("/")
if not _media_link.is_symlink():
    WHITENOISE_ROOT.mkdir(parents=True, exist_ok=True)
    try:
        _media_link.symlink_to(str(MEDIA_ROOT), target_is_directory=True)
    except FileExistsError:  # another worker made it first
        pass

# No TLS on a local server: no HTTPS redirect, no HSTS (base's defaults).
SECURE_SSL_REDIRECT = False
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Logs and error reports (market/ops) ----------------------------------
LOGGING = logging_config(
    log_format=env("DJANGO_LOG_FORMAT", default="json"),
    level=env("DJANGO_LOG_LEVEL", default="INFO"),
)
sentry_init(
    dsn=env("SENTRY_DSN", default=""),
    environment=env("SENTRY_ENVIRONMENT", default="serve"),
    release=env("SENTRY_RELEASE", default=""),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)
