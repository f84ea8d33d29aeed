"""Raising and resolving staff alerts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from market.mail import mail_staff, site_url

from .models import AlertKind, AlertStatus, StaffAlert


@transaction.atomic
def alert_raise(
    *, kind: AlertKind, key: str, subject: str, message: str, link: str = ""
) -> StaffAlert:
    """Open an alert, or add to the open one with the same `key` (a problem
    raised again). A new alert is e-mailed to MARKET_ALERT_EMAILS, in the same
    transaction (the e-mail outbox): it goes out exactly when the alert
    exists."""
    now = timezone.now()
    existing = (
        StaffAlert.objects.select_for_update()
        .filter(key=key, status=AlertStatus.OPEN)
        .first()
    )
    if existing is not None:
        StaffAlert.objects.filter(pk=existing.pk).update(
            occurrences=F("occurrences") + 1,
            last_raised_at=now,
            message=message,
        )
        existing.refresh_from_db()
        return existing
    try:
        with transaction.atomic():
            alert = StaffAlert.objects.create(
                kind=kind,
                key=key[:120],
                subject=subject[:255],
                message=message,
                link=link[:255],
            )
    except IntegrityError:  # raised at the same moment elsewhere
        return StaffAlert.objects.get(key=key, status=AlertStatus.OPEN)

    mail_staff(
        subject=f"[Creative Market] {alert.subject}",
        body=(
            f"{alert.get_kind_display()}\n\n{alert.message}\n\n"
            f"{site_url(reverse('alerts_list'))}"
        ),
    )
    return alert


@transaction.atomic
def alert_resolve(*, alert: StaffAlert, user, resolution: str) -> StaffAlert:
    """Staff close an alert, saying what they did. Resolving a resolved alert
    is refused, with nothing changed."""
    if not resolution.strip():
        raise ValidationError(_("Say what was done."))
    alert = StaffAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.status != AlertStatus.OPEN:
        raise ValidationError(_("This alert was already resolved."))
    alert.status = AlertStatus.RESOLVED
    alert.resolved_at = timezone.now()
    alert.resolved_by = user
    alert.resolution = resolution.strip()
    alert.save(update_fields=["status", "resolved_at", "resolved_by", "resolution"])
    return alert


def open_alert_count() -> int:
    return StaffAlert.objects.filter(status=AlertStatus.OPEN).count()
