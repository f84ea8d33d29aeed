"""Log lines: the request id (kept from X-Request-ID when sane, made
otherwise, answered in the response), one access line per request with no
query string and no secret path part, JSON in production's settings, and the
id carried into the tasks a request enqueues."""

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, reverse
from django_tasks import task

from market.ops import requestid
from market.ops.logging import JsonFormatter, RequestIdFilter

ROOT = Path(__file__).resolve().parents[3]
HEX_ID = re.compile(r"[0-9a-f]{32}")
task_logger = logging.getLogger("tests.market.ops.task")


@task()
def log_in_task(word: str) -> str:
    task_logger.info("task says %s", word)
    return word


def _enqueue_view(request):
    log_in_task.enqueue("hello")
    return HttpResponse("queued")


urlpatterns = [path("enqueue/", _enqueue_view, name="enqueue")]


@pytest.fixture
def json_lines():
    """Every record written, formatted as production formats it (the
    filter and formatter of market/ops/logging.py on a handler of the root
    logger, INFO and above)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


def _access(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "market.access"]


@pytest.mark.django_db
def test_a_sane_request_id_is_kept_answered_and_logged(client, json_lines):
    response = client.get(
        "/robots.txt?token=s3cret-query",
        HTTP_X_REQUEST_ID="lb-42.a_B",
        HTTP_COOKIE="sessionid=c00kie-value",
    )

    assert response.status_code == 200
    assert response["X-Request-ID"] == "lb-42.a_B"
    [line] = _access(json_lines())
    assert line["request_id"] == "lb-42.a_B"
    assert line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"], line["route"]) == (
        "GET",
        "/robots.txt",
        200,
        "robots-txt",
    )
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] >= 0
    assert line["message"] == f"GET /robots.txt 200 {line['duration_ms']:.1f} ms"
    assert "timestamp" in line
    text = json.dumps(line)
    assert "s3cret-query" not in text
    assert "c00kie-value" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given", ["", "has space", "x" * 65, "ünicode", "a/b", "id\nforged-line"]
)
def test_an_insane_request_id_is_replaced_by_a_new_one(client, json_lines, given):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID=given)

    made = response["X-Request-ID"]
    assert HEX_ID.fullmatch(made)
    assert made != given
    [line] = _access(json_lines())
    assert line["request_id"] == made


@pytest.mark.django_db
def test_each_request_gets_its_own_id(client):
    first = client.get("/robots.txt")["X-Request-ID"]
    second = client.get("/robots.txt")["X-Request-ID"]

    assert HEX_ID.fullmatch(first)
    assert HEX_ID.fullmatch(second)
    assert first != second
    assert requestid.current() is None


@pytest.mark.django_db
def test_secret_tokens_in_paths_never_reach_the_access_log(client, json_lines):
    url = reverse("downloads:file", kwargs={"token": "T0kenOfAFile"})

    client.get(url)

    [line] = _access(json_lines())
    assert line["path"] == url.replace("T0kenOfAFile", "[redacted]")
    assert line["route"] == "downloads:file"
    assert "T0kenOfAFile" not in json.dumps(line)


def test_records_outside_a_request_have_no_request_id_and_inside_have_it(json_lines):
    logger = logging.getLogger("tests.market.ops")

    logger.warning("outside")
    with requestid.bound("cmd-7"):
        logger.warning("inside")

    outside, inside = json_lines()
    assert (outside["message"], outside["request_id"]) == ("outside", None)
    assert (inside["message"], inside["request_id"]) == ("inside", "cmd-7")


# --- tasks --------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_task_run_inline_logs_the_request_id_of_its_request(client, json_lines):
    response = client.get("/enqueue/", HTTP_X_REQUEST_ID="inline-1")

    assert response.content == b"queued"
    [line] = [line for line in json_lines() if line["logger"] == task_logger.name]
    assert (line["message"], line["request_id"]) == ("task says hello", "inline-1")


@pytest.mark.django_db
@override_settings(
    ROOT_URLCONF=__name__,
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
)
def test_a_task_run_later_by_a_worker_logs_the_request_id_of_its_request(
    client, json_lines
):
    """The worker's own run_task() runs the row; its polling loop is not used
    because it closes the database connection, which would end the test's
    transaction."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    response = client.get("/enqueue/", HTTP_X_REQUEST_ID="queued-7")
    row = DBTaskResult.objects.get()
    assert row.status == "READY"
    assert row.args_kwargs == {
        "args": ["hello"],
        "kwargs": {},
        "request_id": "queued-7",
    }
    assert requestid.current() is None
    assert not [line for line in json_lines() if line["logger"] == task_logger.name]

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="worker-1",
        excluded_queue_names=[],
    )
    row.claim(worker.worker_id)
    worker.run_task(row)

    row.refresh_from_db()
    assert response["X-Request-ID"] == "queued-7"
    assert (row.status, row.return_value) == ("SUCCESSFUL", "hello")
    [line] = [line for line in json_lines() if line["logger"] == task_logger.name]
    assert (line["message"], line["request_id"]) == ("task says hello", "queued-7")
    # The task's id does not outlive the task.
    assert requestid.current() is None


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_task_enqueued_outside_a_request_carries_no_request_id():
    from django_tasks_db.models import DBTaskResult

    log_in_task.enqueue("bare")

    assert DBTaskResult.objects.get().args_kwargs == {"args": ["bare"], "kwargs": {}}


