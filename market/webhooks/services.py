"""Outgoing webhooks: endpoints, the outbox of deliveries and its sender.

An event is written as one WebhookDelivery per subscribed active endpoint
inside the caller's transaction (a durable outbox: a request never waits on
a receiver); after the commit a task sends what is due, and the scheduler's
`webhooks_send_due` job every minute picks up retries and anything a dead
worker left. Each POST is signed like Stripe's webhooks:

    Creative-Market-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">

A 2xx answer delivers; anything else (or no answer in time) is retried after
RETRY_DELAYS; after the last one the delivery fails and the endpoint's owner
is e-mailed once (until a later delivery succeeds).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from checkout.models import BalancePayment
from market.mail.services import mail_in_language, site_url

from . import transport
from .addresses import url_check
from .models import (
    PING,
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    new_secret,
)

logger = logging.getLogger(__name__)

# Wait before each retry; after the last one the delivery fails.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
    timedelta(hours=24),
)
# A claimed delivery is not claimed again for this long: if the sender dies
# between the POST and recording it, the delivery is sent again after it
# (receivers de-duplicate on the event id).
CLAIM_MINUTES = 5
ENDPOINTS_PER_OWNER = 10


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """The value of the Creative-Market-Signature header."""
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def _events_clean(events: list[str]) -> list[str]:
    chosen = [event for event in WebhookEvent.values if event in set(events)]
    if not chosen or len(chosen) != len(set(events)):
        raise ValidationError(_("Choose at least one of the listed events."))
    return chosen


@transaction.atomic
def webhook_endpoint_create(
    *,
    url: str,
    events: list[str],
    resident=None,
    partner_name: str = "",
    contact_email: str = "",
    language: str = "",
) -> WebhookEndpoint:
    """A new endpoint of a resident (their dashboard) or of a partner (staff).
    The URL is refused (ValidationError, nothing saved) unless it is https
    and its host resolves only to public addresses."""
    url = url.strip()
    url_check(url)
    partner_name = " ".join(partner_name.split())
    if (resident is None) == (not partner_name):
        raise ValidationError(_("An endpoint belongs to a resident or a partner."))
    if resident is not None:
        # The resident's row is locked so two quick submissions count right.
        type(resident).objects.select_for_update().get(pk=resident.pk)
        if resident.webhook_endpoints.count() >= ENDPOINTS_PER_OWNER:
            raise ValidationError(
                _("A shop may have at most %(count)d endpoints.")
                % {"count": ENDPOINTS_PER_OWNER}
            )
    return WebhookEndpoint.objects.create(
        resident=resident,
        partner_name=partner_name[:200],
        contact_email=contact_email.strip(),
        language=language or settings.LANGUAGE_CODE,
        url=url,
        events=_events_clean(events),
    )


def webhook_endpoint_secret_rotate(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new signing secret; the old one stops working at once."""
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret"])
    return endpoint


def webhook_endpoint_active_set(
    *, endpoint: WebhookEndpoint, active: bool
) -> WebhookEndpoint:
    """Switch an endpoint off (no new deliveries, pending ones wait) or on."""
    endpoint.active = active
    endpoint.save(update_fields=["active"])
    if active:
        transaction.on_commit(_enqueue_sending)
    return endpoint


def webhook_endpoint_delete(*, endpoint: WebhookEndpoint) -> None:
    """Delete an endpoint with its delivery log."""
    endpoint.delete()


def _enqueue_sending() -> None:
    from .tasks import send_due_webhooks

    send_due_webhooks.enqueue()


def _delivery_create(
    *, endpoint: WebhookEndpoint, event_type: str, event_id, payload: dict
) -> WebhookDelivery:
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id=event_id,
        event_type=event_type,
        payload=json.loads(json.dumps(payload, cls=DjangoJSONEncoder)),
        next_attempt_at=timezone.now(),
    )


def webhook_event_emit(*, event_type: str, resident, payload: dict) -> list:
    """One delivery of the event for each active endpoint subscribed to it:
    the resident's own and the partners'. Written in the caller's
    transaction; sent after its commit."""
    if event_type not in WebhookEvent.values:
        raise ValueError(f"unknown webhook event {event_type!r}")
    endpoints = WebhookEndpoint.objects.filter(active=True).filter(
        Q(resident=resident) | Q(resident__isnull=True)
    )
    event_id = uuid.uuid4()
    deliveries = [
        _delivery_create(
            endpoint=endpoint,
            event_type=event_type,
            event_id=event_id,
            payload=payload,
        )
        for endpoint in endpoints.order_by("pk")
        # (Filtered here: SQLite has no JSON "contains" lookup.)
        if event_type in endpoint.events
    ]
    if deliveries:
        transaction.on_commit(_enqueue_sending)
    return deliveries


