"""Addresses under /api/ that no endpoint serves, or that carry a number no
id can have, answer with a JSON problem, never the site's HTML page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HOST = "market.localhost"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here",
        "/api/v2/products",
        "/api/",
        "/api/v1/shop/parcels/99999999999999999999999/status",
        "/api/v1/me/orders/99999999999999999999",
    ],
)
def test_an_address_nothing_serves_is_a_problem(client, sites, path):
    response = client.get(path, HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "/api/v1/problems/not-found",
        "title": "Not found.",
        "status": 404,
        "detail": "Nothing is at this address, or it is not yours to see.",
        "errors": [],
    }


def test_the_problem_speaks_the_callers_language(client, sites):
    response = client.get(
        "/api/v1/nothing-here", HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert response.json()["title"] == "Не найдено."


def test_the_schema_documents_errors_as_problems(client, sites):
    schema = client.get("/api/v1/openapi.json", HTTP_HOST=HOST).json()

    orders = schema["paths"]["/api/v1/me/orders"]["get"]["responses"]
    assert set(orders["401"]["content"]) == {"application/problem+json"}
    assert set(orders["200"]["content"]) == {"application/json"}


@pytest.mark.parametrize(
    ("query", "header", "title"),
    [
        ("", "", "Tapılmadı."),
        ("", "en", "Not found."),
        ("?lang=ru", "en", "Не найдено."),
        ("?lang=zz", "en", "Not found."),
    ],
)
def test_the_caller_names_its_language(sites, query, header, title):
    client = Client()  # not the fixture, which asks for English
    extra = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
    response = client.get(f"/api/v1/nothing-here{query}", HTTP_HOST=HOST, **extra)

    assert response.json()["title"] == title


def test_a_nul_byte_is_a_422_problem(client, sites):
    response = client.get("/api/v1/me/orders?cursor=%00", HTTP_HOST=HOST)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "The address or the body contains a character that is not allowed (a NUL byte)."
    )
