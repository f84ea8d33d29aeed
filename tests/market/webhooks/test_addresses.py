"""Endpoint URLs that could reach inside the Centre's network (SSRF) or are
not plain https are refused, with nothing saved."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from market.webhooks import services
from market.webhooks.models import WebhookEndpoint

REFUSED = [
    ("https://127.0.0.1/hooks", "private"),
    ("https://10.1.2.3/hooks", "private"),
    ("https://169.254.169.254/latest/meta-data/", "private"),
    ("https://[::1]/hooks", "private"),
    ("https://[::ffff:127.0.0.1]/hooks", "private"),
    ("https://localhost/hooks", "private"),
    ("https://0.0.0.0/hooks", "private"),
    ("https://192.168.0.10/hooks", "private"),
    ("https://100.64.0.1/hooks", "private"),
    ("file:///etc/passwd", "https"),
    ("ftp://example.com/hooks", "https"),
    ("http://93.184.216.34/hooks", "https"),
    ("https://user:secret@93.184.216.34/hooks", "password"),
    ("https://user@93.184.216.34/hooks", "password"),
    ("https://no-such-host.invalid/hooks", "could not be found"),
    ("https:///hooks", "valid URL"),
    ("https://93.184.216.34:99999/", "valid URL"),
    ("https://93.184.216.34/\r\nX: y", "valid URL"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_an_unsafe_url_is_refused_and_nothing_saved(resident, url, reason):
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        services.webhook_endpoint_create(
            resident=resident, url=url, events=["order.paid"]
        )

    with translation.override("en"):
        assert reason in " ".join(refusal.value.messages)
    assert WebhookEndpoint.objects.count() == 0


def test_a_public_address_over_https_is_accepted(resident):
    endpoint = services.webhook_endpoint_create(
        resident=resident, url="https://93.184.216.34/hooks", events=["order.paid"]
    )

    assert (endpoint.url, endpoint.events, endpoint.active) == (
        "https://93.184.216.34/hooks",
        ["order.paid"],
        True,
    )
    assert endpoint.secret.startswith("whsec_")
    assert len(endpoint.secret) == 70


def test_unknown_or_no_events_are_refused(resident):
    for events in ([], ["order.refunded"], ["order.paid", "ping"]):
        with pytest.raises(ValidationError):
            services.webhook_endpoint_create(
                resident=resident, url="https://93.184.216.34/", events=events
            )

    assert WebhookEndpoint.objects.count() == 0


def test_an_endpoint_is_a_residents_or_a_partners_never_both(resident):
    with pytest.raises(ValidationError):
        services.webhook_endpoint_create(
            resident=resident,
            partner_name="Goethe-Institut",
            url="https://93.184.216.34/",
            events=["order.paid"],
        )
    with pytest.raises(ValidationError):
        services.webhook_endpoint_create(
            url="https://93.184.216.34/", events=["order.paid"]
        )

    assert WebhookEndpoint.objects.count() == 0


def test_the_database_refuses_an_endpoint_of_nobody(resident):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        WebhookEndpoint.objects.create(url="https://93.184.216.34/", events=[])
    with pytest.raises(IntegrityError), transaction.atomic():
        WebhookEndpoint.objects.create(
            resident=resident, partner_name="X", url="https://93.184.216.34/"
        )
