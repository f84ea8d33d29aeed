"""The scheduler: one registry of periodic jobs, each run under a lock and
recorded (ok, failed or skipped), `manage.py run_job`, `manage.py
run_scheduler`, and staff's page /cms/jobs/. SQLite here (the lease lock);
the PostgreSQL advisory lock is in test_scheduler_pg.py."""

import http.server
import os
import re
import signal
import subprocess
import sys
import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from market.currencies.models import ExchangeRate
from market.ops import jobs as registry
from market.ops.jobs import Job, jobs, run_job, runs_prune
from market.ops.models import JobLease, JobRun
from market.ops.scheduler import build_scheduler, scheduled_run
from tests.factories import UserFactory

DEMO = Path(django_settings.BASE_DIR) / "market" / "demo"

ALWAYS = [
    ("reconcile_payments", "interval[0:05:00]", "Every 5 minutes"),
    ("learning_waitlist", "interval[0:05:00]", "Every 5 minutes"),
    ("publish_scheduled", "interval[0:01:00]", "Every minute"),
    ("search_index_pending", "interval[0:01:00]", "Every minute"),
    ("mail_send_pending", "interval[0:01:00]", "Every minute"),
    ("webhooks_send_due", "interval[0:01:00]", "Every minute"),
    ("quotes_follow_up", "interval[1:00:00]", "Every 60 minutes"),
]
CLEARSESSIONS = (
    "clearsessions",
    "cron[month='*', day='*', day_of_week='*', hour='4', minute='0']",
    "Daily at 04:00",
)


def _table(jobs_list):
    return [(job.name, str(job.trigger()), job.schedule_text()) for job in jobs_list]


def _sqlite_lease_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's lease; PostgreSQL's advisory lock: test_scheduler_pg.py")


