"""Reads of webhooks: a resident sees only their own endpoints and the
deliveries to them (another resident's id is not found)."""

from django.db.models import QuerySet

from .models import WebhookDelivery, WebhookEndpoint


def owned_webhook_endpoints(resident) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(resident=resident).order_by("pk")


def owned_webhook_deliveries(resident) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(endpoint__resident=resident).order_by("-pk")
