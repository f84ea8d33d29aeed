"""Sitemaps of both sites, one per hostname.

/sitemap.xml is an index of the current site's sections (the index stays
valid when a section grows past 50,000 addresses and is paginated):

- /sitemap-pages.xml: the site's Wagtail pages in every language (each
  locale's home is a tree of its own, linked to the Azerbaijani home by its
  translation key), each with its translations as hreflang alternates;
- /sitemap-products.xml, on Creative Market only (the shop's home): every
  public product in az, en and ru, with alternates and x-default.

Addresses use the requested host, not django.contrib.sites' single Site.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from market.residents.selectors import public_products


class PageSitemap(WagtailSitemap):
    """Wagtail's sitemap covers only the site's root page tree, which is one
    locale; this one walks the trees of every translation of the root."""

    def items(self):
        site = self.get_wagtail_site()
        trees = Q()
        for root in site.root_page.get_translations(inclusive=True):
            trees |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(trees)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _alternates(self) -> dict[int, list[dict[str, str]]]:
        """Page id -> its language versions in this sitemap, plus x-default
        (the Azerbaijani version)."""
        if hasattr(self, "_alternates_cache"):
            return self._alternates_cache
        by_key: dict = {}
        for page in self.items().select_related("locale"):
            versions = by_key.setdefault(page.translation_key, {})
            versions[page.locale.language_code] = page.get_full_url(self.request)
        order = [code for code, _name in settings.LANGUAGES]
        alternates = {}
        for page_id, key in self.items().values_list("pk", "translation_key"):
            versions = by_key[key]
            links = [
                {"lang_code": code, "location": versions[code]}
                for code in order
                if code in versions
            ]
            if settings.LANGUAGE_CODE in versions:
                links.append(
                    {
                        "lang_code": "x-default",
                        "location": versions[settings.LANGUAGE_CODE],
                    }
                )
            alternates[page_id] = links
        self._alternates_cache = alternates
        return alternates

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        alternates = self._alternates()
        locations = {
            item.get_full_url(self.request): alternates[item.pk]
            for item in self.paginator.page(page).object_list
        }
        for url_info in urls:
            url_info["alternates"] = locations.get(url_info["location"], [])
        return urls


class ProductSitemap(Sitemap):
    """Public products (what the catalogue lists) in every language."""

    i18n = True
    alternates = True
    x_default = True

    def __init__(self, request):
        self.request = request

    def items(self):
        return public_products().order_by("pk")

    def lastmod(self, product):
        return product.date_updated

    def get_domain(self, site=None):
        return self.request.get_host()


def _sections(request) -> dict[str, Sitemap]:
    sections: dict[str, Sitemap] = {"pages": PageSitemap(request)}
    site = sections["pages"].get_wagtail_site()
    if site.hostname != settings.EDU_SITE_HOSTNAME:
        sections["products"] = ProductSitemap(request)
    return sections


def sitemap_index(request):
    """The current site's sections, with their pages beyond the first."""
    entries = []
    for name, section in _sections(request).items():
        location = request.build_absolute_uri(
            reverse("sitemap-section", kwargs={"section": name})
        )
        lastmod = section.get_latest_lastmod()
        entries.append(sitemap_views.SitemapIndexItem(location, lastmod))
        for number in range(2, section.paginator.num_pages + 1):
            entries.append(
                sitemap_views.SitemapIndexItem(f"{location}?p={number}", lastmod)
            )
    response = TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def sitemap_section(request, section: str):
    sections = _sections(request)
    if section not in sections:
        raise Http404
    return sitemap_views.sitemap(request, sections, section=section)


def robots_txt(request):
    """Crawlers may read everything but the editors' admin; the sitemap is
    the current site's."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /cms/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
