"""Messages from signed-in buyers to the makers of the products they look
at ("Message the maker" on a product page). The buyer never sees the
resident's addresses; the resident answers through Reply-To."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.selectors import product_resident
from market.mail import mail_in_language, site_url

from ..selectors import listing_refusal

MAKER_MESSAGE_MAX_LENGTH = 2000
# Messages one user may send in one clock hour, to all makers together.
MAKER_MESSAGES_PER_HOUR = 5

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_ALLOWED_CONTROLS = {"\n", "\t"}


def _clean_message(message: str) -> str:
    """The message as plain text, or a refusal: no HTML, no control
    characters other than line breaks and tabs, not empty, not too long."""
    text = (message or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ValidationError(_("Write a message."), code="empty")
    if len(text) > MAKER_MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("Keep your message under %(limit)s characters.")
            % {"limit": MAKER_MESSAGE_MAX_LENGTH},
            code="too_long",
        )
    if _TAG.search(text):
        raise ValidationError(
            _("Write your message as plain text, without HTML."), code="html"
        )
    if any(
        unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS
        for char in text
    ):
        raise ValidationError(
            _("Your message contains characters that cannot be sent."),
            code="control",
        )
    return text


def _throttle_key(user_id: int, now) -> str:
    return f"maker-message:{user_id}:{int(now.timestamp()) // 3600}"


def maker_message_send(*, product, sender, message: str, now=None) -> None:
    """Queue a signed-in user's message about `product` to its resident's
    people, in the resident's language, with Reply-To the sender. Refused
    (ValidationError, nothing queued) for an anonymous sender, a product that
    may not be sold now (the one rule: unlisted, or its shop suspended or
    closed), a resident nobody can read mail for, a message that is not
    plain text or is too long, and past MAKER_MESSAGES_PER_HOUR in this
    clock hour."""
    if sender is None or not sender.is_authenticated:
        raise ValidationError(_("Sign in to message the maker."), code="anonymous")
    text = _clean_message(message)
    listing = product.parent if product.parent_id else product
    refusal = listing_refusal(listing)
    if refusal is not None:
        raise ValidationError(refusal, code="not_on_sale")
    resident = product_resident(listing)
    if resident is None or resident.partner_id is None:
        raise ValidationError(_("This shop cannot receive messages."), code="no_shop")
    recipients = list(
        resident.partner.users.filter(is_active=True)
        .exclude(pk=sender.pk)
        .values_list("email", flat=True)
    )
    if not recipients:
        raise ValidationError(
            _("This shop cannot receive messages yet."), code="no_recipient"
        )
    now = now or timezone.now()
    key = _throttle_key(sender.pk, now)
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > MAKER_MESSAGES_PER_HOUR:
        raise ValidationError(
            _("You have sent several messages in the last hour. Try again later."),
            code="throttled",
        )
    language = resident.language or settings.LANGUAGE_CODE
    mail_in_language(
        language=language,
        subject_template="market/residents/email/maker_message_subject.txt",
        body_template="market/residents/email/maker_message_body.txt",
        context={
            "resident": resident,
            "sender_name": sender.get_full_name() or sender.email,
            "product_title": listing.title_in(language),
            "product_url": site_url(listing.get_absolute_url()),
            "message": text,
        },
        to=recipients,
        reply_to=[sender.email],
    )
