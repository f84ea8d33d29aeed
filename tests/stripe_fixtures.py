"""Fixtures and helpers for tests that pay (loaded by the root conftest).

They run against localstripe, a real HTTP fake of Stripe started
here on a free port, with the project's own Stripe client pointed at it."""

import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from checkout.models import CheckoutPayment
from market.currencies.services import exchange_rates_store
from market.payments import client as payments
from market.payments.money import Money

WEBHOOK_SECRET = "whsec_test_creative_market"
RATES = {"USD": Decimal("0.5882"), "EUR": Decimal("0.5400")}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port() -> int:
    """A port nothing listens on: a Stripe (or mail server) that is down."""
    return _free_port()


@pytest.fixture(scope="session")
def localstripe_url(tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("localstripe") / "localstripe.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "localstripe",
                "--port",
                str(port),
                "--from-scratch",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=tmp_path_factory.mktemp("localstripe-state"),
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=1)  # noqa: S310
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"localstripe did not start: {log.read_text()}")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_settings(settings, localstripe_url):
    settings.STRIPE_SECRET_KEY = "sk_test_localstripe"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    return settings


@pytest.fixture
def rates(db):
    exchange_rates_store(
        rates=RATES, effective_date=timezone.localdate(), source="test"
    )
    return RATES


ADDRESS = {
    "first_name": "Anna",
    "last_name": "Schmidt",
    "line1": "Hauptstraße 5",
    "line4": "Berlin",
    "postcode": "10115",
    "country": "DE",
}


def ensure_countries():
    from oscar.apps.address.models import Country

    Country.objects.get_or_create(
        iso_3166_1_a2="DE",
        defaults={
            "name": "Germany",
            "printable_name": "Germany",
            "is_shipping_country": True,
        },
    )
    Country.objects.get_or_create(
        iso_3166_1_a2="AZ",
        defaults={
            "name": "Azerbaijan",
            "printable_name": "Azerbaijan",
            "is_shipping_country": True,
        },
    )


def start_checkout(client: Client, products, *, currency: str = "AZN", quantity=1):
    """Walk a signed-in buyer through Oscar's checkout up to the preview:
    basket, shipping address when needed, currency."""
    for product in products:
        response = client.post(
            reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}
        )
        assert response.status_code == 302, response.content[:500]
    if currency != "AZN":
        client.post(reverse("currencies:set"), {"currency": currency, "next": "/"})
    response = client.get(reverse("checkout:index"), follow=True)
    if response.request["PATH_INFO"].endswith("/shipping-address/"):
        response = client.post(reverse("checkout:shipping-address"), ADDRESS)
        assert response.status_code == 302, response.content[:2000]
        # The delivery step: each parcel's cheapest option, as shown.
        response = client.get(reverse("checkout:shipping-method"))
        assert response.status_code == 200, response.content[:2000]
        response = client.post(reverse("checkout:shipping-method"), follow=True)
    return response


def place(client: Client):
    """Press the preview's "Continue to payment"."""
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def pay(payment: CheckoutPayment, method: str = "pm_card_visa"):
    """The buyer's card, confirmed at localstripe (what Stripe.js does)."""
    return payments.payment_intent_confirm(
        intent_id=payment.payment_intent_id,
        payment_method=method,
        idempotency_key=f"test-pay-{payment.pk}-{method}",
    )


def stripe_get(url: str, path: str) -> dict:
    import json

    request = urllib.request.Request(  # noqa: S310
        f"{url}{path}", headers={"Authorization": "Bearer sk_test_localstripe"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return json.load(response)


__all__ = ["Money"]


def buy(client: Client, products, *, currency: str = "AZN"):
    """The whole purchase: checkout, pay at localstripe, come back."""
    start_checkout(client, products, currency=currency)
    response = place(client)
    assert response["Location"] == reverse("checkout:pay"), response["Location"]
    payment = CheckoutPayment.objects.get(pk=client.session["checkout_payment_id"])
    pay(payment)
    response = client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )
    assert response["Location"] == reverse("checkout:thank-you")
    payment.refresh_from_db()
    return payment
