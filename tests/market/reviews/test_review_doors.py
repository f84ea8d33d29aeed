"""Every door to a review asks the one rule, and a hostile request changes
nothing: anonymous and non-buyer POSTs, a refunded line, a second review, a
hidden product, a forged product id, votes, oversize and control-character
text (a form error, never a 500)."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.apps.catalogue.reviews.models import ProductReview, Vote

from catalogue.kinds import PHYSICAL
from catalogue.models import ReviewStatus
from checkout.services import order_line_refund
from market.residents.models import ResidentStatus
from market.reviews.forms import BODY_MAX_LENGTH
from market.reviews.models import VerifiedPurchase
from tests.factories import ProductFactory, UserFactory
from tests.market.downloads.conftest import place_order
from tests.stripe_fixtures import ensure_countries, pay, place, start_checkout

from .conftest import GOOD_REVIEW, review_rows, review_url, signed_in

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_buyer_posts_a_review_that_waits_for_staff(buyer, carpet, bought):
    client = signed_in(buyer)

    with translation.override("en"):
        response = client.post(review_url(carpet), GOOD_REVIEW)
        product_url = carpet.get_absolute_url()

    assert response.status_code == 302
    assert response["Location"] == product_url
    assert product_url == f"/en/shop/catalogue/quba-xalcasi_{carpet.pk}/"
    review = ProductReview.objects.get()
    assert (review.product, review.user, review.title, review.score, review.body) == (
        carpet,
        buyer,
        "Gözəl xalça",
        5,
        "Rəngləri canlıdır.",
    )
    assert review.status == ProductReview.FOR_MODERATION
    assert VerifiedPurchase.objects.get().line == bought.lines.get()
    assert messages_of(response) == [
        "Thank you. Your review will appear once Centre staff approve it."
    ]
    carpet.refresh_from_db()
    assert carpet.rating is None


def test_the_form_page_shows_to_a_buyer(buyer, carpet, bought):
    response = signed_in(buyer).get(review_url(carpet))

    assert response.status_code == 200
    assert 'id="add_review_form"' in response.content.decode()


def test_anonymous_post_is_sent_to_sign_in(carpet, bought):
    response = Client().post(review_url(carpet), GOOD_REVIEW)

    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse(settings.LOGIN_URL)}?next={review_url(carpet)}"
    )
    assert review_rows() == []


def test_anonymous_get_is_sent_to_sign_in(carpet):
    response = Client().get(review_url(carpet))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert review_rows() == []


def test_a_non_buyer_post_is_refused(carpet, bought):
    stranger = UserFactory()

    with translation.override("en"):
        response = signed_in(stranger).post(review_url(carpet), GOOD_REVIEW)
        product_url = carpet.get_absolute_url()

    assert response.status_code == 302
    assert response["Location"] == product_url
    assert messages_of(response) == ["Only buyers of this product can review it."]
    assert review_rows() == []
    assert VerifiedPurchase.objects.count() == 0


def test_a_second_review_is_refused_and_the_first_is_unchanged(buyer, carpet, review):
    before = review_rows()

    with translation.override("en"):
        response = signed_in(buyer).post(
            review_url(carpet), {"title": "Again", "score": "1", "body": "Pis."}
        )

    assert response.status_code == 302
    assert messages_of(response) == ["You have already reviewed this product."]
    assert review_rows() == before
    assert len(before) == 1
    assert VerifiedPurchase.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"review_status": ReviewStatus.PENDING},
        {"review_status": ReviewStatus.REJECTED},
        {"is_public": False},
    ],
)
def test_a_hidden_product_is_a_404_and_nothing_is_written(
    buyer, carpet, bought, change
):
    for field, value in change.items():
        setattr(carpet, field, value)
    carpet.save()
    client = signed_in(buyer)

    assert client.get(review_url(carpet)).status_code == 404
    assert client.post(review_url(carpet), GOOD_REVIEW).status_code == 404
    assert review_rows() == []


def test_a_suspended_residents_product_is_a_404(buyer, resident, carpet, bought):
    resident.status = ResidentStatus.SUSPENDED
    resident.save()

    response = signed_in(buyer).post(review_url(carpet), GOOD_REVIEW)

    assert response.status_code == 404
    assert review_rows() == []


def test_a_forged_product_id_in_the_post_is_ignored(
    buyer, resident, other_resident, carpet, bought
):
    rug = ProductFactory(
        resident=other_resident, kind=PHYSICAL, title="Kilim", price=Decimal("90")
    )
    client = signed_in(buyer)

    # The bought carpet's address, with another product's id in the body.
    response = client.post(
        review_url(carpet), {**GOOD_REVIEW, "product": rug.pk, "product_pk": rug.pk}
    )

    assert response.status_code == 302
    assert list(ProductReview.objects.values_list("product_id", flat=True)) == [
        carpet.pk
    ]


def test_a_forged_address_of_a_product_not_bought_is_refused(
    buyer, other_resident, carpet, bought
):
    rug = ProductFactory(
        resident=other_resident, kind=PHYSICAL, title="Kilim", price=Decimal("90")
    )

    response = signed_in(buyer).post(
        review_url(rug), {**GOOD_REVIEW, "product": carpet.pk}
    )

    assert response.status_code == 302
    assert response["Location"] == rug.get_absolute_url()
    assert review_rows() == []


def test_a_variant_id_is_a_404(buyer, resident, catalogue):
    variant = catalogue["digital"].children.get()
    place_order(buyer, resident, variant)

    response = signed_in(buyer).post(review_url(variant), GOOD_REVIEW)

    assert response.status_code == 404
    assert review_rows() == []


def test_an_unknown_product_id_is_a_404(buyer):
    url = reverse(
        "catalogue:reviews-add", kwargs={"product_slug": "x", "product_pk": 999999}
    )
    assert signed_in(buyer).post(url, GOOD_REVIEW).status_code == 404
    assert review_rows() == []


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {**GOOD_REVIEW, "body": "x" * (BODY_MAX_LENGTH + 1)},
            "body",
            "Ensure this value has at most 3000 characters (it has 3001).",
        ),
        (
            {**GOOD_REVIEW, "body": "Yaxşı\x1b[31m qırmızı"},
            "body",
            "Remove the control characters from this text.",
        ),
        (
            {**GOOD_REVIEW, "title": "Bir\niki"},
            "title",
            "Remove the control characters from this text.",
        ),
        ({**GOOD_REVIEW, "score": "0"}, "score", None),
        ({**GOOD_REVIEW, "score": "99999999999999999999"}, "score", None),
        ({**GOOD_REVIEW, "title": "   "}, "title", "This field is required."),
    ],
)
def test_bad_text_is_a_form_error_not_a_500(buyer, carpet, bought, data, field, error):
    with translation.override("en"):
        response = signed_in(buyer).post(review_url(carpet), data)
        errors = response.context["form"].errors
        assert list(errors) == [field]
        if error is not None:
            assert errors[field] == [error]

    assert response.status_code == 400
    assert review_rows() == []


def test_a_nul_byte_in_a_review_is_refused_before_the_form(buyer, carpet, bought):
    response = signed_in(buyer).post(
        review_url(carpet), {**GOOD_REVIEW, "title": "Gözəl\x00xalça"}
    )

    assert response.status_code == 400
    assert response.templates[0].name == "400.html"
    assert review_rows() == []


def test_line_breaks_and_tabs_are_allowed_in_the_body(buyer, carpet, bought):
    data = {**GOOD_REVIEW, "body": "Birinci sətir.\r\n\tİkinci sətir."}

    response = signed_in(buyer).post(review_url(carpet), data)

    assert response.status_code == 302
    assert ProductReview.objects.get().body == "Birinci sətir.\r\n\tİkinci sətir."


def test_votes_are_off(buyer, carpet, approved_review):
    voter = UserFactory()
    url = reverse(
        "catalogue:reviews-vote",
        kwargs={
            "product_slug": carpet.slug,
            "product_pk": carpet.pk,
            "pk": approved_review.pk,
        },
    )

    assert signed_in(voter).post(url, {"delta": "1"}).status_code == 404
    assert signed_in(buyer).post(url, {"delta": "-1"}).status_code == 404
    assert Client().post(url, {"delta": "1"}).status_code in (302, 404)
    assert Vote.objects.count() == 0
    approved_review.refresh_from_db()
    assert (approved_review.total_votes, approved_review.delta_votes) == (0, 0)


def _detail_url(review):
    return reverse(
        "catalogue:reviews-detail",
        kwargs={
            "product_slug": review.product.slug,
            "product_pk": review.product.pk,
            "pk": review.pk,
        },
    )


def test_a_waiting_review_is_not_shown_by_its_id(carpet, review):
    assert Client().get(_detail_url(review)).status_code == 404


def test_an_approved_review_is_shown_by_its_id(carpet, approved_review):
    response = Client().get(_detail_url(approved_review))

    assert response.status_code == 200
    assert "Yaxşıdır." in response.content.decode()


def test_a_review_under_another_products_address_is_a_404(
    other_resident, approved_review
):
    rug = ProductFactory(resident=other_resident, kind=PHYSICAL, title="Kilim")
    url = reverse(
        "catalogue:reviews-detail",
        kwargs={
            "product_slug": rug.slug,
            "product_pk": rug.pk,
            "pk": approved_review.pk,
        },
    )
    assert Client().get(url).status_code == 404


def test_reviews_of_a_hidden_product_are_not_listed(carpet, approved_review):
    list_url = reverse(
        "catalogue:reviews-list",
        kwargs={"product_slug": carpet.slug, "product_pk": carpet.pk},
    )
    assert Client().get(list_url).status_code == 200
    carpet.review_status = ReviewStatus.PENDING
    carpet.save()

    assert Client().get(list_url).status_code == 404
    assert Client().get(_detail_url(approved_review)).status_code == 404


def _buy_two_carpets(buyer, carpet):
    """The real checkout (localstripe): two carpets, paid and placed."""
    ensure_countries()
    client = signed_in(buyer)
    start_checkout(client, [carpet], quantity=2)
    assert place(client)["Location"] == reverse("checkout:pay")
    from checkout.models import CheckoutPayment

    payment = CheckoutPayment.objects.get(pk=client.session["checkout_payment_id"])
    pay(payment)
    response = client.get(
        reverse("checkout:return"), {"payment_intent": payment.payment_intent_id}
    )
    assert response["Location"] == reverse("checkout:thank-you")
    payment.refresh_from_db()
    return payment.order.lines.get()


def test_a_buyer_whose_line_was_refunded_cannot_review(
    buyer, staff, carpet, rates, stripe_settings
):
    line = _buy_two_carpets(buyer, carpet)
    assert line.quantity == 2
    order_line_refund(line=line, quantity=1, user=staff, reason="Zədələnib")

    # One of two carpets refunded: still a buyer.
    with translation.override("en"):
        assert signed_in(buyer).get(review_url(carpet)).status_code == 200

    order_line_refund(line=line, quantity=1, user=staff, reason="Zədələnib")
    with translation.override("en"):
        response = signed_in(buyer).post(review_url(carpet), GOOD_REVIEW)

    assert response.status_code == 302
    assert messages_of(response) == ["Your purchase of this product was refunded."]
    assert review_rows() == []
    assert VerifiedPurchase.objects.count() == 0
