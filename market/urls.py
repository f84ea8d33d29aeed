"""URLs. Language-neutral: set_language, Wagtail's admin (/cms/, each editor
picks a language), documents, and each site's sitemap and robots.txt (they
list every language). Language-prefixed (Azerbaijani, the default,
has no prefix; /en/ and /ru/ for the others): the residents' shops, Oscar's
shop under /shop/, its dashboard at /dashboard/, and Wagtail's page serving
LAST, because it catches every remaining path."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from market import sitemaps
from market.api.api import api as api_v1
from market.api.api import not_found_view as api_not_found
from market.api.content import content_api
from market.learning.views import certificates as certificate_views


def _shop_urls():
    # Oscar nests its dashboard inside the shop; we serve it at /dashboard/.
    patterns = apps.get_app_config("oscar").urls[0]
    return [p for p in patterns if str(p.pattern) != "dashboard/"]


handler400 = "market.bad_requests.bad_request"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("currency/", include("market.currencies.urls")),
    path("ships-to/", include("market.export.urls")),
    path("stripe/", include("market.payments.urls")),
    # The open API: language-neutral (Accept-Language or ?lang=), JSON only.
    path("api/v1/", api_v1.urls),
    # Wagtail's content API (pages of the request's site, images), for partners.
    path("api/content/v2/", content_api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path(
        "sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"
    ),
    path("robots.txt", sitemaps.robots_txt, name="robots-txt"),
    # Printed on certificates: one address in every language.
    path(
        "certificates/<str:code>/",
        certificate_views.CertificateVerifyView.as_view(),
        name="certificate-verify",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("dashboard/", apps.get_app_config("dashboard").urls),
    path("shop/my-shop/money/", include("market.payouts.dashboard.urls")),
    path("shop/my-shop/reviews/", include("market.reviews.dashboard.urls")),
    path("shop/my-shop/", include("market.residents.dashboard.urls")),
    path("shop/accounts/", include("market.accounts.urls")),
    path("shop/downloads/", include("market.downloads.urls")),
    path("shop/quotes/", include("market.trade.urls")),
    path("shop/residents/", include("market.residents.urls")),
    path("learning/", include("market.learning.urls")),
    path("studios/", include("market.bookings.urls")),
    path("site/", include("cms.urls")),
    path("shop/", include(_shop_urls())),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