# --- the settings of each environment --------------------------------------------

WRITE = """
import logging
import django
django.setup()
from market.ops import requestid
with requestid.bound("rid-9"):
    logging.getLogger("market.demo_line").info("info line")
    logging.getLogger("market.demo_line").warning("warning line")
"""


def _lines(tmp_path: Path, settings_module: str, **env: str) -> list[str]:
    ours = ("DJANGO_", "SENTRY_", "DATABASE_", "REDIS_", "CACHE_", "MARKET_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    result = subprocess.run(  # noqa: S603 (our interpreter, fixed code)
        [sys.executable, "-c", WRITE],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "DJANGO_SECRET_KEY": "test-only",
            "DJANGO_ALLOWED_HOSTS": "market.example",
            "STRIPE_SECRET_KEY": "sk_test_x",
            "STRIPE_WEBHOOK_SECRET": "whsec_x",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()


@pytest.mark.parametrize(
    "module", ["market.settings.production", "market.settings.serve"]
)
def test_production_and_serve_write_json_at_info(tmp_path, module):
    lines = [json.loads(line) for line in _lines(tmp_path, module)]

    assert [(line["level"], line["message"]) for line in lines] == [
        ("INFO", "info line"),
        ("WARNING", "warning line"),
    ]
    assert {line["request_id"] for line in lines} == {"rid-9"}
    assert {line["logger"] for line in lines} == {"market.demo_line"}


def test_the_level_comes_from_the_environment(tmp_path):
    lines = _lines(tmp_path, "market.settings.production", DJANGO_LOG_LEVEL="warning")

    assert [json.loads(line)["message"] for line in lines] == ["warning line"]


def test_development_writes_readable_text_unless_asked_for_json(tmp_path):
    plain = _lines(tmp_path, "market.settings.dev")
    asked = _lines(
        tmp_path,
        "market.settings.dev",
        DJANGO_LOG_FORMAT="json",
        DJANGO_LOG_LEVEL="INFO",
    )

    assert plain == ["WARNING market.demo_line [rid-9]: warning line"]
    assert [json.loads(line)["message"] for line in asked] == [
        "info line",
        "warning line",
    ]


def test_json_lines_keep_azerbaijani_and_russian_letters_readable():
    from market.ops.logging import JsonFormatter

    record = logging.LogRecord(
        "market.test", logging.INFO, __file__, 1, "Şəki xalçası, ковёр", None, None
    )

    line = JsonFormatter().format(record)

    assert '"message": "Şəki xalçası, ковёр"' in line
    assert json.loads(line)["message"] == "Şəki xalçası, ковёр"
