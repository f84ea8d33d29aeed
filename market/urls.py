"""URLs: Oscar's shop under /shop/, its dashboard at /dashboard/, Wagtail's
admin at /cms/, and Wagtail's page serving last (it catches every path)."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls


def _shop_urls():
    # Oscar nests its dashboard inside the shop; we serve it at /dashboard/.
    patterns = apps.get_app_config("oscar").urls[0]
    return [p for p in patterns if str(p.pattern) != "dashboard/"]


urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    path("shop/residents/", include("market.residents.urls")),
    path("shop/", include(_shop_urls())),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail last: it serves every remaining path, with a language prefix for
# English and Russian (Azerbaijani, the default, has none).
urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)), prefix_default_language=False
)
