from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SeatStatus(models.TextChoices):
    """A learner's place on a course."""

    # The learner holds the seat.
    ACTIVE = "active", pgettext_lazy("seat status", "Active")
    # Given back (refund or cancellation); the seat is free again.
    CANCELLED = "cancelled", pgettext_lazy("seat status", "Cancelled")


class Seat(models.Model):
    """One place on a course, held by a learner. A paid course line creates one
    seat per unit bought; the course's capacity is its stock record, allocated
    by the checkout's locked step, so seats never exceed capacity."""

    course = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="seats"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="seats"
    )
    line = models.ForeignKey(
        "order.Line",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
    )
    # Which unit of the line (1..quantity): one seat per unit, never two.
    unit = models.PositiveIntegerField(default=1)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SeatStatus.choices,
        default=SeatStatus.ACTIVE,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "unit"],
                condition=Q(line__isnull=False),
                name="seat_one_per_line_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {self.learner}"
