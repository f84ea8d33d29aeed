"""Settings shared by every environment.

One environment reader (django-environ). Embedded defaults: SQLite, database
search, console e-mail, filesystem media, local-memory cache. Each production
integration is switched on by an environment variable (see .env.example).
"""

import base64
import hashlib
from decimal import Decimal
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from oscar import INSTALLED_APPS as OSCAR_APPS
from oscar.defaults import *  # Oscar's defaults, overridden below

from market.ops.logging import logging_config

from .connections import database_config, elasticsearch_url
from .storage import media_origins, media_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-not-secret")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", ".localhost", "testserver"],
)


def _oscar_apps() -> list[str]:
    """Oscar's app list with our three forks in place of Oscar's apps.

    Haystack is dropped from INSTALLED_APPS: our `search` fork does the work
    (the package stays installed because Oscar's modules import it).
    """
    forks = {
        "oscar.apps.catalogue.apps.CatalogueConfig": "catalogue.apps.CatalogueConfig",
        "oscar.apps.checkout.apps.CheckoutConfig": "checkout.apps.CheckoutConfig",
        "oscar.apps.search.apps.SearchConfig": "search.apps.SearchConfig",
    }
    skipped = {"haystack"}
    return [forks.get(app, app) for app in OSCAR_APPS if app not in skipped]


INSTALLED_APPS = [
    "market.apps.MarketConfig",
    "market.accounts.apps.AccountsConfig",
    "market.residents.apps.ResidentsConfig",
    "market.currencies.apps.CurrenciesConfig",
    "market.export.apps.ExportConfig",
    "market.payments.apps.PaymentsConfig",
    "market.payouts.apps.PayoutsConfig",
    "market.downloads.apps.DownloadsConfig",
    "market.learning.apps.LearningConfig",
    "market.mail.apps.MailConfig",
    "market.alerts.apps.AlertsConfig",
    "market.ops.apps.OpsConfig",
    "market.impact.apps.ImpactConfig",
    "market.bookings.apps.BookingsConfig",
    "market.trade.apps.TradeConfig",
    "market.api.apps.ApiConfig",
    "market.webhooks.apps.WebhooksConfig",
    # django-ninja: serves the API documentation's own static files.
    "ninja",
    # Wagtail's content API for partners (/api/content/v2/, market/api/content.py).
    # Django REST framework itself is not an installed app: it answers JSON
    # only here, and as an app its az/ru catalogues would replace Django's
    # own wording of shared messages ("Enter a valid email address.") on
    # every form of the site.
    "wagtail.api.v2",
    "market.demo.apps.DemoConfig",
    "cms.apps.CmsConfig",
    *_oscar_apps(),
    "sorl.thumbnail",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail_localize",
    "wagtail_localize.locales",  # in place of wagtail.locales
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    # First: /healthz and /readyz answered before host checks (market/ops).
    "market.ops.middleware.ProbeMiddleware",
    # Then: the request id, the access log, request metrics and /metrics
    # itself, also before host checks (market/ops/access.py).
    "market.ops.access.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API's language: ?lang= or Accept-Language (market/api/middleware.py).
    "market.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave a two-factor code.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Two-factor sign-in: the one rule every door asks (market/accounts).
    "market.accounts.twofactor_middleware.TwoFactorMiddleware",
    # Last: turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
    # The request being served, for the |currency filter (market.currencies.display).
    "market.currencies.display.CurrentRequestMiddleware",
    # Last: whole pages for anonymous visitors (market/page_cache.py).
    "market.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "market.urls"
WSGI_APPLICATION = "market.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
                "market.context_processors.sites",
                "market.currencies.context_processors.currency",
            ],
            # One door for money: Oscar's templates (and ours) load
            # "currency_filters"; it is our library, which shows the buyer's
            # currency on storefront pages and AZN in the back office
            # (market.currencies.display).
            "libraries": {
                "currency_filters": "market.currencies.templatetags.currency_tags",
            },
        },
    },
]
# Django warns that "currency_filters" names two modules (Oscar's and the one
# mapped above): the mapping wins, on purpose.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# Database: SQLite embedded by default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": database_config(
        env("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A few concurrent visitors must not get "database is locked" (STACK_NOTES).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # One connection per request. runserver and the test server serve each
    # request on a new thread, and a persistent connection outlives its
    # thread: they piled up until PostgreSQL refused everyone. Persistent
    # connections belong to production's worker processes (production.py).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in while its address or IP is locked out.
    "axes.backends.AxesStandaloneBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Password guessing (issue 13, section 2; market/accounts/lockout.py) -----
# Failed sign-ins counted per address typed and per client IP, on every
# sign-in form (shop, /cms/, Oscar's dashboard); at MARKET_LOCKOUT_FAILURES,
# sign-in is refused (our 429 page) for MARKET_LOCKOUT_COOLOFF_MINUTES, or
# until staff unlock it at /cms/lockouts/. Behind reverse proxies, set
# MARKET_TRUSTED_PROXY_COUNT to their number so the client's own IP is counted
# (X-Forwarded-For); 0 counts REMOTE_ADDR.
MARKET_LOCKOUT_FAILURES = env.int("MARKET_LOCKOUT_FAILURES", default=5)
MARKET_LOCKOUT_COOLOFF_MINUTES = env.int("MARKET_LOCKOUT_COOLOFF_MINUTES", default=15)
MARKET_TRUSTED_PROXY_COUNT = env.int("MARKET_TRUSTED_PROXY_COUNT", default=0)
AXES_FAILURE_LIMIT = "market.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = "market.accounts.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "market.accounts.lockout.login_name"
AXES_CLIENT_IP_CALLABLE = "market.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "market.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# A lock-out lasts the cool-off from when it began: more attempts during it do
# not make it longer (a stranger cannot keep someone's account locked forever
# by trying once every few minutes).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Only failures are stored (no row per successful sign-in).
AXES_DISABLE_ACCESS_LOG = True
# Masked in the failures kept: what each of the three forms calls the fields.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "login-username",
    "login-password",
    "password",
    "csrfmiddlewaretoken",
]
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "/"

