"""Run the periodic jobs (market/ops/jobs.py) on their schedules until
SIGTERM or SIGINT, which let running jobs finish first. One process is
enough; two never run a job twice at once (market/ops/locks.py)."""

import logging
import signal
import threading

from apscheduler.events import EVENT_SCHEDULER_STARTED
from apscheduler.schedulers import SchedulerNotRunningError
from django.core.management.base import BaseCommand

from market.ops.scheduler import build_scheduler

logger = logging.getLogger("market.ops.scheduler")


class Command(BaseCommand):
    help = "Run the periodic jobs on their schedules (stop with SIGTERM/SIGINT)."

    def handle(self, *args, **options):
        scheduler = build_scheduler()
        names = ", ".join(job.id for job in scheduler.get_jobs())
        stopping = threading.Event()

        def stop(signum, frame):
            logger.info("Scheduler stopping (signal %s)", signal.Signals(signum).name)
            stopping.set()
            try:
                scheduler.shutdown(wait=True)
            except SchedulerNotRunningError:
                pass  # not started yet: `started` stops it at once

        def started(event):
            if stopping.is_set():
                scheduler.shutdown(wait=False)
                return
            logger.info(
                "Scheduler started with %d jobs: %s", len(scheduler.get_jobs()), names
            )
            self.stdout.write(f"Scheduler started: {names}")
            self.stdout.flush()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        scheduler.add_listener(started, EVENT_SCHEDULER_STARTED)
        scheduler.start()
        logger.info("Scheduler stopped")
        self.stdout.write("Scheduler stopped")
