"""Stripe webhooks: verify, store each event once, hand it to its handler.

Handlers are registered by the apps that own the work (the checkout registers
`payment_intent.succeeded`), so this package knows nothing of orders.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import StripeEvent

logger = logging.getLogger(__name__)

Handler = Callable[[dict], None]
_handlers: dict[str, list[Handler]] = {}


def register(event_type: str) -> Callable[[Handler], Handler]:
    """Decorator: call the function with the event's `data.object` (a dict)
    for each new event of this type, inside the event's transaction."""

    def decorator(function: Handler) -> Handler:
        if function not in _handlers.setdefault(event_type, []):
            _handlers[event_type].append(function)
        return function

    return decorator


class InvalidWebhook(Exception):
    pass


class MalformedEvent(InvalidWebhook):
    """A correctly signed event without the fields its handler needs, or with
    fields of the wrong type: refused with 400 and a logged reason; nothing
    of it is recorded or done (its transaction is rolled back)."""


def field(data: dict, name: str, kind: type | tuple[type, ...]):
    """`data[name]` if present and of `kind` (a bool is not an int), else
    MalformedEvent naming the field. Handlers read the event through this."""
    value = data.get(name) if isinstance(data, dict) else None
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if value is None or isinstance(value, bool) or not isinstance(value, kinds):
        raise MalformedEvent(f"field {name!r} missing or not {kinds[0].__name__}")
    if isinstance(value, str) and not value.strip():
        raise MalformedEvent(f"field {name!r} is empty")
    return value


class RetryLater(Exception):
    """A handler could not do its work now for a reason that may pass: the
    event is not recorded and Stripe is answered 503, so it sends it again."""


def verify(payload: bytes, signature_header: str, *, now: float | None = None) -> dict:
    """The event, if the signature is Stripe's and the timestamp is within the
    tolerance on either side of now; otherwise InvalidWebhook."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise InvalidWebhook("no webhook secret is configured")
    tolerance = settings.STRIPE_WEBHOOK_TOLERANCE
    now = time.time() if now is None else now
    try:
        timestamp = int(
            next(
                part.split("=", 1)[1]
                for part in signature_header.split(",")
                if part.startswith("t=")
            )
        )
    except (StopIteration, ValueError) as error:
        raise InvalidWebhook("no timestamp") from error
    # Stripe's library checks only the past; a timestamp from the future is
    # refused as well.
    if abs(now - timestamp) > tolerance:
        raise InvalidWebhook("timestamp outside the tolerance")
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"), signature_header, secret, tolerance=None
        )
    except (stripe.SignatureVerificationError, UnicodeDecodeError) as error:
        raise InvalidWebhook("bad signature") from error
    try:
        event = json.loads(payload)
    except ValueError as error:
        raise InvalidWebhook("not JSON") from error
    if not isinstance(event, dict):
        raise MalformedEvent("not an event")
    field(event, "id", str)
    field(event, "type", str)
    data = field(event, "data", dict)
    data_object = field(data, "object", dict)
    if "id" in data_object:
        field(data_object, "id", str)
    if event.get("created") is not None:
        field(event, "created", int)
    return event


def process(event: dict) -> bool:
    """Store the event and run its handlers, once. Returns False for an event
    already processed (a replay), which is answered 2xx like the first."""
    data_object = event["data"]["object"]
    try:
        with transaction.atomic():
            StripeEvent.objects.create(
                event_id=event["id"],
                type=event["type"],
                created=int(event.get("created") or 0),
                object_id=str(data_object.get("id", ""))[:255],
            )
            for handler in _handlers.get(event["type"], []):
                handler(data_object)
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return False
        raise
    return True


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        event = verify(request.body, request.headers.get("Stripe-Signature", ""))
    except InvalidWebhook as error:
        logger.warning("Refused a Stripe webhook: %s", error)
        return HttpResponseBadRequest("invalid webhook")
    try:
        new = process(event)
    except MalformedEvent as error:
        logger.warning("Refused Stripe event %s: %s", event["id"], error)
        return HttpResponseBadRequest("invalid webhook")
    except RetryLater as error:
        logger.warning("Stripe event %s postponed: %s", event.get("id"), error)
        return HttpResponse("retry later", status=503)
    return HttpResponse("ok" if new else "already processed", status=200)