# Languages: Azerbaijani is the default, with English and Russian.
LANGUAGE_CODE = "az"
LANGUAGES = [("az", "Azərbaycanca"), ("en", "English"), ("ru", "Русский")]
# Our catalogues first (makemessages writes there), then our translations of
# Oscar's and Wagtail's strings, which override their own (their az catalogues
# are nearly empty or absent; their ru ones have gaps).
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "translations" / "oscar",
    BASE_DIR / "translations" / "wagtail",
]
TIME_ZONE = "Asia/Baku"
# English dates day-first with 24-hour time (market/formats/en); Django's own
# Azerbaijani and Russian formats are already so.
FORMAT_MODULE_PATH = ["market.formats"]
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="market@localhost")
# Seconds before the mail server is given up on (the outbox retries later).
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)
# Who is e-mailed when something needs a person (staff alerts, /cms/alerts/).
MARKET_ALERT_EMAILS = env.list("MARKET_ALERT_EMAILS", default=[])

SITE_ID = 1

# Wagtail
WAGTAIL_SITE_NAME = "Creative Market"
WAGTAILADMIN_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL", default="http://market.localhost:8000"
)
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no calls to the internet from the admin
# An account's address and password change in one place, the shop's account
# pages, where a recent password, a link to the new address and e-mails to the
# old one are asked for (market/accounts); the admin's own forms for them, and
# its password reset (which mails outside the outbox), are off.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Oscar
OSCAR_SHOP_NAME = "Creative Market"
OSCAR_SHOP_TAGLINE = _("Creative products from Azerbaijan")
OSCAR_HOMEPAGE = "/"
OSCAR_DEFAULT_CURRENCY = "AZN"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Guests may buy goods that ship, with an e-mail address; downloads, course
# seats, services and studio time are bound to an account, so a basket with
# any of them asks to sign in (checkout.selectors.guest_refusal, asked at
# every step). An address that has an account may buy as a guest too (the
# gateway never tells whether an address has an account); the order joins
# that account only when its owner proves the address (docs/adr/0012).
OSCAR_ALLOW_ANON_CHECKOUT = True
# Order and line statuses follow the parcels (market/export/services.py):
# nobody sets them by hand in Oscar's dashboard, so no manual moves.
OSCAR_INITIAL_ORDER_STATUS = "Paid"
OSCAR_INITIAL_LINE_STATUS = "Paid"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Paid": (),
    "Shipped": (),
    "Complete": (),
    "Cancelled": (),
}
OSCAR_LINE_STATUS_PIPELINE = dict.fromkeys(
    ("Paid", "Packed", "Shipped", "Delivered", "Cancelled", "Returned"), ()
)
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "country")
# Oscar's Selector is ours (market/residents/strategy.py): one availability
# rule on every Oscar page and form (docs/adr/0010-one-availability-rule.md).
OSCAR_DYNAMIC_CLASS_LOADER = "market.class_loading.class_loader"
# The search fork does not serve Oscar's haystack facets.
OSCAR_SEARCH_FACETS = {"fields": {}, "queries": {}}
# Haystack stays installed because Oscar imports it; it never serves a request.
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# Search: the database backend (SQLite FTS5 / PostgreSQL full-text) unless
# ELASTICSEARCH_URL is set; then Elasticsearch answers, with the database
# backend as its fallback when the cluster is down or slow.
MARKET_ELASTICSEARCH_URL = elasticsearch_url(env("ELASTICSEARCH_URL", default=""))
MARKET_ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", default="market-products")
MARKET_ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=1.5)
MARKET_ELASTICSEARCH_INDEX_TIMEOUT = env.float(
    "ELASTICSEARCH_INDEX_TIMEOUT", default=30.0
)
# After a failure, searches skip Elasticsearch for this long.
MARKET_SEARCH_RETRY_SECONDS = env.int("MARKET_SEARCH_RETRY_SECONDS", default=30)

