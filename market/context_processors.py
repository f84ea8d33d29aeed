from django.conf import settings
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Site


def sites(request):
    """Which of the two sites this is, and links to both in the visitor's
    language, for the shared header and footer."""
    _, port = split_domain_port(request.get_host())
    suffix = f":{port}" if port and port not in ("80", "443") else ""
    language = get_language() or settings.LANGUAGE_CODE
    prefix = "" if language == settings.LANGUAGE_CODE else f"{language}/"
    site = Site.find_for_request(request)
    return {
        "market_site_url": f"{request.scheme}://{settings.MARKET_SITE_HOSTNAME}{suffix}/{prefix}",
        "edu_site_url": f"{request.scheme}://{settings.EDU_SITE_HOSTNAME}{suffix}/{prefix}",
        "on_edu_site": site is not None and site.hostname == settings.EDU_SITE_HOSTNAME,
    }
