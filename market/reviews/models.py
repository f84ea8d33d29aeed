"""What a product review carries besides Oscar's ProductReview: the order
line that makes it a verified purchase, and the resident's answer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

ANSWER_MAX_LENGTH = 2000


class VerifiedPurchase(models.Model):
    """The order line that allowed a review (written with the review, by
    `services.review_create`): every review in the shop has one."""

    review = models.OneToOneField(
        "reviews.ProductReview", on_delete=models.CASCADE, related_name="purchase"
    )
    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verified purchase")
        verbose_name_plural = _("verified purchases")

    def __str__(self) -> str:
        return f"review {self.review_id}: line {self.line_id}"


class ReviewModeration(models.Model):
    """Who approved or rejected a review, and when (the staff's decision;
    the status itself is Oscar's `ProductReview.status`)."""

    review = models.OneToOneField(
        "reviews.ProductReview", on_delete=models.CASCADE, related_name="moderation"
    )
    approved = models.BooleanField(_("approved"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review moderation")
        verbose_name_plural = _("review moderations")

    def __str__(self) -> str:
        return f"review {self.review_id}: {'approved' if self.approved else 'rejected'}"


class ReviewAnswer(models.Model):
    """A resident's one public answer to a review of their own product."""

    review = models.OneToOneField(
        "reviews.ProductReview", on_delete=models.CASCADE, related_name="answer"
    )
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.PROTECT, related_name="review_answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("answer"), max_length=ANSWER_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer to a review")
        verbose_name_plural = _("answers to reviews")

    def __str__(self) -> str:
        return f"answer to review {self.review_id}"