# Whole pages for anonymous visitors (market/page_cache.py): on unless
# MARKET_PAGE_CACHE=0; a page is kept at most this many seconds (stock and
# time-based states are at most this late; prices and texts show at once).
MARKET_PAGE_CACHE = env.bool("MARKET_PAGE_CACHE", default=True)
MARKET_PAGE_CACHE_SECONDS = env.int("MARKET_PAGE_CACHE_SECONDS", default=60)
# Rendered product cards, for every visitor (catalogue/card_cache.py): kept
# under the page cache's generation, for at most MARKET_PAGE_CACHE_SECONDS.
MARKET_CARD_CACHE = env.bool("MARKET_CARD_CACHE", default=True)
MARKET_SEARCH_BACKEND = env(
    "MARKET_SEARCH_BACKEND",
    default=(
        "search.backends.elasticsearch.ElasticsearchBackend"
        if MARKET_ELASTICSEARCH_URL
        else "search.backends.database.DatabaseBackend"
    ),
)

# Background tasks (search indexing). Development runs them in-process right
# after the commit; production sets
# MARKET_TASKS_BACKEND=django_tasks_db.DatabaseBackend and runs
# `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env("MARKET_TASKS_BACKEND", default="")
        or "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# Hostnames of the two Wagtail sites (the demo uses *.localhost).
MARKET_SITE_HOSTNAME = env("MARKET_SITE_HOSTNAME", default="market.localhost")
EDU_SITE_HOSTNAME = env("EDU_SITE_HOSTNAME", default="edu.localhost")
MARKET_SITE_PORT = env.int("MARKET_SITE_PORT", default=8000)

# Logs: readable text at WARNING here; production and `make serve` write JSON
# at INFO (market/ops/logging.py). DJANGO_LOG_FORMAT=json|plain and
# DJANGO_LOG_LEVEL change either.
LOGGING = logging_config(
    log_format=env("DJANGO_LOG_FORMAT", default="plain"),
    level=env("DJANGO_LOG_LEVEL", default="WARNING"),
)
# /metrics (Prometheus) answers a scraper holding this bearer token; unset,
# it does not exist (404).
MARKET_METRICS_TOKEN = env("MARKET_METRICS_TOKEN", default="")

# Readable ASCII slugs for Azerbaijani and Russian names ("quba-xalcasi").
OSCAR_SLUG_FUNCTION = "market.text.slugify"

# Files sold as digital products: outside MEDIA_ROOT, never served by URL.
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")

