"""CSV files: the bank batch of a run, a resident's statement."""

from __future__ import annotations

import csv
import datetime
import io

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from market.residents.models import Resident

from .. import selectors
from ..models import LedgerEntry, PayoutRun
from ..rules import ZERO, cents

# The bank's import reads these columns by name: they are not translated.
BANK_COLUMNS = ["resident", "account_holder", "iban", "amount", "currency", "reference"]


def _cell(value: str) -> str:
    """Text a spreadsheet would not run as a formula (CSV injection)."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    return buffer.getvalue()


def bank_transfer_batch_csv(*, run: PayoutRun) -> str:
    """The bank transfers of a run, one line per payout, for the bank's
    batch import: resident, account holder, IBAN, amount, currency and the
    reference CM-<run>-<payout> the bank shows the resident."""
    rows = [BANK_COLUMNS]
    for payout in selectors.bank_payouts(run=run):
        rows.append(
            [
                _cell(payout.resident.display_name),
                _cell(payout.account_holder),
                payout.iban,
                f"{payout.amount:.2f}",
                settings.MARKET_BASE_CURRENCY,
                payout.batch_reference,
            ]
        )
    return _csv(rows)


# Days far enough from datetime's own limits (years 1 and 9999) that moving
# them between time zones or adding a day never overflows.
_EARLIEST_DAY = datetime.date(1900, 1, 1)
_LATEST_DAY = datetime.date(9000, 12, 31)


def _start_of(day: datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(day, datetime.datetime):
        return day
    day = min(max(day, _EARLIEST_DAY), _LATEST_DAY)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def statement_csv(
    *,
    resident: Resident,
    start: datetime.date | datetime.datetime | None = None,
    end: datetime.date | datetime.datetime | None = None,
) -> str:
    """A resident's ledger lines between `start` and `end` (dates inclusive),
    oldest first, each with the running balance; an opening balance line
    when `start` is given. Headers are in the active language."""
    entries = LedgerEntry.objects.filter(account=resident).select_related(
        "order", "payout"
    )
    balance = ZERO
    rows: list[list[str]] = [
        [
            _("Date"),
            _("Kind"),
            _("Order"),
            _("Reference"),
            _("Amount"),
            _("Currency"),
            _("Balance"),
        ]
    ]
    currency = settings.MARKET_BASE_CURRENCY
    if start is not None:
        start_at = _start_of(start)
        balance = cents(
            entries.filter(created_at__lt=start_at).aggregate(total=Sum("amount"))[
                "total"
            ]
        )
        entries = entries.filter(created_at__gte=start_at)
        rows.append(
            [
                timezone.localtime(start_at).date().isoformat(),
                _("Opening balance"),
                "",
                "",
                "",
                currency,
                f"{balance:.2f}",
            ]
        )
    if end is not None:
        end_at = (
            end
            if isinstance(end, datetime.datetime)
            else _start_of(min(end, _LATEST_DAY) + datetime.timedelta(days=1))
        )
        entries = entries.filter(created_at__lt=end_at)
    for entry in entries.order_by("created_at", "pk"):
        balance += entry.amount
        rows.append(
            [
                timezone.localtime(entry.created_at).date().isoformat(),
                str(entry.get_kind_display()),
                entry.order.number if entry.order_id else "",
                entry.payout.batch_reference if entry.payout_id else "",
                f"{entry.amount:.2f}",
                currency,
                f"{balance:.2f}",
            ]
        )
    return _csv(rows)
