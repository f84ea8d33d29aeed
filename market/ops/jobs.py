"""The periodic jobs: one registry read by the scheduler
(`manage.py run_scheduler`), by `manage.py run_job <name>` and by the admin
page /cms/jobs/.

Each run (`run_job`) takes the job's lock (market/ops/locks.py): if another
process holds it, the run is recorded as skipped and the job is not called.
Every run is recorded as a JobRun (ok, failed or skipped); the newest
RUNS_KEPT runs of each job are kept.
"""

import io
import logging
import os
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from .locks import job_lock
from .models import JobOutcome, JobRun

logger = logging.getLogger(__name__)

RUNS_KEPT = 200
MESSAGE_LENGTH = 500


@dataclass(frozen=True)
class Job:
    """A job runs `func` (which returns a one-line summary) every
    `interval_minutes`, or on the 5-field `cron` expression (in TIME_ZONE)."""

    name: str
    func: Callable[[], str]
    interval_minutes: int | None = None
    cron: str | None = None
    # What staff read in the admin (the name is what `run_job` takes).
    title: str = ""

    def trigger(self):
        if self.interval_minutes:
            return IntervalTrigger(
                minutes=self.interval_minutes, timezone=settings.TIME_ZONE
            )
        return cron_trigger(self.cron)

    def schedule_text(self) -> str:
        if self.interval_minutes == 1:
            return pgettext("job schedule", "Every minute")
        if self.interval_minutes:
            return ngettext(
                "Every minute", "Every %(count)d minutes", self.interval_minutes
            ) % {"count": self.interval_minutes}
        minute, hour, *rest = self.cron.split()
        if rest == ["*", "*", "*"] and minute.isdigit() and hour.isdigit():
            return gettext("Daily at %(time)s") % {
                "time": f"{int(hour):02d}:{int(minute):02d}"
            }
        return gettext("Cron “%(expression)s”") % {"expression": self.cron}

    def next_due(self, last_started: datetime | None, now: datetime | None = None):
        """When the job is due next: one period after its last run (in the past
        when the scheduler is not running), else the next time from now."""
        now = now or timezone.now()
        return self.trigger().get_next_fire_time(last_started, now)


WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _crontab_weekdays(field: str) -> str:
    """Crontab's day-of-week numbers (0 or 7 = Sunday) as names: APScheduler
    3 reads 0 as Monday (its issue 286), names mean the same to both."""
    names = []
    for part in field.split(","):
        if single := re.fullmatch(r"[0-7]", part):
            names.append(WEEKDAYS[int(single.group())])
        elif span := re.fullmatch(r"([0-7])-([0-7])", part):
            first, last = int(span.group(1)), int(span.group(2))
            if first > last:
                raise ValueError(f"day of week range {part!r} runs backwards")
            names.extend(WEEKDAYS[day] for day in range(first, last + 1))
        elif re.search(r"\d", part):
            raise ValueError(
                f"day of week {part!r}: use 0-7, a range such as 1-5, or names"
            )
        else:
            names.append(part)
    return ",".join(dict.fromkeys(names))


