"""What people see on a product's page and on product cards: no stars
before an approved review, the invitation to review only for a buyer the
rule allows; both languages."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

from .conftest import review_url, signed_in

pytestmark = pytest.mark.django_db


def page_of(client, product, language="en") -> str:
    with translation.override(language):
        response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_see_no_stars_and_no_invitation(carpet):
    page = page_of(Client(), carpet)

    assert "star-rating" not in page
    assert 'id="write_review"' not in page
    assert 'id="product-reviews"' not in page  # no section without reviews
    assert "/reviews/add/" not in page


def test_a_non_buyer_sees_no_invitation(carpet):
    page = page_of(signed_in(UserFactory()), carpet)

    assert 'id="write_review"' not in page
    assert "/reviews/add/" not in page


def test_a_buyer_who_may_review_is_invited_once(buyer, carpet, bought):
    page = page_of(signed_in(buyer), carpet)

    assert page.count(f'href="{_en(review_url, carpet)}#addreview"') == 1
    assert 'id="write_review"' in page
    assert 'id="product-reviews"' not in page
    assert "star-rating" not in page


def test_a_buyer_who_reviewed_is_not_invited_again(buyer, carpet, review):
    page = page_of(signed_in(buyer), carpet)

    assert "/reviews/add/" not in page


def test_the_owner_is_not_invited(owner, carpet):
    assert "/reviews/add/" not in page_of(signed_in(owner), carpet)


def test_the_product_page_in_azerbaijani(buyer, carpet, approved_review):
    page = page_of(Client(), carpet, language="az")

    assert translation.gettext("Verified purchase") in page
    assert 'id="product-reviews"' in page
    assert "Gözəl xalça" in page
    assert 'lang="az"' in page


def test_cards_show_stars_only_with_approved_reviews(catalogue, carpet, review, staff):
    from market.reviews import services

    with translation.override("en"):
        url = reverse("catalogue:index")
    before = Client().get(url).content.decode()
    services.review_moderate(review=review, staff_user=staff, approve=True)
    after = Client().get(url).content.decode()

    assert "star-rating" not in before
    assert after.count('class="star-rating Four"') == 1


def _en(function, *args):
    with translation.override("en"):
        return function(*args)
