"""Reading what the outbox holds for an address."""

import re

from django.utils import translation
from django.utils.translation import gettext

from market.mail.models import OutgoingEmail


def mails_to(address: str) -> list[OutgoingEmail]:
    return [
        email for email in OutgoingEmail.objects.order_by("pk") if address in email.to
    ]


def subject(msgid: str, language: str = "az") -> str:
    with translation.override(language):
        return gettext(msgid)


def link_in(email: OutgoingEmail) -> str:
    """The path of the first link to the site in an e-mail."""
    found = re.search(r"https?://[^/\s]+(/\S*)", email.body)
    assert found, email.body
    return found.group(1)
