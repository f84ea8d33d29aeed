"""Holds that stop counting by themselves, buyers who cannot hoard, and
failures that leave nothing stuck: Stripe down at "Pay", a mail server down
after the order, a database that refuses for a moment. localstripe stands in
for Stripe; a port nobody listens on stands in for a server that is down."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import Order
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE, PHYSICAL
from catalogue.models import StockHold
from catalogue.stock import units_held
from checkout import services
from checkout.models import CheckoutPayment, CheckoutStatus
from market.alerts.models import StaffAlert
from market.learning.models import Seat
from market.mail.models import EmailStatus, OutgoingEmail
from market.mail.services import emails_send_pending
from tests.factories import ProductFactory, UserFactory, course_product
from tests.factories.shipping import free_delivery_profile, ship_with
from tests.stripe_fixtures import (
    buy,
    closed_port,
    ensure_countries,
    pay,
    place,
    start_checkout,
    stripe_get,
)

pytestmark = pytest.mark.django_db


def _client(email):
    client = Client()
    client.force_login(UserFactory(email=email))
    return client


@pytest.fixture
def buyer_client(buyer):
    client = Client()
    client.force_login(buyer)
    ensure_countries()
    return client


def _run_out(payment):
    """The buyer walked away: their hold's time passed (no job runs)."""
    past = timezone.now() - timedelta(seconds=1)
    CheckoutPayment.objects.filter(pk=payment.pk).update(expires_at=past)
    StockHold.objects.filter(key=services.hold_key(payment.pk)).update(
        reserved_until=past
    )


def test_a_hold_that_ran_out_frees_the_last_unit_without_any_job(
    catalogue, rates, stripe_settings
):
    ensure_countries()
    carpet = catalogue[PHYSICAL]
    StockRecord.objects.filter(product=carpet).update(num_in_stock=1)
    walker, second = _client("walker@example.az"), _client("second@example.az")
    start_checkout(walker, [carpet])
    assert place(walker)["Location"] == reverse("checkout:pay")
    add = second.post(reverse("basket:add", kwargs={"pk": carpet.pk}), {"quantity": 1})
    assert add.status_code == 302
    assert Basket.objects.get(owner__email="second@example.az").num_lines == 0
    _run_out(CheckoutPayment.objects.get(user__email="walker@example.az"))
    start_checkout(second, [carpet])

    response = place(second)

    record = StockRecord.objects.get(product=carpet)
    assert response["Location"] == reverse("checkout:pay")
    assert (record.num_in_stock, record.num_allocated or 0) == (1, 0)
    assert units_held(stockrecord_id=record.pk) == 1
    assert list(
        CheckoutPayment.objects.order_by("pk").values_list("user__email", "status")
    ) == [
        ("walker@example.az", CheckoutStatus.AWAITING_PAYMENT),
        ("second@example.az", CheckoutStatus.AWAITING_PAYMENT),
    ]


def test_a_seat_hold_that_ran_out_frees_the_seat_without_any_job(
    resident, rates, stripe_settings
):
    start = timezone.now() + timedelta(days=7)
    course = course_product(
        resident=resident,
        title="Oyun dizaynı",
        price=Decimal("80.00"),
        capacity=1,
        sessions=[(start, start + timedelta(hours=2))],
    )
    walker, second = _client("walker@example.az"), _client("second@example.az")
    start_checkout(walker, [course])
    place(walker)
    _run_out(CheckoutPayment.objects.get(user__email="walker@example.az"))
    start_checkout(second, [course])

    response = place(second)

    assert response["Location"] == reverse("checkout:pay")
    record = StockRecord.objects.get(product=course)
    assert units_held(stockrecord_id=record.pk) == 1
    assert StockHold.objects.get(reserved_until__gt=timezone.now()).key == (
        services.hold_key(
            CheckoutPayment.objects.get(user__email="second@example.az").pk
        )
    )


def test_the_tidy_job_releases_run_out_holds_and_reopens_the_basket(
    buyer_client, catalogue, rates, stripe_settings
):
    carpet = catalogue[PHYSICAL]
    start_checkout(buyer_client, [carpet])
    place(buyer_client)
    payment = CheckoutPayment.objects.get()
    _run_out(payment)

    call_command("reconcile_payments", stdout=open("/dev/null", "w"))  # noqa: SIM115

    payment.refresh_from_db()
    assert payment.status == CheckoutStatus.RELEASED
    assert StockHold.objects.count() == 0
    assert Basket.objects.get(pk=payment.basket_id).status == Basket.OPEN


