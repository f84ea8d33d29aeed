"""Writes exchange rates: from a published JSON document (a file or an
http(s) URL), all or nothing.

The document::

    {"base": "AZN", "date": "2026-11-27", "rates": {"USD": "0.5882", "EUR": "0.5412"}}

Rates may be strings or numbers; each is read with ``Decimal(str(x))``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ExchangeRate

FETCH_TIMEOUT_SECONDS = 10
MAX_DOCUMENT_BYTES = 1024 * 1024
# The model's DecimalField(max_digits=18, decimal_places=8).
RATE_MAX_DIGITS = 18
RATE_DECIMAL_PLACES = 8


def _foreign_currencies() -> list[str]:
    return [c for c in settings.MARKET_CURRENCIES if c != settings.MARKET_BASE_CURRENCY]


def _http_opener() -> urllib.request.OpenerDirector:
    """An opener that speaks http and https only: no file://, ftp:// or data:,
    not even through a redirect."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.HTTPDefaultErrorHandler(),
    ):
        opener.add_handler(handler)
    return opener


def _read_source(source: str) -> bytes:
    """The bytes of a local file path or an http(s) URL; other schemes refused."""
    if not isinstance(source, str) or not source.strip():
        raise ValidationError("The exchange rates source is empty.")
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        try:
            with _http_opener().open(source, timeout=FETCH_TIMEOUT_SECONDS) as response:
                body = response.read(MAX_DOCUMENT_BYTES + 1)
        except urllib.error.HTTPError as error:
            raise ValidationError(
                f"Could not fetch exchange rates from {source}: HTTP {error.code}."
            ) from error
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise ValidationError(
                f"Could not fetch exchange rates from {source}: {error}."
            ) from error
    elif scheme and len(scheme) > 1:  # a one-letter "scheme" is a Windows drive
        raise ValidationError(
            f"Exchange rates are read from a file path or an http(s) URL, "
            f"not a {scheme}:// address."
        )
    else:
        path = Path(source)
        try:
            with path.open("rb") as handle:
                body = handle.read(MAX_DOCUMENT_BYTES + 1)
        except OSError as error:
            raise ValidationError(
                f"Could not read exchange rates file {source}: {error.strerror}."
            ) from error
    if len(body) > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            f"The exchange rates document at {source} is larger than "
            f"{MAX_DOCUMENT_BYTES} bytes."
        )
    return body


