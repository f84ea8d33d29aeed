from django.conf import settings


def sites(request):
    """Links between the two sites, for the shared header and footer."""
    port = request.get_port()
    suffix = "" if port in ("80", "443") else f":{port}"
    return {
        "market_site_url": f"{request.scheme}://{settings.MARKET_SITE_HOSTNAME}{suffix}/",
        "edu_site_url": f"{request.scheme}://{settings.EDU_SITE_HOSTNAME}{suffix}/",
    }
