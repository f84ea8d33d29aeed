"""Writes of product reviews: a buyer's review, staff's decision, a
resident's answer. Each re-asks its rule inside its transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from oscar.apps.catalogue.reviews.models import ProductReview

from market.residents.selectors import acting_resident

from .models import ReviewAnswer, ReviewModeration, VerifiedPurchase
from .selectors import review_refusal, reviews_of_resident, unrefunded_lines


@transaction.atomic
def review_create(*, user, product, title: str, score: int, body: str) -> ProductReview:
    """A buyer's review of `product`, waiting for staff (OSCAR_MODERATE_REVIEWS),
    with the order line that allows it. Refused (ValidationError, nothing
    written) whenever `review_refusal` says no; two reviews racing for the
    same product and user end in one (Oscar's unique (product, user))."""
    refusal = review_refusal(user, product)
    if refusal is not None:
        raise ValidationError(refusal)
    line = unrefunded_lines(user, product).first()
    try:
        with transaction.atomic():
            review = ProductReview.objects.create(
                product=product, user=user, title=title, score=score, body=body
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already reviewed this product.")) from error
    VerifiedPurchase.objects.create(review=review, line=line)
    return review


@transaction.atomic
def review_moderate(
    *, review: ProductReview, staff_user, approve: bool
) -> ProductReview:
    """Staff approve a waiting review (it shows on the product's page and
    counts in its rating) or reject it (it never shows). Decided once."""
    review = ProductReview.objects.select_for_update().get(pk=review.pk)
    if review.status != ProductReview.FOR_MODERATION:
        raise ValidationError(_("This review has been decided already."))
    review.status = ProductReview.APPROVED if approve else ProductReview.REJECTED
    # Oscar's save() recomputes the product's rating from approved reviews.
    review.save()
    ReviewModeration.objects.create(
        review=review, approved=approve, decided_by=staff_user
    )
    return review


@transaction.atomic
def review_answer(*, user, review: ProductReview, body: str) -> ReviewAnswer:
    """The one public answer of a resident to an approved review of their own
    product. Refused to anyone who may not act for a resident now (one check
    of standing, `acting_resident`), for another resident's product, and a
    second time."""
    resident = acting_resident(user)
    if resident is None:
        raise ValidationError(_("Your shop is not open: this cannot be done now."))
    review = (
        reviews_of_resident(resident)
        .select_related(None)
        .select_for_update()
        .filter(pk=review.pk)
        .first()
    )
    if review is None:
        raise ValidationError(_("You can answer only reviews of your own products."))
    if ReviewAnswer.objects.filter(review=review).exists():
        raise ValidationError(_("This review has been answered already."))
    try:
        with transaction.atomic():
            return ReviewAnswer.objects.create(
                review=review, resident=resident, author=user, body=body
            )
    except IntegrityError as error:
        raise ValidationError(_("This review has been answered already.")) from error
