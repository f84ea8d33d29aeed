"""Run the periodic jobs (market/ops/jobs.py) on their schedules until
SIGTERM or SIGINT; one process is enough (two never run a job twice at once,
see market/ops/locks.py)."""

import logging
import signal

from apscheduler.schedulers import SchedulerNotRunningError
from django.core.management.base import BaseCommand

from market.ops.scheduler import build_scheduler

logger = logging.getLogger("market.ops.scheduler")


class Command(BaseCommand):
    help = "Run the periodic jobs on their schedules (stop with SIGTERM/SIGINT)."

    def handle(self, *args, **options):
        scheduler = build_scheduler()

        def stop(signum, frame):
            logger.info("Scheduler stopping (signal %s)", signal.Signals(signum).name)
            try:
                scheduler.shutdown(wait=True)
            except SchedulerNotRunningError:
                pass

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        names = ", ".join(job.id for job in scheduler.get_jobs())
        logger.info(
            "Scheduler started with %d jobs: %s", len(scheduler.get_jobs()), names
        )
        self.stdout.write(f"Scheduler started: {names}")
        self.stdout.flush()
        scheduler.start()
        logger.info("Scheduler stopped")
        self.stdout.write("Scheduler stopped")
