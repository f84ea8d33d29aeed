"""Seats on courses. The enrolment issue builds waitlists and certificates on
these; the checkout creates and cancels seats through these functions."""

from django.db import transaction
from django.utils import timezone

from catalogue.kinds import COURSE

from .models import Seat, SeatStatus


def _is_course(product) -> bool:
    return product is not None and product.get_product_class().slug == COURSE


@transaction.atomic
def seats_create_for_order(*, order) -> list[Seat]:
    """One seat per unit of each course line, held by the buyer. Idempotent:
    a second call creates nothing."""
    seats = []
    for line in order.lines.select_related("product__parent__product_class"):
        if not _is_course(line.product):
            continue
        for unit in range(1, line.quantity + 1):
            seat, _created = Seat.objects.get_or_create(
                line=line,
                unit=unit,
                defaults={"course": line.product, "learner": order.user},
            )
            seats.append(seat)
    return seats


@transaction.atomic
def seats_cancel_for_line(*, line, quantity: int) -> int:
    """Give back `quantity` active seats of a line (a refund), last unit
    first. Returns how many were cancelled."""
    seats = list(
        Seat.objects.select_for_update()
        .filter(line=line, status=SeatStatus.ACTIVE)
        .order_by("-unit")[:quantity]
    )
    for seat in seats:
        seat.status = SeatStatus.CANCELLED
        seat.cancelled_at = timezone.now()
        seat.save(update_fields=["status", "cancelled_at"])
    return len(seats)
