"""order.paid and parcel.shipped, from a real placed order (localstripe) to
the local receiver: one event per resident with only their lines; partners'
endpoints get every resident's events."""

from decimal import Decimal

from market.export import services as export_services
from market.export.models import Parcel, ParcelStatus
from market.webhooks import services
from market.webhooks.models import DeliveryStatus, WebhookDelivery
from tests.market.export.test_shipping import _buy_berlin, _client


def _endpoint(receiver, path, **owner):
    endpoint = services.webhook_endpoint_create(
        url=receiver.url + path,
        events=["order.paid", "parcel.shipped"],
        **owner,
    )
    receiver.secrets["/hooks" + path] = endpoint.secret
    return endpoint


def test_order_paid_goes_to_each_resident_with_only_their_lines(
    buyer,
    catalogue,
    berlin,
    resident,
    other_resident,
    rates,
    stripe_settings,
    localstripe_url,
    receiver,
    django_capture_on_commit_callbacks,
):
    _endpoint(receiver, "/a", resident=resident)
    _endpoint(receiver, "/b", resident=other_resident)
    _endpoint(receiver, "/partner", partner_name="Goethe-Institut")
    client = _client(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        _step, _preview, payment = _buy_berlin(client, catalogue, berlin)

    order = payment.order
    carpet, print_ = berlin
    by_path = {}
    for item in receiver.received:
        by_path.setdefault(item["path"], []).append(item)
    assert sorted(by_path) == ["/hooks/a", "/hooks/b", "/hooks/partner"]
    assert all(item["verified"] for item in receiver.received)
    assert [item["event"] for item in receiver.received] == ["order.paid"] * 4
    [for_a] = by_path["/hooks/a"]
    [for_b] = by_path["/hooks/b"]
    # The partner hears of both residents, with the same event ids.
    assert sorted(item["delivery"] for item in by_path["/hooks/partner"]) == sorted(
        [for_a["delivery"], for_b["delivery"]]
    )
    assert for_b["body"]["data"] == {
        "order_number": str(order.number),
        "placed_at": order.date_placed.isoformat(),
        "resident": other_resident.slug,
        "currency": "AZN",
        "total": "160.00",
        "balance_due": "0.00",
        "shipping_country": "DE",
        "lines": [
            {
                "product_id": print_.pk,
                "sku": order.lines.get(product=print_).partner_sku,
                "title": "Şəbəkə çapı",
                "quantity": 2,
                "unit_price": "80.00",
                "line_total": "160.00",
            }
        ],
    }
    data_a = for_a["body"]["data"]
    a_lines = order.lines.filter(partner=resident.partner).order_by("pk")
    assert [line["product_id"] for line in data_a["lines"]] == [
        line.product_id for line in a_lines
    ]
    assert carpet.pk in [line["product_id"] for line in data_a["lines"]]
    assert print_.pk not in [line["product_id"] for line in data_a["lines"]]
    assert Decimal(data_a["total"]) == sum(line.line_price_incl_tax for line in a_lines)
    assert (data_a["resident"], data_a["currency"], data_a["shipping_country"]) == (
        resident.slug,
        "AZN",
        "DE",
    )
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.DELIVERED
    }


def test_parcel_shipped_goes_to_the_resident_who_ships_it(
    buyer,
    catalogue,
    berlin,
    resident,
    other_resident,
    owner,
    rates,
    stripe_settings,
    localstripe_url,
    receiver,
    django_capture_on_commit_callbacks,
):
    client = _client(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        _step, _preview, payment = _buy_berlin(client, catalogue, berlin)
    _endpoint(receiver, "/a", resident=resident)
    _endpoint(receiver, "/b", resident=other_resident)
    parcel = Parcel.objects.get(partner=resident.partner)

    with django_capture_on_commit_callbacks(execute=True):
        export_services.parcel_move(
            parcel=parcel, user=owner, status=ParcelStatus.PACKED
        )
        export_services.parcel_move(
            parcel=parcel,
            user=owner,
            status=ParcelStatus.SHIPPED,
            carrier="Azərpoçt EMS",
            tracking_number="EE123456789AZ",
            tracking_url="https://track.azerpost.az/EE123456789AZ",
        )

    parcel.refresh_from_db()
    [item] = receiver.received
    assert (item["path"], item["event"], item["verified"]) == (
        "/hooks/a",
        "parcel.shipped",
        True,
    )
    assert item["body"]["data"] == {
        "parcel_id": parcel.pk,
        "order_number": str(payment.order.number),
        "resident": resident.slug,
        "country": "DE",
        "carrier": "Azərpoçt EMS",
        "tracking_number": "EE123456789AZ",
        "tracking_url": "https://track.azerpost.az/EE123456789AZ",
        "shipped_at": parcel.shipped_at.isoformat(),
        "lines": [
            {
                "product_id": line.product_id,
                "title": line.title,
                "quantity": line.quantity,
            }
            for line in parcel.lines.order_by("pk")
        ],
    }
