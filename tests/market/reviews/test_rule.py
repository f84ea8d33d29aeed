"""The one rule `review_refusal`: who may review which product, with the
reason each one is refused."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from catalogue.kinds import DIGITAL, PHYSICAL
from catalogue.models import ReviewStatus
from market.residents.models import ResidentStatus
from market.reviews.selectors import review_refusal, unrefunded_lines
from tests.factories import ProductFactory, UserFactory
from tests.market.downloads.conftest import place_order

pytestmark = pytest.mark.django_db


def refusal(user, product):
    with translation.override("en"):
        return review_refusal(user, product)


def test_a_buyer_of_a_placed_line_may_review(buyer, carpet, bought):
    assert refusal(buyer, carpet) is None
    assert list(unrefunded_lines(buyer, carpet)) == [bought.lines.get()]


def test_a_buyer_of_a_variant_may_review_its_product_not_the_variant(
    buyer, resident, catalogue
):
    digital = catalogue[DIGITAL]
    variant = digital.children.get()
    place_order(buyer, resident, variant)

    assert refusal(buyer, digital) is None
    assert refusal(buyer, variant) == "This product cannot be reviewed at the moment."


def test_anonymous_visitors_may_not_review(carpet):
    assert refusal(AnonymousUser(), carpet) == "Sign in to review this product."
    assert refusal(None, carpet) == "Sign in to review this product."


def test_a_signed_in_non_buyer_may_not_review(carpet):
    stranger = UserFactory()
    assert refusal(stranger, carpet) == "Only buyers of this product can review it."


def test_buying_another_product_does_not_count(buyer, resident, catalogue):
    place_order(buyer, resident, catalogue[DIGITAL].children.get())
    assert (
        refusal(buyer, catalogue[PHYSICAL])
        == "Only buyers of this product can review it."
    )


def test_someone_elses_order_does_not_count(resident, carpet):
    other_buyer = UserFactory()
    place_order(other_buyer, resident, carpet)
    stranger = UserFactory()
    assert refusal(stranger, carpet) == "Only buyers of this product can review it."


def test_once_per_product_per_buyer(buyer, carpet, review):
    assert refusal(buyer, carpet) == "You have already reviewed this product."


def test_a_resident_may_not_review_their_own_product_even_bought(
    owner, resident, carpet
):
    place_order(owner, resident, carpet)
    assert refusal(owner, carpet) == "You cannot review your own product."


@pytest.mark.parametrize(
    "change",
    [
        {"review_status": ReviewStatus.PENDING},
        {"review_status": ReviewStatus.REJECTED},
        {"is_public": False},
    ],
)
def test_a_product_not_on_sale_may_not_be_reviewed(buyer, carpet, bought, change):
    for field, value in change.items():
        setattr(carpet, field, value)
    carpet.save()
    assert refusal(buyer, carpet) == "This product cannot be reviewed at the moment."


def test_a_suspended_residents_product_may_not_be_reviewed(
    buyer, resident, carpet, bought
):
    resident.status = ResidentStatus.SUSPENDED
    resident.save()
    carpet.refresh_from_db()
    assert refusal(buyer, carpet) == "This product cannot be reviewed at the moment."


def test_the_reasons_are_translated(buyer, carpet):
    with translation.override("az"):
        reason = review_refusal(UserFactory(), carpet)
    assert reason == translation.gettext("Only buyers of this product can review it.")


def test_a_product_of_another_resident_bought_elsewhere(buyer, other_resident):
    rug = ProductFactory(
        resident=other_resident, kind=PHYSICAL, title="Kilim", price=Decimal("90")
    )
    place_order(buyer, other_resident, rug)
    assert refusal(buyer, rug) is None
