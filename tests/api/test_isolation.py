"""Nobody reaches another's objects through the API: every route of the
buyer's and the resident's routers, for anonymous callers, staff signed in
on the site (a session is not a token), buyer A against buyer B's objects,
and resident A against resident B's. The public routes answer everyone alike
(200, B's listed product and open shop included) and change nothing. A new
route without an entry in ROUTES makes this test fail."""

import pytest
from oscar.apps.partner.models import StockRecord

from catalogue.models import Product
from market.api import buyer, buyer_quotes, public, resident, resident_quotes
from market.api.models import AccessToken
from market.export.models import Parcel
from market.trade import services as trade
from market.trade.models import BusinessProfile, QuoteMessage, QuoteRequest

from .conftest import bearer, make_token, order_of, parcel_of

pytestmark = pytest.mark.django_db

# (method, path under /api/v1, body): `{order}`, `{listing}`, `{parcel}`,
# `{request}` (a quote request of buyer B to resident B) are B's objects;
# `{product}` and `{shop}` B's listed product and open shop.
PUBLIC_ROUTES = [
    ("get", "/products", None),
    ("get", "/products/{product}", None),
    ("get", "/residents", None),
    ("get", "/residents/{shop}", None),
    ("get", "/categories", None),
]
ROUTES = [
    *PUBLIC_ROUTES,
    ("get", "/me/orders", None),
    ("get", "/me/orders/{order}", None),
    ("get", "/me/downloads", None),
    ("get", "/shop/listings", None),
    ("post", "/shop/listings", {"kind": "physical", "title": "x", "category": 1}),
    ("get", "/shop/listings/{listing}", None),
    ("patch", "/shop/listings/{listing}", {"title": "Hacked"}),
    ("put", "/shop/listings/{listing}/stock", {"stock": 0}),
    ("get", "/shop/order-lines", None),
    ("get", "/shop/parcels", None),
    ("post", "/shop/parcels/{parcel}/status", {"status": "packed"}),
    ("get", "/me/quote-requests", None),
    (
        "post",
        "/me/quote-requests",
        {
            "resident": "oyun-studiyasi",
            "lines": [{"product": 1, "quantity": 1}],
            "destination": "DE",
        },
    ),
    ("get", "/me/quote-requests/{request}", None),
    ("post", "/me/quote-requests/{request}/messages", {"body": "Hi"}),
    ("post", "/me/quote-requests/{request}/withdraw", None),
    ("get", "/shop/quote-requests", None),
    ("get", "/shop/quote-requests/{request}", None),
    (
        "post",
        "/shop/quote-requests/{request}/quote",
        {
            "lines": [{"line": 1, "unit_price": "1.00"}],
            "lead_time_days": 1,
            "valid_until": "2030-01-01",
        },
    ),
    ("post", "/shop/quote-requests/{request}/decline", {"reason": "No"}),
    ("post", "/shop/quote-requests/{request}/messages", {"body": "Hi"}),
]


def _declared() -> list[tuple[str, str]]:
    found = []
    for prefix, router in (
        ("", public.router),
        ("/me", buyer.router),
        ("/me", buyer_quotes.router),
        ("/shop", resident.router),
        ("/shop", resident_quotes.router),
    ):
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    found.append((method.lower(), prefix + path))
    return sorted(found)


def _template(path: str) -> str:
    return (
        path.replace("{order}", "{number}")
        .replace("{listing}", "{listing_id}")
        .replace("{parcel}", "{parcel_id}")
        .replace("{product}", "{product_id}")
        .replace("{shop}", "{key}")
        .replace("{request}", "{reference}")
    )


def test_the_matrix_covers_every_route():
    assert sorted((method, _template(path)) for method, path, _b in ROUTES) == (
        _declared()
    )


@pytest.fixture
def b_objects(other_buyer, other_resident, other_product):
    order = order_of(other_buyer, other_resident, other_product)
    parcel = parcel_of(order, other_resident)
    BusinessProfile.objects.create(
        user=other_buyer, company_name="Tbilisi Shop", country="GE"
    )
    request = trade.quote_request_create(
        buyer=other_buyer,
        resident=other_resident,
        lines=[trade.LineWish(other_product.stockrecords.get().pk, 2)],
        destination="DE",
        wanted_by=None,
        message="Two boards.",
        language="en",
    )
    return {
        "order": order.number,
        "listing": other_product.pk,
        "parcel": parcel.pk,
        "product": other_product.pk,
        "shop": other_resident.slug,
        "request": request.reference,
    }


