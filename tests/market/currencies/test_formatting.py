"""The one money formatter, and the one door templates print money through
(the ``currency_filters`` library: buyer's currency on the storefront, AZN in
the back office)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from market.currencies.display import (
    CurrentRequestMiddleware,
    display_currency_and_rate,
    is_back_office,
)
from market.currencies.formatting import format_money
from market.currencies.services import exchange_rates_store

D = Decimal
NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [
        ("az", D("12.34"), "AZN", f"12,34{NBSP}₼"),
        ("az", D("12.34"), "USD", f"12,34{NBSP}US$"),
        ("az", D("12.34"), "EUR", f"12,34{NBSP}€"),
        ("en", D("12.34"), "AZN", "₼12.34"),
        ("en", D("12.34"), "USD", "$12.34"),
        ("en", D("12.34"), "EUR", "€12.34"),
        ("ru", D("12.34"), "AZN", f"12,34{NBSP}₼"),
        ("ru", D("12.34"), "USD", f"12,34{NBSP}$"),
        ("ru", D("12.34"), "EUR", f"12,34{NBSP}€"),
        # Half up, never half to even (Babel's own rounding would give 0,62).
        ("az", D("0.625"), "AZN", f"0,63{NBSP}₼"),
        ("en", D("0.625"), "USD", "$0.63"),
        ("ru", D("2.675"), "EUR", f"2,68{NBSP}€"),
        ("en", D("0.005"), "USD", "$0.01"),
        ("en", D("0.00499"), "USD", "$0.00"),
        # Big numbers: each language's grouping.
        ("az", D("1234567.885"), "AZN", f"1.234.567,89{NBSP}₼"),
        ("en", D("1234567.885"), "USD", "$1,234,567.89"),
        ("ru", D("1234567.885"), "EUR", f"1{NBSP}234{NBSP}567,89{NBSP}€"),
        ("en", D("1000000000"), "AZN", "₼1,000,000,000.00"),
        # Whole numbers get their cents; ints are exact money too.
        ("en", 7, "EUR", "€7.00"),
        ("en", D("-5"), "USD", "-$5.00"),
        ("ru", D("-0.001"), "USD", f"0,00{NBSP}$"),
    ],
)
def test_format_money(language, amount, currency, expected):
    assert format_money(amount, currency, language=language) == expected
    with translation.override(language):
        assert format_money(amount, currency) == expected


def test_format_money_refuses_floats_and_unknown_currencies():
    with pytest.raises(TypeError):
        format_money(1.5, "USD")
    with pytest.raises(TypeError):
        format_money("1.50", "USD")
    with pytest.raises(ValueError, match="GBP"):
        format_money(D("1.50"), "GBP")


@pytest.fixture
def usd(db):
    exchange_rates_store(
        rates={"USD": D("0.5882"), "EUR": D("0.5400")},
        effective_date=timezone.localdate(),
        source="test",
    )


def _request(path, currency=None):
    request = RequestFactory().get(path)
    request.session = {} if currency is None else {"currency": currency}
    return request


def _through_middleware(request, text, **context):
    """Render `text` while `request` is being served (as a view would)."""

    def view(request):
        return Template("{% load currency_filters %}" + text).render(
            Context({"request": request, **context})
        )

    return CurrentRequestMiddleware(view)(request)


@pytest.mark.parametrize(
    ("path", "back_office"),
    [
        ("/dashboard/", True),
        ("/dashboard/orders/1/", True),
        ("/en/dashboard/orders/", True),
        ("/ru/shop/my-shop/money/", True),
        ("/cms/pages/", True),
        ("/shop/", False),
        ("/en/shop/basket/", False),
        ("/shop/dashboard/", False),
        ("/xx/dashboard/", False),
    ],
)
def test_back_office_is_decided_by_the_path(path, back_office):
    assert is_back_office(_request(path)) is back_office


@pytest.mark.usefixtures("usd")
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/shop/", "$264.69"),
        ("/en/dashboard/orders/", "₼450.00"),
        ("/cms/", "₼450.00"),
    ],
)
def test_the_currency_filter_converts_on_the_storefront_only(path, expected):
    with translation.override("en"):
        html = _through_middleware(
            _request(path, "USD"), "{{ amount|currency }}", amount=D("450.00")
        )
    assert html == expected


@pytest.mark.usefixtures("usd")
def test_the_currency_filter_outside_a_request_is_unconverted():
    with translation.override("en"):
        text = Template("{% load currency_filters %}{{ a|currency }}").render(
            Context({"a": D("450")})
        )
    assert text == "₼450.00"


@pytest.mark.usefixtures("usd")
def test_an_amount_in_another_currency_is_never_reconverted():
    with translation.override("en"):
        html = _through_middleware(
            _request("/en/shop/", "USD"),
            '{{ amount|currency:"EUR" }} {{ junk|currency }} {{ nan|currency }}',
            amount=D("10"),
            junk="abc",
            nan="NaN",
        )
    assert html == "€10.00  "


@pytest.mark.usefixtures("usd")
def test_the_price_tag_shows_azn_beside():
    with translation.override("ru"):
        usd = _through_middleware(
            _request("/ru/shop/", "USD"), "{% price amount %}", amount=D("450")
        )
        azn = _through_middleware(
            _request("/ru/shop/"), "{% price amount %}", amount=D("450")
        )
    assert usd == (
        f'<span class="price"><span class="price-main">264,69{NBSP}$</span> '
        f'<span class="price-base">450,00{NBSP}₼</span></span>'
    )
    assert azn == (
        f'<span class="price"><span class="price-main">450,00{NBSP}₼</span></span>'
    )


@pytest.mark.usefixtures("usd")
@pytest.mark.parametrize(
    "forged",
    ["XXX", "usd", "usd<script>", "USD ", "", None, 7, ["USD"], {"a": 1}, "GBP"],
)
def test_a_forged_session_currency_falls_back_to_azn(forged):
    request = _request("/en/shop/")
    request.session = {"currency": forged}
    assert display_currency_and_rate(request) == ("AZN", D("1"))
    with translation.override("en"):
        html = _through_middleware(request, "{{ a|currency }}", a=D("1"))
    assert html == "₼1.00"
