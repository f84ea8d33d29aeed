"""The resident's money pages (their own only) and the staff pages in the
Wagtail admin (staff only)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from market.payouts import services
from market.payouts.models import (
    CommissionRate,
    LedgerEntry,
    PayoutProfile,
    PayoutRun,
    PayoutStatus,
    Rail,
)
from tests.factories import UserFactory

from .conftest import VALID_IBAN, bank_profile, make_order

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def shared_order(resident, other_resident):
    order = make_order((resident, "123.45", 1), (other_resident, "67.89", 1))
    services.order_shares_record(order=order)
    return order


def test_the_resident_sees_their_own_money(client, owner, shared_order):
    client.force_login(owner)

    response = client.get(reverse("payouts_dashboard:index"))

    assert response.status_code == 200
    text = response.content.decode()
    # Amounts as Azerbaijani writes them (the default language).
    assert "123,45" in text  # gross
    assert "111,10" in text  # net
    assert "67,89" not in text
    assert "61,10" not in text
    assert reverse("payouts_dashboard:profile") in text
    index = client.get(reverse("resident_dashboard:index")).content.decode()
    assert reverse("payouts_dashboard:index") in index


def test_the_statement_is_the_residents_own(
    client, owner, other_owner, resident, other_resident, shared_order
):
    client.force_login(owner)
    with translation.override("en"):
        response = client.get(reverse("payouts_dashboard:statement"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    number = shared_order.number
    assert response.content.decode() == (
        "Date,Kind,Order,Reference,Amount,Currency,Balance\r\n"
        f"{today},Sale,{number},,123.45,AZN,123.45\r\n"
        f"{today},Commission,{number},,-12.35,AZN,111.10\r\n"
    )

    client.force_login(other_owner)
    other = client.get(reverse("payouts_dashboard:statement")).content.decode()
    assert "123.45" not in other
    assert "67.89" in other


def test_a_statement_for_a_period_opens_with_the_balance(resident, shared_order):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with translation.override("en"):
        text = services.statement_csv(resident=resident, start=tomorrow)

    assert text == (
        "Date,Kind,Order,Reference,Amount,Currency,Balance\r\n"
        f"{tomorrow.isoformat()},Opening balance,,,,AZN,111.10\r\n"
    )


@pytest.mark.parametrize(
    "name",
    [
        "payouts_dashboard:index",
        "payouts_dashboard:profile",
        "payouts_dashboard:statement",
    ],
)
def test_money_pages_need_an_approved_resident(client, buyer, name, shared_order):
    assert client.get(reverse(name)).status_code == 302  # to sign in

    client.force_login(buyer)
    response = client.get(reverse(name))

    assert response.status_code == 403
    assert b"123.45" not in response.content


def test_bank_details_are_validated_and_stored_normalised(client, owner, resident):
    client.force_login(owner)
    url = reverse("payouts_dashboard:profile")

    bad = client.post(
        url,
        {"account_holder": "Xalça MMC", "iban": "AZ22 NABZ 0000 0000 1370 1000 1944"},
    )
    assert bad.status_code == 400
    assert not PayoutProfile.objects.exists()

    good = client.post(
        url,
        {
            "account_holder": "Xalça MMC",
            "iban": "az21 nabz 0000 0000 1370 1000 1944",
            "swift": "nabz az 2x",
            # Not fields of the form: ignored.
            "rail": "stripe_connect",
            "stripe_account_id": "acct_1Evil",
        },
    )

    assert good.status_code == 302
    profile = PayoutProfile.objects.get(resident=resident)
    assert (profile.rail, profile.iban, profile.swift, profile.stripe_account_id) == (
        Rail.BANK_TRANSFER,
        VALID_IBAN,
        "NABZAZ2X",
        "",
    )


def test_a_connect_profile_keeps_its_rail_when_bank_details_change(
    client, owner, resident
):
    PayoutProfile.objects.create(
        resident=resident, rail=Rail.STRIPE_CONNECT, stripe_account_id="acct_1Real"
    )
    client.force_login(owner)

    client.post(
        reverse("payouts_dashboard:profile"),
        {"account_holder": "Xalça MMC", "iban": VALID_IBAN},
    )

    profile = PayoutProfile.objects.get()
    assert (profile.rail, profile.stripe_account_id, profile.iban) == (
        Rail.STRIPE_CONNECT,
        "acct_1Real",
        VALID_IBAN,
    )


def _later(days=15):
    return timezone.now() + datetime.timedelta(days=days)


@pytest.fixture
def bank_run(resident, shared_order, staff):
    bank_profile(resident)
    return services.payout_run_create(created_by=staff, now=_later())


def _staff_pages(run, resident):
    payout = run.payouts.first()
    return [
        reverse("payouts:index"),
        reverse("payouts:create"),
        reverse("payouts:run", args=[run.pk]),
        reverse("payouts:bank_csv", args=[run.pk]),
        reverse("payouts:balances"),
        reverse("payouts:statement", args=[resident.pk]),
        reverse("commission_rates:index"),
        reverse("commission_rates:add"),
        reverse("payout_profiles:index"),
        reverse("payout_profiles:edit", args=[resident.payout_profile.pk]),
    ], payout


def test_staff_pages(client, staff, bank_run, resident):
    client.force_login(staff)
    pages, payout = _staff_pages(bank_run, resident)

    for url in pages:
        assert client.get(url).status_code == 200, url
    csv = client.get(reverse("payouts:bank_csv", args=[bank_run.pk])).content.decode()
    assert f"111.10,AZN,CM-{bank_run.pk}-{payout.pk}" in csv
    detail = client.get(reverse("payouts:run", args=[bank_run.pk])).content.decode()
    assert "Xalça Atelier" in detail
    assert reverse("payouts:mark_paid", args=[payout.pk]) in detail

    response = client.post(
        reverse("payouts:mark_paid", args=[payout.pk]), {"reference": "KB-1"}
    )

    assert response.status_code == 302
    payout.refresh_from_db()
    assert (payout.status, payout.reference, payout.paid_by) == (
        PayoutStatus.PAID,
        "KB-1",
        staff,
    )


def test_staff_confirm_then_create_a_run(
    client, staff, resident, shared_order, settings
):
    settings.MARKET_PAYOUT_HOLD_DAYS = 0
    order = make_order((resident, "50.00", 1))
    services.order_shares_record(order=order)
    bank_profile(resident)
    client.force_login(staff)

    confirmation = client.get(reverse("payouts:create")).content.decode()
    assert "Xalça Atelier" in confirmation
    assert "45,00" in confirmation
    assert "111,10" not in confirmation  # still on hold
    assert not PayoutRun.objects.exists()

    response = client.post(reverse("payouts:create"))

    run = PayoutRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("payouts:run", args=[run.pk])
    assert run.created_by == staff
    # The shared order's 111.10 is still on hold; the new sale's 45.00 is not.
    assert [p.amount for p in run.payouts.all()] == [D("45.00")]


def test_staff_edit_commission_rates(client, staff):
    client.force_login(staff)

    response = client.post(
        reverse("commission_rates:add"), {"programme": "music", "percent": "7.50"}
    )

    assert response.status_code == 302
    assert CommissionRate.objects.get().percent == D("7.50")


@pytest.fixture
def admin_only(db):
    """Signs in to the Wagtail admin, without the payouts permission."""
    user = UserFactory(email="editor@example.az", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.mark.parametrize("who", ["owner", "admin_only", "buyer"])
def test_others_cannot_reach_staff_pages(client, request, who, bank_run, resident):
    client.force_login(request.getfixturevalue(who))
    pages, payout = _staff_pages(bank_run, resident)
    runs, entries = PayoutRun.objects.count(), LedgerEntry.objects.count()

    for url in pages:
        assert client.get(url).status_code in (302, 403), url
    client.post(reverse("payouts:create"))
    client.post(reverse("payouts:mark_paid", args=[payout.pk]), {"reference": "X"})
    client.post(reverse("payouts:mark_failed", args=[payout.pk]), {"reason": "X"})

    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PENDING
    assert (PayoutRun.objects.count(), LedgerEntry.objects.count()) == (runs, entries)