# Object storage (market/settings/storage.py): with MARKET_S3_BUCKET and
# MARKET_S3_PRIVATE_BUCKET set, public media (images, renditions, thumbnails,
# documents) go to the first bucket under plain URLs, and the files sold to
# the second, private one, which buyers reach through links signed for
# MARKET_DOWNLOAD_SIGNED_URL_SECONDS. Unset (the embedded default): the two
# local folders above. AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY may be left
# unset where the machine has a role (boto3 finds its credentials).
MARKET_S3_BUCKET = env("MARKET_S3_BUCKET", default="")
MARKET_S3_PRIVATE_BUCKET = env("MARKET_S3_PRIVATE_BUCKET", default="")
MARKET_S3_CUSTOM_DOMAIN = env("MARKET_S3_CUSTOM_DOMAIN", default="")
MARKET_DOWNLOAD_SIGNED_URL_SECONDS = env.int(
    "MARKET_DOWNLOAD_SIGNED_URL_SECONDS", default=60
)
_S3_ENDPOINT = env("AWS_S3_ENDPOINT_URL", default="")
_S3_REGION = env("AWS_S3_REGION_NAME", default="")
STORAGES = {
    **media_storages(
        public_bucket=MARKET_S3_BUCKET,
        private_bucket=MARKET_S3_PRIVATE_BUCKET,
        endpoint_url=_S3_ENDPOINT,
        region_name=_S3_REGION,
        access_key=env("AWS_ACCESS_KEY_ID", default=""),
        secret_key=env("AWS_SECRET_ACCESS_KEY", default=""),
        custom_domain=MARKET_S3_CUSTOM_DOMAIN,
        public_acl=env("MARKET_S3_PUBLIC_ACL", default=""),
        addressing_style=env("AWS_S3_ADDRESSING_STYLE", default=""),
        signed_url_seconds=MARKET_DOWNLOAD_SIGNED_URL_SECONDS,
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Pages show images from the public bucket (or its CDN): the CSP allows them.
MARKET_MEDIA_ORIGINS = media_origins(
    public_bucket=MARKET_S3_BUCKET,
    endpoint_url=_S3_ENDPOINT,
    region_name=_S3_REGION,
    custom_domain=MARKET_S3_CUSTOM_DOMAIN,
)

# Upload limits (bytes) per kind of upload; content is checked, not names.
MARKET_UPLOAD_LIMITS = {
    "image": env.int("MARKET_UPLOAD_IMAGE_MAX_BYTES", default=5 * 1024 * 1024),
    "digital": env.int("MARKET_UPLOAD_DIGITAL_MAX_BYTES", default=200 * 1024 * 1024),
    # A photo or a PDF attached to a message about a wholesale quote.
    "attachment": env.int(
        "MARKET_UPLOAD_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024
    ),
}

# Payments (Stripe). With no keys (the embedded default) the checkout says
# that payments are not configured. STRIPE_API_BASE points the client and
# Stripe.js at localstripe in the demo and the tests.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
STRIPE_JS_URL = env("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
# Seconds: short on the buyer's path, longer for staff and background work.
STRIPE_CHECKOUT_TIMEOUT = env.float("STRIPE_CHECKOUT_TIMEOUT", default=8.0)
STRIPE_BACKGROUND_TIMEOUT = env.float("STRIPE_BACKGROUND_TIMEOUT", default=30.0)
# Webhook timestamps further than this from now (past or future) are refused.
STRIPE_WEBHOOK_TOLERANCE = env.int("STRIPE_WEBHOOK_TOLERANCE", default=300)

# Currencies: residents price in AZN; buyers may pay in any of these.
MARKET_BASE_CURRENCY = "AZN"
# Selling abroad (market/export): the country parcels go to when the buyer has
# said nothing, and the Centre's commission on shipping charges (percent).
MARKET_HOME_COUNTRY = env("MARKET_HOME_COUNTRY", default="AZ")
MARKET_SHIPPING_COMMISSION_PERCENT = Decimal(
    env("MARKET_SHIPPING_COMMISSION_PERCENT", default="0")
)
# Printed on customs papers as exporter of record when set (one line each:
# name, address, tax number); empty = the resident is the exporter.
MARKET_EXPORTER_OF_RECORD = env("MARKET_EXPORTER_OF_RECORD", default="")
MARKET_CURRENCIES = ("AZN", "USD", "EUR")
# Rates older than this are refused for charging in a foreign currency.
MARKET_EXCHANGE_RATES_MAX_AGE_DAYS = env.int(
    "MARKET_EXCHANGE_RATES_MAX_AGE_DAYS", default=7
)
# The scheduler (manage.py run_scheduler) loads exchange rates daily from this
# URL (same JSON as `manage.py load_exchange_rates`); empty = no such job.
MARKET_EXCHANGE_RATES_URL = env("MARKET_EXCHANGE_RATES_URL", default="")

# Checkout: how long stock and seats are held while the buyer pays.
MARKET_CHECKOUT_HOLD_MINUTES = env.int("MARKET_CHECKOUT_HOLD_MINUTES", default=30)
# Units of one product a buyer may hold and buy at once, by kind (a course:
# one seat per learner), and how many checkouts one buyer may have open
# (holding stock or seats) at once: nobody can block a whole course or
# stock by pressing "Pay" again and again.
MARKET_HOLD_LIMITS = {
    "physical": env.int("MARKET_HOLD_LIMIT_PHYSICAL", default=10),
    "course": 1,
}
MARKET_CHECKOUT_OPEN_LIMIT = env.int("MARKET_CHECKOUT_OPEN_LIMIT", default=2)
# Studios: how long an unpaid booking holds its slot before the checkout
# begins (the checkout then holds it as long as its payment), and how many
# such holds one person may have at once.
MARKET_BOOKING_HOLD_MINUTES = env.int("MARKET_BOOKING_HOLD_MINUTES", default=20)
MARKET_BOOKING_HOLDS_LIMIT = env.int("MARKET_BOOKING_HOLDS_LIMIT", default=3)
# Wholesale quotes (market/trade): a resident who has not answered a request
# is reminded after this many days, and the request is closed (the buyer
# told) after this many.
MARKET_QUOTE_REMIND_DAYS = env.int("MARKET_QUOTE_REMIND_DAYS", default=3)
MARKET_QUOTE_CLOSE_DAYS = env.int("MARKET_QUOTE_CLOSE_DAYS", default=7)
# A deposit order's buyer is reminded (and staff alerted) this many days after
# the resident asked for the balance, if it is still unpaid.
MARKET_QUOTE_BALANCE_REMIND_DAYS = env.int(
    "MARKET_QUOTE_BALANCE_REMIND_DAYS", default=7
)

# The open API (market/api): requests per caller's address (every request)
# and per token, as "<count>/<s|min|hour|day>".
MARKET_API_RATE_PER_ADDRESS = env.str("MARKET_API_RATE_PER_ADDRESS", default="600/min")
MARKET_API_RATE_PER_TOKEN = env.str("MARKET_API_RATE_PER_TOKEN", default="1200/min")
# Personal access tokens: how many live (not revoked, not expired) ones one
# user may have at once.
MARKET_API_TOKENS_PER_USER = env.int("MARKET_API_TOKENS_PER_USER", default=10)
# Kreativ Edu: how long a seat offered to the first learner on a waitlist is
# kept for them before it passes to the next (`manage.py learning_waitlist`).
MARKET_WAITLIST_OFFER_HOURS = env.int("MARKET_WAITLIST_OFFER_HOURS", default=24)

# Residents' money (AZN): Centre default commission, payout threshold and the
# hold before a sale counts towards a payout.
MARKET_COMMISSION_DEFAULT_PERCENT = Decimal(
    env("MARKET_COMMISSION_DEFAULT_PERCENT", default="10")
)
MARKET_PAYOUT_THRESHOLD = Decimal(env("MARKET_PAYOUT_THRESHOLD", default="20.00"))
MARKET_PAYOUT_HOLD_DAYS = env.int("MARKET_PAYOUT_HOLD_DAYS", default=14)
# Payout runs are due on this weekday (0 = Monday); `manage.py payout_run`.
MARKET_PAYOUT_DAY_OF_WEEK = env.int("MARKET_PAYOUT_DAY_OF_WEEK", default=0)
# The scheduler starts payout runs on this 5-field cron expression, in
# TIME_ZONE (e.g. "0 10 * * 1"); empty = payouts are run by hand only.
MARKET_PAYOUT_SCHEDULE = env("MARKET_PAYOUT_SCHEDULE", default="")
# A resident's new payout destination (IBAN, bank, rail, Connect account) is
# paid only this many days after the change (the first one at once); staff see
# the hold and can release it (market/payouts/models PayoutProfile.held_until).
MARKET_PAYOUT_DESTINATION_HOLD_DAYS = env.int(
    "MARKET_PAYOUT_DESTINATION_HOLD_DAYS", default=7
)
# Changing a payout destination, the account's address or its password needs
# the password typed within this many minutes (market/accounts/reauth.py).
MARKET_REAUTH_MINUTES = env.int("MARKET_REAUTH_MINUTES", default=10)
# Two-factor sign-in (TOTP, market/accounts/twofactor.py): anyone may turn it
# on; staff must, to use /cms/ and /dashboard/, when this is on (production's
# default).
MARKET_STAFF_REQUIRE_2FA = env.bool("MARKET_STAFF_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "Creative Market"
# At most one account e-mail of a kind (sign-up link, password reset, new
# address link) per address in this many seconds: forms cannot flood an inbox.
MARKET_ACCOUNT_MAIL_INTERVAL_SECONDS = env.int(
    "MARKET_ACCOUNT_MAIL_INTERVAL_SECONDS", default=60
)
# Registering and asking for a password reset answer no sooner than this many
# seconds, whatever the address: the clock tells nothing about accounts.
MARKET_ACCOUNT_ANSWER_SECONDS = env.float("MARKET_ACCOUNT_ANSWER_SECONDS", default=0.5)

# Digital downloads: a link lives this many seconds; a line allows this many
# downloads.
MARKET_DOWNLOAD_LINK_MAX_AGE = env.int("MARKET_DOWNLOAD_LINK_MAX_AGE", default=86400)
MARKET_DOWNLOAD_LIMIT = env.int("MARKET_DOWNLOAD_LIMIT", default=5)

# --- Security headers (issue 13, section 6) ---------------------------------
# Content-Security-Policy (django-csp; built per request by market.security,
# which adds Stripe.js's origins and, on the staff paths, the staff policy).
# Scripts: our own files and inline scripts that carry the request's nonce
# (`<script nonce="{{ request.csp_nonce }}">`). Styles may be inline: Oscar's
# templates and Stripe.js set style attributes, and a style cannot run code.
# Extend a directive here (or image origins through DJANGO_CSP_IMG_SRC, e.g.
# the object storage's host); see README "Production settings".
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "market.security.ContentSecurityPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "django_permissions_policy.PermissionsPolicyMiddleware",
)


def _script_hash(code: str) -> str:
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    return f"'sha256-{digest}'"


_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    # Oscar's templates keep four constant onclick handlers ("cancel" goes
    # back, "Print this page"): these exact ones run, no other.
    "script-src-attr": [
        UNSAFE_HASHES,
        *(
            _script_hash(code)
            for code in (
                "window.history.go(-1);return false",
                "history.go(-1);return false",
                "window.print()",
                "javascript:history.go(-1);",
            )
        ),
    ],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [
        SELF,
        "data:",
        *MARKET_MEDIA_ORIGINS,
        *env.list("DJANGO_CSP_IMG_SRC", default=[]),
    ],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    # The video block plays YouTube (privacy mode) and Vimeo in the page.
    "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "frame-ancestors": [NONE],
}
# Enforced everywhere (development, tests, production), so that what a
# developer sees is what a buyer gets; django-csp leaves Django's debug 404 and
# 500 pages alone. DJANGO_CSP_REPORT_ONLY=true only reports (to the browser's
# console), e.g. while trying a new embed.
_CSP_REPORT_ONLY = env.bool("DJANGO_CSP_REPORT_ONLY", default=False)
CONTENT_SECURITY_POLICY = None if _CSP_REPORT_ONLY else {"DIRECTIVES": _CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_REPORT_ONLY = (
    {"DIRECTIVES": _CSP_DIRECTIVES} if _CSP_REPORT_ONLY else None
)
# The Wagtail admin (/cms/) and Oscar's dashboard ship inline scripts of their
# own (date pickers, inline panels, translation editor) that carry no nonce:
# staff pages get this policy instead (no nonce, inline scripts allowed, still
# no other origin). Only signed-in staff reach those pages.
_PREFIXES = "|".join(code for code, _name in LANGUAGES if code != LANGUAGE_CODE)
MARKET_CSP_STAFF_PATH = rf"^/(?:(?:{_PREFIXES})/)?dashboard/|^/cms/"
MARKET_CSP_STAFF_DIRECTIVES = _CSP_DIRECTIVES | {
    "script-src": [SELF, UNSAFE_INLINE],
    "script-src-attr": [UNSAFE_INLINE],
    "img-src": [*_CSP_DIRECTIVES["img-src"], "blob:"],
    # Wagtail's preview panel shows the page in a frame of its own origin.
    "frame-ancestors": [SELF],
}
# Stripe.js (added to script-src, frame-src and connect-src on every page by
# market.security, with the origins of STRIPE_JS_URL and STRIPE_API_BASE when
# they point at localstripe).
MARKET_CSP_STRIPE = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": [
        "https://js.stripe.com",
        "https://*.js.stripe.com",
        "https://hooks.stripe.com",
    ],
    "connect-src": ["https://api.stripe.com"],
    "img-src": ["https://*.stripe.com"],
}
# Browser features no page of ours uses; payments only for Stripe's frames.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "usb": [],
    "browsing-topics": [],
    "payment": ["self", "https://js.stripe.com"],
}
SECURE_REFERRER_POLICY = "same-origin"
# The admin asks no outside server for news of Wagtail releases.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# localstripe's fake Stripe.js cannot confirm a payment by itself: the
# checkout routes a confirmation view for it only while this is true (dev.py
# and test.py; never production.py).
MARKET_FAKE_STRIPE = bool(STRIPE_API_BASE)
# load_demo (accounts with passwords published in the README) refuses to run
# where this is false: production.py, where the demo app is not even installed.
MARKET_DEMO_ALLOWED = True
# --- end of security headers -------------------------------------------------