@pytest.fixture
def no_optional_jobs(settings):
    settings.MARKET_EXCHANGE_RATES_URL = ""
    settings.MARKET_PAYOUT_SCHEDULE = ""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def rates_server():
    """A real HTTP server, in a thread, serving market/demo/."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(DEMO))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_registry_without_the_optional_jobs(no_optional_jobs):
    from django.utils import translation

    with translation.override("en"):
        assert _table(jobs()) == [*ALWAYS, CLEARSESSIONS]


def test_the_registry_with_exchange_rates_and_payouts(settings):
    from django.utils import translation

    settings.MARKET_EXCHANGE_RATES_URL = "https://rates.example.az/azn.json"
    settings.MARKET_PAYOUT_SCHEDULE = "0 10 * * 1"

    with translation.override("en"):
        assert _table(jobs()) == [
            *ALWAYS,
            (
                "load_exchange_rates",
                "cron[month='*', day='*', day_of_week='*', hour='6', minute='30']",
                "Daily at 06:30",
            ),
            (
                "payout_run",
                "cron[month='*', day='*', day_of_week='mon', hour='10', minute='0']",
                "Cron “0 10 * * 1”",
            ),
            CLEARSESSIONS,
        ]
    assert {str(job.trigger().timezone) for job in jobs()} == {"Asia/Baku"}


@pytest.mark.parametrize(
    ("expression", "weekdays", "next_due"),
    [
        ("0 10 * * 1", "mon", "2026-12-07 10:00 Monday"),
        ("0 10 * * 0", "sun", "2026-12-06 10:00 Sunday"),
        ("0 10 * * 7", "sun", "2026-12-06 10:00 Sunday"),
        ("0 10 * * 5-6", "fri,sat", "2026-12-05 10:00 Saturday"),
        ("0 10 * * 2,4", "tue,thu", "2026-12-08 10:00 Tuesday"),
        ("0 10 * * mon", "mon", "2026-12-07 10:00 Monday"),
    ],
)
def test_payout_weekdays_are_read_as_crontab_reads_them(
    settings, expression, weekdays, next_due
):
    """Crontab's 1 is Monday and 0 or 7 Sunday (APScheduler 3's 0 is Monday)."""
    settings.MARKET_PAYOUT_SCHEDULE = expression
    payout = registry.job_get("payout_run")
    friday_noon = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)  # 12:00 in Baku

    due = payout.next_due(None, friday_noon)

    assert str(payout.trigger()).split("day_of_week='")[1].split("'")[0] == weekdays
    assert due.strftime("%Y-%m-%d %H:%M %A") == next_due


@pytest.mark.parametrize(
    "expression",
    ["0 10 * *", "61 10 * * 1", "every monday", "0 10 * * 8", "0 10 * * 6-1"],
)
def test_a_payout_schedule_that_is_not_cron_is_refused(settings, expression):
    settings.MARKET_PAYOUT_SCHEDULE = expression

    with pytest.raises(ImproperlyConfigured, match="MARKET_PAYOUT_SCHEDULE"):
        jobs()


def test_the_scheduler_gets_every_job_of_the_registry(settings):
    settings.MARKET_EXCHANGE_RATES_URL = "https://rates.example.az/azn.json"
    settings.MARKET_PAYOUT_SCHEDULE = "0 10 * * 1"

    scheduler = build_scheduler()

    assert [
        (job.id, str(job.trigger), job.func, job.args) for job in scheduler.get_jobs()
    ] == [(job.name, str(job.trigger()), scheduled_run, (job.name,)) for job in jobs()]
    assert scheduler.running is False


def test_run_scheduler_starts_and_stops_on_sigterm(tmp_path):
    """The real command in a process of its own (it touches no database
    before a job comes due, a minute after start at the earliest)."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler"],
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={
            **os.environ,
            "MARKET_EXCHANGE_RATES_URL": "",
            "MARKET_PAYOUT_SCHEDULE": "",
        },
    )
    try:
        first = process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        rest, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()

    assert first == (
        "Scheduler started: reconcile_payments, learning_waitlist, "
        "publish_scheduled, search_index_pending, mail_send_pending, "
        "webhooks_send_due, quotes_follow_up, clearsessions\n"
    )
    assert rest == "Scheduler stopped\n"
    assert process.returncode == 0


@pytest.mark.django_db
def test_a_run_is_recorded_with_its_duration_and_summary(no_optional_jobs):
    before = timezone.now()

    run = run_job(registry.job_get("learning_waitlist"))

    after = timezone.now()
    assert JobRun.objects.get() == run
    assert (run.job, run.outcome, run.message, run.pid) == (
        "learning_waitlist",
        "ok",
        "offers made: 0",
        os.getpid(),
    )
    assert before <= run.started_at <= run.finished_at <= after
    elapsed_ms = (run.finished_at - run.started_at) / timedelta(milliseconds=1)
    assert 0 <= run.duration_ms <= elapsed_ms + 1
    assert run.hostname == os.uname().nodename
    if connection.vendor == "sqlite":  # the lease is given back
        assert JobLease.objects.get(job="learning_waitlist").holder == ""
    else:  # PostgreSQL's advisory lock leaves no row
        assert not JobLease.objects.exists()


@pytest.mark.django_db
def test_a_live_lease_skips_the_run_without_calling_the_job():
    _sqlite_lease_only()
    calls = []
    job = Job(
        "learning_waitlist", lambda: calls.append(1) or "done", interval_minutes=5
    )
    expires_at = timezone.now() + timedelta(minutes=30)
    JobLease.objects.create(
        job="learning_waitlist", holder="web-2:4242:abcd", expires_at=expires_at
    )

    run = run_job(job)

    assert (run.outcome, run.message, run.duration_ms) == (
        "skipped",
        "",
        run.duration_ms,
    )
    assert calls == []
    lease = JobLease.objects.get()
    assert (lease.holder, lease.expires_at) == ("web-2:4242:abcd", expires_at)


