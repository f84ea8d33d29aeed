"""/metrics: the Prometheus text of the request and checkout counters and of
the queue and payout figures read at scrape time, behind a bearer token."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.apps.basket.models import Basket
from oscar.apps.partner.models import StockRecord
from oscar.apps.shipping.methods import Free
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from catalogue.kinds import PHYSICAL
from checkout import services
from checkout.models import CheckoutPayment, CheckoutStatus
from market.mail.models import EmailStatus, OutgoingEmail
from market.payouts.models import Payout, PayoutRun, PayoutStatus, Rail
from search.models import PendingIndex
from tests.factories import ResidentFactory
from tests.stripe_fixtures import (
    buy,
    closed_port,
    ensure_countries,
    pay,
    place,
    start_checkout,
)

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "scrape-me-7f3a"  # noqa: S105 (a test token)
EVENTS = ("begun", "placed", "refused", "refunded")


def _value(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _checkouts() -> dict:
    counts = {e: _value("market_checkouts_total", event=e) for e in EVENTS}
    for reason in ("rule", "payment"):
        counts[reason] = _value("market_checkout_refusals_total", reason=reason)
    return counts


def _delta(before: dict, after: dict) -> dict:
    return {key: after[key] - before[key] for key in before}


def _scrape(client) -> dict:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            key = (sample.name, tuple(sorted(sample.labels.items())))
            samples[key] = sample.value
    return samples


@pytest.fixture
def buyer_client(buyer):
    client = Client()
    client.force_login(buyer)
    ensure_countries()
    return client


# --- the token ----------------------------------------------------------------


@pytest.mark.django_db
def test_without_a_token_configured_metrics_do_not_exist(client, settings):
    settings.MARKET_METRICS_TOKEN = ""
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer anything")
    assert response.status_code == 404
    assert b"market_http_requests_total" not in response.content


@pytest.mark.django_db
def test_a_missing_or_wrong_token_is_refused_and_never_cached(client, settings):
    settings.MARKET_METRICS_TOKEN = TOKEN
    settings.MARKET_PAGE_CACHE = True
    assert _scrape(client)  # a good scrape first: nothing of it may be replayed

    missing = client.get("/metrics")
    basic = client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}")
    wrong = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}x")
    prefix = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN[:-1]}")

    assert (missing.status_code, basic.status_code) == (401, 401)
    assert missing["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert (wrong.status_code, prefix.status_code) == (403, 403)
    for response in (missing, basic, wrong, prefix):
        assert response.content == b""
        assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_metrics_are_scraped_by_address_over_plain_http(client, settings):
    settings.MARKET_METRICS_TOKEN = TOKEN
    settings.ALLOWED_HOSTS = ["market.example"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(
        "/metrics", HTTP_HOST="10.0.0.7:8000", HTTP_AUTHORIZATION=f"Bearer {TOKEN}"
    )
    page = client.get("/robots.txt", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert b"market_http_requests_total" in response.content
    # Everything else still meets the host check.
    assert page.status_code == 400


# --- requests -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_request_is_counted_once_by_method_status_class_and_route(client):
    requests = ("market_http_requests_total", {"method": "GET", "status": "2xx"})
    latency = ("market_http_request_duration_seconds_count", {"route": "robots-txt"})
    missing = ("market_http_requests_total", {"method": "GET", "status": "4xx"})
    before = [_value(name, **labels) for name, labels in (requests, latency, missing)]

    response = client.get("/robots.txt?token=abc")

    after = [_value(name, **labels) for name, labels in (requests, latency, missing)]
    assert response.status_code == 200
    assert [b - a for a, b in zip(before, after, strict=True)] == [1, 1, 0]
    # The route is the pattern's name: no label was made of the query string.
    assert (
        _value("market_http_request_duration_seconds_count", route="/robots.txt") == 0
    )


@pytest.mark.django_db
def test_unknown_methods_and_paths_do_not_make_new_labels(client):
    before = _value("market_http_requests_total", method="other", status="2xx")
    unmatched = _value("market_http_request_duration_seconds_count", route="unmatched")

    brewed = client.generic("BREW", "/robots.txt")
    missing = client.get("/no.such.file")  # matches no pattern

    assert (brewed.status_code, missing.status_code) == (200, 404)
    assert _value("market_http_requests_total", method="other", status="2xx") == (
        before + 1
    )
    assert (
        REGISTRY.get_sample_value(
            "market_http_requests_total", {"method": "BREW", "status": "2xx"}
        )
        is None
    )
    assert _value("market_http_request_duration_seconds_count", route="unmatched") == (
        unmatched + 1
    )


# --- checkouts ----------------------------------------------------------------


def test_a_placed_checkout_counts_begun_and_placed_once(
    buyer_client, catalogue, rates, stripe_settings, django_capture_on_commit_callbacks
):
    before = _checkouts()

    with django_capture_on_commit_callbacks(execute=True):
        payment = buy(buyer_client, [catalogue[PHYSICAL]])
        # The return page again: the order is not placed (nor counted) twice.
        buyer_client.get(
            reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
        )

    assert payment.status == CheckoutStatus.PLACED
    assert _delta(before, _checkouts()) == {
        "begun": 1,
        "placed": 1,
        "refused": 0,
        "refunded": 0,
        "rule": 0,
        "payment": 0,
    }


def test_a_checkout_refused_by_a_rule_counts_a_refusal_and_nothing_begun(
    buyer, catalogue, django_capture_on_commit_callbacks
):
    basket = Basket.objects.create(owner=buyer)
    before = _checkouts()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.CheckoutRefused),
    ):
        services.checkout_begin(
            basket=basket,
            user=buyer,
            shipping_address=None,
            shipping_method=Free(),
            order_total=None,
            currency="AZN",
            language="az",
        )

    assert CheckoutPayment.objects.count() == 0
    assert _delta(before, _checkouts()) == {
        "begun": 0,
        "placed": 0,
        "refused": 1,
        "refunded": 0,
        "rule": 1,
        "payment": 0,
    }


def test_a_checkout_refused_because_stripe_is_unreachable_counts_a_payment_refusal(
    buyer_client, catalogue, rates, stripe_settings, django_capture_on_commit_callbacks
):
    start_checkout(buyer_client, [catalogue[PHYSICAL]])
    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"
    before = _checkouts()

    with django_capture_on_commit_callbacks(execute=True):
        place(buyer_client)

    assert CheckoutPayment.objects.count() == 0
    assert _delta(before, _checkouts())["refused"] == 1
    assert _delta(before, _checkouts())["payment"] == 1
    assert _delta(before, _checkouts())["begun"] == 0


def test_a_paid_checkout_that_cannot_be_placed_counts_refused_and_refunded(
    buyer_client, catalogue, rates, stripe_settings, django_capture_on_commit_callbacks
):
    carpet = catalogue[PHYSICAL]
    start_checkout(buyer_client, [carpet])
    with django_capture_on_commit_callbacks(execute=True):
        place(buyer_client)
    payment = CheckoutPayment.objects.get()
    CheckoutPayment.objects.filter(pk=payment.pk).update(expires_at=timezone.now())
    call_command("reconcile_payments", stdout=open(os.devnull, "w"))  # noqa: SIM115
    StockRecord.objects.filter(product=carpet).update(num_in_stock=0)
    pay(payment)
    before = _checkouts()

    with django_capture_on_commit_callbacks(execute=True):
        for _visit in range(2):
            buyer_client.get(
                reverse("checkout:return"),
                {"payment_intent": payment.payment_intent_id},
            )

    payment.refresh_from_db()
    assert payment.status == CheckoutStatus.REFUNDED
    assert _delta(before, _checkouts()) == {
        "begun": 0,
        "placed": 0,
        "refused": 1,
        "refunded": 1,
        "rule": 1,
        "payment": 0,
    }


def test_a_refunded_order_line_counts_one_refund_and_a_refused_one_none(
    buyer_client,
    staff,
    catalogue,
    rates,
    stripe_settings,
    django_capture_on_commit_callbacks,
):
    from django.core.exceptions import ValidationError

    from checkout.services import order_line_refund

    with django_capture_on_commit_callbacks(execute=True):
        payment = buy(buyer_client, [catalogue[PHYSICAL]])
    line = payment.order.lines.get()
    before = _checkouts()

    with django_capture_on_commit_callbacks(execute=True):
        order_line_refund(line=line, quantity=1, user=staff, reason="Damaged")
        with pytest.raises(ValidationError):
            order_line_refund(line=line, quantity=1, user=staff, reason="Again")

    assert _delta(before, _checkouts()) == {
        "begun": 0,
        "placed": 0,
        "refused": 0,
        "refunded": 1,
        "rule": 0,
        "payment": 0,
    }


# --- figures read at scrape time -------------------------------------------------


@pytest.mark.django_db
def test_the_scrape_parses_and_reads_queues_and_payouts_from_the_database(
    client, settings
):
    settings.MARKET_METRICS_TOKEN = TOKEN
    now = timezone.now()
    for product_id in (11, 12, 12):
        PendingIndex.objects.create(product_id=product_id)
    PendingIndex.objects.filter(product_id=11).update(
        queued_at=now - timezone.timedelta(hours=2)
    )
    for status in (EmailStatus.PENDING, EmailStatus.PENDING, EmailStatus.SENT):
        OutgoingEmail.objects.create(
            subject="s",
            body="b",
            to=["a@example.az"],
            status=status,
            next_attempt_at=now,
        )
    run = PayoutRun.objects.create(created_at=now, cleared_until=now)
    for amount, status in (
        (Decimal("100.50"), PayoutStatus.PAID),
        (Decimal("20.25"), PayoutStatus.FAILED),
        (Decimal("7.00"), PayoutStatus.PENDING),
    ):
        Payout.objects.create(
            run=run,
            resident=ResidentFactory(),
            rail=Rail.BANK_TRANSFER,
            amount=amount,
            status=status,
        )

    samples = _scrape(client)

    assert samples[("market_search_outbox_pending", ())] == 3
    assert 7200 <= samples[("market_search_outbox_oldest_seconds", ())] < 7200 + 600
    assert samples[("market_email_outbox_pending", ())] == 2
    assert samples[("market_payouts_total", (("status", "created"),))] == 3
    assert samples[("market_payouts_total", (("status", "paid"),))] == 1
    assert samples[("market_payouts_total", (("status", "failed"),))] == 1
    assert samples[("market_payouts_azn_total", (("status", "created"),))] == 127.75
    assert samples[("market_payouts_azn_total", (("status", "paid"),))] == 100.5
    assert samples[("market_payouts_azn_total", (("status", "failed"),))] == 20.25
    # The immediate task backend has no backlog to report.
    assert not any(name == "market_tasks_ready" for name, _labels in samples)
    # The process's own counters are there, all four checkout events at least 0.
    for event in EVENTS:
        assert ("market_checkouts_total", (("event", event),)) in samples


@pytest.mark.django_db
def test_the_database_task_backend_reports_its_ready_tasks(client, settings):
    from django_tasks_db.models import DBTaskResult

    from market.mail.tasks import send_pending_emails

    settings.MARKET_METRICS_TOKEN = TOKEN
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_pending_emails.enqueue()
    send_pending_emails.enqueue()
    send_pending_emails.using(
        run_after=timezone.now() + timezone.timedelta(hours=1)
    ).enqueue()

    samples = _scrape(client)

    assert DBTaskResult.objects.count() == 3
    assert samples[("market_tasks_ready", ())] == 2


# --- several processes ----------------------------------------------------------

COUNT_ONE = """
from market.ops import metrics
metrics.request_observed(method="GET", status=200, route="robots-txt", seconds=0.01)
"""
SUM = """
import django
django.setup()
from prometheus_client import generate_latest
from market.ops.scrape import _process_collectors
print(generate_latest(_process_collectors()).decode())
"""


def test_with_a_multiprocess_folder_a_scrape_sums_every_process(tmp_path):
    environment = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "market.settings.test",
    }

    def run(code: str) -> str:
        result = subprocess.run(  # noqa: S603 (our interpreter, our code)
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    run(COUNT_ONE)
    run(COUNT_ONE)
    text = run(SUM)

    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    assert (
        samples[("market_http_requests_total", (("method", "GET"), ("status", "2xx")))]
        == 2
    )
    assert (
        samples[
            ("market_http_request_duration_seconds_count", (("route", "robots-txt"),))
        ]
        == 2
    )