def test_one_buyer_cannot_hold_more_than_the_limit_across_checkouts(
    buyer_client, catalogue, rates, stripe_settings, settings
):
    settings.MARKET_HOLD_LIMITS = {"physical": 2, "course": 1}
    carpet = catalogue[PHYSICAL]
    start_checkout(buyer_client, [carpet], quantity=2)
    assert place(buyer_client)["Location"] == reverse("checkout:pay")
    start_checkout(buyer_client, [carpet], quantity=1)

    response = place(buyer_client)

    assert response["Location"] == reverse("basket:summary")
    messages = [str(m) for m in response.wsgi_request._messages]
    with translation.override("az"):
        expected = ngettext(
            "You can buy at most %(limit)d of “%(title)s” at a time.",
            "You can buy at most %(limit)d of “%(title)s” at a time.",
            2,
        ) % {"limit": 2, "title": "Quba xalçası"}
    assert messages == [expected]
    assert CheckoutPayment.objects.count() == 1
    record = StockRecord.objects.get(product=carpet)
    assert units_held(stockrecord_id=record.pk) == 2


def test_the_basket_refuses_more_than_the_limit_of_a_kind(
    buyer_client, catalogue, settings
):
    settings.MARKET_HOLD_LIMITS = {"physical": 2, "course": 1}

    carpets = buyer_client.post(
        reverse("basket:add", kwargs={"pk": catalogue[PHYSICAL].pk}), {"quantity": 3}
    )
    seats = buyer_client.post(
        reverse("basket:add", kwargs={"pk": catalogue[COURSE].pk}), {"quantity": 2}
    )

    assert carpets.status_code == seats.status_code == 302
    assert Basket.objects.get(owner__email="buyer@example.az").num_lines == 0


def test_a_buyer_cannot_keep_more_than_the_open_checkouts_limit(
    buyer_client, resident, rates, stripe_settings, settings
):
    settings.MARKET_CHECKOUT_OPEN_LIMIT = 2
    products = [
        ProductFactory(
            resident=resident,
            kind=PHYSICAL,
            title=f"Xalça {number}",
            price=Decimal("100.00"),
            num_in_stock=5,
            attributes={
                "weight_grams": 1000,
                "hs_code": "5701.10",
                "country_of_origin": "AZ",
            },
        )
        for number in range(3)
    ]
    profile = free_delivery_profile(resident)
    for product in products:
        ship_with(product, profile)
    for product in products[:2]:
        start_checkout(buyer_client, [product])
        assert place(buyer_client)["Location"] == reverse("checkout:pay")
    start_checkout(buyer_client, [products[2]])

    response = place(buyer_client)

    assert response["Location"] == reverse("basket:summary")
    with translation.override("az"):
        expected = ngettext(
            "You already have %(count)d checkout waiting for payment. Pay for "
            "it or go back to its basket first.",
            "You already have %(count)d checkouts waiting for payment. Pay for "
            "one or go back to its basket first.",
            2,
        ) % {"count": 2}
    assert [str(m) for m in response.wsgi_request._messages] == [expected]
    assert CheckoutPayment.objects.count() == 2
    assert units_held(stockrecord_id=products[2].stockrecords.get().pk) == 0


def test_a_learner_who_has_a_seat_cannot_buy_another_in_the_checkout(
    buyer_client, resident, rates, stripe_settings
):
    start = timezone.now() + timedelta(days=7)
    course = course_product(
        resident=resident,
        title="Oyun dizaynı",
        price=Decimal("80.00"),
        capacity=5,
        sessions=[(start, start + timedelta(hours=2))],
    )
    buy(buyer_client, [course])
    assert Seat.objects.count() == 1
    start_checkout(buyer_client, [course])

    response = place(buyer_client)

    assert response["Location"] == reverse("basket:summary")
    with translation.override("az"):
        expected = _("You are already enrolled in “%(title)s”.") % {
            "title": "Oyun dizaynı"
        }
    assert [str(m) for m in response.wsgi_request._messages] == [expected]
    assert CheckoutPayment.objects.count() == 1
    assert Seat.objects.count() == 1
    assert units_held(stockrecord_id=course.stockrecords.get().pk) == 0


def test_stripe_unreachable_at_pay_gives_the_same_basket_back_and_holds_nothing(
    buyer_client, catalogue, rates, stripe_settings, localstripe_url
):
    carpet, course = catalogue[PHYSICAL], catalogue[COURSE]
    course.stockrecords.update(price=Decimal("25.00"))
    start_checkout(buyer_client, [carpet, course])
    basket = Basket.objects.get(owner__email="buyer@example.az", status=Basket.OPEN)
    lines_before = sorted(basket.lines.values_list("product_id", "quantity"))
    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"

    response = place(buyer_client)

    basket.refresh_from_db()
    assert response["Location"] == reverse("checkout:preview")
    with translation.override("az"):
        expected = _(
            "The payment provider could not be reached. Nothing was charged and "
            "your basket is as you left it; please try again in a moment."
        )
    assert [str(m) for m in response.wsgi_request._messages] == [expected]
    assert basket.status == Basket.OPEN
    assert sorted(basket.lines.values_list("product_id", "quantity")) == lines_before
    assert CheckoutPayment.objects.count() == 0
    assert StockHold.objects.count() == 0

    stripe_settings.STRIPE_API_BASE = localstripe_url
    again = place(buyer_client)

    assert again["Location"] == reverse("checkout:pay")
    payment = CheckoutPayment.objects.get()
    assert payment.basket_id == basket.pk
    assert StockHold.objects.filter(key=services.hold_key(payment.pk)).count() == 2


