"""Production: every secret comes from the environment, with no default.

A missing DJANGO_SECRET_KEY, DATABASE_URL, STRIPE_SECRET_KEY or
STRIPE_WEBHOOK_SECRET stops the process at start-up (ImproperlyConfigured).
"""

from .base import *

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")

CACHES = {"default": env.cache("REDIS_URL", default="rediscache://127.0.0.1:6379/1")}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
if env("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=3600)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
OSCAR_URL_SCHEMA = "https"

# Object storage for media (S3-compatible) is a setting: STORAGES can point
# at django-storages when DJANGO_MEDIA_STORAGE is given.
if env("DJANGO_MEDIA_STORAGE", default=""):
    STORAGES = {
        "default": {"BACKEND": env("DJANGO_MEDIA_STORAGE")},
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }
