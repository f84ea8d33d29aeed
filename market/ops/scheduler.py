"""The scheduler process (`manage.py run_scheduler`): APScheduler's
BlockingScheduler runs every job of the registry (market/ops/jobs.py) on its
trigger, each run through `run_job` (lock, record)."""

import logging

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.db import close_old_connections

from . import jobs as registry

logger = logging.getLogger(__name__)


def scheduled_run(name: str) -> None:
    """What the scheduler calls: never raises, so one bad run (even the
    database being away) leaves the scheduler and the other jobs going."""
    close_old_connections()
    try:
        job = registry.job_get(name)
        if job is not None:
            registry.run_job(job)
    except Exception:
        logger.exception("Job %s could not be run", name)
    finally:
        close_old_connections()


def build_scheduler() -> BlockingScheduler:
    """A scheduler (not started) with one APScheduler job per registry job.
    A run that comes due while the previous one still runs is dropped
    (max_instances=1); runs missed while the process was down are coalesced
    into one if within a minute."""
    scheduler = BlockingScheduler(
        executors={"default": ThreadPoolExecutor(max_workers=4)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
        timezone=settings.TIME_ZONE,
    )
    for job in registry.jobs():
        scheduler.add_job(
            scheduled_run,
            trigger=job.trigger(),
            args=[job.name],
            id=job.name,
            name=job.name,
        )
    return scheduler
