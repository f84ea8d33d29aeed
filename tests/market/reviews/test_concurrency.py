"""Reviews under real concurrency (PostgreSQL only): the same click many
times at once writes one review, one answer, one decision."""

import pytest
from django.core.exceptions import ValidationError
from oscar.apps.catalogue.reviews.models import ProductReview

from market.reviews import services
from market.reviews.models import ReviewAnswer, ReviewModeration, VerifiedPurchase
from tests.threads import run_in_threads, run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_reviews_by_one_buyer_make_one(
    migration_rows, buyer, carpet, bought
):
    outcomes = run_in_threads(
        8,
        lambda: services.review_create(
            user=buyer, product=carpet, title="Bir", score=5, body="Bir dəfə."
        ),
    )

    assert sum(isinstance(o, ProductReview) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 7
    assert ProductReview.objects.count() == 1
    assert VerifiedPurchase.objects.count() == 1


def test_simultaneous_answers_make_one(migration_rows, owner, approved_review):
    outcomes = run_in_threads(
        8,
        lambda: services.review_answer(
            user=owner, review=approved_review, body="Sağ olun!"
        ),
    )

    assert sum(isinstance(o, ReviewAnswer) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 7
    assert ReviewAnswer.objects.count() == 1


def test_approve_and_reject_at_once_decide_once(migration_rows, staff, carpet, review):
    outcomes = run_together(
        [
            lambda: services.review_moderate(
                review=review, staff_user=staff, approve=True
            ),
            lambda: services.review_moderate(
                review=review, staff_user=staff, approve=False
            ),
        ]
    )

    assert sum(isinstance(o, ProductReview) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    moderation = ReviewModeration.objects.get()
    review.refresh_from_db()
    carpet.refresh_from_db()
    expected = ProductReview.APPROVED if moderation.approved else ProductReview.REJECTED
    assert review.status == expected
    assert carpet.rating == (4.0 if moderation.approved else None)
