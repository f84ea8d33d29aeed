"""Sending: signed POSTs to a real local receiver, retries on an exact
schedule, giving up with one e-mail, timeouts, redelivery."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import translation

from market.mail.models import OutgoingEmail
from market.webhooks import services
from market.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
)
from tests.threads import run_together

# The sender's clock: a whole minute a day ahead of the wall clock, so that
# every delivery made now (due at once) is due at NOW, whenever the suite runs.
NOW = (datetime.now(UTC) + timedelta(days=1)).replace(second=0, microsecond=0)


def _endpoint(resident, receiver, events=(WebhookEvent.ORDER_PAID,)):
    endpoint = services.webhook_endpoint_create(
        resident=resident, url=receiver.url, events=list(events)
    )
    receiver.secret = endpoint.secret
    return endpoint


def test_a_ping_is_posted_signed_with_the_event_id_and_logged(resident, receiver):
    endpoint = _endpoint(resident, receiver)
    delivery = services.webhook_ping(endpoint=endpoint)

    counts = services.webhook_deliveries_send_due(now=NOW)

    delivery.refresh_from_db()
    assert counts == {"delivered": 1, "retrying": 0, "failed": 0}
    assert receiver.received == [
        {
            "path": "/hooks",
            "event": "ping",
            "delivery": str(delivery.event_id),
            "verified": True,
            "body": {
                "id": str(delivery.event_id),
                "type": "ping",
                "created": delivery.created_at.isoformat(),
                "data": {"message": "ping", "endpoint": endpoint.pk},
            },
        }
    ]
    assert (
        delivery.status,
        delivery.attempts,
        delivery.last_response_code,
        delivery.last_error,
        delivery.response_excerpt,
    ) == (DeliveryStatus.DELIVERED, 1, 200, "", "ok")
    assert list(
        WebhookAttempt.objects.values_list("number", "response_code", "error")
    ) == [(1, 200, "")]


def test_a_wrong_secret_does_not_verify(resident, receiver):
    endpoint = _endpoint(resident, receiver)
    services.webhook_ping(endpoint=endpoint)
    receiver.secret = "whsec_other"

    services.webhook_deliveries_send_due(now=NOW)

    assert [item["verified"] for item in receiver.received] == [False]


def test_failures_are_retried_on_the_exact_schedule_then_fail_and_mail_once(
    resident, owner, receiver
):
    endpoint = _endpoint(resident, receiver)
    receiver.statuses = [500] * 14
    first = services.webhook_event_emit(
        event_type=WebhookEvent.ORDER_PAID, resident=resident, payload={"n": 1}
    )[0]
    second = services.webhook_event_emit(
        event_type=WebhookEvent.ORDER_PAID, resident=resident, payload={"n": 2}
    )[0]
    schedule = []
    moment = NOW
    for _attempt in range(7):
        services.webhook_deliveries_send_due(now=moment)
        first.refresh_from_db()
        schedule.append((first.status, first.attempts, first.next_attempt_at))
        moment = first.next_attempt_at if first.status == "pending" else moment

    waits = [1, 5, 30, 120, 720, 1440]
    expected, at = [], NOW
    for number, wait in enumerate(waits, start=1):
        at = at + timedelta(minutes=wait)
        expected.append((DeliveryStatus.PENDING, number, at))
    expected.append((DeliveryStatus.FAILED, 7, at))
    assert schedule == expected
    second.refresh_from_db()
    assert (second.status, second.attempts) == (DeliveryStatus.FAILED, 7)
    assert first.last_response_code == 500
    assert first.last_error == "HTTP 500"
    assert len(first.response_excerpt) == 500
    assert WebhookAttempt.objects.filter(delivery=first).count() == 7
    assert len(receiver.received) == 14
    # One e-mail for the run of failures, to the resident's people, in
    # the resident's language.
    with translation.override(resident.language):
        subject = translation.gettext("Webhooks to %(url)s are failing") % {
            "url": endpoint.url
        }
    assert list(OutgoingEmail.objects.values_list("to", "subject")) == [
        ([owner.email], subject)
    ]
    # Once the receiver answers again, the warning is reset.
    endpoint.refresh_from_db()
    assert endpoint.failure_mailed_at is not None
    services.webhook_delivery_redeliver(delivery=first)
    services.webhook_deliveries_send_due()
    endpoint.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, first.attempts, endpoint.failure_mailed_at) == (
        DeliveryStatus.DELIVERED,
        8,
        None,
    )


def test_a_receiver_that_hangs_is_cut_at_the_timeout_and_retried(resident, receiver):
    endpoint = _endpoint(resident, receiver)
    receiver.hang_seconds = 3
    delivery = services.webhook_ping(endpoint=endpoint)

    started = datetime.now(UTC)
    services.webhook_deliveries_send_due(now=NOW)
    took = datetime.now(UTC) - started

    delivery.refresh_from_db()
    assert took < timedelta(seconds=2.5)
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        DeliveryStatus.PENDING,
        1,
        NOW + timedelta(minutes=1),
    )
    assert delivery.last_response_code is None
    assert "timed out" in delivery.last_error


def test_a_closed_port_is_retried(resident, receiver):
    endpoint = _endpoint(resident, receiver)
    endpoint.url = "http://127.0.0.1:9/hooks"
    endpoint.save()
    delivery = services.webhook_ping(endpoint=endpoint)

    services.webhook_deliveries_send_due(now=NOW)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)
    assert delivery.last_error.startswith("ConnectionRefusedError")


def test_an_address_that_turned_private_is_refused_at_sending(
    resident, receiver, settings
):
    endpoint = _endpoint(resident, receiver)
    delivery = services.webhook_ping(endpoint=endpoint)
    settings.MARKET_WEBHOOKS_ALLOW_PRIVATE = False

    with translation.override("en"):
        services.webhook_deliveries_send_due(now=NOW)

    delivery.refresh_from_db()
    assert receiver.received == []
    assert (delivery.status, delivery.attempts, delivery.last_error) == (
        DeliveryStatus.PENDING,
        1,
        "The URL points to a private or reserved network address.",
    )


def test_a_redelivery_keeps_the_event_id(resident, receiver):
    endpoint = _endpoint(resident, receiver)
    delivery = services.webhook_ping(endpoint=endpoint)
    services.webhook_deliveries_send_due(now=NOW)

    services.webhook_delivery_redeliver(delivery=delivery)
    services.webhook_deliveries_send_due()

    delivery.refresh_from_db()
    assert [item["delivery"] for item in receiver.received] == [
        str(delivery.event_id)
    ] * 2
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 2)


def test_a_switched_off_endpoint_gets_nothing_new(resident, receiver):
    endpoint = _endpoint(resident, receiver)
    services.webhook_endpoint_active_set(endpoint=endpoint, active=False)

    created = services.webhook_event_emit(
        event_type=WebhookEvent.ORDER_PAID, resident=resident, payload={}
    )

    assert created == []
    assert WebhookDelivery.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_post_a_delivery_once(resident, receiver):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED needs PostgreSQL")
    endpoint = _endpoint(resident, receiver)
    receiver.hang_seconds = 0.3
    # Written directly: in autocommit, emitting would send it at once (the
    # tests' task backend runs immediately).
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event_type="ping", payload={}, next_attempt_at=NOW
    )

    outcomes = run_together([lambda: services.webhook_deliveries_send_due(now=NOW)] * 2)

    delivery.refresh_from_db()
    assert sorted(outcome["delivered"] for outcome in outcomes) == [0, 1]
    assert len(receiver.received) == 1
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == 1
