"""The periodic jobs in the Wagtail admin (/cms/jobs/): each job's schedule,
last run and when it is due next, and a job's last runs."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from .jobs import job_get, jobs
from .models import JobRun

PERMISSION = "ops.view_jobrun"
RUNS_SHOWN = 50


def can_view(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


def _check(request):
    if not can_view(request.user):
        raise PermissionDenied


def jobs_list(request):
    _check(request)
    now = timezone.now()
    rows = []
    for job in jobs():
        last = (
            JobRun.objects.filter(job=job.name).order_by("-started_at", "-pk").first()
        )
        rows.append(
            {
                "job": job,
                "schedule": job.schedule_text(),
                "last": last,
                "next_due": job.next_due(last.started_at if last else None, now),
            }
        )
    return TemplateResponse(
        request,
        "market/ops/admin/jobs.html",
        {"rows": rows, "TIME_ZONE": settings.TIME_ZONE},
    )


def job_detail(request, name: str):
    _check(request)
    job = job_get(name)
    if job is None:
        raise Http404
    runs = JobRun.objects.filter(job=name).order_by("-started_at", "-pk")[:RUNS_SHOWN]
    return TemplateResponse(
        request,
        "market/ops/admin/job.html",
        {"job": job, "schedule": job.schedule_text(), "runs": runs},
    )
