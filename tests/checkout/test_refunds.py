"""Staff refund order lines: money back through Stripe at the locked rate, the
resident's ledger, downloads revoked, seats and unshipped stock returned."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from oscar.apps.partner.models import StockRecord

from catalogue.kinds import COURSE, DIGITAL, PHYSICAL
from checkout.models import Refund
from checkout.services import order_line_refund
from market.downloads.models import DownloadGrant
from market.learning.models import Seat, SeatStatus
from market.payouts.models import LedgerEntry
from market.payouts.selectors import order_ledger_sum
from tests.market.downloads.conftest import WAV, add_digital_file
from tests.stripe_fixtures import buy, ensure_countries, stripe_get


@pytest.fixture
def order_in_usd(buyer, catalogue, rates, stripe_settings):
    """Two carpets, a track licence (with its file) and a course seat, paid in
    USD: 2 x 264.69 + 8.82 + 14.71 = 552.91 USD for 940.00 AZN."""
    ensure_countries()
    add_digital_file(catalogue[DIGITAL], "mugam.wav", WAV, ".wav", "audio/wav")
    catalogue[COURSE].stockrecords.update(price=Decimal("25.00"))
    client = Client()
    client.force_login(buyer)
    carpet = catalogue[PHYSICAL]
    client.post(reverse("basket:add", kwargs={"pk": carpet.pk}), {"quantity": 1})
    payment = buy(
        client,
        [carpet, catalogue[DIGITAL].children.get(), catalogue[COURSE]],
        currency="USD",
    )
    return payment.order, payment, client


def _line(order, product):
    return order.lines.get(product=product)


def test_the_order_page_shows_the_charge_the_seat_and_the_download(order_in_usd):
    order, payment, client = order_in_usd

    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))

    assert payment.amount == Decimal("552.91")
    assert order.total_incl_tax == Decimal("940.00")
    content = page.content.decode()
    assert 'id="order-payment"' in content
    assert "552,91\xa0US$" in content
    assert 'id="order-seats"' in content
    assert content.count('class="download-link"') == 1
    assert DownloadGrant.objects.filter(line__order=order).count() == 1


def test_staff_refund_one_carpet_in_usd_through_the_admin(
    order_in_usd, staff, catalogue, localstripe_url, django_capture_on_commit_callbacks
):
    order, payment, _client = order_in_usd
    carpet_line = _line(order, catalogue[PHYSICAL])
    client = Client()
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("payments_line_refund", args=[carpet_line.pk]),
            {"quantity": 1, "reason": "Damaged in transit"},
        )

    assert response.status_code == 302
    refund = Refund.objects.get()
    assert (refund.quantity, refund.total, refund.amount, refund.currency) == (
        1,
        Decimal("450.00"),
        Decimal("264.69"),
        "USD",
    )
    at_stripe = stripe_get(localstripe_url, f"/v1/refunds/{refund.stripe_refund_id}")
    assert (at_stripe["amount"], at_stripe["currency"]) == (26469, "usd")
    assert order_ledger_sum(order=order) == Decimal("490.00")
    record = StockRecord.objects.get(product=catalogue[PHYSICAL])
    assert (record.num_in_stock, record.num_allocated) == (3, 1)
    refund_mail = mail.outbox[-1]
    assert refund_mail.to == ["buyer@example.az"]
    assert "264,69\xa0US$" in refund_mail.body
    assert "Damaged in transit" in refund_mail.body
    page = client.get(reverse("payments_order", args=[order.number]))
    assert page.status_code == 200
    assert b"Damaged in transit" in page.content


def test_refunding_a_track_revokes_its_download_and_a_course_frees_its_seat(
    order_in_usd, staff, catalogue
):
    order, _payment, _client = order_in_usd

    order_line_refund(
        line=_line(order, catalogue[DIGITAL].children.get()),
        quantity=1,
        user=staff,
        reason="Wrong licence",
    )
    order_line_refund(
        line=_line(order, catalogue[COURSE]), quantity=1, user=staff, reason="Ill"
    )

    grant = DownloadGrant.objects.get(line__order=order)
    assert grant.revoked_at is not None
    assert Seat.objects.get().status == SeatStatus.CANCELLED
    record = StockRecord.objects.get(product=catalogue[COURSE])
    assert (record.num_in_stock, record.num_allocated) == (12, 0)
    assert order_ledger_sum(order=order) == Decimal("900.00")


def test_refunding_more_than_is_left_changes_nothing(
    order_in_usd, staff, catalogue, localstripe_url
):
    order, payment, _client = order_in_usd
    carpet_line = _line(order, catalogue[PHYSICAL])
    order_line_refund(line=carpet_line, quantity=2, user=staff, reason="Cancelled")
    entries = LedgerEntry.objects.count()
    refunds_at_stripe = stripe_get(
        localstripe_url, f"/v1/refunds?payment_intent={payment.payment_intent_id}"
    )["data"]

    with pytest.raises(ValidationError):
        order_line_refund(line=carpet_line, quantity=1, user=staff, reason="Again")

    assert Refund.objects.count() == 1
    assert LedgerEntry.objects.count() == entries
    assert (
        len(
            stripe_get(
                localstripe_url,
                f"/v1/refunds?payment_intent={payment.payment_intent_id}",
            )["data"]
        )
        == len(refunds_at_stripe)
        == 1
    )


def test_a_refund_needs_a_reason_and_staff(order_in_usd, buyer, catalogue):
    order, _payment, buyer_client = order_in_usd
    carpet_line = _line(order, catalogue[PHYSICAL])

    response = buyer_client.post(
        reverse("payments_line_refund", args=[carpet_line.pk]),
        {"quantity": 1, "reason": "I want my money"},
    )
    with pytest.raises(ValidationError):
        order_line_refund(line=carpet_line, quantity=1, user=buyer, reason="  ")

    assert response.status_code == 302
    assert response["Location"] == (
        f"/cms/login/?next=/cms/payments/lines/{carpet_line.pk}/refund/"
    )
    assert Refund.objects.count() == 0


def test_when_stripe_refuses_the_refund_nothing_changes(
    order_in_usd, staff, catalogue, monkeypatch
):
    from market.payments import client as payments

    order, _payment, _client = order_in_usd
    track_line = _line(order, catalogue[DIGITAL].children.get())
    entries = LedgerEntry.objects.count()

    def refused(**kwargs):
        raise payments.PaymentProviderError("The charge was disputed.")

    monkeypatch.setattr(payments, "refund_create", refused)
    with pytest.raises(payments.PaymentProviderError):
        order_line_refund(line=track_line, quantity=1, user=staff, reason="Broken")

    assert Refund.objects.count() == 0
    assert LedgerEntry.objects.count() == entries
    assert DownloadGrant.objects.get(line=track_line).revoked_at is None
    assert order_ledger_sum(order=order) == Decimal("940.00")