def _snapshot():
    return (
        list(
            Product.objects.order_by("pk").values_list("pk", "title", "review_status")
        ),
        list(StockRecord.objects.order_by("pk").values_list("pk", "num_in_stock")),
        list(Parcel.objects.order_by("pk").values_list("pk", "status")),
        Product.objects.count(),
        list(
            QuoteRequest.objects.order_by("pk").values_list(
                "pk", "status", "quotes__pk"
            )
        ),
        QuoteMessage.objects.count(),
    )


def _call(client, method, path, body, headers):
    url = "/api/v1" + path
    if body is None:
        return getattr(client, method)(url, **headers)
    return getattr(client, method)(
        url, body, content_type="application/json", **headers
    )


@pytest.mark.parametrize("actor", ["anonymous", "staff", "buyer_a", "resident_a"])
def test_nobody_reaches_b_objects(
    client, actor, b_objects, buyer, staff, owner, resident, other_buyer
):
    headers = {}
    if actor == "staff":
        client.force_login(staff)
    elif actor == "buyer_a":
        headers = bearer(make_token(buyer))
    elif actor == "resident_a":
        headers = bearer(make_token(owner, resident=resident))
    before = _snapshot()

    for method, path, body in ROUTES:
        response = _call(client, method, path.format(**b_objects), body, headers)
        mine = path.startswith("/me") == (actor == "buyer_a")
        if (method, path, body) in PUBLIC_ROUTES:
            expected = {200}
        elif actor in ("anonymous", "staff"):
            expected = {401}
        elif not mine:
            expected = {403}
        elif "{" in path:
            expected = {404}
        elif method == "post":
            expected = {422}
        else:
            expected = {200}
        assert response.status_code in expected, (actor, method, path)
        assert response["Content-Type"] in (
            "application/json; charset=utf-8",
            "application/problem+json",
        )
        if response.status_code == 200 and (method, path, body) not in PUBLIC_ROUTES:
            assert response.json()["items"] == [], (actor, path)

    assert _snapshot() == before
    assert AccessToken.objects.filter(user=other_buyer).count() == 0


# The public routes of Kreativ Edu and the Centre (market/api/public_learning.py):
# no token needed, and a token or a session changes nothing of the answer.
PUBLIC_LEARNING_ROUTES = [
    ("get", "/programmes"),
    ("get", "/courses"),
    ("get", "/courses/{course}"),
    ("get", "/events"),
    ("get", "/events/{event_id}"),
]


def test_the_matrix_covers_every_public_learning_route():
    from market.api import public_learning

    declared = sorted(
        (method.lower(), path)
        for path, view in public_learning.router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    )
    assert sorted(PUBLIC_LEARNING_ROUTES) == declared


@pytest.mark.parametrize("actor", ["anonymous", "staff", "buyer_a", "resident_a"])
def test_public_learning_routes_answer_everyone_alike(
    client, actor, buyer, staff, owner, resident, other_resident
):
    from tests.factories import course_product

    hidden = course_product(resident=other_resident, title="Gizli")
    hidden.is_public = False
    hidden.save()
    shown = course_product(resident=resident, title="Açıq")
    values = {"course": shown.pk, "event_id": 999999}
    anonymous = {
        path: client.get("/api/v1" + path.format(**values)).json()
        for _method, path in PUBLIC_LEARNING_ROUTES
    }
    headers = {}
    if actor == "staff":
        client.force_login(staff)
    elif actor == "buyer_a":
        headers = bearer(make_token(buyer))
    elif actor == "resident_a":
        headers = bearer(make_token(owner, resident=resident))
    before = _snapshot()

    for _method, path in PUBLIC_LEARNING_ROUTES:
        response = client.get("/api/v1" + path.format(**values), **headers)
        assert response.status_code == (404 if "event_id" in path else 200), path
        assert response.json() == anonymous[path], (actor, path)
    hidden_response = client.get(f"/api/v1/courses/{hidden.pk}", **headers)

    assert hidden_response.status_code == 404
    assert [item["id"] for item in anonymous["/courses"]["items"]] == [shown.pk]
    assert _snapshot() == before
