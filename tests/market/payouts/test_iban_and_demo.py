"""IBAN validation, and the demo's payout profiles."""

import pytest

from market.demo.payouts import build_payout_profiles
from market.payouts.iban import iban_check_digits, iban_is_valid, iban_normalise
from market.payouts.models import PayoutProfile, Rail
from market.residents.models import ResidentStatus
from tests.factories import ResidentFactory


@pytest.mark.parametrize(
    "iban",
    [
        "AZ21NABZ00000000137010001944",
        "az21 nabz 0000 0000 1370 1000 1944",
        "GB82 WEST 1234 5698 7654 32",
        "DE89 3704 0044 0532 0130 00",
    ],
)
def test_valid_ibans(iban):
    assert iban_is_valid(iban)


@pytest.mark.parametrize(
    "iban",
    [
        "AZ22NABZ00000000137010001944",  # check digits
        "AZ21NABZ0000000013701000194",  # one character short
        "AZ211ABZ00000000137010001944",  # the bank code is four letters
        "GB82 WEST 1234 5698 7654 33",
        "NOT AN IBAN",
        "",
    ],
)
def test_invalid_ibans(iban):
    assert not iban_is_valid(iban)


def test_check_digits_and_normalising():
    assert iban_check_digits(country="AZ", bban="NABZ00000000137010001944") == "21"
    assert iban_normalise(" az21-nabz 0000 ") == "AZ21NABZ0000"


@pytest.mark.django_db
def test_demo_profiles_a_third_connect_the_rest_valid_azerbaijani_ibans():
    residents = [ResidentFactory(slug=f"demo-{n}") for n in range(6)]
    ResidentFactory(slug="demo-applicant", status=ResidentStatus.APPLIED)

    assert build_payout_profiles() == 6
    assert build_payout_profiles() == 0

    profiles = list(PayoutProfile.objects.order_by("resident__slug"))
    assert [p.resident for p in profiles] == residents
    assert [p.rail for p in profiles] == [
        Rail.STRIPE_CONNECT,
        Rail.BANK_TRANSFER,
        Rail.BANK_TRANSFER,
    ] * 2
    for profile in profiles:
        assert iban_is_valid(profile.iban)
        assert profile.iban.startswith("AZ")
        assert len(profile.iban) == 28
        if profile.rail == Rail.STRIPE_CONNECT:
            assert profile.stripe_account_id.startswith("acct_demo")
        profile.full_clean()
