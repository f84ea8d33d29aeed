"""Staff see every request and quote in the Wagtail admin, with each
resident's response time (one query, whatever the number of residents)."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from market.trade import selectors
from market.trade.models import QuoteRequest
from market.trade.services import ShippingAnswer
from tests.factories import ProductFactory, UserFactory
from tests.market.trade.conftest import ask, offer

D = Decimal
QUOTED = ShippingAnswer(from_profile=False, amount=D("5.00"), carrier="Courier")


def test_staff_see_requests_quotes_and_response_times(
    client, staff, quoted, business_buyer, resident, other_resident, other_owner
):
    QuoteRequest.objects.filter(pk=quoted.request_id).update(
        created_at=quoted.created_at - timedelta(hours=5)
    )
    product = ProductFactory(resident=other_resident, title="Nərd")
    waiting = ask(business_buyer, other_resident, product, quantity=3)
    client.force_login(staff)

    response = client.get(reverse("trade_quotes"))

    assert response.status_code == 200
    rows = {
        resident.display_name: (
            resident.requests_count,
            resident.answered_count,
            resident.open_count,
            resident.average_hours,
        )
        for resident in response.context["response_times"]
    }
    assert rows == {
        "Xalça Atelier": (1, 1, 0, 5.0),
        "Oyun Studiyası": (1, 0, 1, None),
    }
    assert [
        (row.number, row.quote.total() if row.quote else None)
        for row in response.context["quote_requests"]
    ] == [(waiting.number, None), (quoted.request.number, D("1236.50"))]
    detail = client.get(reverse("trade_quote_request", args=[quoted.request.reference]))
    assert detail.status_code == 200
    assert "Payment in full before shipping." in detail.content.decode()


def test_response_times_are_one_query(quoted, other_resident, business_buyer):
    product = ProductFactory(resident=other_resident)
    ask(business_buyer, other_resident, product, quantity=1)

    with CaptureQueriesContext(connection) as queries:
        rows = list(selectors.response_times())

    assert (len(rows), len(queries)) == (2, 1)


def test_the_list_costs_the_same_for_more_requests(
    client, staff, resident, owner, business_buyer, other_buyer, scarves
):
    client.force_login(staff)
    request = ask(business_buyer, resident, scarves, quantity=2)
    offer(request, owner)
    client.get(reverse("trade_quotes"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("trade_quotes"))
    one = len(queries)
    for _number in range(3):
        product = ProductFactory(resident=resident)
        offer(ask(other_buyer, resident, product, 1), owner, shipping=QUOTED)

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("trade_quotes"))

    assert len(queries) == one


def test_only_staff_with_the_permission(client, asked):
    editor = UserFactory(email="editor@example.az", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    client.force_login(editor)

    listing = client.get(reverse("trade_quotes"))
    detail = client.get(reverse("trade_quote_request", args=[asked.reference]))

    # Turned away (to the two-step sign-in, or refused): nothing shown.
    for response in (listing, detail):
        assert response.status_code in (302, 403)
        assert asked.number not in response.content.decode()
