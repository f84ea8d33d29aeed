"""`quote.requested`: a request asked through the service writes one
delivery per subscribed endpoint (the resident's own and partners'), in the
request's transaction; a refused request writes none."""

import pytest

from market.trade.services import QuoteRefused
from market.webhooks import services as webhooks
from market.webhooks.models import WebhookDelivery
from tests.market.trade.conftest import ask, in_days


@pytest.fixture(autouse=True)
def _loopback(settings):
    """Endpoints on a loopback address (no name to resolve here)."""
    settings.MARKET_WEBHOOKS_ALLOW_HTTP = True
    settings.MARKET_WEBHOOKS_ALLOW_PRIVATE = True


def test_a_request_is_announced_to_the_resident_and_partners(
    business_buyer, resident, other_resident, scarves
):
    own = webhooks.webhook_endpoint_create(
        url="http://127.0.0.1:9/a", events=["quote.requested"], resident=resident
    )
    partner = webhooks.webhook_endpoint_create(
        url="http://127.0.0.1:9/p",
        events=["quote.requested"],
        partner_name="Goethe-Institut",
    )
    webhooks.webhook_endpoint_create(
        url="http://127.0.0.1:9/b",
        events=["quote.requested"],
        resident=other_resident,
    )
    webhooks.webhook_endpoint_create(
        url="http://127.0.0.1:9/o", events=["order.paid"], resident=resident
    )

    request = ask(business_buyer, resident, scarves, quantity=50)

    deliveries = list(WebhookDelivery.objects.order_by("endpoint_id"))
    assert [d.endpoint_id for d in deliveries] == [own.pk, partner.pk]
    assert {d.event_type for d in deliveries} == {"quote.requested"}
    assert deliveries[0].event_id == deliveries[1].event_id
    line = request.lines.get()
    assert deliveries[0].payload == {
        "reference": str(request.reference),
        "number": request.number,
        "resident": "xalca-atelier",
        "company_name": "Galerie Nord GmbH",
        "company_country": "DE",
        "destination": "DE",
        "wanted_by": in_days(30).isoformat(),
        "created_at": request.created_at.isoformat(),
        "lines": [
            {
                "line_id": line.pk,
                "product_id": scarves.pk,
                "sku": line.stockrecord.partner_sku,
                "title": "Kəlağayı",
                "quantity": 50,
                "made_to_order": False,
            }
        ],
        "dashboard_url": "http://market.localhost:8000/en/shop/my-shop/quotes/"
        f"{request.reference}/",
    }
    assert "anna@galerie-nord.de" not in str(deliveries[0].payload)


def test_a_refused_request_announces_nothing(business_buyer, resident, scarves):
    webhooks.webhook_endpoint_create(
        url="http://127.0.0.1:9/a", events=["quote.requested"], resident=resident
    )

    with pytest.raises(QuoteRefused):
        ask(business_buyer, resident, scarves, quantity=61)

    assert WebhookDelivery.objects.count() == 0