def webhook_ping(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A test event to one endpoint, whatever it subscribed to."""
    delivery = _delivery_create(
        endpoint=endpoint,
        event_type=PING,
        event_id=uuid.uuid4(),
        payload={"message": "ping", "endpoint": endpoint.pk},
    )
    transaction.on_commit(_enqueue_sending)
    return delivery


def webhook_delivery_redeliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again now (same event id, so receivers that got it
    before can tell). Refused while its last attempt may still be running."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        if (
            delivery.status == DeliveryStatus.PENDING
            and delivery.attempts
            and delivery.next_attempt_at > timezone.now()
            and not delivery.last_error
            and delivery.last_response_code is None
        ):
            raise ValidationError(_("This delivery is being sent right now."))
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = timezone.now()
        delivery.save(update_fields=["status", "next_attempt_at", "updated_at"])
        transaction.on_commit(_enqueue_sending)
    return delivery


def _money(value) -> str:
    return str(value) if value is not None else ""


def webhook_order_paid_emit(*, order) -> None:
    """`order.paid` for each resident with lines in a placed, paid order,
    each with only that resident's lines."""
    address = order.shipping_address
    by_partner: dict[int, list] = {}
    for line in order.lines.select_related("partner__resident").order_by("pk"):
        by_partner.setdefault(line.partner_id, []).append(line)
    for lines in by_partner.values():
        resident = getattr(lines[0].partner, "resident", None)
        if resident is None:
            continue
        total = sum((line.line_price_incl_tax for line in lines), start=0)
        # A made-to-order quote paid with a deposit: what is left to pay
        # before the parcel ships (one resident per quote).
        balance = (
            BalancePayment.objects.filter(order=order)
            .values_list("total", flat=True)
            .first()
        )
        webhook_event_emit(
            event_type=WebhookEvent.ORDER_PAID,
            resident=resident,
            payload={
                "order_number": str(order.number),
                "placed_at": order.date_placed.isoformat(),
                "resident": resident.slug,
                "currency": order.currency,
                "total": _money(total),
                "balance_due": _money(balance or Decimal("0.00")),
                "shipping_country": address.country_id if address else None,
                "lines": [
                    {
                        "product_id": line.product_id,
                        "sku": line.partner_sku,
                        "title": line.title,
                        "quantity": line.quantity,
                        "unit_price": _money(line.unit_price_incl_tax),
                        "line_total": _money(line.line_price_incl_tax),
                    }
                    for line in lines
                ],
            },
        )


def webhook_parcel_shipped_emit(*, parcel) -> None:
    """`parcel.shipped` for the resident who ships the parcel."""
    resident = getattr(parcel.partner, "resident", None)
    if resident is None:
        return
    webhook_event_emit(
        event_type=WebhookEvent.PARCEL_SHIPPED,
        resident=resident,
        payload={
            "parcel_id": parcel.pk,
            "order_number": str(parcel.order.number),
            "resident": resident.slug,
            "country": parcel.country,
            "carrier": parcel.carrier,
            "tracking_number": parcel.tracking_number,
            "tracking_url": parcel.tracking_url,
            "shipped_at": parcel.shipped_at.isoformat() if parcel.shipped_at else None,
            "lines": [
                {
                    "product_id": line.product_id,
                    "title": line.title,
                    "quantity": line.quantity,
                }
                for line in parcel.lines.order_by("pk")
            ],
        },
    )


def webhook_quote_requested_emit(*, request) -> None:
    """`quote.requested` for the resident a business buyer asked: who (the
    company, as on the request; never the buyer's e-mail), where to, by
    when, the lines, and the request's page in the shop dashboard."""
    resident = request.resident
    webhook_event_emit(
        event_type=WebhookEvent.QUOTE_REQUESTED,
        resident=resident,
        payload={
            "reference": str(request.reference),
            "number": request.number,
            "resident": resident.slug,
            "company_name": request.company_name,
            "company_country": request.company_country,
            "destination": request.destination,
            "wanted_by": request.wanted_by.isoformat() if request.wanted_by else None,
            "created_at": request.created_at.isoformat(),
            "lines": [
                {
                    "line_id": line.pk,
                    "product_id": line.product_id,
                    "sku": line.stockrecord.partner_sku,
                    "title": line.product.get_title(),
                    "quantity": line.quantity,
                    "made_to_order": line.made_to_order,
                }
                for line in request.lines.select_related(
                    "product__parent", "stockrecord"
                ).order_by("pk")
            ],
            "dashboard_url": site_url(
                reverse("resident_dashboard:quote-request", args=[request.reference])
            ),
        },
    )


def body_of(delivery: WebhookDelivery) -> bytes:
    """The exact bytes posted (and signed)."""
    return json.dumps(
        {
            "id": str(delivery.event_id),
            "type": delivery.event_type,
            "created": delivery.created_at.isoformat(),
            "data": delivery.payload,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def _claim(now: datetime) -> WebhookDelivery | None:
    """Take the next due delivery for this sender only (SKIP LOCKED), in a
    short transaction: the receiver is called outside any transaction. The
    claim moves next_attempt_at on, so a second sender does not take it
    again once this transaction commits."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .filter(
                status=DeliveryStatus.PENDING,
                next_attempt_at__lte=now,
                endpoint__active=True,
            )
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if delivery is None:
            return None
        delivery.attempts += 1
        delivery.next_attempt_at = now + timedelta(minutes=CLAIM_MINUTES)
        delivery.last_error = ""
        delivery.last_response_code = None
        delivery.save(
            update_fields=[
                "attempts",
                "next_attempt_at",
                "last_error",
                "last_response_code",
                "updated_at",
            ]
        )
        return delivery


def _attempt(delivery: WebhookDelivery) -> tuple[int | None, str, str]:
    """POST once: (response code, error, response excerpt)."""
    endpoint = delivery.endpoint
    try:
        target = url_check(endpoint.url)
    except ValidationError as error:
        return None, "; ".join(error.messages), ""
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "CreativeMarket-Webhooks/1",
        "Creative-Market-Event": delivery.event_type,
        "Creative-Market-Delivery": str(delivery.event_id),
        "Creative-Market-Signature": signature(
            secret=endpoint.secret, timestamp=timestamp, body=body
        ),
    }
    try:
        answer = transport.post(
            target=target,
            body=body,
            headers=headers,
            timeout=settings.MARKET_WEBHOOKS_TIMEOUT,
        )
    except Exception as error:  # noqa: BLE001 - any network failure is retried
        return None, f"{type(error).__name__}: {error}"[:1000], ""
    if 200 <= answer.status < 300:
        return answer.status, "", answer.excerpt
    return answer.status, f"HTTP {answer.status}", answer.excerpt


def _mail_failure(delivery: WebhookDelivery) -> None:
    """Tell the endpoint's owner, once per run of failures."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
    if endpoint.failure_mailed_at is not None:
        return
    if endpoint.resident_id:
        resident = endpoint.resident
        language = resident.language
        recipients = sorted(
            user.email for user in resident.partner.users.all() if user.email
        )
    else:
        language, recipients = endpoint.language, [endpoint.contact_email]
    from django.utils import translation

    with translation.override(language or settings.LANGUAGE_CODE):
        link = site_url(
            reverse("resident_dashboard:webhook", kwargs={"pk": endpoint.pk})
            if endpoint.resident_id
            else reverse("webhooks_admin")
        )
    mail_in_language(
        language=language,
        subject_template="market/webhooks/email/failed_subject.txt",
        body_template="market/webhooks/email/failed_body.txt",
        context={"endpoint": endpoint, "delivery": delivery, "link": link},
        to=recipients,
    )
    endpoint.failure_mailed_at = timezone.now()
    endpoint.save(update_fields=["failure_mailed_at"])


def _record(
    delivery: WebhookDelivery,
    *,
    now: datetime,
    started: datetime,
    duration_ms: int,
    code: int | None,
    error: str,
    excerpt: str,
) -> str:
    with transaction.atomic():
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            started_at=started,
            duration_ms=duration_ms,
            response_code=code,
            error=error,
            response_excerpt=excerpt,
        )
        delivery.last_response_code = code
        delivery.last_error = error
        delivery.response_excerpt = excerpt
        if not error:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = timezone.now()
            outcome = "delivered"
            WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(
                failure_mailed_at=None
            )
        elif delivery.attempts > len(RETRY_DELAYS):
            delivery.status = DeliveryStatus.FAILED
            # No next attempt: the time it gave up.
            delivery.next_attempt_at = now
            outcome = "failed"
            _mail_failure(delivery)
        else:
            delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
            outcome = "retrying"
        delivery.save()
    return outcome


def webhook_deliveries_send_due(
    *, now: datetime | None = None, limit: int = 100
) -> dict:
    """Send the deliveries that are due (first tries and retries); returns
    counts. Retries are scheduled from `now` when given (tests), else from
    the moment of each attempt."""
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    for _number in range(limit):
        moment = now or timezone.now()
        delivery = _claim(moment)
        if delivery is None:
            break
        started, clock = timezone.now(), time.monotonic()
        code, error, excerpt = _attempt(delivery)
        duration_ms = int((time.monotonic() - clock) * 1000)
        if error:
            logger.warning("Webhook delivery %s not delivered: %s", delivery.pk, error)
        outcome = _record(
            delivery,
            now=now or timezone.now(),
            started=started,
            duration_ms=duration_ms,
            code=code,
            error=error,
            excerpt=excerpt,
        )
        counts[outcome] += 1
    return counts