@pytest.mark.django_db
def test_an_expired_lease_no_longer_blocks_the_job():
    _sqlite_lease_only()
    calls = []
    job = Job(
        "learning_waitlist", lambda: calls.append(1) or "done", interval_minutes=5
    )
    JobLease.objects.create(
        job="learning_waitlist",
        holder="web-2:4242:abcd",
        expires_at=timezone.now() - timedelta(seconds=1),
    )

    run = run_job(job)

    assert (run.outcome, run.message) == ("ok", "done")
    assert calls == [1]
    assert JobLease.objects.get().holder == ""


@pytest.mark.django_db
def test_only_the_newest_200_runs_of_a_job_are_kept():
    start = datetime(2026, 12, 1, tzinfo=UTC)

    def _run(job, minutes):
        at = start + timedelta(minutes=minutes)
        return JobRun(
            job=job,
            started_at=at,
            finished_at=at,
            duration_ms=1,
            outcome="ok",
            hostname="h",
            pid=1,
        )

    JobRun.objects.bulk_create(
        [_run("mail_send_pending", n) for n in range(199)]
        + [_run("publish_scheduled", n) for n in range(3)]
    )

    newest = run_job(Job("mail_send_pending", lambda: "sent 0", interval_minutes=1))
    run_job(Job("mail_send_pending", lambda: "sent 0", interval_minutes=1))

    kept = JobRun.objects.filter(job="mail_send_pending").order_by("started_at")
    assert kept.count() == 200
    assert kept.first().started_at == start + timedelta(minutes=1)
    assert kept.filter(pk=newest.pk).exists()
    assert JobRun.objects.filter(job="publish_scheduled").count() == 3
    assert runs_prune("publish_scheduled", keep=2) == 1


@pytest.mark.django_db
def test_the_exchange_rates_job_loads_the_rates_from_the_configured_url(
    settings, rates_server
):
    settings.MARKET_EXCHANGE_RATES_URL = f"{rates_server}/exchange_rates.json"

    call_command("run_job", "load_exchange_rates")

    run = JobRun.objects.get()
    assert (run.job, run.outcome, run.message) == (
        "load_exchange_rates",
        "ok",
        f"stored 2 exchange rate(s) from {rates_server}/exchange_rates.json",
    )
    assert sorted(
        ExchangeRate.objects.values_list("currency", "rate", "effective_date", "source")
    ) == [
        (
            "EUR",
            Decimal("0.54"),
            date(2026, 11, 27),
            settings.MARKET_EXCHANGE_RATES_URL,
        ),
        (
            "USD",
            Decimal("0.5882"),
            date(2026, 11, 27),
            settings.MARKET_EXCHANGE_RATES_URL,
        ),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_recorded_and_the_next_job_still_runs(settings, rates_server):
    """As the scheduler calls them: the failure does not escape."""
    settings.MARKET_EXCHANGE_RATES_URL = f"{rates_server}/missing.json"

    scheduled_run("load_exchange_rates")
    scheduled_run("learning_waitlist")

    assert list(
        JobRun.objects.order_by("pk").values_list("job", "outcome", "message")
    ) == [
        (
            "load_exchange_rates",
            "failed",
            "ValidationError: Could not fetch exchange rates from "
            f"{rates_server}/missing.json: HTTP 404.",
        ),
        ("learning_waitlist", "ok", "offers made: 0"),
    ]
    assert not ExchangeRate.objects.exists()


@pytest.mark.django_db
def test_run_job_names_the_jobs_when_the_name_is_unknown(no_optional_jobs):
    with pytest.raises(CommandError) as refusal:
        call_command("run_job", "payouts")

    assert str(refusal.value) == (
        "No job 'payouts'. The jobs: reconcile_payments, learning_waitlist, "
        "publish_scheduled, search_index_pending, mail_send_pending, "
        "webhooks_send_due, quotes_follow_up, clearsessions."
    )
    assert not JobRun.objects.exists()


@pytest.mark.django_db
def test_run_job_prints_the_outcome(no_optional_jobs, capsys):
    call_command("run_job", "learning_waitlist")

    run = JobRun.objects.get()
    assert capsys.readouterr().out == (
        f"learning_waitlist: ok in {run.duration_ms} ms: offers made: 0\n"
    )


def _row(html, row_id):
    match = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S)
    assert match, row_id
    cells = re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in cells]