def test_a_mail_server_down_neither_undoes_nor_mislabels_a_placed_order(
    owner,
    buyer_client,
    catalogue,
    rates,
    stripe_settings,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_TIMEOUT = 2
    carpet = catalogue[PHYSICAL]
    start_checkout(buyer_client, [carpet])
    place(buyer_client)
    payment = CheckoutPayment.objects.get()
    pay(payment)

    with django_capture_on_commit_callbacks(execute=True):
        response = buyer_client.get(
            reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
        )

    payment.refresh_from_db()
    assert response["Location"] == reverse("checkout:thank-you")
    assert payment.status == CheckoutStatus.PLACED
    assert Order.objects.count() == 1
    assert payment.refund_id == ""
    assert StaffAlert.objects.count() == 0
    queued = list(OutgoingEmail.objects.order_by("pk"))
    assert [(e.to, e.status, e.attempts) for e in queued] == [
        (["buyer@example.az"], EmailStatus.PENDING, 1),
        (["owner@xalca.az"], EmailStatus.PENDING, 1),
    ]
    assert all("ConnectionRefusedError" in e.last_error for e in queued)
    assert mail.outbox == []

    # The mail server is back; the retry a minute later sends both, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + timedelta(minutes=2)
    first = emails_send_pending(now=later)
    second = emails_send_pending(now=later)

    assert first == {"sent": 2, "retrying": 0, "failed": 0}
    assert second == {"sent": 0, "retrying": 0, "failed": 0}
    assert [m.to for m in mail.outbox] == [["buyer@example.az"], ["owner@xalca.az"]]
    assert Order.objects.get().number in mail.outbox[0].subject


def test_plain_text_e_mails_are_not_html_escaped(
    owner,
    buyer_client,
    catalogue,
    rates,
    stripe_settings,
    django_capture_on_commit_callbacks,
):
    carpet = catalogue[PHYSICAL]
    carpet.title = 'Xalça "Quba" & Şirvan <əl işi>'
    carpet.save()
    with django_capture_on_commit_callbacks(execute=True):
        buy(buyer_client, [carpet])

    resident_mail = mail.outbox[1].body
    assert 'Xalça "Quba" & Şirvan <əl işi> × 1' in resident_mail
    assert "&quot;" not in resident_mail
    assert "&amp;" not in resident_mail


def _hold_row_lock(table: str, pk: int, seconds: float, ready: threading.Event):
    """Another session holds the row's lock for a while (PostgreSQL)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("BEGIN")
        cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE", [pk])  # noqa: S608
        ready.set()
        threading.Event().wait(seconds)
        cursor.execute("COMMIT")
    connections.close_all()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("locked_for", "placed"), [(0.5, True), (4.0, False)], ids=["passes", "lasts"]
)
def test_a_transient_database_error_is_retried_never_refunded(
    migration_rows,
    catalogue,
    rates,
    stripe_settings,
    localstripe_url,
    locked_for,
    placed,
):
    """Another transaction holds the payment's row lock; with a short
    lock_timeout the placement fails with PostgreSQL's LockNotAvailable (an
    OperationalError). It is retried; while it lasts beyond the retries, the
    payment waits (postponed), and nothing is refunded."""
    ensure_countries()
    client = _client("buyer2@example.az")
    start_checkout(client, [catalogue[PHYSICAL]])
    place(client)
    payment = CheckoutPayment.objects.get()
    pay(payment)
    intent = services.fulfil.payments.payment_intent_retrieve(
        intent_id=payment.payment_intent_id
    )
    ready = threading.Event()
    locker = threading.Thread(
        target=_hold_row_lock,
        args=("checkout_checkoutpayment", payment.pk, locked_for, ready),
    )
    locker.start()
    ready.wait(5)
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '100ms'")
    try:
        if placed:
            result = services.checkout_fulfil(intent_id=intent.id, intent=intent)
        else:
            with pytest.raises(services.FulfilmentPostponed):
                services.checkout_fulfil(intent_id=intent.id, intent=intent)
            result = CheckoutPayment.objects.get(pk=payment.pk)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
        locker.join()

    refunds = stripe_get(localstripe_url, "/v1/refunds")["data"]
    assert [r for r in refunds if r["payment_intent"] == intent.id] == []
    if placed:
        assert result.status == CheckoutStatus.PLACED
        assert Order.objects.count() == 1
    else:
        assert result.status == CheckoutStatus.AWAITING_PAYMENT
        assert Order.objects.count() == 0
        assert StaffAlert.objects.count() == 0
        # The lock is gone: the next try (webhook retry, return page, job) places.
        again = services.checkout_fulfil(intent_id=intent.id, intent=intent)
        assert again.status == CheckoutStatus.PLACED
        assert Order.objects.count() == 1
