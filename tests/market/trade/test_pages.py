"""The pages: a business buyer asks from a shop, answers and accepts; the
resident answers from their dashboard; anyone else's reference is a 404
with nothing changed; the lists' queries do not grow with their rows."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from market.mail.models import OutgoingEmail
from market.trade.models import (
    BusinessProfile,
    QuoteMessage,
    QuoteRequest,
    QuoteRequestStatus,
    QuoteStatus,
)
from market.trade.services import requests as request_services
from search.indexing import pending_index, products_queue
from tests.factories import ProductFactory, UserFactory
from tests.market.trade.conftest import ask, in_days, record_of
from tests.market.trade.test_quotes import PDF

D = Decimal


def en(name, *args, **kwargs):
    with translation.override("en"):
        return reverse(name, args=args, kwargs=kwargs)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_visitor_is_sent_to_sign_in(resident, scarves):
    response = Client().get(en("trade:ask", slug=resident.slug))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/shop/accounts/login/")


def test_a_first_request_asks_for_the_business_first(buyer, resident, scarves):
    client = client_of(buyer)
    ask_url = en("trade:ask", slug=resident.slug) + f"?product={scarves.pk}"

    response = client.get(ask_url)
    assert response.status_code == 302
    business_url = response["Location"]
    assert business_url.startswith(en("trade:business") + "?next=")

    response = client.post(
        business_url,
        {
            "company_name": "Galerie Nord GmbH",
            "country": "DE",
            "tax_number": "DE 123456789",
            "next": ask_url,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == ask_url
    profile = BusinessProfile.objects.get(user=buyer)
    assert (profile.company_name, profile.country, profile.tax_number) == (
        "Galerie Nord GmbH",
        "DE",
        "DE123456789",
    )


def test_the_business_form_refuses_another_site_as_next(buyer):
    response = client_of(buyer).post(
        en("trade:business"),
        {
            "company_name": "Galerie Nord GmbH",
            "country": "DE",
            "next": "https://evil.example/",
        },
    )

    assert response["Location"] == en("trade:mine")


def test_a_business_asks_from_a_shop_page(business_buyer, resident, owner, scarves):
    client = client_of(business_buyer)
    url = en("trade:ask", slug=resident.slug) + f"?product={scarves.pk}"
    page = client.get(url)
    assert page.status_code == 200
    assert "Kəlağayı" in page.content.decode()
    field = f"quantity_{record_of(scarves).pk}"

    response = client.post(
        url,
        {
            field: "50",
            "destination": "DE",
            "wanted_by": in_days(20).isoformat(),
            "message": "For the spring show",
        },
    )

    request = QuoteRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == en("trade:request", request.reference)
    assert (request.buyer, request.destination, request.buyer_language) == (
        business_buyer,
        "DE",
        "en",
    )
    assert list(request.lines.values_list("quantity", flat=True)) == [50]


def test_asking_for_nothing_or_too_much_shows_the_form_again(
    business_buyer, resident, scarves
):
    client = client_of(business_buyer)
    url = en("trade:ask", slug=resident.slug)
    field = f"quantity_{record_of(scarves).pk}"

    empty = client.post(url, {field: "", "destination": "DE"})
    too_many = client.post(url, {field: "61", "destination": "DE"})
    odd = client.post(url, {field: "1e9", "destination": "<x>"})

    assert (empty.status_code, too_many.status_code, odd.status_code) == (
        400,
        400,
        400,
    )
    assert "Give a quantity for at least one product." in empty.content.decode()
    assert "Only 60 of “Kəlağayı” are in stock" in too_many.content.decode()
    assert QuoteRequest.objects.count() == 0


def test_the_product_and_shop_pages_offer_a_quote(resident, scarves):
    # The shop lists what the search index holds (as the catalogue does).
    products_queue([scarves.pk])
    pending_index()
    ask_url = en("trade:ask", slug=resident.slug)
    with translation.override("en"):
        product_url = scarves.get_absolute_url()
        shop_url = resident.get_absolute_url()

    product_page = Client().get(product_url)
    shop_page = Client().get(shop_url)

    assert f'href="{ask_url}?product={scarves.pk}"' in product_page.content.decode()
    assert f'href="{ask_url}"' in shop_page.content.decode()


def test_the_buyer_sees_the_quote_and_accepts_it_into_the_basket(
    quoted, business_buyer, scarves
):
    client = client_of(business_buyer)
    page = client.get(en("trade:request", quoted.request.reference))
    assert page.status_code == 200
    content = page.content.decode()
    assert "1236.50 AZN" in content
    assert "Accept and pay" in content

    response = client.post(
        en("trade:accept", quoted.request.reference), {"quote": str(quoted.reference)}
    )

    quoted.refresh_from_db()
    assert quoted.status == QuoteStatus.ACCEPTED
    assert response["Location"] == en("basket:summary")
    basket = client.get(en("basket:summary")).context["basket"]
    line = basket.all_lines().get()
    assert (line.product, line.quantity, line.unit_price_incl_tax) == (
        scarves,
        50,
        D("24.00"),
    )


def test_another_buyers_request_is_a_404_and_nothing_changes(
    quoted, other_buyer, owner
):
    client = client_of(other_buyer)
    reference = quoted.request.reference
    before = (quoted.request.status, quoted.status, OutgoingEmail.objects.count())

    responses = [
        client.get(en("trade:request", reference)),
        client.post(en("trade:accept", reference)),
        client.post(en("trade:pay", reference)),
        client.post(en("trade:withdraw", reference)),
        client.post(en("trade:message", reference), {"body": "hi"}),
    ]

    quoted.refresh_from_db()
    quoted.request.refresh_from_db()
    assert [response.status_code for response in responses] == [404] * 5
    assert (
        quoted.request.status,
        quoted.status,
        OutgoingEmail.objects.count(),
    ) == before
    assert QuoteMessage.objects.count() == 0


def test_the_resident_quotes_from_the_dashboard(asked, owner):
    client = client_of(owner)
    page = client.get(en("resident_dashboard:quote-request", asked.reference))
    assert page.status_code == 200
    line = asked.lines.get()
    # Prefilled with retail.
    assert page.context["quote_form"][f"price_{line.pk}"].value() == D("30.00")

    response = client.post(
        en("resident_dashboard:quote-offer", asked.reference),
        {
            f"price_{line.pk}": "24.00",
            "lead_time_days": "10",
            "shipping_source": "quoted",
            "shipping_amount": "80.00",
            "shipping_carrier": "DHL Freight",
            "shipping_min_days": "4",
            "shipping_max_days": "6",
            "valid_until": in_days(14).isoformat(),
            "terms": "Paid in full before shipping.",
        },
    )

    assert response.status_code == 302
    quote = asked.quotes.get()
    assert (quote.shipping_amount, quote.total()) == (D("80.00"), D("1280.00"))


def test_the_resident_declines_from_the_dashboard(asked, owner):
    response = client_of(owner).post(
        en("resident_dashboard:quote-decline", asked.reference),
        {"reason": "Sold out until May."},
    )

    asked.refresh_from_db()
    assert response.status_code == 302
    assert (asked.status, asked.decline_reason) == (
        QuoteRequestStatus.DECLINED,
        "Sold out until May.",
    )


def test_another_residents_request_is_a_404_and_nothing_changes(asked, other_owner):
    client = client_of(other_owner)
    reference = asked.reference
    line = asked.lines.get()
    mails = OutgoingEmail.objects.count()

    responses = [
        client.get(en("resident_dashboard:quote-request", reference)),
        client.post(
            en("resident_dashboard:quote-offer", reference),
            {f"price_{line.pk}": "1.00", "lead_time_days": "1"},
        ),
        client.post(
            en("resident_dashboard:quote-decline", reference), {"reason": "No"}
        ),
        client.post(en("resident_dashboard:quote-message", reference), {"body": "x"}),
    ]

    asked.refresh_from_db()
    assert [response.status_code for response in responses] == [404] * 4
    assert (asked.status, asked.quotes.count(), OutgoingEmail.objects.count()) == (
        QuoteRequestStatus.OPEN,
        0,
        mails,
    )


def test_a_buyer_is_not_let_into_the_dashboard(asked, business_buyer):
    response = client_of(business_buyer).get(
        en("resident_dashboard:quote-request", asked.reference)
    )

    assert response.status_code == 403


def test_attachments_only_to_the_two_sides(asked, owner, business_buyer, other_buyer):
    client_of(business_buyer).post(
        en("trade:message", asked.reference),
        {"body": "Our spec", "attachment": SimpleUploadedFile("spec.pdf", PDF)},
    )
    message = QuoteMessage.objects.get()

    mine = client_of(business_buyer).get(
        en("trade:attachment", asked.reference, message.pk)
    )
    shop = client_of(owner).get(
        en("resident_dashboard:quote-attachment", asked.reference, message.pk)
    )
    stranger = client_of(other_buyer).get(
        en("trade:attachment", asked.reference, message.pk)
    )

    assert (mine.status_code, shop.status_code, stranger.status_code) == (
        200,
        200,
        404,
    )
    assert b"".join(mine.streaming_content) == PDF
    assert mine["Content-Type"] == "application/pdf"


def _requests(buyer, resident, count):
    for _number in range(count):
        product = ProductFactory(resident=resident, price=D("10.00"))
        ask(buyer, resident, product, quantity=2, destination="AZ")


@pytest.mark.parametrize("view", ["trade:mine", "resident_dashboard:quote-requests"])
def test_the_lists_cost_the_same_queries_for_one_or_many_rows(
    view, resident, owner, monkeypatch
):
    monkeypatch.setattr(request_services, "MAX_LIVE_REQUESTS_PER_SHOP", 100)
    viewer_buyer = UserFactory(email="buyer@shop.ge")
    BusinessProfile.objects.create(user=viewer_buyer, company_name="S", country="GE")
    user = viewer_buyer if view == "trade:mine" else owner

    def count() -> int:
        client = client_of(user)
        client.get(en(view))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(en(view))
        assert response.status_code == 200
        return len(queries)

    _requests(viewer_buyer, resident, 1)
    one = count()
    _requests(viewer_buyer, resident, 6)
    seven = count()

    assert QuoteRequest.objects.count() == 7
    assert seven == one
