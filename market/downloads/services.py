"""Writes about downloads: granting them at checkout, using them, revoking them."""

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from oscar.apps.order.models import Line, Order

from catalogue.kinds import DIGITAL
from catalogue.models import DigitalFile
from market.accounts.models import User

from .models import DownloadGrant, Refusal


class DownloadRefused(Exception):
    """A download that must not happen; `reason` says why (a Refusal)."""

    def __init__(self, reason: Refusal):
        super().__init__(reason.value)
        self.reason = reason


def _digital_lines(order: Order):
    # A bought line is usually a licence variant: its kind is its parent's.
    return (
        order.lines.filter(
            Q(product__product_class__slug=DIGITAL)
            | Q(product__parent__product_class__slug=DIGITAL)
        )
        # A refunded line gets no new grants, even for files added later.
        .exclude(download_grants__revoked_at__isnull=False)
        .select_related("product")
        .order_by("pk")
    )


@transaction.atomic
def download_grants_create(*, order: Order) -> list[DownloadGrant]:
    """Grant `order.user` the files of every digital line of the order, one
    grant per (line, file), MARKET_DOWNLOAD_LIMIT downloads each.

    Idempotent: a second call creates only grants for files added since, and
    returns every grant of the order. The checkout calls it inside its
    order-placement transaction. An order without a user gets none (checkout
    requires sign-in: OSCAR_ALLOW_ANON_CHECKOUT is False)."""
    if order.user_id is None:
        return []
    grants = []
    for line in _digital_lines(order):
        product = line.product.parent or line.product
        grants += [
            DownloadGrant(
                line=line,
                digital_file=digital_file,
                user_id=order.user_id,
                download_limit=settings.MARKET_DOWNLOAD_LIMIT,
            )
            for digital_file in DigitalFile.objects.filter(product=product)
        ]
    DownloadGrant.objects.bulk_create(grants, ignore_conflicts=True)
    return list(
        DownloadGrant.objects.filter(line__order=order).order_by("line_id", "pk")
    )


def download_grants_revoke(*, line: Line, reason: str) -> int:
    """Revoke every grant of one order line (a refund or a cancellation).

    Idempotent: grants revoked before keep their date and reason. Returns the
    number of grants revoked by this call."""
    return DownloadGrant.objects.filter(line=line, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoke_reason=reason
    )


def download_grant_use(*, grant_id: int, user: User) -> DownloadGrant:
    """Count one download of the grant, for its own buyer only.

    One conditional UPDATE, so two simultaneous downloads can never pass the
    limit. Refused (DownloadRefused, nothing counted) when the grant is
    another user's, revoked, used up or its file was removed."""
    counted = DownloadGrant.objects.filter(
        pk=grant_id,
        user=user,
        revoked_at__isnull=True,
        digital_file__isnull=False,
        download_count__lt=F("download_limit"),
    ).update(download_count=F("download_count") + 1)
    grant = (
        DownloadGrant.objects.filter(pk=grant_id, user=user)
        .select_related("digital_file")
        .first()
    )
    if grant is None:
        raise DownloadRefused(Refusal.NOT_YOURS)
    if not counted:
        raise DownloadRefused(grant.unavailable_reason or Refusal.LIMIT_REACHED)
    return grant
