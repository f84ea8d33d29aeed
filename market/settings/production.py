"""Production: every secret comes from the environment, with no default.

A missing DJANGO_SECRET_KEY, DATABASE_URL, DJANGO_ALLOWED_HOSTS,
STRIPE_SECRET_KEY or STRIPE_WEBHOOK_SECRET stops the process at start-up
(ImproperlyConfigured), and so does a malformed DATABASE_URL, REDIS_URL or
ELASTICSEARCH_URL. `manage.py check --deploy` is clean with these settings.
"""

from django.core.exceptions import ImproperlyConfigured

from market.ops.sentry import sentry_init

from .base import *
from .connections import database_config, redis_cache_config

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
DATABASES = {"default": database_config(env("DATABASE_URL"))}
# Gunicorn's workers keep their connections (a new one costs ~4 ms).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")

CACHES = {
    "default": redis_cache_config(
        env("REDIS_URL", default="rediscache://127.0.0.1:6379/1")
    )
}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
if env("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))

# --- Production is not the demo (issue 13, section 6) -----------------------
# The demo app (load_demo, whose accounts and passwords are in the README, and
# run_with_localstripe) is not installed, and the checkout routes no view for
# a fake Stripe.
INSTALLED_APPS = [app for app in INSTALLED_APPS if not app.startswith("market.demo")]
MARKET_FAKE_STRIPE = False
MARKET_DEMO_ALLOWED = False
# Staff sign in with two factors to use /cms/ and /dashboard/ (issue 13, §2).
MARKET_STAFF_REQUIRE_2FA = env.bool("MARKET_STAFF_REQUIRE_2FA", default=True)
if STRIPE_API_BASE:
    raise ImproperlyConfigured(
        "STRIPE_API_BASE points Stripe at a fake server (localstripe); "
        "production talks to Stripe itself: unset it."
    )

# HTTPS: behind a proxy that sets X-Forwarded-Proto. HSTS starts at an hour;
# raise DJANGO_SECURE_HSTS_SECONDS to a year (31536000) once every subdomain
# serves HTTPS. The preload directive only has an effect once the domain is
# submitted to the browsers' preload list, which is hard to undo.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# --- end of production is not the demo --------------------------------------
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
OSCAR_URL_SCHEMA = "https"

# Static files: WhiteNoise serves what `collectstatic` gathered, with hashed
# names (cached for a year) and Brotli/gzip copies made at collect time, so a
# page's CSS, scripts and fonts travel compressed without a proxy's help.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
# Media and the files sold stay as base.py chose them: local folders, or the
# two buckets when MARKET_S3_BUCKET and MARKET_S3_PRIVATE_BUCKET are set.
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if env("DJANGO_MEDIA_STORAGE", default=""):
    raise ImproperlyConfigured(
        "DJANGO_MEDIA_STORAGE is replaced by MARKET_S3_BUCKET and "
        "MARKET_S3_PRIVATE_BUCKET (see the README): unset it."
    )

# --- Logs and error reports (market/ops) ----------------------------------
LOGGING = logging_config(
    log_format=env("DJANGO_LOG_FORMAT", default="json"),
    level=env("DJANGO_LOG_LEVEL", default="INFO"),
)
sentry_init(
    dsn=env("SENTRY_DSN", default=""),
    environment=env("SENTRY_ENVIRONMENT", default="production"),
    release=env("SENTRY_RELEASE", default=""),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)
