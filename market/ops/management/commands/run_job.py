"""Run one periodic job now, under the same lock as the scheduler, and print
its outcome: `manage.py run_job <name>`."""

from django.core.management.base import BaseCommand, CommandError

from market.ops.jobs import job_get, jobs, run_job
from market.ops.models import JobOutcome


class Command(BaseCommand):
    help = "Run one periodic job now (same lock as the scheduler)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="The job's name (see /cms/jobs/).")

    def handle(self, *args, name, **options):
        job = job_get(name)
        if job is None:
            names = ", ".join(job.name for job in jobs())
            raise CommandError(f"No job {name!r}. The jobs: {names}.")
        run = run_job(job)
        line = f"{run.job}: {run.outcome} in {run.duration_ms} ms"
        if run.message:
            line += f": {run.message}"
        if run.outcome == JobOutcome.FAILED:
            raise CommandError(line)
        self.stdout.write(line)
