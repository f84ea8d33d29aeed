"""Reads about downloads: a buyer's grants, overall or for one order."""

from django.db.models import QuerySet
from oscar.apps.order.models import Order

from market.accounts.models import User

from .models import DownloadGrant


def _with_display_data(grants: QuerySet) -> QuerySet:
    return grants.select_related("digital_file", "line__order", "line__product")


def grants_for_user(*, user: User) -> QuerySet:
    """Every download grant of `user`, newest order first, in line and file order."""
    return _with_display_data(DownloadGrant.objects.filter(user=user)).order_by(
        "-line__order__date_placed", "-line__order_id", "line_id", "pk"
    )


def grants_for_order(*, order: Order, user: User) -> QuerySet:
    """The grants of one order that belong to `user` (none for anyone else)."""
    return _with_display_data(
        DownloadGrant.objects.filter(line__order=order, user=user)
    ).order_by("line_id", "pk")