@pytest.mark.django_db
def test_staff_see_each_job_with_its_last_run_and_when_it_is_due(
    client, staff, no_optional_jobs
):
    run = JobRun.objects.create(
        job="learning_waitlist",
        started_at=datetime(2026, 12, 4, 6, 0, 0, tzinfo=UTC),  # 10:00 in Baku
        finished_at=datetime(2026, 12, 4, 6, 0, 1, 234000, tzinfo=UTC),
        duration_ms=1234,
        outcome="failed",
        message="OperationalError: database is locked",
        hostname="web-1",
        pid=4242,
    )
    client.force_login(staff)

    listing = client.get(reverse("ops_jobs"), HTTP_ACCEPT_LANGUAGE="en")
    detail = client.get(
        reverse("ops_job", args=["learning_waitlist"]), HTTP_ACCEPT_LANGUAGE="en"
    )

    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Times are in the Centre's time zone (Asia/Baku)." in html
    assert _row(html, "job-learning_waitlist") == [
        "Pass expired waitlist offers on learning_waitlist",
        "Every 5 minutes",
        "2026-12-04 10:00:00",
        "Failed",
        "1234 ms",
        "2026-12-04 10:05:00",
    ]
    assert _row(html, "job-clearsessions")[:3] == [
        "Delete expired sessions clearsessions",
        "Daily at 04:00",
        "Never run",
    ]
    assert len(re.findall(r'<tr id="job-', html)) == 8
    assert detail.status_code == 200
    assert _row(detail.content.decode(), f"run-{run.pk}") == [
        "2026-12-04 10:00:00",
        "2026-12-04 10:00:01",
        "1234 ms",
        "Failed",
        "OperationalError: database is locked",
        "web-1 (4242)",
    ]


@pytest.mark.django_db
def test_a_user_given_the_permission_sees_the_jobs(client, no_optional_jobs):
    operator = UserFactory(email="ops@example.az", is_staff=True)
    group = Group.objects.create(name="Operators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_jobrun"),
    )
    operator.groups.add(group)
    client.force_login(operator)

    page = client.get(reverse("ops_jobs"), HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    assert "job-learning_waitlist" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["buyer", "owner", "admin_user"])
def test_others_are_refused_and_see_nothing(client, request, who, no_optional_jobs):
    if who == "admin_user":  # may use the admin, not this page
        user = UserFactory(email="editor@example.az", is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    else:
        user = request.getfixturevalue(who)
    JobRun.objects.create(
        job="learning_waitlist",
        started_at=timezone.now(),
        finished_at=timezone.now(),
        duration_ms=5,
        outcome="ok",
        message="offers made: 3",
        hostname="web-1",
        pid=1,
    )
    client.force_login(user)

    pages = [
        client.get(reverse("ops_jobs")),
        client.get(reverse("ops_job", args=["learning_waitlist"])),
    ]

    for page in pages:
        assert "learning_waitlist" not in page.content.decode()
        assert "offers made" not in page.content.decode()
    # Wagtail sends those without admin access to its login page, and those
    # refused by the view to the dashboard ("you do not have permission").
    expected = (
        reverse("wagtailadmin_home")
        if who == "admin_user"
        else reverse("wagtailadmin_login") + "?next="
    )
    assert [
        (
            page.status_code,
            page.url.split("?next=")[0] + ("?next=" if "?next=" in page.url else ""),
        )
        for page in pages
    ] == [(302, expected)] * 2
    assert JobRun.objects.count() == 1
