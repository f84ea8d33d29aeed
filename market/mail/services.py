"""Writing e-mails into the outbox and sending what it holds."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, engines
from django.utils import timezone, translation

from .models import EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)

# Minutes to wait before each retry; after the last one the e-mail fails.
RETRY_MINUTES = (1, 5, 15, 60, 240)


def site_url(path: str) -> str:
    """An absolute link to `path` on the site, for e-mails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render_plain(template_name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: an e-mail shows
    “Xalça & Co” and quotes as typed, not `&amp;` or `&quot;`."""
    template = engines["django"].engine.get_template(template_name)
    return template.render(Context(context, autoescape=False))


def email_queue(
    *, subject: str, body: str, to: list[str], reply_to: list[str] | None = None
) -> OutgoingEmail | None:
    """Queue one e-mail in the caller's transaction; it is sent after the
    commit. Nothing is queued for no recipient."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    email = OutgoingEmail.objects.create(
        subject=" ".join(subject.split())[:255],
        body=body,
        to=recipients,
        reply_to=list(reply_to or []),
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(_enqueue_sending)
    return email


def _enqueue_sending() -> None:
    from .tasks import send_pending_emails

    send_pending_emails.enqueue()


def mail_in_language(
    *,
    language: str,
    subject_template: str,
    body_template: str,
    context: dict,
    to: list[str],
    reply_to: list[str] | None = None,
) -> OutgoingEmail | None:
    """Render the subject (one line) and body in `language` and queue them."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_plain(subject_template, context)
        body = render_plain(body_template, context)
    return email_queue(subject=subject, body=body, to=to, reply_to=reply_to)


def mail_staff(*, subject: str, body: str) -> OutgoingEmail | None:
    """Queue an e-mail to the addresses in MARKET_ALERT_EMAILS (the people who
    act on alerts); nothing when none is set."""
    return email_queue(
        subject=subject, body=body, to=list(settings.MARKET_ALERT_EMAILS)
    )


def _send(email: OutgoingEmail) -> None:
    EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=None,
        to=email.to,
        reply_to=email.reply_to or None,
    ).send()


# A claimed e-mail is not claimed again for this long: if the sender dies
# between claiming and recording, the e-mail is sent again after it.
CLAIM_MINUTES = 5


def _claim(now: datetime) -> OutgoingEmail | None:
    """Take the next due e-mail for this sender only (SKIP LOCKED: several
    workers never take the same one) in a short transaction: the mail server
    is called outside any transaction, so a slow one locks nothing."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(status=EmailStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if email is None:
            return None
        email.attempts += 1
        email.next_attempt_at = now + timedelta(minutes=CLAIM_MINUTES)
        email.save(update_fields=["attempts", "next_attempt_at"])
        return email


def emails_send_pending(*, now: datetime | None = None, limit: int = 100) -> dict:
    """Send the e-mails that are due and schedule a retry, with back-off,
    for each one the mail server refused. Returns counts."""
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    for _number in range(limit):
        moment = now or timezone.now()
        email = _claim(moment)
        if email is None:
            break
        try:
            _send(email)
        except Exception as error:  # noqa: BLE001 - any mail failure is retried
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            if email.attempts > len(RETRY_MINUTES):
                email.status = EmailStatus.FAILED
                counts["failed"] += 1
            else:
                email.next_attempt_at = moment + timedelta(
                    minutes=RETRY_MINUTES[email.attempts - 1]
                )
                counts["retrying"] += 1
            logger.warning("E-mail %s not sent: %s", email.pk, email.last_error)
        else:
            email.status = EmailStatus.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            counts["sent"] += 1
        email.save(update_fields=["status", "next_attempt_at", "last_error", "sent_at"])
    return counts


def email_retry(*, email: OutgoingEmail) -> OutgoingEmail:
    """Staff send a failed e-mail again."""
    email.status = EmailStatus.PENDING
    email.next_attempt_at = timezone.now()
    email.save(update_fields=["status", "next_attempt_at"])
    transaction.on_commit(_enqueue_sending)
    return email
