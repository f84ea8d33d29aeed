"""Which rate applies, when a rate is too old, and the buyer's currency."""

from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.test import RequestFactory

from market.currencies.models import ExchangeRate
from market.currencies.selectors import (
    RateUnavailable,
    buyer_currency,
    rate_for,
    rates_current,
)
from market.currencies.services import exchange_rates_store

from .conftest import NOW, TODAY

pytestmark = pytest.mark.django_db


def _store(currency, rate, days_ago=0):
    exchange_rates_store(
        rates={currency: Decimal(rate)},
        effective_date=TODAY - timedelta(days=days_ago),
        source="test",
    )


def _request(currency=None):
    request = RequestFactory().get("/")
    request.session = {} if currency is None else {"currency": currency}
    return request


def test_azn_is_one_without_any_row():
    assert rate_for(currency="AZN", now=NOW) == Decimal("1")


def test_the_latest_effective_date_wins():
    _store("USD", "0.5800", days_ago=3)
    _store("USD", "0.5882", days_ago=1)
    _store("USD", "0.5700", days_ago=2)

    assert rate_for(currency="USD", now=NOW) == Decimal("0.5882")


def test_no_rate_is_unavailable():
    with pytest.raises(RateUnavailable) as raised:
        rate_for(currency="USD", now=NOW)

    assert raised.value.currency == "USD"
    assert "USD" in str(raised.value)


def test_unknown_currency_is_unavailable():
    with pytest.raises(RateUnavailable):
        rate_for(currency="GBP", now=NOW)


def test_a_rate_exactly_max_age_old_is_fresh_one_day_more_is_stale(settings):
    settings.MARKET_EXCHANGE_RATES_MAX_AGE_DAYS = 7
    _store("USD", "0.5882", days_ago=7)

    assert rate_for(currency="USD", now=NOW) == Decimal("0.5882")
    with pytest.raises(RateUnavailable):
        rate_for(currency="USD", now=NOW + timedelta(days=1))


def test_the_max_age_comes_from_settings(settings):
    _store("EUR", "0.54", days_ago=2)
    settings.MARKET_EXCHANGE_RATES_MAX_AGE_DAYS = 1

    with pytest.raises(RateUnavailable):
        rate_for(currency="EUR", now=NOW)


def test_age_is_counted_in_bakus_dates():
    _store("USD", "0.5882", days_ago=7)
    # 23:30 UTC on the 27th is already the 28th in Baku (UTC+4): 8 days old.
    late_utc = NOW.replace(hour=23, minute=30, tzinfo=UTC)

    with pytest.raises(RateUnavailable):
        rate_for(currency="USD", now=late_utc)


def test_rates_current_has_azn_and_only_fresh_rates():
    _store("USD", "0.5882", days_ago=1)
    _store("EUR", "0.5400", days_ago=30)

    assert rates_current(now=NOW) == {"AZN": Decimal("1"), "USD": Decimal("0.5882")}


@pytest.mark.parametrize(
    ("session", "expected"),
    [
        (None, "AZN"),
        ("AZN", "AZN"),
        ("USD", "USD"),
        ("GBP", "AZN"),
        ("usd", "AZN"),
        (["USD"], "AZN"),
        ("EUR", "AZN"),  # its only rate is stale
    ],
)
def test_buyer_currency(session, expected):
    _store("USD", "0.5882", days_ago=1)
    _store("EUR", "0.5400", days_ago=30)

    assert buyer_currency(_request(session), now=NOW) == expected


def test_buyer_currency_falls_back_to_azn_when_the_rate_goes_stale():
    _store("USD", "0.5882")
    request = _request("USD")

    assert buyer_currency(request, now=NOW) == "USD"
    assert buyer_currency(request, now=NOW + timedelta(days=8)) == "AZN"
    # The choice itself is kept: a fresh rate brings it back.
    assert request.session["currency"] == "USD"


def test_buyer_currency_without_a_session_is_azn():
    assert buyer_currency(RequestFactory().get("/")) == "AZN"


def test_rows_are_never_edited_by_a_conflicting_load():
    _store("USD", "0.5882")

    with pytest.raises(Exception, match="different USD rate"):
        _store("USD", "0.6000")

    assert list(ExchangeRate.objects.values_list("rate", flat=True)) == [
        Decimal("0.58820000")
    ]
