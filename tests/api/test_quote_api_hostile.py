"""The quote API against hostile callers: another buyer's or shop's
reference, malformed JSON and absurd values are a 4xx problem (never a
500), and nothing changes."""

import uuid

import pytest

from tests.market.trade.conftest import in_days

from .conftest import bearer, make_token
from .test_quote_api import _post, _state

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.fixture
def buyer_headers(business_buyer):
    return bearer(make_token(business_buyer))


@pytest.fixture
def shop_headers(owner, resident):
    return bearer(make_token(owner, resident=resident))


def _raw(client, path, body: str, headers):
    return client.post(
        "/api/v1" + path, body, content_type="application/json", **headers
    )


def test_another_buyers_request_is_a_404_problem_on_every_route(
    client, asked, other_buyer
):
    headers = bearer(make_token(other_buyer))
    path = f"/me/quote-requests/{asked.reference}"
    before = _state()

    responses = [
        client.get("/api/v1" + path, **headers),
        _post(client, path + "/messages", {"body": "hi"}, headers),
        _post(client, path + "/withdraw", {}, headers),
    ]

    assert [r.status_code for r in responses] == [404] * 3
    assert {r["Content-Type"] for r in responses} == {PROBLEM}
    assert _state() == before


def test_another_shops_request_is_a_404_problem_on_every_route(
    client, asked, other_owner, other_resident
):
    headers = bearer(make_token(other_owner, resident=other_resident))
    path = f"/shop/quote-requests/{asked.reference}"
    line = asked.lines.get()
    before = _state()

    responses = [
        client.get("/api/v1" + path, **headers),
        _post(client, path + "/messages", {"body": "hi"}, headers),
        _post(client, path + "/decline", {"reason": "No"}, headers),
        _post(
            client,
            path + "/quote",
            {
                "lines": [{"line": line.pk, "unit_price": "1.00"}],
                "lead_time_days": 1,
                "valid_until": in_days(5).isoformat(),
            },
            headers,
        ),
    ]

    assert [r.status_code for r in responses] == [404] * 4
    assert {r["Content-Type"] for r in responses} == {PROBLEM}
    assert _state() == before


def test_an_unknown_reference_is_the_same_404(client, asked, buyer_headers):
    response = client.get(f"/api/v1/me/quote-requests/{uuid.uuid4()}", **buyer_headers)

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


BAD_BODIES = [
    "{",
    "[]",
    "null",
    '"text"',
    "{" * 5000 + "}" * 5000,
    '{"body": 5}',
    '{"body": null}',
    '{"body": "a\\u0000b"}',
    '{"body": "' + "x" * 10_000 + '"}',
]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_a_bad_message_body_is_a_4xx_problem(client, asked, buyer_headers, body):
    before = _state()

    response = _raw(
        client, f"/me/quote-requests/{asked.reference}/messages", body, buyer_headers
    )

    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == PROBLEM
    assert response.json()["detail"]
    assert _state() == before


@pytest.mark.parametrize(
    "change",
    [
        {"unit_price": "NaN"},
        {"unit_price": "Infinity"},
        {"unit_price": "-1"},
        {"unit_price": "0"},
        {"unit_price": "1e30"},
        {"unit_price": "24.001"},
        {"lead_time_days": 10**6},
        {"lead_time_days": "1e3"},
        {"valid_until": "2001-01-01"},
        {"valid_until": "2999-01-01"},
        {"shipping": "quoted", "shipping_amount": "NaN"},
        {
            "shipping": "quoted",
            "shipping_amount": "10.00",
            "shipping_carrier": "DHL",
            "shipping_min_days": 9,
            "shipping_max_days": 3,
        },
        {"terms": "Pay \u202ewon"},
        {"line": 10**30},
    ],
)
def test_an_absurd_quote_is_a_422_problem(client, asked, shop_headers, change):
    line = asked.lines.get()
    price = {"line": line.pk, "unit_price": "24.00"}
    body = {
        "lines": [price],
        "lead_time_days": 10,
        "valid_until": in_days(14).isoformat(),
    }
    for name, value in change.items():
        if name in price:
            price[name] = value
        else:
            body[name] = value
    before = _state()

    response = _post(
        client, f"/shop/quote-requests/{asked.reference}/quote", body, shop_headers
    )

    assert response.status_code == 422, response.content
    assert response["Content-Type"] == PROBLEM
    assert response.json()["detail"]
    assert _state() == before


def test_nan_json_literals_are_a_422_problem(client, asked, shop_headers):
    line = asked.lines.get()
    before = _state()

    response = _raw(
        client,
        f"/shop/quote-requests/{asked.reference}/quote",
        f'{{"lines": [{{"line": {line.pk}, "unit_price": NaN}}], '
        f'"lead_time_days": Infinity, "valid_until": "{in_days(14).isoformat()}"}}',
        shop_headers,
    )

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert _state() == before


def test_a_repeated_ask_is_refused_with_its_reason(
    client, business_buyer, resident, owner, scarves, buyer_headers
):
    body = {
        "resident": resident.slug,
        "lines": [{"product": scarves.pk, "quantity": 5}],
        "destination": "DE",
    }
    first = _post(client, "/me/quote-requests", body, buyer_headers)
    before = _state()

    second = _post(client, "/me/quote-requests", body, buyer_headers)

    assert (first.status_code, second.status_code) == (201, 422)
    assert second.json()["detail"] == (
        "You have just asked this shop for the same products: request "
        f"{first.json()['number']} is waiting for its answer."
    )
    assert _state() == before


def test_a_direction_override_in_a_message_is_refused(client, asked, buyer_headers):
    before = _state()

    response = _post(
        client,
        f"/me/quote-requests/{asked.reference}/messages",
        {"body": "Pay to \u202efdp.exe"},
        buyer_headers,
    )

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "The text contains characters that cannot be sent."
    )
    assert _state() == before


@pytest.mark.parametrize("body", ["{", "{" * 5000 + "}" * 5000, "\xff\xfe"])
def test_a_body_that_is_not_json_is_told_what_to_send(
    client, asked, buyer_headers, body
):
    before = _state()

    response = _raw(
        client, f"/me/quote-requests/{asked.reference}/messages", body, buyer_headers
    )

    assert response.status_code == 400
    assert response.json() == {
        "type": "/api/v1/problems/malformed-body",
        "title": "The request body is not valid JSON.",
        "status": 400,
        "detail": "Send the body as one JSON object, in UTF-8, with "
        "'Content-Type: application/json'.",
        "errors": [],
    }
    assert _state() == before
