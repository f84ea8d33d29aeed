"""Reading what the outbox holds for an address; a signed-in client whose
password was typed a given number of minutes ago."""

import re
import time

from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from market.accounts.reauth import SESSION_KEY
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


def signed_in(user, minutes_ago: int = 0) -> Client:
    """A client signed in as `user`, the password typed `minutes_ago`."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = int(time.time()) - minutes_ago * 60
    session.save()
    return client