def _parse_rate(currency: str, value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValidationError(f"The rate for {currency} is not a number: {value!r}.")
    try:
        rate = Decimal(str(value).strip())
    except InvalidOperation as error:
        raise ValidationError(
            f"The rate for {currency} is not a number: {value!r}."
        ) from error
    if not rate.is_finite():
        raise ValidationError(f"The rate for {currency} is not a number: {value!r}.")
    if rate <= 0:
        raise ValidationError(f"The rate for {currency} must be positive, not {rate}.")
    exponent = rate.as_tuple().exponent
    if -exponent > RATE_DECIMAL_PLACES:
        raise ValidationError(
            f"The rate for {currency} has more than {RATE_DECIMAL_PLACES} "
            f"decimal places: {value!r}."
        )
    if rate.adjusted() + 1 > RATE_MAX_DIGITS - RATE_DECIMAL_PLACES:
        raise ValidationError(f"The rate for {currency} is too large: {value!r}.")
    return rate


def _parse_document(body: bytes) -> tuple[date, dict[str, Decimal]]:
    """The effective date and the rates of a JSON document, or ValidationError
    naming the first problem found."""
    try:
        document = json.loads(body.decode("utf-8"), parse_float=str, parse_int=str)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(
            f"The exchange rates document is not JSON: {error}."
        ) from error
    if not isinstance(document, dict):
        raise ValidationError("The exchange rates document must be a JSON object.")
    for key in ("base", "date", "rates"):
        if key not in document:
            raise ValidationError(f'The exchange rates document has no "{key}".')
    base = document["base"]
    if base != settings.MARKET_BASE_CURRENCY:
        raise ValidationError(
            f"The exchange rates must be based on {settings.MARKET_BASE_CURRENCY}, "
            f"not {base!r}."
        )
    raw_date = document["date"]
    try:
        if not isinstance(raw_date, str):
            raise ValueError
        effective_date = date.fromisoformat(raw_date)
        if raw_date != effective_date.isoformat():
            raise ValueError
    except ValueError:
        raise ValidationError(
            f"The exchange rates date is not a date (YYYY-MM-DD): {raw_date!r}."
        ) from None
    raw_rates = document["rates"]
    if not isinstance(raw_rates, dict) or not raw_rates:
        raise ValidationError(
            'The exchange rates document\'s "rates" must be a non-empty object.'
        )
    # Numbers were kept as their JSON text (parse_float=str), so 0.5882 is read
    # exactly as written.
    return effective_date, dict(raw_rates)


def _validate_rates(rates: dict) -> dict[str, Decimal]:
    if not isinstance(rates, dict) or not rates:
        raise ValidationError("There are no exchange rates to store.")
    known = _foreign_currencies()
    parsed = {}
    for currency, value in rates.items():
        if currency not in known:
            raise ValidationError(
                f"Unknown currency {currency!r}: rates from "
                f"{settings.MARKET_BASE_CURRENCY} are accepted for "
                f"{', '.join(known)} only."
            )
        parsed[currency] = _parse_rate(currency, value)
    return parsed


def exchange_rates_store(
    *, rates: dict[str, Decimal], effective_date: date, source: str
) -> int:
    """Store `rates` (units of each currency for 1 AZN) published on
    `effective_date` by `source`, all or nothing. Returns how many rows were
    created: a rate already stored for that currency and date is left as it is
    (0 when everything was already loaded); a different rate for the same
    currency and date is refused, since rows are never edited."""
    if isinstance(effective_date, datetime) or not isinstance(effective_date, date):
        raise ValidationError(f"The effective date is not a date: {effective_date!r}.")
    parsed = _validate_rates(rates)
    source = str(source)[: ExchangeRate._meta.get_field("source").max_length]
    created = 0
    with transaction.atomic():
        for currency, rate in sorted(parsed.items()):
            existing = ExchangeRate.objects.filter(
                currency=currency, effective_date=effective_date
            ).first()
            if existing is None:
                try:
                    with transaction.atomic():
                        ExchangeRate.objects.create(
                            currency=currency,
                            rate=rate,
                            effective_date=effective_date,
                            source=source,
                        )
                    created += 1
                    continue
                except IntegrityError:
                    # Someone stored this currency and date at the same time.
                    existing = ExchangeRate.objects.get(
                        currency=currency, effective_date=effective_date
                    )
            if existing.rate != rate:
                raise ValidationError(
                    f"A different {currency} rate is already stored for "
                    f"{effective_date.isoformat()} ({existing.rate}, not {rate}); "
                    f"stored rates are never changed."
                )
    return created


def exchange_rates_load(*, source: str, now: datetime | None = None) -> int:
    """Load the exchange rates document at `source` (a file path or an http(s)
    URL, fetched with a 10 s timeout) and store its rates, all or nothing.

    Returns how many rows were created (0 when the document was already
    loaded). Raises ValidationError naming the problem, having written nothing.
    A document dated later than tomorrow (relative to `now`, in the site's time
    zone) is refused: it would pass for fresh for longer than it should.
    """
    effective_date, rates = _parse_document(_read_source(source))
    today = timezone.localdate(now or timezone.now())
    if effective_date > today + timedelta(days=1):
        raise ValidationError(
            f"The exchange rates date {effective_date.isoformat()} is in the future."
        )
    return exchange_rates_store(
        rates=rates, effective_date=effective_date, source=source
    )
