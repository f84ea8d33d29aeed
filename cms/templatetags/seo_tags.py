"""The language versions of the page being shown, for the language switcher
and the <head> of every page (canonical, hreflang alternates, Open Graph).

A Wagtail page's versions are its live translations (each locale is a tree of
its own, with its own slugs); any other page (shop, learning) is the same
route reversed in each language (`translate_url`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from cms.models import SiteSettings, StoryPage

register = template.Library()

# Open Graph wants a territory with the language.
OG_LOCALES = {"az": "az_AZ", "en": "en_GB", "ru": "ru_RU"}
OG_IMAGE_FILTER = "fill-1200x630"
LOGO_IMAGE_FILTER = "max-1200x630"
DESCRIPTION_LENGTH = 300
# The footer's words when the site's Settings have no footer text.
DEFAULT_DESCRIPTION = _(
    "The marketplace and learning platform of the Centre for the creative "
    "industries, Baku."
)


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    # Relative to the current host, for links; None when there is no version
    # of this page in the language.
    path: str | None
    url: str | None


def _language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _active_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _wagtail_page(context) -> Page | None:
    # Oscar's and Django's list views may call a paginator's page "page" too.
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _pagination_query(request) -> str:
    """`?page=N` for the second page of a list and after; nothing else of the
    query string belongs in a canonical address."""
    number = request.GET.get("page", "")
    return f"?page={number}" if number.isdigit() and int(number) > 1 else ""


def _page_suffix(page: Page, request) -> str:
    """What follows the page's own address in the request (a routable page's
    sub-route), so that each translation gets the same sub-route."""
    own_path = page.get_url(request=request) or ""
    if own_path.startswith("/") and request.path.startswith(own_path):
        return request.path[len(own_path) :]
    return ""


def _absolute(request, path_or_url: str) -> str:
    return request.build_absolute_uri(path_or_url)


def _query(request, *, keep_query: bool) -> str:
    if keep_query:
        return f"?{request.GET.urlencode()}" if request.GET else ""
    return _pagination_query(request)


def _wagtail_versions(
    page: Page, request, *, keep_query: bool
) -> dict[str, tuple[str, str]]:
    suffix = _page_suffix(page, request) + _query(request, keep_query=keep_query)
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    versions = {}
    for translation in translations:
        path = translation.get_url(request=request)
        full_url = translation.get_full_url(request=request)
        if path is None or full_url is None:  # not under any site
            continue
        versions[translation.locale.language_code] = (path + suffix, full_url + suffix)
    return versions


def _route_versions(request, *, keep_query: bool) -> dict[str, tuple[str, str]]:
    """The current path in each language; nothing when the route is the same
    in every language (a language-neutral or unknown address)."""
    path = request.path + _query(request, keep_query=keep_query)
    paths = {code: translate_url(path, code) for code in _language_codes()}
    if len(set(paths.values())) < len(paths):
        return {}
    return {code: (p, _absolute(request, p)) for code, p in paths.items()}


def language_versions(context, *, keep_query: bool = False) -> list[LanguageVersion]:
    """One entry per language of the site, in the order of LANGUAGES. With
    `keep_query`, the whole query string follows (a visitor switching
    language keeps their filters); without, only the page number (what a
    search engine should index)."""
    request = context.get("request")
    if request is None:
        return []
    page = _wagtail_page(context)
    if page is not None:
        versions = _wagtail_versions(page, request, keep_query=keep_query)
    else:
        versions = _route_versions(request, keep_query=keep_query)
    names = dict(settings.LANGUAGES)
    return [
        LanguageVersion(
            code=code,
            name=names[code],
            path=versions[code][0] if code in versions else None,
            url=versions[code][1] if code in versions else None,
        )
        for code in _language_codes()
    ]


def _site_homes(request) -> dict[str, str]:
    """The current site's home page in each language it is published in."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    homes = site.root_page.get_translations(inclusive=True).live()
    return {
        home.locale.language_code: home.get_url(request=request)
        for home in homes.select_related("locale")
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages. A Wagtail page without a
    translation in a language links to the site's home in that language. On a
    language-neutral address (a certificate check) the visitor's choice is
    remembered by Django's set_language view instead."""
    request = context.get("request")
    versions = language_versions(context, keep_query=True)
    neutral = all(version.path is None for version in versions)
    missing = any(version.path is None for version in versions)
    homes = _site_homes(request) if missing and not neutral else {}
    links = []
    for version in versions:
        path = version.path or homes.get(version.code)
        if path is None:
            path = translate_url("/", version.code)
        links.append({"code": version.code, "name": version.name, "path": path})
    return {
        "request": request,
        "links": links,
        "neutral": neutral,
        "current": _active_language(),
    }


def _text(value) -> str:
    text = re.sub(r"\s+", " ", strip_tags(str(value or ""))).strip()
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def _rendition(image, filter_spec: str, request) -> dict | None:
    if image is None:
        return None
    try:
        rendition = image.get_rendition(filter_spec)
    except (SourceImageIOError, OSError):
        return None
    return {
        "url": _absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def _product_image(product, request) -> dict | None:
    # Not primary_image(): without an image it copies Oscar's placeholder
    # into MEDIA_ROOT, and a placeholder is no picture to share.
    image = product.get_all_images().first()
    if image is None or not image.original:
        return None
    return {
        "url": _absolute(request, image.original.url),
        "width": None,
        "height": None,
        "alt": product.get_title(),
    }


def _product_price(product, request) -> tuple[str, str] | None:
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        return None
    if product.is_parent:
        info = strategy.fetch_for_parent(product)
    else:
        info = strategy.fetch_for_product(product)
    price = info.price
    if not price.exists:
        return None
    amount = price.incl_tax if price.is_tax_known else price.excl_tax
    return f"{amount:.2f}", price.currency


def _site_settings(request) -> SiteSettings | None:
    try:
        return SiteSettings.for_request(request)
    except SiteSettings.DoesNotExist:
        return None


def _site_name(request) -> str:
    site = Site.find_for_request(request)
    return (site.site_name if site is not None else "") or settings.OSCAR_SHOP_NAME


def _canonical(context, request) -> str:
    page = _wagtail_page(context)
    query = _pagination_query(request)
    page_url = page.get_full_url(request=request) if page is not None else None
    if page_url is not None:
        return page_url + _page_suffix(page, request) + query
    return _absolute(request, request.path + query)


def _open_graph(context, request) -> dict:
    page = _wagtail_page(context)
    product = context.get("product")
    site_settings = _site_settings(request)
    graph = {"type": "website", "image": None, "price": None, "published": None}
    if page is not None:
        graph["title"] = page.seo_title or page.title
        graph["description"] = _text(
            getattr(page, "description", "") or page.search_description
        )
        share_image = page.og_image() if hasattr(page, "og_image") else None
        graph["image"] = _rendition(share_image, OG_IMAGE_FILTER, request)
        if isinstance(page, StoryPage):
            graph["type"] = "article"
            graph["published"] = page.date.isoformat()
    elif product is not None and hasattr(product, "primary_image"):
        graph["type"] = "product"
        graph["title"] = product.get_title()
        graph["description"] = _text(product.get_meta_description())
        graph["image"] = _product_image(product, request)
        graph["price"] = _product_price(product, request)
    else:
        # Any other page: the site, described as in its footer (the footer
        # reads the same settings, so this costs no query).
        graph["title"] = _site_name(request)
        footer_text = site_settings.footer() if site_settings is not None else ""
        graph["description"] = _text(footer_text or DEFAULT_DESCRIPTION)
    if graph["image"] is None:
        logo = site_settings.logo if site_settings is not None else None
        graph["image"] = _rendition(logo, LOGO_IMAGE_FILTER, request)
    return graph


@register.inclusion_tag("includes/meta.html", takes_context=True)
def seo_meta(context):
    """Canonical address, hreflang alternates and Open Graph tags of the page."""
    request = context.get("request")
    if request is None:
        return {}
    versions = [v for v in language_versions(context) if v.url is not None]
    alternates = [{"code": v.code, "url": v.url} for v in versions]
    default = next((v for v in versions if v.code == settings.LANGUAGE_CODE), None)
    if alternates and default is not None:
        alternates.append({"code": "x-default", "url": default.url})
    language = _active_language()
    return {
        "canonical": _canonical(context, request),
        "alternates": alternates,
        "og": _open_graph(context, request),
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [
            OG_LOCALES.get(v.code, v.code) for v in versions if v.code != language
        ],
        "site_name": _site_name(request),
    }
