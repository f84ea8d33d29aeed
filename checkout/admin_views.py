"""Centre staff's view of payments, inside the Wagtail admin (/cms/payments/):
paid checkouts that need attention, orders, and refunds of order lines."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from oscar.apps.order.models import Line, Order

from market.export.models import Parcel, ParcelStatus
from market.payments.client import PaymentProviderError

from .models import BalancePayment, CheckoutPayment, CheckoutStatus
from .services import (
    CheckoutRefused,
    order_line_refund,
    parcel_refund,
    refunded_quantity,
)
from .services.balance import deposit_order_cancel

PERMISSION = "checkout.add_refund"


class RefundForm(forms.Form):
    quantity = forms.IntegerField(label=gettext_lazy("Units"), min_value=1)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)


def _stripe_refused(request, error: PaymentProviderError) -> None:
    messages.error(
        request,
        _("Stripe refused the refund; nothing was changed: %(message)s")
        % {"message": error.message},
    )


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def payment_list(request):
    """Paid checkouts that need staff first, then the latest payments."""
    _check(request)
    payments = CheckoutPayment.objects.select_related("user", "order").order_by(
        "-created_at"
    )
    return TemplateResponse(
        request,
        "market/checkout/admin/payments.html",
        {
            "attention": payments.filter(
                Q(status=CheckoutStatus.NEEDS_ATTENTION) | Q(alerted_at__isnull=False)
            ),
            "latest": payments.exclude(status=CheckoutStatus.NEEDS_ATTENTION).filter(
                alerted_at__isnull=True
            )[:100],
        },
    )


def order_detail(request, number: str):
    _check(request)
    order = get_object_or_404(
        Order.objects.select_related("user", "checkout_payment"), number=number
    )
    lines = list(order.lines.select_related("partner"))
    for line in lines:
        line.refundable = line.quantity - refunded_quantity(line)
    return TemplateResponse(
        request,
        "market/checkout/admin/order.html",
        {
            "order": order,
            "payment": getattr(order, "checkout_payment", None),
            "lines": lines,
            "refunds": order.refunds.select_related(
                "line", "created_by", "parcel__partner"
            ),
            "form": RefundForm(),
            "parcels": order.parcels.select_related("partner").prefetch_related(
                "lines"
            ),
            "balance": BalancePayment.objects.filter(order=order).first(),
        },
    )


@require_POST
def deposit_cancel(request, number: str):
    """Cancel an order paid with a deposit whose balance was never paid:
    the deposit refunded to the buyer, or kept as the quote's terms said."""
    _check(request)
    order = get_object_or_404(Order, number=number)
    try:
        deposit_order_cancel(
            order=order,
            user=request.user,
            reason=request.POST.get("reason", "")[:500],
            refund_deposit=request.POST.get("deposit") == "refund",
        )
    except CheckoutRefused as refusal:
        messages.error(request, refusal.message)
    except PaymentProviderError as error:
        _stripe_refused(request, error)
    else:
        messages.success(request, _("The order is cancelled; both sides are told."))
    return redirect("payments_order", number=order.number)


@require_POST
def line_refund(request, pk: int):
    _check(request)
    line = get_object_or_404(Line.objects.select_related("order"), pk=pk)
    form = RefundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of units and a reason."))
        return redirect("payments_order", number=line.order.number)
    try:
        refund = order_line_refund(
            line=line,
            quantity=form.cleaned_data["quantity"],
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PaymentProviderError as error:
        _stripe_refused(request, error)
    else:
        messages.success(
            request,
            _("Refunded %(amount)s %(currency)s.")
            % {"amount": refund.amount, "currency": refund.currency},
        )
    return redirect("payments_order", number=line.order.number)


@require_POST
def parcel_end(request, pk: int):
    """Staff cancel a parcel that has not left, or take back one that came
    back (returned): its lines and shipping are refunded."""
    _check(request)
    parcel = get_object_or_404(Parcel.objects.select_related("order"), pk=pk)
    status = request.POST.get("status", "")
    reason = request.POST.get("reason", "")
    if status not in (ParcelStatus.CANCELLED, ParcelStatus.RETURNED):
        messages.error(request, _("Choose cancelled or returned."))
        return redirect("payments_order", number=parcel.order.number)
    try:
        parcel_refund(parcel=parcel, user=request.user, reason=reason, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PaymentProviderError as error:
        _stripe_refused(request, error)
    else:
        messages.success(request, _("The parcel's items and shipping are refunded."))
    return redirect("payments_order", number=parcel.order.number)
