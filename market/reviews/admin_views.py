"""Staff's moderation of product reviews, inside the Wagtail admin
(/cms/product-reviews/), beside the listings to review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.apps.catalogue.reviews.models import ProductReview

from . import services
from .forms import ModerationForm
from .selectors import pending_review_count, pending_reviews

PERMISSION = "reviews.change_productreview"
SHOWN = 200


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def review_queue(request):
    """Reviews waiting for a decision, oldest first."""
    _check(request)
    return TemplateResponse(
        request,
        "market/reviews/admin/queue.html",
        {"reviews": pending_reviews()[:SHOWN], "pending_count": pending_review_count()},
    )


@require_POST
def review_decide(request, pk: int):
    """Approve or reject one waiting review."""
    _check(request)
    review = get_object_or_404(ProductReview, pk=pk)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("product_review_queue")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.review_moderate(
            review=review, staff_user=request.user, approve=approve
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Review approved: it shows on the product's page.")
            if approve
            else _("Review rejected: it will not be shown."),
        )
    return redirect("product_review_queue")
