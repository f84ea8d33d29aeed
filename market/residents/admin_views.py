"""Centre staff's review of residents, inside the Wagtail admin (/cms/)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogue.models import Product, ReviewStatus

from . import services
from .dashboard.forms import ListingReviewForm
from .forms import DecisionForm
from .models import Resident, ResidentStatus

PERMISSION = "residents.change_resident"
ACTIONS = {
    "approve": services.resident_approve,
    "reject": services.resident_reject,
    "suspend": services.resident_suspend,
    "reinstate": services.resident_reinstate,
}


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def resident_queue(request):
    """Applications waiting for a decision, then every other resident."""
    _check(request)
    residents = Resident.objects.select_related("applicant").order_by("-created_at")
    return TemplateResponse(
        request,
        "market/residents/admin/queue.html",
        {
            "applications": residents.filter(status=ResidentStatus.APPLIED),
            "others": residents.exclude(status=ResidentStatus.APPLIED),
            "form": DecisionForm(),
        },
    )


@require_POST
def resident_decide(request, pk: int):
    """Apply one staff decision (approve, reject, suspend, reinstate)."""
    _check(request)
    resident = get_object_or_404(Resident, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("resident_queue")
    action = ACTIONS[form.cleaned_data["decision"]]
    arguments = {"resident": resident, "staff_user": request.user}
    if form.cleaned_data["decision"] != "reinstate":
        arguments["reason"] = form.cleaned_data["reason"]
    try:
        action(**arguments)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s: decision saved and e-mailed.")
            % {"name": resident.display_name},
        )
    return redirect("resident_queue")


LISTING_PERMISSION = "catalogue.change_product"


def listing_queue(request):
    """Listings waiting for staff review, oldest first."""
    if not request.user.has_perm(LISTING_PERMISSION):
        raise PermissionDenied
    pending = (
        Product.objects.filter(parent__isnull=True, review_status=ReviewStatus.PENDING)
        .select_related("product_class")
        .prefetch_related("stockrecords__partner__resident", "children__stockrecords")
        .order_by("date_updated")
    )
    return TemplateResponse(
        request, "market/residents/admin/listing_queue.html", {"listings": pending}
    )


@require_POST
def listing_decide(request, pk: int):
    """Approve a pending listing, or reject it with a reason."""
    if not request.user.has_perm(LISTING_PERMISSION):
        raise PermissionDenied
    product = get_object_or_404(Product, pk=pk, parent__isnull=True)
    form = ListingReviewForm(request.POST)
    if form.is_valid():
        try:
            services.listing_review(
                product=product,
                staff_user=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(title)s: decision saved.") % {"title": product.title}
            )
    else:
        messages.error(request, _("Choose a decision."))
    return redirect("listing_queue")