def cron_trigger(expression: str) -> CronTrigger:
    """A trigger for a standard 5-field crontab expression, in TIME_ZONE.
    Raises ValueError when it is not one."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"wrong number of fields: {len(fields)}, expected 5")
    minute, hour, day, month, weekday = fields
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=_crontab_weekdays(weekday),
        timezone=settings.TIME_ZONE,
    )


def _command_output(name: str, *args) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=out)
    return out.getvalue().strip()


def reconcile_payments() -> str:
    out = io.StringIO()
    try:
        call_command("reconcile_payments", stdout=out, stderr=out)
    except SystemExit as exit_:  # the command exits 1 when a payment failed
        raise RuntimeError(out.getvalue().strip()) from exit_
    return out.getvalue().strip()


def learning_waitlist() -> str:
    from market.learning.services.waitlist import waitlist_offers_expire

    return f"offers made: {waitlist_offers_expire()}"


def publish_scheduled() -> str:
    return _command_output("publish_scheduled")


def search_index_pending() -> str:
    from search.indexing import pending_index

    indexed, left = pending_index()
    return f"indexed {indexed} products; {left} changes still queued"


def mail_send_pending() -> str:
    from market.mail.services import emails_send_pending

    counts = emails_send_pending(limit=10_000)
    return "sent {sent}, retrying later {retrying}, failed {failed}".format(**counts)


def webhooks_send_due() -> str:
    from market.webhooks.services import webhook_deliveries_send_due

    counts = webhook_deliveries_send_due(limit=10_000)
    return "delivered {delivered}, retrying later {retrying}, failed {failed}".format(
        **counts
    )


def quotes_follow_up() -> str:
    from checkout.services.balance import balances_remind
    from market.trade.services import quotes_follow_up as follow_up

    counts = follow_up()
    said = "reminded {reminded}, closed {closed}, expired {expired}".format(**counts)
    balances = balances_remind()
    return f"{said}, balances due reminded {balances}" if balances else said


def load_exchange_rates() -> str:
    from market.currencies.services import exchange_rates_load

    source = settings.MARKET_EXCHANGE_RATES_URL
    created = exchange_rates_load(source=source)
    return f"stored {created} exchange rate(s) from {source}"


def payout_run() -> str:
    from market.payouts import selectors, services

    run = services.payout_run_create(created_by=None)
    totals = selectors.run_totals(run)
    return (
        f"payout run #{run.pk}: {totals['count']} payouts, "
        f"{totals['total']} {settings.MARKET_BASE_CURRENCY} "
        f"({totals['pending']} pending, {totals['failed']} failed)"
    )


def clearsessions() -> str:
    return _command_output("clearsessions") or "expired sessions cleared"


def jobs() -> list[Job]:
    """The jobs, in the order staff see them. The exchange rates job exists
    only when MARKET_EXCHANGE_RATES_URL is set, the payout job only when
    MARKET_PAYOUT_SCHEDULE is (a 5-field cron expression)."""
    registry = [
        Job(
            "reconcile_payments",
            reconcile_payments,
            interval_minutes=5,
            title=_("Place paid checkouts, release expired holds"),
        ),
        Job(
            "learning_waitlist",
            learning_waitlist,
            interval_minutes=5,
            title=_("Pass expired waitlist offers on"),
        ),
        Job(
            "publish_scheduled",
            publish_scheduled,
            interval_minutes=1,
            title=_("Publish scheduled pages"),
        ),
        Job(
            "search_index_pending",
            search_index_pending,
            interval_minutes=1,
            title=_("Index pending search changes"),
        ),
        Job(
            "mail_send_pending",
            mail_send_pending,
            interval_minutes=1,
            title=_("Send e-mails waiting in the outbox"),
        ),
        Job(
            "webhooks_send_due",
            webhooks_send_due,
            interval_minutes=1,
            title=_("Send webhooks that are due"),
        ),
        Job(
            "quotes_follow_up",
            quotes_follow_up,
            interval_minutes=60,
            title=_("Remind, close and expire wholesale quote requests"),
        ),
    ]
    if settings.MARKET_EXCHANGE_RATES_URL:
        registry.append(
            Job(
                "load_exchange_rates",
                load_exchange_rates,
                cron="30 6 * * *",
                title=_("Load exchange rates"),
            )
        )
    if settings.MARKET_PAYOUT_SCHEDULE:
        payout = Job(
            "payout_run",
            payout_run,
            cron=settings.MARKET_PAYOUT_SCHEDULE,
            title=_("Pay residents (payout run)"),
        )
        try:
            payout.trigger()
        except ValueError as error:
            raise ImproperlyConfigured(
                f"MARKET_PAYOUT_SCHEDULE {settings.MARKET_PAYOUT_SCHEDULE!r} is "
                f"not a 5-field cron expression: {error}"
            ) from error
        registry.append(payout)
    registry.append(
        Job(
            "clearsessions",
            clearsessions,
            cron="0 4 * * *",
            title=_("Delete expired sessions"),
        )
    )
    return registry


def job_get(name: str) -> Job | None:
    return next((job for job in jobs() if job.name == name), None)


def run_job(job: Job) -> JobRun:
    """Run `job` under its lock and record the run (skipped when the lock is
    held elsewhere). A job that raises is logged and recorded as failed;
    the exception does not propagate."""
    started_at = timezone.now()
    clock = time.monotonic()
    with job_lock(job.name) as acquired:
        if not acquired:
            outcome, message = JobOutcome.SKIPPED, ""
            logger.info("Job %s skipped: it is running elsewhere", job.name)
        else:
            try:
                outcome, message = JobOutcome.OK, job.func() or ""
            except Exception as error:
                logger.exception("Job %s failed", job.name)
                outcome = JobOutcome.FAILED
                detail = "; ".join(getattr(error, "messages", None) or [str(error)])
                message = f"{type(error).__name__}: {detail}"
    finished_at = timezone.now()
    message = " ".join(str(message).split())
    if len(message) > MESSAGE_LENGTH:
        message = message[: MESSAGE_LENGTH - 1] + "…"
    run = JobRun.objects.create(
        job=job.name,
        started_at=started_at,
        finished_at=finished_at,
        duration_ms=round((time.monotonic() - clock) * 1000),
        outcome=outcome,
        message=message,
        hostname=socket.gethostname()[:255],
        pid=os.getpid(),
    )
    if outcome == JobOutcome.OK:
        logger.info("Job %s done in %d ms: %s", job.name, run.duration_ms, message)
    runs_prune(job.name)
    return run


def runs_prune(name: str, keep: int = RUNS_KEPT) -> int:
    """Delete all but the newest `keep` runs of the job `name`."""
    old = list(
        JobRun.objects.filter(job=name)
        .order_by("-started_at", "-pk")
        .values_list("pk", flat=True)[keep:]
    )
    if not old:
        return 0
    return JobRun.objects.filter(pk__in=old).delete()[0]
