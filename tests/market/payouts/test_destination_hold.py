"""Changing where a resident's money goes needs a recent password, tells the
resident's people by e-mail, and holds payouts to the new destination for
MARKET_PAYOUT_DESTINATION_HOLD_DAYS (the first destination is paid at once).
A payout run skips a held destination; staff see the hold and can release
it; nobody else can."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from market.payouts import selectors, services
from market.payouts.models import Payout, PayoutProfile, Rail
from tests.factories import UserFactory
from tests.market.accounts.helpers import mails_to, signed_in, subject

from .conftest import VALID_IBAN, bank_profile, make_order

pytestmark = pytest.mark.django_db
D = Decimal


def _iban(bban: str, country: str = "AZ") -> str:
    """A valid IBAN for a BBAN (ISO 13616 check digits)."""
    digits = "".join(str(int(char, 36)) for char in f"{bban}{country}00".upper())
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


OTHER_IBAN = _iban("NABZ00000000137010009999")


def _later(days):
    return timezone.now() + datetime.timedelta(days=days)


def _sell(resident, price="122.23"):
    services.order_shares_record(order=make_order((resident, price, 1)))


def _post_details(client, iban, holder="Xalça Atelier MMC", bank="Kapital Bank"):
    return client.post(
        reverse("payouts_dashboard:profile"),
        {"account_holder": holder, "iban": iban, "bank_name": bank, "swift": ""},
    )


def test_the_first_details_are_paid_at_once(owner, resident):
    response = _post_details(signed_in(owner), VALID_IBAN)

    profile = PayoutProfile.objects.get(resident=resident)
    assert response.status_code == 302
    assert profile.held_until is None
    assert mails_to(owner.email) == []


def test_new_details_are_held_and_the_residents_people_told(owner, resident, settings):
    settings.MARKET_PAYOUT_DESTINATION_HOLD_DAYS = 7
    resident.applicant = UserFactory(email="applicant@xalca.az")
    resident.save()
    bank_profile(resident)
    before = timezone.now()

    response = _post_details(signed_in(owner), OTHER_IBAN)

    profile = PayoutProfile.objects.get(resident=resident)
    assert response.status_code == 302
    assert profile.iban == OTHER_IBAN
    assert (
        before + datetime.timedelta(days=7)
        <= profile.held_until
        <= timezone.now() + datetime.timedelta(days=7)
    )
    for address in ("owner@xalca.az", "applicant@xalca.az"):
        (email,) = mails_to(address)
        assert email.subject == subject("Your payout details were changed")
        assert f"…{VALID_IBAN[-4:]}" in email.body
        assert f"…{OTHER_IBAN[-4:]}" in email.body
        assert OTHER_IBAN not in email.body
    money_page = signed_in(owner).get(reverse("payouts_dashboard:index"))
    assert 'class="alert alert-warning payout-hold"' in money_page.content.decode()


def test_a_run_skips_a_held_destination_until_the_hold_ends(resident, settings):
    settings.MARKET_PAYOUT_HOLD_DAYS = 14
    settings.MARKET_PAYOUT_DESTINATION_HOLD_DAYS = 30
    profile = bank_profile(resident)
    _sell(resident)
    profile.iban = OTHER_IBAN
    profile.save()

    during = services.payout_run_create(now=_later(15))
    after = services.payout_run_create(now=_later(31))

    assert during.payouts.count() == 0
    (payout,) = after.payouts.all()
    assert payout.iban == OTHER_IBAN
    assert payout.amount == D("110.01")


@pytest.mark.parametrize(
    ("field", "value", "held"),
    [
        ("iban", OTHER_IBAN, True),
        ("account_holder", "Başqa Şəxs", True),
        ("swift", "AIIBAZ2X", True),
        ("rail", Rail.STRIPE_CONNECT, True),
        ("bank_name", "Another bank name", False),
        ("account_holder", "  xalça  atelier   mmc ", False),
        ("iban", VALID_IBAN.lower(), False),
    ],
)
def test_what_counts_as_a_new_destination(resident, field, value, held):
    profile = bank_profile(resident)
    profile.account_holder = "Xalça Atelier MMC"
    profile.save()
    setattr(profile, field, value)
    if value == Rail.STRIPE_CONNECT:
        profile.stripe_account_id = "acct_1NewPlace"

    profile.save()

    profile.refresh_from_db()
    assert profile.is_held() is held


def test_staff_changing_the_destination_in_the_admin_hold_it_too(staff, resident):
    profile = bank_profile(resident)
    client = signed_in(staff)

    response = client.post(
        reverse("payout_profiles:edit", args=[profile.pk]),
        {
            "resident": resident.pk,
            "rail": Rail.STRIPE_CONNECT,
            "stripe_account_id": "acct_1Staff",
            "account_holder": profile.account_holder,
            "iban": profile.iban,
            "bank_name": "",
            "swift": "",
        },
    )

    profile.refresh_from_db()
    assert response.status_code == 302
    assert profile.rail == Rail.STRIPE_CONNECT
    assert profile.is_held()


def test_staff_see_the_hold_and_release_it(client, staff, resident, settings):
    settings.MARKET_PAYOUT_HOLD_DAYS = 0
    profile = bank_profile(resident)
    _sell(resident)
    profile.iban = OTHER_IBAN
    profile.save()
    client.force_login(staff)

    page = client.get(reverse("payouts:create")).content.decode()
    released = client.post(reverse("payouts:release_hold", args=[profile.pk]))
    run = services.payout_run_create()

    profile.refresh_from_db()
    assert f'id="held-{profile.pk}"' in page
    assert resident.display_name in page
    assert released.status_code == 302
    assert profile.held_until is None
    assert [p.iban for p in run.payouts.all()] == [OTHER_IBAN]


def test_only_payout_staff_can_release(client, owner, resident):
    profile = bank_profile(resident)
    profile.iban = OTHER_IBAN
    profile.save()
    held_until = PayoutProfile.objects.get(pk=profile.pk).held_until
    client.force_login(owner)

    response = client.post(reverse("payouts:release_hold", args=[profile.pk]))

    assert response.status_code in (302, 403)
    assert PayoutProfile.objects.get(pk=profile.pk).held_until == held_until
    assert selectors.held_profiles() == [profile]


def test_changing_details_needs_a_recent_password(owner, resident):
    bank_profile(resident)
    client = signed_in(owner, minutes_ago=11)

    page = client.get(reverse("payouts_dashboard:profile"))
    change = _post_details(client, OTHER_IBAN)

    profile = PayoutProfile.objects.get(resident=resident)
    assert page.status_code == change.status_code == 302
    assert change["Location"].startswith(reverse("accounts:reauth"))
    assert profile.iban == VALID_IBAN
    assert profile.held_until is None
    assert Payout.objects.count() == 0


def test_staff_changing_a_destination_type_their_password_again(staff, resident):
    profile = bank_profile(resident)
    client = signed_in(staff, minutes_ago=11)

    response = client.post(
        reverse("payout_profiles:edit", args=[profile.pk]),
        {
            "resident": resident.pk,
            "rail": Rail.STRIPE_CONNECT,
            "stripe_account_id": "acct_1Staff",
            "account_holder": profile.account_holder,
            "iban": profile.iban,
        },
    )

    profile.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:reauth"))
    assert profile.rail == Rail.BANK_TRANSFER
    assert not profile.is_held()
