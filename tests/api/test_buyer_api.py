"""A buyer's endpoints: their orders with lines, totals and parcels, and
signed download links for their own files only."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.kinds import DIGITAL, PHYSICAL
from market.downloads.models import DownloadGrant
from market.downloads.signing import grant_from_token
from tests.market.downloads.conftest import WAV, add_digital_file

from .conftest import bearer, make_token, order_of, parcel_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(buyer):
    return make_token(buyer, ["orders:read", "downloads:read"])


@pytest.fixture
def order(buyer, resident, catalogue):
    order = order_of(buyer, resident, catalogue[PHYSICAL], quantity=2)
    order.number = "100042"
    order.status = "Paid"
    order.save()
    return order


def test_orders_list_shows_the_buyers_own_orders(
    client, token, order, other_buyer, resident, catalogue
):
    order_of(other_buyer, resident, catalogue[PHYSICAL])

    response = client.get("/api/v1/me/orders", **bearer(token))

    assert response.status_code == 200
    body = response.json()
    assert body["next"] is None
    assert [item["number"] for item in body["items"]] == ["100042"]
    item = body["items"][0]
    assert {key: item[key] for key in item if key != "placed_at"} == {
        "number": "100042",
        "status": "Paid",
        "currency": "AZN",
        "total_incl_tax": "900.00",
        "total_excl_tax": "900.00",
        "shipping_incl_tax": "0.00",
    }


def test_order_detail_has_lines_totals_and_parcels_with_tracking(
    client, token, order, resident
):
    parcel = parcel_of(
        order,
        resident,
        status="shipped",
        tracking_number="EE123456789AZ",
        tracking_url="https://track.example/EE123456789AZ",
    )
    line = order.lines.get()

    response = client.get("/api/v1/me/orders/100042", **bearer(token))

    assert response.status_code == 200
    body = response.json()
    assert body["total_incl_tax"] == "900.00"
    assert body["lines"] == [
        {
            "id": line.pk,
            "title": "Quba xalçası",
            "upc": "T-PHYS",
            "resident": "Xalça Atelier",
            "quantity": 2,
            "unit_price_incl_tax": "450.00",
            "line_price_incl_tax": "900.00",
            "status": line.status,
        }
    ]
    assert body["parcels"] == [
        {
            "id": parcel.pk,
            "status": "shipped",
            "country": "DE",
            "carrier": "AzərPoçt EMS",
            "tracking_number": "EE123456789AZ",
            "tracking_url": "https://track.example/EE123456789AZ",
            "shipping": "30.00",
            "currency": "AZN",
            "line_ids": [line.pk],
            "packed_at": None,
            "shipped_at": None,
            "delivered_at": None,
        }
    ]


def test_another_buyers_order_is_a_404(client, order, other_buyer):
    token = make_token(other_buyer, ["orders:read"])

    response = client.get("/api/v1/me/orders/100042", **bearer(token))

    assert response.status_code == 404
    assert response.json()["type"] == "/api/v1/problems/not-found"


def test_orders_are_paged_by_cursor(client, token, buyer, resident, catalogue):
    orders = [order_of(buyer, resident, catalogue[PHYSICAL]) for _i in range(22)]

    first = client.get("/api/v1/me/orders", **bearer(token)).json()
    second = client.get(
        f"/api/v1/me/orders?cursor={first['next']}", **bearer(token)
    ).json()

    newest_first = [o.number for o in sorted(orders, key=lambda o: -o.pk)]
    assert [item["number"] for item in first["items"]] == newest_first[:20]
    assert [item["number"] for item in second["items"]] == newest_first[20:]
    assert second["next"] is None


@pytest.mark.parametrize("cursor", ["%%%", "LTE", "MA", "eA", "😀"])
def test_a_bad_cursor_is_a_422(client, token, cursor):
    response = client.get("/api/v1/me/orders", {"cursor": cursor}, **bearer(token))

    assert response.status_code == 422
    assert response.json()["type"] == "/api/v1/problems/invalid-input"


def _queries(client, token, path) -> int:
    # Warm: the token's first use of the minute writes `last_used_at`.
    client.get(path, **bearer(token))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, **bearer(token)).status_code == 200
    return len(queries)


def test_the_orders_list_costs_the_same_for_2_and_8_orders(
    client, token, buyer, resident, catalogue
):
    for _i in range(2):
        order_of(buyer, resident, catalogue[PHYSICAL])
    two = _queries(client, token, "/api/v1/me/orders")
    for _i in range(6):
        order_of(buyer, resident, catalogue[PHYSICAL])

    assert _queries(client, token, "/api/v1/me/orders") == two


def test_the_order_detail_costs_the_same_for_1_and_4_parcels(
    client, token, buyer, resident, catalogue, other_resident, other_product
):
    order = order_of(buyer, resident, catalogue[PHYSICAL])
    parcel_of(order, resident)
    one = _queries(client, token, f"/api/v1/me/orders/{order.number}")
    order_of(buyer, other_resident, other_product)
    parcel_of(order, other_resident)

    assert _queries(client, token, f"/api/v1/me/orders/{order.number}") == one


@pytest.fixture
def grant(buyer, resident, catalogue):
    variant = catalogue[DIGITAL].children.get()
    order = order_of(buyer, resident, variant, price=Decimal("15.00"))
    wav = add_digital_file(catalogue[DIGITAL], "Muğam.wav", WAV, ".wav", "audio/x-wav")
    return DownloadGrant.objects.create(
        line=order.lines.get(), digital_file=wav, user=buyer, download_limit=5
    )


def test_downloads_give_a_signed_link_for_the_buyers_own_grants(
    client, token, buyer, grant, other_buyer, resident, catalogue
):
    others = order_of(other_buyer, resident, catalogue[DIGITAL].children.get())
    DownloadGrant.objects.create(
        line=others.lines.get(),
        digital_file=grant.digital_file,
        user=other_buyer,
        download_limit=5,
    )

    response = client.get("/api/v1/me/downloads", **bearer(token))

    assert response.status_code == 200
    (item,) = response.json()["items"]
    url = item.pop("url")
    assert item == {
        "id": grant.pk,
        "order_number": grant.line.order.number,
        "product": "Muğam nümunələri (Personal)",
        "file": "Muğam.wav",
        "downloads_left": 5,
        "unavailable_reason": None,
    }
    assert url.startswith("http://testserver/")
    signed = url.rstrip("/").rsplit("/", 1)[1]
    assert grant_from_token(token=signed, user=buyer) == grant


def test_a_revoked_grant_has_no_link(client, token, grant):
    DownloadGrant.objects.filter(pk=grant.pk).update(revoked_at=grant.created_at)

    (item,) = client.get("/api/v1/me/downloads", **bearer(token)).json()["items"]

    assert item["url"] is None
    assert item["unavailable_reason"] == "revoked"
