"""The buyer's switcher: the set view, the context processor, the template
tags and the header."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from market.currencies.services import exchange_rates_store

pytestmark = pytest.mark.django_db

MARKET = {"HTTP_HOST": "market.localhost:8000"}


@pytest.fixture
def fresh_rates(db):
    exchange_rates_store(
        rates={"USD": Decimal("0.5882"), "EUR": Decimal("0.5400")},
        effective_date=timezone.localdate(),
        source="test",
    )


@pytest.fixture
def stale_eur(db, settings):
    exchange_rates_store(
        rates={"EUR": Decimal("0.5400")},
        effective_date=timezone.localdate()
        - timezone.timedelta(days=settings.MARKET_EXCHANGE_RATES_MAX_AGE_DAYS + 1),
        source="test",
    )


def _set(client, **data):
    return client.post(reverse("currencies:set"), data, **MARKET)


def test_the_url():
    assert reverse("currencies:set") == "/currency/"


@pytest.mark.usefixtures("fresh_rates")
def test_set_stores_the_currency_and_goes_to_next(client):
    response = _set(client, currency="USD", next="/shop/?page=2")

    assert response.status_code == 302
    assert response["Location"] == "/shop/?page=2"
    assert client.session["currency"] == "USD"

    _set(client, currency="AZN", next="/")
    assert client.session["currency"] == "AZN"


@pytest.mark.usefixtures("fresh_rates")
@pytest.mark.parametrize("currency", ["GBP", "usd", "", "AZN; DROP"])
def test_set_refuses_unknown_currencies_leaving_the_session(client, currency):
    _set(client, currency="EUR", next="/")

    response = _set(client, currency=currency, next="/shop/")

    assert response.status_code == 302
    assert response["Location"] == "/shop/"
    assert client.session["currency"] == "EUR"
    assert [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.usefixtures("stale_eur")
def test_set_refuses_a_currency_without_a_fresh_rate(client):
    response = _set(client, currency="EUR", next="/")

    assert response.status_code == 302
    assert "currency" not in client.session
    assert any("EUR" in str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.usefixtures("fresh_rates")
@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example",
        "https://evil.example/shop/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_set_refuses_to_redirect_elsewhere(client, next_url):
    response = _set(client, currency="USD", next=next_url)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["currency"] == "USD"


def test_set_refuses_get(client):
    response = client.get(reverse("currencies:set"), {"currency": "USD"}, **MARKET)

    assert response.status_code == 405
    assert "currency" not in client.session


def test_set_needs_the_csrf_token(fresh_rates):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = _set(client, currency="USD", next="/")

    assert response.status_code == 403


def _request(currency=None):
    request = RequestFactory().get("/shop/", **MARKET)
    request.session = {} if currency is None else {"currency": currency}
    return request


@pytest.mark.usefixtures("fresh_rates")
def test_context_processor():
    from market.currencies.context_processors import currency

    assert currency(_request("USD")) == {
        "buyer_currency": "USD",
        "currencies": [("AZN", "AZN"), ("USD", "USD"), ("EUR", "EUR")],
    }
    assert currency(_request())["buyer_currency"] == "AZN"


def _render(text, request=None, **context):
    return Template("{% load currency_tags %}" + text).render(
        Context({"request": request, **context})
    )


@pytest.mark.usefixtures("fresh_rates")
@pytest.mark.parametrize(
    ("currency", "amount", "expected"),
    [
        (None, Decimal("450.00"), "450,00\xa0₼"),
        ("AZN", Decimal("12.5"), "12,50\xa0₼"),
        ("USD", Decimal("450.00"), "264,69\xa0US$"),
        ("USD", Decimal("0.85"), "0,50\xa0US$"),
        ("EUR", Decimal("100"), "54,00\xa0€"),
        ("GBP", Decimal("1.00"), "1,00\xa0₼"),
    ],
)
def test_buyer_price(currency, amount, expected):
    assert _render("{% buyer_price amount %}", _request(currency), amount=amount) == (
        expected
    )


@pytest.mark.usefixtures("stale_eur")
def test_buyer_price_shows_azn_when_the_rate_is_unavailable():
    assert (
        _render("{% buyer_price amount %}", _request("EUR"), amount=Decimal("10"))
        == "10,00\xa0₼"
    )


def test_buyer_price_without_a_request_or_an_amount():
    assert _render("{% buyer_price amount %}", amount=Decimal("3")) == "3,00\xa0₼"
    assert _render("{% buyer_price amount %}", _request(), amount=None) == ""


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (Decimal("264.69"), "USD", "264,69\xa0US$"),
        (Decimal("0.625"), "EUR", "0,63\xa0€"),
        (Decimal("7"), "AZN", "7,00\xa0₼"),
        (None, "USD", ""),
    ],
)
def test_money_filter(amount, currency, expected):
    assert _render(f'{{{{ amount|money:"{currency}" }}}}', amount=amount) == expected


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        _render('{{ amount|money:"USD" }}', amount=1.5)


@pytest.mark.usefixtures("fresh_rates", "sites")
def test_the_header_has_the_switcher(client):
    _set(client, currency="USD", next="/")

    page = reverse("catalogue:index") + "?sort_by=price-desc"
    response = client.get(page, **MARKET)
    html = response.content.decode()

    assert response.status_code == 200
    assert 'action="/currency/"' in html
    assert f'name="next" value="{page}"' in html
    assert '<option value="USD" selected>USD</option>' in html
    assert '<option value="AZN">AZN</option>' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_amounts_follow_the_language_number_format():
    from django.utils import translation

    with translation.override("en"):
        english = _render('{{ amount|money:"USD" }}', amount=Decimal("1234.5"))
    with translation.override("ru"):
        russian = _render('{{ amount|money:"USD" }}', amount=Decimal("1234.5"))

    assert english == "$1,234.50"
    assert russian == "1\xa0234,50\xa0$"
