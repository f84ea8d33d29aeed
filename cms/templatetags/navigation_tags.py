"""The Centre's pages for the shared header and footer of both sites."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Site

from cms.selectors import centre_links

register = template.Library()


def _href(link, site_id) -> str:
    return link.path if link.site_id == site_id else link.root_url + link.path


@register.simple_tag(takes_context=True)
def centre_pages(context) -> dict:
    """Each page by name ("about", "terms", "programmes", ...) as
    {"title", "url"}: the current site's page, else the other site's (Kreativ
    Edu links the shop's terms). Links on the current site are paths."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    site_id = site.pk if site is not None else None
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    by_site = centre_links(language=language)
    ordered = [by_site.get(site_id, {})] + [
        links for key, links in sorted(by_site.items()) if key != site_id
    ]
    pages: dict = {}
    for links in ordered:
        for name, link in links.items():
            if name in pages:
                continue
            if name == "programmes":
                pages[name] = [
                    {"title": item.title, "url": _href(item, site_id)} for item in link
                ]
            else:
                pages[name] = {"title": link.title, "url": _href(link, site_id)}
    return pages


@register.filter
def current_for(url: str, request) -> bool:
    """Whether `url` (a path on this site) is the page shown or a section it
    belongs to: the navigation marks it with aria-current."""
    if request is None or not url or not url.startswith("/"):
        return False
    if url.strip("/") in {code for code, _ in settings.LANGUAGES} | {""}:
        return request.path == url  # a home page: only itself
    return request.path.startswith(url)
