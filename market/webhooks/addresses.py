"""Where a webhook may be posted (against SSRF): http(s) only, no
credentials in the URL, and a host that resolves only to public addresses.
Checked when an endpoint is saved and again before each POST (DNS may have
changed); the POST then connects to the very address that was checked."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Target:
    """A checked URL: the connection goes to `address`, the request names
    `host` (Host header, TLS server name)."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def url_check(url: str) -> Target:
    """The target of `url`, or ValidationError saying why it is refused."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise ValidationError(_("Enter a valid URL.")) from error
    allowed = ("https", "http") if settings.MARKET_WEBHOOKS_ALLOW_HTTP else ("https",)
    if parts.scheme not in allowed:
        raise ValidationError(_("The URL must start with https://."))
    if parts.username is not None or parts.password is not None:
        raise ValidationError(_("The URL must not contain a user name or password."))
    host = parts.hostname
    if not host or any(ord(char) < 33 for char in url):
        raise ValidationError(_("Enter a valid URL."))
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise ValidationError(
            _("The address %(host)s could not be found.") % {"host": host}
        ) from error
    addresses = [info[4][0] for info in found]
    if not addresses:
        raise ValidationError(
            _("The address %(host)s could not be found.") % {"host": host}
        )
    if not settings.MARKET_WEBHOOKS_ALLOW_PRIVATE and not all(
        _public(address) for address in addresses
    ):
        raise ValidationError(
            _("The URL points to a private or reserved network address.")
        )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(
        scheme=parts.scheme, host=host, port=port, path=path, address=addresses[0]
    )
