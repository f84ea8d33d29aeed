"""Staff moderate reviews in the Wagtail admin; approved reviews show on the
product's page as verified purchases, in the rating; a resident in good
standing answers a review of their own product once."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from oscar.apps.catalogue.reviews.models import ProductReview

from market.residents.models import ResidentStatus
from market.reviews import services
from market.reviews.models import ReviewAnswer, ReviewModeration
from tests.factories import UserFactory
from tests.market.downloads.conftest import place_order

from .conftest import review_rows, signed_in

pytestmark = pytest.mark.django_db

QUEUE = "/cms/product-reviews/"


def decide_url(review) -> str:
    return reverse("product_review_decide", args=[review.pk])


def answer_url(review) -> str:
    return reverse("resident_reviews:answer", kwargs={"pk": review.pk})


def answers() -> list[tuple]:
    return list(
        ReviewAnswer.objects.order_by("pk").values_list(
            "review_id", "resident_id", "author_id", "body"
        )
    )


def buyers_reviews(resident, carpet, scores):
    """One review per score, each by a new buyer of the carpet."""
    reviews = []
    for number, score in enumerate(scores):
        buyer = UserFactory(first_name="Leyla", last_name=f"Əliyeva {number}")
        place_order(buyer, resident, carpet)
        reviews.append(
            services.review_create(
                user=buyer,
                product=carpet,
                title=f"Rəy {number}",
                score=score,
                body=f"Mətn {number}",
            )
        )
    return reviews


def test_the_queue_lists_waiting_reviews_for_staff(staff, buyer, carpet, review):
    assert reverse("product_review_queue") == QUEUE
    with translation.override("en"):
        response = signed_in(staff).get(QUEUE)

    assert response.status_code == 200
    content = response.content.decode()
    assert list(response.context["reviews"]) == [review]
    with translation.override("az"):  # the Wagtail admin speaks the default
        waiting = ngettext(
            "%(counter)s review is waiting.", "%(counter)s reviews are waiting.", 1
        ) % {"counter": 1}
        verified = gettext("Verified purchase: order %(number)s")
    assert waiting in content
    assert f'id="product-review-{review.pk}"' in content
    assert "Quba xalçası" in content
    assert "★★★★☆" in content
    assert "Gözəl xalça" in content
    assert "Yaxşıdır." in content
    assert "buyer@example.az" in content
    order_number = review.purchase.line.order.number
    assert verified % {"number": order_number} in content


def test_the_menu_counts_waiting_reviews(staff, carpet, review):
    with translation.override("en"):
        content = signed_in(staff).get("/cms/").content.decode()
    with translation.override("az"):
        label = gettext("Product reviews to moderate")
    # The menu travels as JSON in an attribute: non-ASCII letters as \\u escapes.
    assert json.dumps(f"{label} (1)")[1:-1] in content


def test_staff_approve_a_review_it_shows_and_counts(staff, buyer, carpet, review):
    response = signed_in(staff).post(decide_url(review), {"decision": "approve"})

    assert response.status_code == 302
    review.refresh_from_db()
    carpet.refresh_from_db()
    assert review.status == ProductReview.APPROVED
    assert carpet.rating == 4.0
    moderation = ReviewModeration.objects.get()
    assert (moderation.review, moderation.approved, moderation.decided_by) == (
        review,
        True,
        staff,
    )
    with translation.override("en"):
        page = Client().get(carpet.get_absolute_url()).content.decode()
    assert "Gözəl xalça" in page
    assert page.count("Verified purchase") == 1
    assert "1 customer review" in page


def test_staff_reject_a_review_it_never_shows(staff, carpet, review):
    signed_in(staff).post(decide_url(review), {"decision": "reject"})

    review.refresh_from_db()
    carpet.refresh_from_db()
    assert review.status == ProductReview.REJECTED
    assert carpet.rating is None
    assert ReviewModeration.objects.get().approved is False
    page = Client().get(carpet.get_absolute_url()).content.decode()
    assert "Gözəl xalça" not in page
    assert "star-rating" not in page


def test_a_decided_review_is_not_decided_again(staff, carpet, review):
    signed_in(staff).post(decide_url(review), {"decision": "reject"})
    before = review_rows()

    signed_in(staff).post(decide_url(review), {"decision": "approve"})

    assert review_rows() == before
    assert ReviewModeration.objects.count() == 1


def test_a_non_staff_user_cannot_moderate(buyer, owner, carpet, review):
    before = review_rows()
    for user in (buyer, owner):
        client = signed_in(user)
        assert client.get(QUEUE).status_code == 302
        response = client.post(decide_url(review), {"decision": "approve"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert Client().post(decide_url(review), {"decision": "approve"}).status_code == 302
    assert review_rows() == before
    assert ReviewModeration.objects.count() == 0


def test_an_editor_without_the_permission_cannot_moderate(carpet, review):
    from django.contrib.auth.models import Permission

    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    before = review_rows()

    # Wagtail turns the refusal (PermissionDenied) into a redirect home.
    queue = signed_in(editor).get(QUEUE)
    decision = signed_in(editor).post(decide_url(review), {"decision": "approve"})

    assert (queue.status_code, queue["Location"]) == (302, "/cms/")
    assert (decision.status_code, decision["Location"]) == (302, "/cms/")
    assert review_rows() == before
    assert ReviewModeration.objects.count() == 0


def test_a_get_or_an_unknown_decision_changes_nothing(staff, carpet, review):
    before = review_rows()
    client = signed_in(staff)

    assert client.get(decide_url(review)).status_code == 405
    assert client.post(decide_url(review), {"decision": "publish"}).status_code == 302
    assert client.post(decide_url(review), {}).status_code == 302

    assert review_rows() == before


def test_the_rating_counts_approved_reviews_only(staff, resident, carpet):
    five, three, one_waiting, one_rejected = buyers_reviews(
        resident, carpet, [5, 3, 1, 1]
    )
    services.review_moderate(review=five, staff_user=staff, approve=True)
    services.review_moderate(review=three, staff_user=staff, approve=True)
    services.review_moderate(review=one_rejected, staff_user=staff, approve=False)

    carpet.refresh_from_db()
    assert carpet.rating == 4.0
    with translation.override("en"):
        page = Client().get(carpet.get_absolute_url()).content.decode()
    assert "2 customer reviews" in page
    assert 'aria-label="Rated 4.0 out of 5"' in page
    assert page.count("Verified purchase") == 2
    assert "Rəy 2" not in page
    assert "Rəy 3" not in page
    # The reviewer's first name and initial, no more.
    assert "Leyla Ə." in page
    assert "Əliyeva" not in page
    assert one_waiting.status == ProductReview.FOR_MODERATION


def test_a_resident_answers_a_review_of_their_product_once(
    owner, resident, carpet, approved_review
):
    client = signed_in(owner)
    page = client.get(reverse("resident_reviews:index")).content.decode()
    assert "Gözəl xalça" in page
    assert f'action="{answer_url(approved_review)}"' in page

    response = client.post(answer_url(approved_review), {"body": "Təşəkkür edirik!"})

    assert response.status_code == 302
    assert answers() == [
        (approved_review.pk, resident.pk, owner.pk, "Təşəkkür edirik!")
    ]
    with translation.override("en"):
        product_page = Client().get(carpet.get_absolute_url()).content.decode()
    assert "Answer from Xalça Atelier" in product_page
    assert "Təşəkkür edirik!" in product_page

    with translation.override("en"):
        second = client.post(answer_url(approved_review), {"body": "Bir də!"})
    assert second.status_code == 400
    assert "This review has been answered already." in second.content.decode()
    assert answers() == [
        (approved_review.pk, resident.pk, owner.pk, "Təşəkkür edirik!")
    ]


def test_a_resident_cannot_answer_another_residents_review(
    other_owner, approved_review
):
    client = signed_in(other_owner)

    page = client.get(reverse("resident_reviews:index"))
    response = client.post(answer_url(approved_review), {"body": "Bizdən alın!"})

    assert list(page.context["reviews"]) == []
    assert response.status_code == 404
    assert answers() == []


def test_a_suspended_resident_cannot_answer(owner, resident, approved_review):
    resident.status = ResidentStatus.SUSPENDED
    resident.save()

    response = signed_in(owner).post(answer_url(approved_review), {"body": "Sağ olun"})

    assert response.status_code == 403
    assert answers() == []


def test_a_buyer_or_anonymous_visitor_cannot_answer(buyer, approved_review):
    assert (
        signed_in(buyer).post(answer_url(approved_review), {"body": "x"}).status_code
        == 403
    )
    assert Client().post(answer_url(approved_review), {"body": "x"}).status_code == 403
    assert answers() == []


def test_a_waiting_review_cannot_be_answered(owner, review):
    response = signed_in(owner).post(answer_url(review), {"body": "Tez oldu"})

    assert response.status_code == 404
    assert answers() == []


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("x" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
        ("Salam\x07", "Remove the control characters from this text."),
        ("   ", "This field is required."),
    ],
)
def test_a_bad_answer_is_a_form_error(owner, approved_review, body, error):
    with translation.override("en"):
        response = signed_in(owner).post(answer_url(approved_review), {"body": body})
        assert response.context["answer_form"].errors["body"] == [error]

    assert response.status_code == 400
    assert answers() == []
