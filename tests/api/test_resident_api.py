"""A resident's endpoints: listings (through the dashboard's form and
services, to staff review), stock, order lines and parcels; another
resident's ids are 404s with nothing changed."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL
from catalogue.models import Product, ReviewStatus
from market.export.models import Parcel, ShippingProfile
from market.mail.models import OutgoingEmail
from tests.factories import ProductFactory

from .conftest import bearer, make_token, order_of, paid_in_checkout, parcel_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(owner, resident):
    return make_token(owner, resident=resident)


@pytest.fixture
def profile(catalogue, resident):
    return ShippingProfile.objects.get(resident=resident)


def _snapshot(product) -> tuple:
    product.refresh_from_db()
    record = product.stockrecords.first()
    return (
        product.title,
        product.review_status,
        record.price if record else None,
        record.num_in_stock if record else None,
    )


def test_listings_are_the_residents_own_in_every_state(
    client, token, catalogue, other_product
):
    Product.objects.filter(pk=catalogue[COURSE].pk).update(
        review_status=ReviewStatus.PENDING
    )

    response = client.get("/api/v1/shop/listings", **bearer(token))

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == sorted(
        (catalogue[kind].pk for kind in (PHYSICAL, DIGITAL, "service", COURSE)),
        reverse=True,
    )
    physical = next(item for item in items if item["id"] == catalogue[PHYSICAL].pk)
    assert physical == {
        "id": catalogue[PHYSICAL].pk,
        "kind": "physical",
        "title": "Quba xalçası",
        "review_status": catalogue[PHYSICAL].review_status,
        "review_reason": "",
        "price": "450.00",
        "currency": "AZN",
        "stock": 3,
    }
    digital = next(item for item in items if item["id"] == catalogue[DIGITAL].pk)
    assert (digital["price"], digital["stock"]) == ("15.00", None)
    course = next(item for item in items if item["id"] == catalogue[COURSE].pk)
    assert course["review_status"] == "pending"


def test_a_listings_detail_has_its_form_values(client, token, catalogue, profile):
    physical = catalogue[PHYSICAL]

    response = client.get(f"/api/v1/shop/listings/{physical.pk}", **bearer(token))

    assert response.status_code == 200
    body = response.json()
    assert body["category"] == catalogue["category"].pk
    assert body["shipping_profile"] == profile.pk
    assert body["attributes"] == {
        "weight_grams": 5200,
        "hs_code": "5701.10",
        "country_of_origin": "AZ",
    }
    assert body["licence_prices"] == {}


def _new_physical(catalogue, profile, **changes) -> dict:
    return {
        "kind": "physical",
        "title": "Şəki kəlağayısı",
        "description": "<p>İpək</p><script>x()</script>",
        "title_en": "Sheki kelaghayi",
        "category": catalogue["category"].pk,
        "price": "120.50",
        "stock": 7,
        "attributes": {
            "weight_grams": 150,
            "hs_code": "6214.10",
            "country_of_origin": "AZ",
        },
        "shipping_profile": profile.pk,
        **changes,
    }


def test_a_new_listing_goes_to_review_like_the_dashboards(
    client, token, catalogue, profile, resident
):
    response = client.post(
        "/api/v1/shop/listings",
        _new_physical(catalogue, profile, review_status="live", is_public=False),
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 201, response.content
    body = response.json()
    product = Product.objects.get(pk=body["id"])
    assert product.review_status == ReviewStatus.PENDING
    assert product.title == "Şəki kəlağayısı"
    assert product.title_en == "Sheki kelaghayi"
    assert product.description == "<p>İpək</p>"
    record = product.stockrecords.get()
    assert (record.partner_id, record.price, record.num_in_stock) == (
        resident.partner_id,
        Decimal("120.50"),
        7,
    )
    assert body["review_status"] == "pending"
    assert body["price"] == "120.50"
    assert body["attributes"]["hs_code"] == "6214.10"


def test_a_digital_listing_takes_licence_prices(client, token, catalogue):
    response = client.post(
        "/api/v1/shop/listings",
        {
            "kind": "digital",
            "title": "Tar səsləri",
            "category": catalogue["category"].pk,
            "licence_prices": {
                "personal": "10",
                "commercial": "40",
                "extended": "90.5",
            },
            "attributes": {"file_format": "WAV"},
        },
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 201, response.content
    assert response.json()["licence_prices"] == {
        "personal": "10.00",
        "commercial": "40.00",
        "extended": "90.50",
    }
    assert response.json()["price"] == "10.00"


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"price": "-1"}, ["price"]),
        ({"title": ""}, ["title"]),
        (
            {
                "attributes": {
                    "weight_grams": "heavy",
                    "hs_code": "6214.10",
                    "country_of_origin": "AZ",
                }
            },
            ["attributes.weight_grams"],
        ),
        (
            {"attributes": {}},
            [
                "attributes.weight_grams",
                "attributes.hs_code",
                "attributes.country_of_origin",
            ],
        ),
        ({"category": 999999}, ["category"]),
        ({"stock": -3}, ["stock"]),
        ({"kind": "spaceship"}, ["kind"]),
    ],
)
def test_bad_listing_input_is_a_422_per_field_and_creates_nothing(
    client, token, catalogue, profile, changes, fields
):
    before = Product.objects.count()

    response = client.post(
        "/api/v1/shop/listings",
        _new_physical(catalogue, profile, **changes),
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == fields
    assert Product.objects.count() == before


def test_another_residents_shipping_profile_is_refused(
    client, token, catalogue, profile, other_resident
):
    theirs = ShippingProfile.objects.create(resident=other_resident, name="Theirs")
    before = Product.objects.count()

    response = client.post(
        "/api/v1/shop/listings",
        _new_physical(catalogue, profile, shipping_profile=theirs.pk),
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "shipping_profile"
    assert Product.objects.count() == before


def test_a_patch_changes_only_what_it_sends_and_goes_back_to_review(
    client, token, catalogue, profile
):
    physical = catalogue[PHYSICAL]
    Product.objects.filter(pk=physical.pk).update(review_status=ReviewStatus.LIVE)

    response = client.patch(
        f"/api/v1/shop/listings/{physical.pk}",
        {"title": "Quba xalçası, 2x3"},
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 200, response.content
    assert _snapshot(physical) == (
        "Quba xalçası, 2x3",
        ReviewStatus.PENDING,
        Decimal("450.00"),
        3,
    )
    assert response.json()["attributes"]["hs_code"] == "5701.10"


def test_another_residents_listing_is_a_404_and_unchanged(client, token, other_product):
    before = _snapshot(other_product)

    responses = [
        client.get(f"/api/v1/shop/listings/{other_product.pk}", **bearer(token)),
        client.patch(
            f"/api/v1/shop/listings/{other_product.pk}",
            {"title": "Mine now"},
            content_type="application/json",
            **bearer(token),
        ),
        client.put(
            f"/api/v1/shop/listings/{other_product.pk}/stock",
            {"stock": 0},
            content_type="application/json",
            **bearer(token),
        ),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert _snapshot(other_product) == before


def test_stock_is_set_without_a_new_review(client, token, catalogue):
    physical = catalogue[PHYSICAL]
    Product.objects.filter(pk=physical.pk).update(review_status=ReviewStatus.LIVE)

    response = client.put(
        f"/api/v1/shop/listings/{physical.pk}/stock",
        {"stock": 12},
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 200
    assert response.json() == {"id": physical.pk, "stock": 12}
    assert _snapshot(physical) == (
        "Quba xalçası",
        ReviewStatus.LIVE,
        Decimal("450.00"),
        12,
    )


@pytest.mark.parametrize(
    ("kind", "stock", "allocated"),
    [(COURSE, 5, 0), (DIGITAL, 5, 0), (PHYSICAL, -1, 0), (PHYSICAL, 1, 2)],
)
def test_refused_stock_changes_nothing(
    client, token, catalogue, kind, stock, allocated
):
    product = catalogue[kind]
    StockRecord.objects.filter(product=product).update(num_allocated=allocated)
    before = _snapshot(product)

    response = client.put(
        f"/api/v1/shop/listings/{product.pk}/stock",
        {"stock": stock},
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "stock"
    assert _snapshot(product) == before


def test_a_token_without_the_scope_changes_nothing(client, owner, resident, catalogue):
    token = make_token(owner, ["listings:read"], resident=resident)
    physical = catalogue[PHYSICAL]

    response = client.put(
        f"/api/v1/shop/listings/{physical.pk}/stock",
        {"stock": 99},
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "This token lacks the scope “stock:write”."
    assert _snapshot(physical)[3] == 3


def test_order_lines_are_the_residents_own(
    client, token, buyer, resident, catalogue, other_resident, other_product
):
    order = order_of(buyer, resident, catalogue[PHYSICAL], quantity=2)
    order_of(buyer, other_resident, other_product)
    line = order.lines.get()

    response = client.get("/api/v1/shop/order-lines", **bearer(token))

    assert response.status_code == 200
    (item,) = response.json()["items"]
    item.pop("placed_at")
    assert item == {
        "id": line.pk,
        "order_number": order.number,
        "title": "Quba xalçası",
        "upc": "T-PHYS",
        "quantity": 2,
        "unit_price_incl_tax": "450.00",
        "line_price_incl_tax": "900.00",
        "currency": "AZN",
        "status": line.status,
    }


@pytest.fixture
def parcel(buyer, resident, catalogue):
    # A placed order allocates its units; shipping consumes them.
    StockRecord.objects.filter(product=catalogue[PHYSICAL]).update(num_allocated=1)
    order = order_of(buyer, resident, catalogue[PHYSICAL])
    paid_in_checkout(order)
    return parcel_of(order, resident)


def test_parcels_are_the_residents_own(
    client, token, parcel, buyer, other_resident, other_product
):
    parcel_of(order_of(buyer, other_resident, other_product), other_resident)

    response = client.get("/api/v1/shop/parcels", **bearer(token))

    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert (item["id"], item["order_number"], item["status"]) == (
        parcel.pk,
        parcel.order.number,
        "paid",
    )


def test_a_parcel_is_packed_then_shipped_with_tracking(client, token, parcel):
    packed = client.post(
        f"/api/v1/shop/parcels/{parcel.pk}/status",
        {"status": "packed"},
        content_type="application/json",
        **bearer(token),
    )
    shipped = client.post(
        f"/api/v1/shop/parcels/{parcel.pk}/status",
        {
            "status": "shipped",
            "carrier": "DHL",
            "tracking_number": "JD0146000033",
            "tracking_url": "https://dhl.example/JD0146000033",
        },
        content_type="application/json",
        **bearer(token),
    )

    assert packed.status_code == 200, packed.content
    assert packed.json()["status"] == "packed"
    assert shipped.status_code == 200, shipped.content
    parcel.refresh_from_db()
    assert (parcel.status, parcel.carrier, parcel.tracking_number) == (
        "shipped",
        "DHL",
        "JD0146000033",
    )
    assert shipped.json()["tracking_url"] == "https://dhl.example/JD0146000033"
    (email,) = OutgoingEmail.objects.all()
    assert email.to == ["buyer@example.az"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"status": "shipped", "carrier": "DHL", "tracking_number": ""},
            "tracking_number",
        ),
        (
            {
                "status": "shipped",
                "carrier": "DHL",
                "tracking_number": "X1",
                "tracking_url": "javascript:alert(1)",
            },
            "tracking_url",
        ),
        ({"status": "delivered"}, "body"),
        ({"status": "teleported"}, "body"),
    ],
)
def test_a_refused_parcel_move_changes_nothing(client, token, parcel, body, field):
    response = client.post(
        f"/api/v1/shop/parcels/{parcel.pk}/status",
        body,
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    parcel.refresh_from_db()
    assert (parcel.status, parcel.tracking_number) == ("paid", "")


def test_another_residents_parcel_is_a_404_and_unchanged(
    client, token, buyer, other_resident, other_product
):
    theirs = parcel_of(order_of(buyer, other_resident, other_product), other_resident)

    response = client.post(
        f"/api/v1/shop/parcels/{theirs.pk}/status",
        {"status": "packed"},
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 404
    assert Parcel.objects.get(pk=theirs.pk).status == "paid"


def test_the_listings_list_costs_the_same_for_2_and_8_listings(client, token, resident):
    for _i in range(2):
        ProductFactory(resident=resident)
    client.get("/api/v1/shop/listings", **bearer(token))
    with CaptureQueriesContext(connection) as two:
        client.get("/api/v1/shop/listings", **bearer(token))
    for _i in range(6):
        ProductFactory(resident=resident)
    with CaptureQueriesContext(connection) as eight:
        response = client.get("/api/v1/shop/listings", **bearer(token))

    assert len(response.json()["items"]) == 8
    assert len(eight) == len(two)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/shop/listings/0", None),
        ("put", "/shop/listings/{pk}/stock", {"stock": 10**30}),
        ("patch", "/shop/listings/{pk}", {"stock": 10**30}),
        ("patch", "/shop/listings/{pk}", {"category": 10**30}),
        ("post", "/shop/parcels/0/status", {"status": "packed"}),
        ("get", "/shop/listings?cursor=OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", None),
    ],
)
def test_numbers_out_of_the_databases_range_are_a_422(
    client, token, catalogue, method, path, body
):
    physical = catalogue[PHYSICAL]
    before = _snapshot(physical)
    url = "/api/v1" + path.format(pk=physical.pk)
    headers = bearer(token)

    if body is None:
        response = getattr(client, method)(url, **headers)
    else:
        response = getattr(client, method)(
            url, body, content_type="application/json", **headers
        )

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert _snapshot(physical) == before
