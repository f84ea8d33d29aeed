"""Outgoing webhooks: endpoints (a resident's or a partner's), one delivery
per event and endpoint (the outbox), and each attempt to post it."""

import secrets
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WebhookEvent(models.TextChoices):
    """The events an endpoint may subscribe to."""

    # A placed and paid order holds lines of the resident.
    ORDER_PAID = "order.paid", _("Order paid")
    # One of the resident's parcels left with a carrier.
    PARCEL_SHIPPED = "parcel.shipped", _("Parcel shipped")
    # A business buyer asked the resident for a wholesale quote.
    QUOTE_REQUESTED = "quote.requested", _("Quote requested")


# Sent only on request, to one endpoint ("send a test event"); never
# subscribed to.
PING = "ping"


def new_secret() -> str:
    return "whsec_" + secrets.token_hex(32)


class WebhookEndpoint(models.Model):
    """Where events are posted. A resident's endpoint (made in their shop
    dashboard) receives that resident's events; a partner's endpoint (made by
    staff in the Wagtail admin, with the partner's name) receives the
    subscribed events of every resident."""

    resident = models.ForeignKey(
        "residents.Resident",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhook_endpoints",
        verbose_name=_("resident"),
    )
    partner_name = models.CharField(_("partner"), max_length=200, blank=True)
    # Who hears when deliveries keep failing (partner endpoints; a
    # resident's people are told at their own addresses).
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    language = models.CharField(
        _("language for e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(pgettext_lazy("webhook", "events"), default=list)
    secret = models.CharField(_("signing secret"), max_length=100, default=new_secret)
    active = models.BooleanField(_("active"), default=True)
    # Set when the owner was told that a delivery failed for good; cleared by
    # the next delivery that succeeds (one e-mail per run of failures).
    failure_mailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        constraints = [
            models.CheckConstraint(
                condition=(Q(resident__isnull=False) & Q(partner_name=""))
                | (Q(resident__isnull=True) & ~Q(partner_name="")),
                name="webhook_endpoint_resident_or_partner",
            ),
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def owner_name(self) -> str:
        return self.partner_name or (
            self.resident.display_name if self.resident else ""
        )

    def event_labels(self) -> list[str]:
        labels = dict(WebhookEvent.choices)
        return [str(labels.get(event, event)) for event in self.events]


class DeliveryStatus(models.TextChoices):
    """Where one delivery stands."""

    # Waiting for its first attempt or for a retry.
    PENDING = "pending", _("Pending")
    # The receiver answered 2xx.
    DELIVERED = "delivered", _("Delivered")
    # Every retry failed; the owner may send it again.
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event for one endpoint: a row of the outbox, kept as the log."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    # The same across retries and redeliveries: receivers de-duplicate on it.
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4)
    event_type = models.CharField(_("event"), max_length=40)
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_response_code = models.PositiveSmallIntegerField(
        _("last response code"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    response_excerpt = models.TextField(_("response"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="webhook_delivery_event_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="webhook_delivery_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"


class WebhookAttempt(models.Model):
    """One POST of a delivery, with what came back."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("started at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    response_code = models.PositiveSmallIntegerField(
        _("response code"), null=True, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    response_excerpt = models.TextField(_("response"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")

    def __str__(self) -> str:
        return f"{self.delivery_id} #{self.number}"
