from django.db import models
from django.utils.translation import gettext_lazy as _


class JobOutcome(models.TextChoices):
    OK = "ok", _("Succeeded")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped (already running)")


class JobRun(models.Model):
    """One run of a periodic job (market/ops/jobs.py), by the scheduler or by
    `manage.py run_job`. Only the newest runs of each job are kept
    (market.ops.jobs.RUNS_KEPT)."""

    job = models.CharField(_("job"), max_length=64)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=JobOutcome.choices)
    message = models.CharField(_("message"), max_length=500, blank=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        indexes = [
            models.Index(fields=["job", "-started_at"], name="ops_jobrun_job_started")
        ]

    def __str__(self):
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M:%S} {self.outcome}"


class JobLease(models.Model):
    """Who runs a job right now, where PostgreSQL's advisory locks are not
    available (SQLite, one machine): taken by a conditional UPDATE
    (market/ops/locks.py), given back when the run ends, and void after
    `expires_at` (a process that died holding it blocks nobody for long)."""

    job = models.CharField(_("job"), max_length=64, primary_key=True)
    holder = models.CharField(_("holder"), max_length=100, blank=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("job lease")
        verbose_name_plural = _("job leases")

    def __str__(self):
        return f"{self.job}: {self.holder or '-'}"
