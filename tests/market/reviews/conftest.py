"""A carpet of `resident` (catalogue[PHYSICAL]) and its buyer's placed order,
for the review tests."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.apps.catalogue.reviews.models import ProductReview

from catalogue.kinds import PHYSICAL
from market.reviews import services
from tests.market.downloads.conftest import place_order


def review_url(product) -> str:
    return reverse(
        "catalogue:reviews-add",
        kwargs={"product_slug": product.slug, "product_pk": product.pk},
    )


def review_rows() -> list[tuple]:
    """Every review row, as values: what a refusal must leave unchanged."""
    return list(
        ProductReview.objects.order_by("pk").values_list(
            "pk", "product_id", "user_id", "title", "score", "body", "status"
        )
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


GOOD_REVIEW = {"title": "Gözəl xalça", "score": "5", "body": "Rəngləri canlıdır."}


@pytest.fixture
def carpet(catalogue):
    return catalogue[PHYSICAL]


@pytest.fixture
def bought(buyer, resident, carpet):
    """The buyer's placed order with one carpet."""
    return place_order(buyer, resident, carpet)


@pytest.fixture
def review(buyer, carpet, bought):
    """The buyer's review of the carpet, waiting for staff."""
    return services.review_create(
        user=buyer, product=carpet, title="Gözəl xalça", score=4, body="Yaxşıdır."
    )


@pytest.fixture
def approved_review(review, staff):
    return services.review_moderate(review=review, staff_user=staff, approve=True)
