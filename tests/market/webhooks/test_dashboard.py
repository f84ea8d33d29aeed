"""A resident's webhooks in their dashboard, and staff's in the Wagtail
admin. Only the owner sees or touches a resident's endpoints and
deliveries: another resident's ids are a 404 and nothing changes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from market.webhooks import services
from market.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _endpoint(resident, url="https://93.184.216.34/hooks"):
    return services.webhook_endpoint_create(
        resident=resident, url=url, events=["order.paid"]
    )


def test_a_resident_adds_an_endpoint_and_sees_its_secret(owner, resident):
    client = _client(owner)

    response = client.post(
        reverse("resident_dashboard:webhooks"),
        {
            "url": "https://93.184.216.34/hooks",
            "events": ["order.paid", "parcel.shipped"],
        },
    )

    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert (endpoint.resident, endpoint.url, endpoint.events) == (
        resident,
        "https://93.184.216.34/hooks",
        ["order.paid", "parcel.shipped"],
    )
    page = client.get(response["Location"]).content.decode()
    assert endpoint.secret in page


def test_an_unsafe_url_in_the_form_is_refused_with_a_message(owner):
    client = _client(owner)

    response = client.post(
        reverse("resident_dashboard:webhooks"),
        {"url": "https://169.254.169.254/latest", "events": ["order.paid"]},
    )

    assert response.status_code == 400
    assert 'class="invalid-feedback d-block"' in response.content.decode()
    assert WebhookEndpoint.objects.count() == 0


def test_the_owner_rotates_pings_switches_off_and_deletes(owner, resident):
    endpoint = _endpoint(resident)
    old_secret = endpoint.secret
    client = _client(owner)

    def act(action):
        return client.post(
            reverse(
                "resident_dashboard:webhook-action",
                kwargs={"pk": endpoint.pk, "action": action},
            )
        )

    assert act("rotate").status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret != old_secret
    act("ping")
    assert list(WebhookDelivery.objects.values_list("event_type", flat=True)) == [
        "ping"
    ]
    act("off")
    endpoint.refresh_from_db()
    assert endpoint.active is False
    assert act("explode").status_code == 404
    act("delete")
    assert WebhookEndpoint.objects.count() == 0
    assert WebhookDelivery.objects.count() == 0


def test_another_resident_gets_404_and_nothing_changes(
    resident, other_owner, other_resident
):
    endpoint = _endpoint(resident)
    delivery = services.webhook_ping(endpoint=endpoint)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, attempts=7
    )
    before = (endpoint.secret, endpoint.active)
    client = _client(other_owner)

    responses = [
        client.get(reverse("resident_dashboard:webhook", kwargs={"pk": endpoint.pk}))
    ]
    for action in ("rotate", "ping", "off", "delete"):
        responses.append(
            client.post(
                reverse(
                    "resident_dashboard:webhook-action",
                    kwargs={"pk": endpoint.pk, "action": action},
                )
            )
        )
    responses.append(
        client.post(
            reverse("resident_dashboard:webhook-redeliver", kwargs={"pk": delivery.pk})
        )
    )
    listing = client.get(reverse("resident_dashboard:webhooks")).content.decode()

    assert [response.status_code for response in responses] == [404] * 6
    endpoint.refresh_from_db()
    delivery.refresh_from_db()
    assert (endpoint.secret, endpoint.active) == before
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 7)
    assert WebhookDelivery.objects.count() == 1
    assert endpoint.url not in listing


def test_a_buyer_and_a_stranger_get_nothing(buyer, resident):
    endpoint = _endpoint(resident)
    url = reverse("resident_dashboard:webhook", kwargs={"pk": endpoint.pk})

    assert _client(buyer).get(url).status_code == 403
    assert Client().get(url).status_code == 403


def test_the_owner_redelivers_a_failed_delivery(owner, resident):
    endpoint = _endpoint(resident)
    delivery = services.webhook_ping(endpoint=endpoint)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, attempts=7
    )

    response = _client(owner).post(
        reverse("resident_dashboard:webhook-redeliver", kwargs={"pk": delivery.pk})
    )

    delivery.refresh_from_db()
    assert response.status_code == 302
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 7)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_cost_the_same_queries_for_one_or_many_rows(owner, resident):
    client = _client(owner)
    endpoint = _endpoint(resident)
    services.webhook_ping(endpoint=endpoint)
    detail = reverse("resident_dashboard:webhook", kwargs={"pk": endpoint.pk})
    listing = reverse("resident_dashboard:webhooks")
    # (The first request of a session pays for caches once.)
    _queries(client, listing)
    few = (_queries(client, listing), _queries(client, detail))

    for number in range(4):
        _endpoint(resident, url=f"https://93.184.216.{number}/hooks")
    for _number in range(10):
        services.webhook_ping(endpoint=endpoint)

    assert (_queries(client, listing), _queries(client, detail)) == few


def test_staff_add_a_partner_endpoint_that_hears_every_resident(
    staff, resident, other_resident, sites
):
    client = _client(staff)

    response = client.post(
        reverse("webhooks_admin"),
        {
            "partner_name": "Goethe-Institut",
            "contact_email": "it@goethe.example",
            "language": "en",
            "url": "https://93.184.216.34/partner",
            "events": ["order.paid"],
        },
    )

    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert (endpoint.resident, endpoint.partner_name, endpoint.contact_email) == (
        None,
        "Goethe-Institut",
        "it@goethe.example",
    )
    for who in (resident, other_resident):
        services.webhook_event_emit(event_type="order.paid", resident=who, payload={})
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 2
    page = client.get(reverse("webhooks_admin")).content.decode()
    assert "Goethe-Institut" in page


def test_the_admin_is_for_staff_only(owner, buyer, sites):
    for user in (owner, buyer):
        response = _client(user).get(reverse("webhooks_admin"))
        assert response.status_code in (302, 403)
    assert WebhookEndpoint.objects.count() == 0


@pytest.mark.parametrize("events", [[], ["order.refunded"]])
def test_the_form_refuses_unknown_events(owner, events):
    response = _client(owner).post(
        reverse("resident_dashboard:webhooks"),
        {"url": "https://93.184.216.34/hooks", "events": events},
    )

    assert response.status_code == 400
    assert WebhookEndpoint.objects.count() == 0
