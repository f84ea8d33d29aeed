"""The API's contract: schemathesis loads the schema as it is published
(/api/v1/openapi.json, through the WSGI application) and, for every
operation, generates requests from it: valid ones and, for the negative
phase, ones the schema forbids. Each response is checked: never a 5xx, and
nothing that contradicts the schema (status codes documented, content types,
bodies, headers). Token operations are called with a token of the right kind
and every scope, so the fuzz reaches past authentication; the other roles are
the isolation matrix's (test_isolation.py).

Runs on the configured database: PostgreSQL in CI (.ci/run)."""

import json
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from catalogue.kinds import PHYSICAL
from tests.api.conftest import make_token, order_of, parcel_of
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

HOST = "market.localhost"
# Cases per operation: enough to find a 5xx on every parameter, small enough
# for the suite's time budget.
EXAMPLES = 25


@pytest.fixture
def wsgi_in_test_transaction():
    """The WSGI application as Django's test client runs it: without closing
    the database connection at each request's end, which would end the
    test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_in_test_transaction, db, sites, resident, owner, buyer):
    """The published schema, with data behind it: a listing, an order of the
    buyer with the resident's line and its parcel."""
    product = ProductFactory(
        resident=resident,
        kind=PHYSICAL,
        title="Kəlağayı",
        upc="A-SCARF",
        price=Decimal("45.00"),
        num_in_stock=5,
    )
    order = order_of(buyer, resident, product)
    parcel_of(order, resident)
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", wsgi_in_test_transaction, headers={"Host": HOST}
    )
    schema.tokens = {
        "/me/": make_token(buyer),
        "/shop/": make_token(owner, resident=resident),
    }
    return schema


def test_no_operation_errs_or_contradicts_its_schema(api_schema):
    # Each operation's cases drawn by Hypothesis from the schema (positive and
    # negative data); schemathesis' lazy pytest loader does not run on this
    # pytest, so the operations are walked here.
    checked = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def call(case):
            headers = {"Host": HOST}
            for prefix, token in api_schema.tokens.items():
                if case.path.startswith(f"/api/v1{prefix}"):
                    headers["Authorization"] = f"Bearer {token}"
            case.call_and_validate(
                headers=headers,
                base_url=f"http://{HOST}",
                # An opaque cursor is a string the schema cannot describe
                # further: one this API did not give is a documented 422.
                excluded_checks=[positive_data_acceptance],
            )

        call()
        checked.append(f"{operation.method.upper()} {operation.path}")

    assert len(checked) == len(set(checked)) >= 11


def test_the_published_schema_is_the_apis_own(client, sites):
    from market.api.api import api

    response = client.get("/api/v1/openapi.json", HTTP_HOST=HOST)

    assert response.status_code == 200
    published = response.json()
    assert published["openapi"].startswith("3.")
    assert published == json.loads(json.dumps(api.get_openapi_schema()))
    assert set(published["paths"]) >= {
        "/api/v1/me/orders",
        "/api/v1/shop/listings",
        "/api/v1/shop/parcels",
    }
