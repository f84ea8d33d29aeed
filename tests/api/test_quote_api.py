"""Wholesale quotes through the API: a business buyer (Galerie Nord, from
Berlin) asks Xalça Atelier for kelaghayi scarves, the shop answers with a
quote or declines, both write on the thread. The writes are the website's
services; every refusal changes nothing."""

import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.kinds import PHYSICAL
from market.mail.models import OutgoingEmail
from market.trade.models import (
    BusinessProfile,
    QuoteMessage,
    QuoteRequest,
    QuoteRequestStatus,
)
from tests.factories import ProductFactory, UserFactory
from tests.market.trade.conftest import ask, in_days, offer

from .conftest import bearer, make_token

pytestmark = pytest.mark.django_db
D = Decimal
SITE = "http://market.localhost:8000/en"


def _at(moment) -> str:
    """A time as the API writes it (milliseconds, UTC as Z)."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _state():
    """Everything a quote call may write."""
    return (
        list(
            QuoteRequest.objects.order_by("pk").values_list(
                "pk", "status", "decline_reason"
            )
        ),
        list(
            QuoteRequest.objects.order_by("pk").values_list(
                "quotes__pk", "quotes__status"
            )
        ),
        QuoteMessage.objects.count(),
        OutgoingEmail.objects.count(),
    )


@pytest.fixture
def buyer_headers(business_buyer):
    return bearer(make_token(business_buyer))


@pytest.fixture
def shop_headers(owner, resident):
    return bearer(make_token(owner, resident=resident))


def _post(client, path, body, headers):
    return client.post(
        "/api/v1" + path, body, content_type="application/json", **headers
    )


# --- the buyer ------------------------------------------------------------


def test_the_buyer_lists_requests_with_the_live_quote(
    client, quoted, buyer_headers, resident, scarves
):
    request = quoted.request
    line = request.lines.get()

    response = client.get("/api/v1/me/quote-requests", **buyer_headers)

    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "reference": str(request.reference),
                "number": request.number,
                "status": "quoted",
                "resident": "xalca-atelier",
                "resident_name": "Xalça Atelier",
                "company_name": "Galerie Nord GmbH",
                "company_country": "DE",
                "destination": "DE",
                "wanted_by": in_days(30).isoformat(),
                "created_at": _at(request.created_at),
                "lines": [
                    {
                        "id": line.pk,
                        "product_id": scarves.pk,
                        "title": "Kəlağayı",
                        "quantity": 50,
                        "made_to_order": False,
                    }
                ],
                "quote": {
                    "reference": str(quoted.reference),
                    "status": "offered",
                    "currency": "AZN",
                    "goods_total": "1200.00",
                    "shipping": "36.50",
                    "total": "1236.50",
                    "valid_until": in_days(14).isoformat(),
                },
            }
        ],
        "next": None,
    }


def test_the_buyer_filters_by_status(client, asked, buyer_headers):
    quoted_page = client.get("/api/v1/me/quote-requests?status=quoted", **buyer_headers)
    open_page = client.get("/api/v1/me/quote-requests?status=open", **buyer_headers)
    unknown = client.get("/api/v1/me/quote-requests?status=lost", **buyer_headers)

    assert quoted_page.json()["items"] == []
    assert [item["reference"] for item in open_page.json()["items"]] == [
        str(asked.reference)
    ]
    assert unknown.status_code == 422
    assert unknown["Content-Type"] == "application/problem+json"
    assert unknown.json()["errors"][0]["field"] == "status"


def test_the_buyer_reads_one_request_with_quotes_and_thread(
    client, asked, owner, business_buyer, buyer_headers
):
    from market.trade import services

    first = offer(asked, owner, price="26.00", terms="")
    second = offer(asked, owner, price="24.00")
    services.quote_message_add(request=asked, author=owner, body="Blue or red?")
    line = asked.lines.get()

    response = client.get(
        f"/api/v1/me/quote-requests/{asked.reference}", **buyer_headers
    )

    assert response.status_code == 200
    body = response.json()
    assert body["page"] == f"{SITE}/shop/quotes/{asked.reference}/"
    assert (body["status"], body["tax_number"], body["message"]) == (
        "quoted",
        "DE123456789",
        "Fifty scarves for our spring show.",
    )
    assert [
        (quote["reference"], quote["status"], quote["total"])
        for quote in body["quotes"]
    ] == [
        (str(second.reference), "offered", "1236.50"),
        (str(first.reference), "superseded", "1336.50"),
    ]
    newest = body["quotes"][0]
    assert newest["lines"] == [
        {
            "request_line_id": line.pk,
            "quantity": 50,
            "unit_price": "24.00",
            "line_total": "1200.00",
        }
    ]
    assert (
        newest["lead_time_days"],
        newest["shipping"],
        newest["shipping_carrier"],
        newest["shipping_min_days"],
        newest["shipping_max_days"],
        newest["terms"],
        newest["accepted_at"],
    ) == (10, "36.50", "Azərpoçt EMS", 7, 14, "Payment in full before shipping.", None)
    [message] = body["messages"]
    # The side that wrote, never the person's name or address.
    assert {key: message[key] for key in ("side", "body", "attachment_name")} == {
        "side": "resident",
        "body": "Blue or red?",
        "attachment_name": None,
    }
    assert "owner@xalca.az" not in response.content.decode()


def test_a_list_costs_the_same_queries_for_one_or_many_requests(
    client, business_buyer, resident, owner, scarves, buyer_headers
):
    offer(ask(business_buyer, resident, scarves, quantity=5), owner)
    # (The first call notes the token's use: a write the others skip.)
    client.get("/api/v1/me/quote-requests", **buyer_headers)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/me/quote-requests", **buyer_headers)
    offer(ask(business_buyer, resident, scarves, quantity=6), owner)
    ask(business_buyer, resident, scarves, quantity=7)
    with CaptureQueriesContext(connection) as three:
        response = client.get("/api/v1/me/quote-requests", **buyer_headers)

    assert len(response.json()["items"]) == 3
    assert len(three) == len(one)


def test_the_buyer_asks_for_a_quote(
    client, business_buyer, resident, owner, scarves, buyer_headers
):
    response = _post(
        client,
        "/me/quote-requests",
        {
            "resident": "xalca-atelier",
            "lines": [{"product": scarves.pk, "quantity": 40}],
            "destination": "de",
            "wanted_by": in_days(20).isoformat(),
            "message": "For the autumn fair.",
        },
        buyer_headers,
    )

    assert response.status_code == 201, response.json()
    request = QuoteRequest.objects.get()
    body = response.json()
    assert (body["reference"], body["status"], body["page"]) == (
        str(request.reference),
        "open",
        f"{SITE}/shop/quotes/{request.reference}/",
    )
    assert (
        request.buyer,
        request.resident,
        request.company_name,
        request.destination,
        request.wanted_by,
        request.message,
        request.buyer_language,
    ) == (
        business_buyer,
        resident,
        "Galerie Nord GmbH",
        "DE",
        in_days(20),
        "For the autumn fair.",
        "en",
    )
    assert list(request.lines.values_list("product_id", "quantity")) == [
        (scarves.pk, 40)
    ]
    assert (body["quotes"], body["messages"]) == ([], [])
    # The shop's people are told, as when asked on the site.
    assert OutgoingEmail.objects.filter(to=["owner@xalca.az"]).count() == 1


def test_a_buyer_without_a_business_profile_is_told_where_to_make_one(
    client, buyer, resident, scarves
):
    headers = bearer(make_token(buyer))

    response = _post(
        client,
        "/me/quote-requests",
        {
            "resident": "xalca-atelier",
            "lines": [{"product": scarves.pk, "quantity": 5}],
            "destination": "DE",
        },
        headers,
    )

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/business-profile-needed"
    assert problem["detail"] == (
        f"Tell us about your business first, on the site: "
        f"{SITE}/shop/quotes/business/. Then ask again."
    )
    assert QuoteRequest.objects.count() == 0
    assert BusinessProfile.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"resident": "no-such-shop"}, "resident", "No open shop has this name."),
        (
            {"lines": [{"product": 0, "quantity": 5}]},
            "lines.0.product",
            "Input should be greater than or equal to 1",
        ),
        (
            {"lines": [{"product": "other", "quantity": 5}]},
            "lines.0.product",
            "This shop does not sell this product.",
        ),
        (
            {"lines": []},
            "lines",
            "List should have at least 1 item after validation, not 0",
        ),
    ],
)
def test_bad_input_is_a_422_with_the_field_and_nothing_is_asked(
    client, business_buyer, resident, scarves, other_product, change, field, message
):
    if change.get("lines") and change["lines"][0]["product"] == "other":
        change = {"lines": [{"product": other_product.pk, "quantity": 5}]}
    body = {
        "resident": "xalca-atelier",
        "lines": [{"product": scarves.pk, "quantity": 5}],
        "destination": "DE",
    } | change
    before = _state()

    response = _post(
        client, "/me/quote-requests", body, bearer(make_token(business_buyer))
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": field, "message": message}]
    assert _state() == before


def test_a_rule_of_the_service_refuses_with_its_reason(
    client, business_buyer, resident, scarves, buyer_headers
):
    before = _state()

    response = _post(
        client,
        "/me/quote-requests",
        {
            "resident": "xalca-atelier",
            "lines": [{"product": scarves.pk, "quantity": 61}],
            "destination": "DE",
        },
        buyer_headers,
    )

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Only 60 of “Kəlağayı” are in stock, and this shop does not make to order."
    )
    assert _state() == before


def test_the_buyer_writes_and_withdraws(client, quoted, buyer_headers):
    request = quoted.request
    base = f"/me/quote-requests/{request.reference}"

    written = _post(
        client, f"{base}/messages", {"body": "Can you do 55?"}, buyer_headers
    )
    withdrawn = _post(client, f"{base}/withdraw", None, buyer_headers)

    assert written.status_code == 201
    message = QuoteMessage.objects.get()
    assert written.json() == {
        "id": message.pk,
        "side": "buyer",
        "body": "Can you do 55?",
        "created_at": _at(message.created_at),
        "attachment_name": None,
    }
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert withdrawn.json()["quotes"][0]["status"] == "withdrawn"
    request.refresh_from_db()
    assert request.status == QuoteRequestStatus.WITHDRAWN

    before = _state()
    again = _post(client, f"{base}/withdraw", None, buyer_headers)
    late = _post(client, f"{base}/messages", {"body": "Hello?"}, buyer_headers)

    assert again.status_code == 409
    assert again.json()["detail"] == (
        "This request is withdrawn: nothing more can be done on it."
    )
    assert late.status_code == 422
    assert late.json()["detail"] == (
        "This request is finished: it takes no more messages."
    )
    assert _state() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [({"body": ""}, "body"), ({"body": "x" * 4001}, "body")],
)
def test_a_message_the_form_refuses_is_a_422(client, asked, buyer_headers, body, field):
    before = _state()

    response = _post(
        client, f"/me/quote-requests/{asked.reference}/messages", body, buyer_headers
    )

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert _state() == before


def test_html_in_a_message_is_refused_by_the_service(client, asked, buyer_headers):
    before = _state()

    response = _post(
        client,
        f"/me/quote-requests/{asked.reference}/messages",
        {"body": "<b>Hi</b>"},
        buyer_headers,
    )

    assert response.status_code == 422
    assert response.json()["detail"] == "Write it as plain text, without HTML."
    assert _state() == before


def test_another_buyers_reference_is_a_404_and_nothing_changes(client, asked):
    stranger = UserFactory(email="levan@tbilisi-shop.ge")
    BusinessProfile.objects.create(user=stranger, company_name="Tbilisi", country="GE")
    headers = bearer(make_token(stranger))
    base = f"/api/v1/me/quote-requests/{asked.reference}"
    before = _state()

    read = client.get(base, **headers)
    wrote = client.post(
        f"{base}/messages", {"body": "Hi"}, content_type="application/json", **headers
    )
    withdrew = client.post(f"{base}/withdraw", **headers)
    listed = client.get("/api/v1/me/quote-requests", **headers)
    unknown = client.get(f"/api/v1/me/quote-requests/{uuid.uuid4()}", **headers)

    assert [r.status_code for r in (read, wrote, withdrew, unknown)] == [404] * 4
    assert read.json()["type"] == "/api/v1/problems/not-found"
    assert listed.json() == {"items": [], "next": None}
    assert _state() == before


def test_a_token_without_quotes_write_may_read_but_not_write(
    client, asked, business_buyer, scarves
):
    headers = bearer(make_token(business_buyer, scopes=["quotes:read"]))
    orders_only = bearer(make_token(business_buyer, scopes=["orders:read"]))
    before = _state()

    read = client.get(f"/api/v1/me/quote-requests/{asked.reference}", **headers)
    asked_again = _post(
        client,
        "/me/quote-requests",
        {
            "resident": "xalca-atelier",
            "lines": [{"product": scarves.pk, "quantity": 5}],
            "destination": "DE",
        },
        headers,
    )
    withdrew = _post(
        client, f"/me/quote-requests/{asked.reference}/withdraw", None, headers
    )
    listed = client.get("/api/v1/me/quote-requests", **orders_only)

    assert read.status_code == 200
    assert [asked_again.status_code, withdrew.status_code, listed.status_code] == [
        403,
        403,
        403,
    ]
    assert asked_again.json()["detail"] == "This token lacks the scope “quotes:write”."
    assert listed.json()["detail"] == "This token lacks the scope “quotes:read”."
    assert _state() == before


# --- the resident ---------------------------------------------------------


def test_the_shop_lists_and_reads_requests_made_to_it(
    client, asked, shop_headers, other_resident
):
    listed = client.get("/api/v1/shop/quote-requests", **shop_headers)
    read = client.get(f"/api/v1/shop/quote-requests/{asked.reference}", **shop_headers)

    assert [item["reference"] for item in listed.json()["items"]] == [
        str(asked.reference)
    ]
    body = read.json()
    assert (
        body["company_name"],
        body["company_country"],
        body["tax_number"],
        body["status"],
        body["quotes"],
    ) == ("Galerie Nord GmbH", "DE", "DE123456789", "open", [])
    # The buyer's address is not the shop's to read.
    assert "anna@galerie-nord.de" not in read.content.decode()
    assert "page" not in body


def test_the_shop_quotes_with_shipping_from_its_profile(
    client, asked, owner, shop_headers
):
    line = asked.lines.get()

    response = _post(
        client,
        f"/shop/quote-requests/{asked.reference}/quote",
        {
            "lines": [{"line": line.pk, "unit_price": "24.00"}],
            "lead_time_days": 10,
            "valid_until": in_days(14).isoformat(),
            "terms": "Payment in full before shipping.",
        },
        shop_headers,
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "quoted"
    [quote] = body["quotes"]
    assert {
        key: quote[key]
        for key in (
            "status",
            "currency",
            "goods_total",
            "shipping",
            "total",
            "shipping_carrier",
            "lead_time_days",
            "valid_until",
            "terms",
        )
    } == {
        "status": "offered",
        "currency": "AZN",
        "goods_total": "1200.00",
        "shipping": "36.50",
        "total": "1236.50",
        "shipping_carrier": "Azərpoçt EMS",
        "lead_time_days": 10,
        "valid_until": in_days(14).isoformat(),
        "terms": "Payment in full before shipping.",
    }
    created = asked.quotes.get()
    assert (
        created.author,
        list(created.lines.values_list("unit_price", flat=True)),
    ) == (
        owner,
        [D("24.00")],
    )
    assert OutgoingEmail.objects.filter(to=["anna@galerie-nord.de"]).count() == 1


def test_the_shop_quotes_a_shipping_amount_of_its_own(client, asked, shop_headers):
    line = asked.lines.get()
    body = {
        "lines": [{"line": line.pk, "unit_price": "25.50"}],
        "lead_time_days": 5,
        "shipping": "quoted",
        "shipping_amount": "80.00",
        "valid_until": in_days(7).isoformat(),
    }
    path = f"/shop/quote-requests/{asked.reference}/quote"
    before = _state()

    missing = _post(client, path, body, shop_headers)

    assert missing.status_code == 422
    assert missing.json()["errors"] == [
        {
            "field": "shipping_carrier",
            "message": "Needed for a shipping amount you quote.",
        },
        {
            "field": "shipping_min_days",
            "message": "Needed for a shipping amount you quote.",
        },
        {
            "field": "shipping_max_days",
            "message": "Needed for a shipping amount you quote.",
        },
    ]
    assert _state() == before

    response = _post(
        client,
        path,
        body
        | {
            "shipping_carrier": "DHL Freight",
            "shipping_min_days": 3,
            "shipping_max_days": 5,
        },
        shop_headers,
    )

    assert response.status_code == 201
    quote = response.json()["quotes"][0]
    assert (
        quote["goods_total"],
        quote["shipping"],
        quote["total"],
        quote["shipping_carrier"],
        quote["shipping_min_days"],
        quote["shipping_max_days"],
    ) == ("1275.00", "80.00", "1355.00", "DHL Freight", 3, 5)


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"unit_price": "24.005"},
            [
                {
                    "field": "lines.0.unit_price",
                    "message": "Ensure that there are no more than 2 decimal places.",
                }
            ],
        ),
        (
            {"unit_price": "0.00"},
            [
                {
                    "field": "lines.0.unit_price",
                    "message": "Ensure this value is greater than or equal to 0.01.",
                }
            ],
        ),
        ({"line": "wrong"}, None),
    ],
)
def test_a_quote_the_form_refuses_is_a_422_and_nothing_is_quoted(
    client, asked, shop_headers, change, errors
):
    line = asked.lines.get()
    price = {"line": line.pk, "unit_price": "24.00"} | change
    if price["line"] == "wrong":
        price["line"] = line.pk + 1000
        errors = [
            {
                "field": "lines",
                "message": f"Give one unit price for each line: {line.pk}.",
            }
        ]
    before = _state()

    response = _post(
        client,
        f"/shop/quote-requests/{asked.reference}/quote",
        {
            "lines": [price],
            "lead_time_days": 10,
            "valid_until": in_days(14).isoformat(),
        },
        shop_headers,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == errors
    assert _state() == before


def test_a_validity_past_the_services_bound_is_refused(client, asked, shop_headers):
    line = asked.lines.get()
    before = _state()

    response = _post(
        client,
        f"/shop/quote-requests/{asked.reference}/quote",
        {
            "lines": [{"line": line.pk, "unit_price": "24.00"}],
            "lead_time_days": 10,
            "valid_until": in_days(181).isoformat(),
        },
        shop_headers,
    )

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "The quote must be valid from today to at most 180 days ahead."
    )
    assert _state() == before


def test_the_shop_declines_and_writes(client, asked, shop_headers):
    base = f"/shop/quote-requests/{asked.reference}"

    written = _post(
        client, f"{base}/messages", {"body": "Which colours?"}, shop_headers
    )
    declined = _post(
        client,
        f"{base}/decline",
        {"reason": "We are sold out until May."},
        shop_headers,
    )

    assert written.status_code == 201
    assert written.json()["side"] == "resident"
    assert declined.status_code == 200
    assert (declined.json()["status"], declined.json()["decline_reason"]) == (
        "declined",
        "We are sold out until May.",
    )
    assert [message["side"] for message in declined.json()["messages"]] == ["resident"]


def test_an_accepted_quote_can_no_longer_be_declined_or_replaced(
    client, accepted, shop_headers
):
    request = accepted.request
    line = request.lines.get()
    base = f"/shop/quote-requests/{request.reference}"
    before = _state()

    declined = _post(
        client, f"{base}/decline", {"reason": "Changed my mind"}, shop_headers
    )
    empty = _post(client, f"{base}/decline", {"reason": ""}, shop_headers)
    requoted = _post(
        client,
        f"{base}/quote",
        {
            "lines": [{"line": line.pk, "unit_price": "20.00"}],
            "lead_time_days": 10,
            "valid_until": in_days(14).isoformat(),
        },
        shop_headers,
    )

    assert declined.status_code == 422
    assert declined.json()["detail"] == (
        "The buyer accepted your quote: it can no longer be declined."
    )
    assert empty.status_code == 422
    assert empty.json()["errors"] == [
        {"field": "reason", "message": "This field is required."}
    ]
    assert requoted.status_code == 422
    assert requoted.json()["detail"] == (
        "The buyer accepted your quote: it can no longer be changed."
    )
    assert _state() == before


def test_another_shops_reference_is_a_404_and_nothing_changes(
    client, asked, other_resident, other_owner
):
    headers = bearer(make_token(other_owner, resident=other_resident))
    line = asked.lines.get()
    base = f"/shop/quote-requests/{asked.reference}"
    before = _state()

    responses = [
        client.get("/api/v1" + base, **headers),
        _post(
            client,
            f"{base}/quote",
            {
                "lines": [{"line": line.pk, "unit_price": "1.00"}],
                "lead_time_days": 1,
                "valid_until": in_days(3).isoformat(),
            },
            headers,
        ),
        _post(client, f"{base}/decline", {"reason": "No"}, headers),
        _post(client, f"{base}/messages", {"body": "Hi"}, headers),
    ]
    listed = client.get("/api/v1/shop/quote-requests", **headers)

    assert [response.status_code for response in responses] == [404] * 4
    assert listed.json() == {"items": [], "next": None}
    assert _state() == before


def test_a_shop_token_without_quotes_write_gets_403(client, asked, owner, resident):
    headers = bearer(make_token(owner, resident=resident, scopes=["quotes:read"]))
    before = _state()

    response = _post(
        client,
        f"/shop/quote-requests/{asked.reference}/decline",
        {"reason": "No"},
        headers,
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "This token lacks the scope “quotes:write”."
    assert _state() == before


def test_a_buyer_token_cannot_answer_and_a_shop_token_cannot_ask(
    client, asked, business_buyer, owner, resident, scarves
):
    before = _state()

    answered = _post(
        client,
        f"/shop/quote-requests/{asked.reference}/decline",
        {"reason": "No"},
        bearer(make_token(business_buyer)),
    )
    asked_again = _post(
        client,
        "/me/quote-requests",
        {
            "resident": "xalca-atelier",
            "lines": [{"product": scarves.pk, "quantity": 5}],
            "destination": "DE",
        },
        bearer(make_token(owner, resident=resident)),
    )

    assert [answered.status_code, asked_again.status_code] == [403, 403]
    assert _state() == before


def test_two_products_of_the_shop_are_asked_for_at_once(
    client, business_buyer, resident, scarves, buyer_headers
):
    rug = ProductFactory(
        resident=resident,
        kind=PHYSICAL,
        title="Xalça",
        upc="T-RUG",
        price=D("400.00"),
        num_in_stock=3,
    )

    response = _post(
        client,
        "/me/quote-requests",
        {
            "resident": "xalca-atelier",
            "lines": [
                {"product": scarves.pk, "quantity": 10},
                {"product": rug.pk, "quantity": 2},
            ],
            "destination": "FR",
        },
        buyer_headers,
    )

    assert response.status_code == 201
    assert [
        (line["product_id"], line["title"], line["quantity"])
        for line in response.json()["lines"]
    ] == [(scarves.pk, "Kəlağayı", 10), (rug.pk, "Xalça", 2)]
