"""The thread of a request: messages between the buyer and the resident's
people, each e-mailed to the other side in its language."""

from __future__ import annotations

import os
import unicodedata
import uuid
from datetime import datetime, timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from market.residents.selectors import acting_resident
from market.uploads import check_attachment

from .. import emails
from ..models import QuoteMessage, QuoteRequest, QuoteRequestStatus
from ..rules import QuoteRefused, acts_for_resident, clean_text, is_buyer
from .locking import lock_request

# Messages one person may add in one clock hour, on all requests together.
MESSAGES_PER_HOUR = 30
# The same message sent again within this time is a double click or a
# replayed form: it is not added twice.
REPEAT_WINDOW = timedelta(minutes=10)
# Finished requests that still take messages: a paid one (delivery talk).
OPEN_TO_MESSAGES = (
    QuoteRequestStatus.OPEN,
    QuoteRequestStatus.QUOTED,
    QuoteRequestStatus.ACCEPTED,
    QuoteRequestStatus.PAID,
)


def _shown_name(name: str | None) -> str:
    """The uploaded file's name as shown (never as stored): its last part,
    printable characters only."""
    base = os.path.basename((name or "").replace("\\", "/"))
    shown = "".join(char for char in base if unicodedata.category(char)[0] != "C")
    return shown.strip()[:200] or "file"


def _is_repeat(request: QuoteRequest, author, text: str, attachment, now) -> bool:
    """The author's last word on the thread, just now, said the same (with
    the same file, or none)."""
    last = request.messages.order_by("-created_at", "-pk").first()
    if last is None or last.author_id != author.pk or last.body != text:
        return False
    if last.created_at < now - REPEAT_WINDOW:
        return False
    if attachment is None:
        return not last.attachment_name
    return (last.attachment_name, last.attachment_size) == (
        _shown_name(attachment.name),
        attachment.size,
    )


def _throttled(user_id: int, now: datetime) -> bool:
    key = f"quote-message:{user_id}:{int(now.timestamp()) // 3600}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > MESSAGES_PER_HOUR


@transaction.atomic
def quote_message_add(
    *,
    request: QuoteRequest,
    author,
    body: str,
    attachment=None,
    now: datetime | None = None,
) -> QuoteMessage:
    """Add a message (and a photo or PDF, checked by its bytes) to the
    request's thread, from its buyer or the shop's people, and e-mail the
    other side. Refused (QuoteRefused, nothing stored) for anyone else, a
    withdrawn, declined, closed or expired request, text that is not plain,
    a file that is not accepted, or past MESSAGES_PER_HOUR."""
    now = now or timezone.now()
    request = lock_request(request.pk)
    from_buyer = is_buyer(request, author)
    if not from_buyer and not acts_for_resident(request, acting_resident(author)):
        raise QuoteRefused(_("You cannot write on this request."))
    if request.status not in OPEN_TO_MESSAGES:
        raise QuoteRefused(_("This request is finished: it takes no more messages."))
    text = clean_text(body, required=True)
    if _is_repeat(request, author, text, attachment, now):
        raise QuoteRefused(_("You have just sent this message."))
    message = QuoteMessage(
        request=request,
        author=author,
        from_resident=not from_buyer,
        body=text,
        created_at=now,
    )
    if attachment is not None:
        try:
            checked = check_attachment(attachment)
        except ValidationError as error:
            raise QuoteRefused(error.messages[0]) from error
        message.attachment_name = _shown_name(attachment.name)
        message.attachment_extension = checked.extension
        message.attachment_type = checked.content_type
        message.attachment_size = checked.size
    if _throttled(author.pk, now):
        raise QuoteRefused(
            _("You have written many messages in the last hour. Try again later.")
        )
    if attachment is not None:
        message.attachment.save(
            f"{uuid.uuid4().hex}{message.attachment_extension}", attachment, save=False
        )
    message.save()
    emails.message_added(
        request, message, to_side=emails.RESIDENT if from_buyer else emails.BUYER
    )
    return message
