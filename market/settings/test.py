"""Tests: fast hashing, in-memory e-mail, media under a temporary folder."""

import tempfile

from .base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="market-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that `pytest --reuse-db` can keep it between runs.
    # MARKET_TEST_SQLITE lets two test runs on one checkout use separate files.
    DATABASES["default"]["TEST"] = {
        "NAME": env("MARKET_TEST_SQLITE", default=str(BASE_DIR / ".test-db.sqlite3"))
    }

# The suite searches the database; the Elasticsearch contract suite builds its
# own backend on ELASTICSEARCH_URL when that is set.
MARKET_SEARCH_BACKEND = "search.backends.database.DatabaseBackend"
# Tests render pages after changing rows behind the signals' back (update(),
# time travel): the page cache is tested on its own (tests/market/test_page_cache.py).
MARKET_PAGE_CACHE = False
# So are product cards (tests/catalogue/test_card_cache.py).
MARKET_CARD_CACHE = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The tests pay at localstripe (tests/stripe_fixtures.py), whose fake
# Stripe.js needs the checkout's confirmation view.
MARKET_FAKE_STRIPE = True
# The account forms' equal-time floor is measured by a benchmark
# (tests/bench/registration_bench.py), not waited for in every test.
MARKET_ACCOUNT_ANSWER_SECONDS = 0
# Wagtail's automatic redirects on a slug change are Wagtail's own feature,
# which no test of ours exercises (production keeps them on); building the two
# sites' translated home pages, which many tests do, spent a quarter of its
# time computing them.
WAGTAILREDIRECTS_AUTO_CREATE = False
