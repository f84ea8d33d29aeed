"""Loading published rates: exact rows, idempotent, all or nothing, from a
file or over real HTTP."""

import functools
import http.server
import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from market.currencies.models import ExchangeRate
from market.currencies.services import exchange_rates_load, exchange_rates_store

from .conftest import NOW, TODAY, VALID

pytestmark = pytest.mark.django_db


def _rows():
    return sorted(
        ExchangeRate.objects.values_list("currency", "rate", "effective_date", "source")
    )


def test_loading_a_valid_file_stores_exact_rows(write_document):
    path = write_document(VALID)

    created = exchange_rates_load(source=path, now=NOW)

    assert created == 2
    assert _rows() == [
        ("EUR", Decimal("0.5412"), TODAY, path),
        ("USD", Decimal("0.5882"), TODAY, path),
    ]


def test_numbers_are_read_exactly_as_written(write_document):
    text = '{"base": "AZN", "date": "2026-11-27", "rates": {"USD": 0.1, "EUR": 2}}'

    exchange_rates_load(source=write_document(text), now=NOW)

    assert dict(ExchangeRate.objects.values_list("currency", "rate")) == {
        "USD": Decimal("0.1"),
        "EUR": Decimal("2"),
    }


def test_loading_twice_adds_nothing(write_document):
    path = write_document(VALID)
    exchange_rates_load(source=path, now=NOW)
    before = _rows()

    assert exchange_rates_load(source=path, now=NOW) == 0
    assert _rows() == before


def test_a_later_publication_is_appended(write_document):
    exchange_rates_load(source=write_document(VALID), now=NOW)
    later = {**VALID, "date": "2026-11-28", "rates": {"USD": "0.5900"}}

    assert exchange_rates_load(source=write_document(later, "b.json"), now=NOW) == 1
    assert ExchangeRate.objects.count() == 3


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ("not json at all", "not JSON"),
        ('["AZN"]', "JSON object"),
        ({"date": "2026-11-27", "rates": {"USD": "0.5"}}, '"base"'),
        ({"base": "AZN", "rates": {"USD": "0.5"}}, '"date"'),
        ({"base": "AZN", "date": "2026-11-27"}, '"rates"'),
        ({**VALID, "base": "USD"}, "based on AZN"),
        ({**VALID, "date": "27.11.2026"}, "not a date"),
        ({**VALID, "date": "2026-02-30"}, "not a date"),
        ({**VALID, "date": 20261127}, "not a date"),
        ({**VALID, "date": "2026-12-25"}, "future"),
        ({**VALID, "rates": {}}, "non-empty"),
        ({**VALID, "rates": ["USD", "0.5"]}, "non-empty"),
        ({**VALID, "rates": {"USD": "0.5", "GBP": "0.46"}}, "Unknown currency 'GBP'"),
        ({**VALID, "rates": {"USD": "0.5", "AZN": "1"}}, "Unknown currency 'AZN'"),
        ({**VALID, "rates": {"USD": "0.5", "EUR": "0"}}, "EUR must be positive"),
        ({**VALID, "rates": {"USD": "-0.5"}}, "USD must be positive"),
        ({**VALID, "rates": {"USD": "0.5", "EUR": "abc"}}, "EUR is not a number"),
        ({**VALID, "rates": {"USD": "NaN"}}, "USD is not a number"),
        ({**VALID, "rates": {"USD": "Infinity"}}, "USD is not a number"),
        ({**VALID, "rates": {"USD": None}}, "USD is not a number"),
        ({**VALID, "rates": {"USD": True}}, "USD is not a number"),
        ({**VALID, "rates": {"USD": {"v": 1}}}, "USD is not a number"),
        ({**VALID, "rates": {"USD": "0.123456789"}}, "more than 8 decimal places"),
        ({**VALID, "rates": {"USD": "12345678901"}}, "too large"),
    ],
)
def test_bad_documents_are_refused_and_nothing_is_written(
    write_document, document, problem
):
    with pytest.raises(ValidationError, match=problem):
        exchange_rates_load(source=write_document(document), now=NOW)

    assert ExchangeRate.objects.count() == 0


def test_a_conflict_found_while_writing_rolls_back_the_rows_before_it(
    write_document,
):
    # EUR is written first (sorted), then USD conflicts: EUR must not stay.
    exchange_rates_store(
        rates={"USD": Decimal("0.5882")}, effective_date=TODAY, source="a"
    )
    conflicting = {**VALID, "rates": {"EUR": "0.5412", "USD": "0.6000"}}

    with pytest.raises(ValidationError, match="different USD rate"):
        exchange_rates_load(source=write_document(conflicting), now=NOW)

    assert _rows() == [("USD", Decimal("0.5882"), TODAY, "a")]


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("file:///etc/passwd", "not a file://"),
        ("ftp://example.com/rates.json", "not a ftp://"),
        ("data:application/json,{}", "not a data://"),
        ("/no/such/rates.json", "Could not read"),
        ("", "empty"),
    ],
)
def test_unreadable_or_forbidden_sources_are_refused(source, problem):
    with pytest.raises(ValidationError, match=problem):
        exchange_rates_load(source=source, now=NOW)

    assert ExchangeRate.objects.count() == 0


def test_store_refuses_a_datetime_for_a_date():
    with pytest.raises(ValidationError, match="not a date"):
        exchange_rates_store(
            rates={"USD": Decimal("0.5")}, effective_date=NOW, source="x"
        )


class _Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/redirect-to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server(tmp_path):
    """A real HTTP server on localhost serving tmp_path; yields its base URL."""
    handler = functools.partial(_Handler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def _no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("_no_proxy")
def test_loading_from_a_url(http_server, write_document):
    write_document(VALID, "rates.json")
    url = f"{http_server}/rates.json"

    assert exchange_rates_load(source=url, now=NOW) == 2
    assert exchange_rates_load(source=url, now=NOW) == 0
    assert _rows() == [
        ("EUR", Decimal("0.5412"), TODAY, url),
        ("USD", Decimal("0.5882"), TODAY, url),
    ]


@pytest.mark.usefixtures("_no_proxy")
def test_a_missing_url_is_refused(http_server):
    with pytest.raises(ValidationError, match="HTTP 404"):
        exchange_rates_load(source=f"{http_server}/missing.json", now=NOW)

    assert ExchangeRate.objects.count() == 0


@pytest.mark.usefixtures("_no_proxy")
def test_a_redirect_to_a_file_is_not_followed(http_server):
    with pytest.raises(ValidationError, match="Could not fetch"):
        exchange_rates_load(source=f"{http_server}/redirect-to-file", now=NOW)

    assert ExchangeRate.objects.count() == 0


def test_the_demo_file_loads(settings):
    source = str(settings.BASE_DIR / "market" / "demo" / "exchange_rates.json")

    assert exchange_rates_load(source=source, now=NOW) == 2
    assert dict(ExchangeRate.objects.values_list("currency", "rate")) == {
        "USD": Decimal("0.5882"),
        "EUR": Decimal("0.5400"),
    }
    assert set(ExchangeRate.objects.values_list("effective_date", flat=True)) == {
        date(2026, 11, 27)
    }


def test_the_demo_builder_stores_todays_rates():
    from django.utils import timezone

    from market.demo.builders import demo_exchange_rates

    assert demo_exchange_rates() == 2
    assert demo_exchange_rates() == 0
    assert set(ExchangeRate.objects.values_list("effective_date", flat=True)) == {
        timezone.localdate()
    }
