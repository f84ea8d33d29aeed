"""What the buyer's order page shows beyond Oscar's: how it was paid, the
downloads, the course seats and the refunds."""

from django import template

from market.downloads.selectors import grants_for_order
from market.learning.models import Seat

register = template.Library()


@register.inclusion_tag("oscar/customer/order/extras.html", takes_context=True)
def order_extras(context, order):
    request = context["request"]
    payment = getattr(order, "checkout_payment", None)
    return {
        "request": request,
        "order": order,
        "payment": payment,
        "grants": grants_for_order(order=order, user=request.user),
        "seats": Seat.objects.filter(line__order=order, learner=request.user)
        .select_related("course")
        .order_by("pk"),
        "refunds": order.refunds.select_related("line", "parcel__partner").order_by(
            "pk"
        ),
    }


@register.filter
def studio_booking(line):
    """The studio booking a basket or order line pays for, or None (a
    query only for studio time lines)."""
    from checkout.services.bookings import booking_of_line, is_booking_line

    if not is_booking_line(line):
        return None
    return booking_of_line(line)


@register.inclusion_tag("market/bookings/includes/line_booking.html")
def line_booking(booking):
    """Room, day and hours of a booking under its basket or order line."""
    return {"booking": booking}