# --- reviews: product reviews worth trusting (issue 13, section 3) ----------
# Only a buyer of a placed, unrefunded line may review a product, once
# (market/reviews); every review waits for staff (/cms/product-reviews/).
INSTALLED_APPS += ["market.reviews.apps.ReviewsConfig"]
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True

# --- hostile input: bad input gets an answer, never a 500 --------------------
# A NUL byte in any parameter or path is refused with our 400 page, before any
# view (market.bad_requests). Last: the page shows the user and basket.
MIDDLEWARE.append("market.bad_requests.RefuseNulBytesMiddleware")
# Pictures larger than this many pixels (width x height) are refused on upload,
# before they are decoded: a small PNG can unpack into gigabytes.
MARKET_IMAGE_MAX_PIXELS = env.int("MARKET_IMAGE_MAX_PIXELS", default=40_000_000)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MARKET_IMAGE_MAX_PIXELS
# Plain-text templates (`.txt`: e-mails, Oscar's included) are rendered
# without HTML escaping by an engine asked first (market/plain_text_templates).
TEMPLATES.insert(
    0,
    {
        "NAME": "plaintext",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": TEMPLATES[0]["DIRS"],
        "OPTIONS": {
            "autoescape": False,
            "context_processors": TEMPLATES[0]["OPTIONS"]["context_processors"],
            "libraries": TEMPLATES[0]["OPTIONS"]["libraries"],
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "market.plain_text_templates.FilesystemLoader",
                        "market.plain_text_templates.AppDirectoriesLoader",
                    ],
                )
            ],
        },
    },
)
# --- end of hostile input ----------------------------------------------------

# Outgoing webhooks (market/webhooks): seconds a receiver has to answer; plain
# http and private/loopback addresses are refused unless allowed here (the
# tests' local receiver needs both; never in production).
MARKET_WEBHOOKS_TIMEOUT = env.float("MARKET_WEBHOOKS_TIMEOUT", default=10.0)
MARKET_WEBHOOKS_ALLOW_HTTP = False
MARKET_WEBHOOKS_ALLOW_PRIVATE = False
