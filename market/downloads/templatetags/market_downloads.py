"""`{% download_url grant %}`: a fresh signed link, for pages that list grants."""

from django import template

from .. import signing
from ..models import DownloadGrant

register = template.Library()


@register.simple_tag
def download_url(grant: DownloadGrant) -> str:
    return signing.download_url(grant=grant)
