"""deploy/entrypoint.sh, run here as the container runs it (issue 18).

Docker cannot run on these machines, so CI runs the container's entrypoint
outside a container: on a PostgreSQL database of its own
(market_entrypoint_test, created and dropped here), with the production
settings and placeholder secrets, as real subprocesses (gunicorn, the task
worker, the scheduler) that get a real SIGTERM.
"""

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

ROOT = Path(__file__).resolve().parents[3]
ENTRYPOINT = ROOT / "deploy" / "entrypoint.sh"
DATABASE = "market_entrypoint_test"
HOST = "market.entrypoint.test"
# Seconds a process may take to start or stop before the test gives up on it
# (a deadline for a hung process, not a measurement).
START_DEADLINE = 60
STOP_DEADLINE = 15

USAGE = (
    "usage: {0} {{web|worker|scheduler|release|check|manage}} [arguments...]\n"
    "  web        serve HTTP with gunicorn (PORT, default 8000; WEB_CONCURRENCY"
    " workers)\n"
    "  worker     run the background task worker (manage.py db_worker)\n"
    "  scheduler  run the periodic jobs (manage.py run_scheduler)\n"
    "  release    apply migrations (once per release, before new web processes)\n"
    "  check      check --deploy (warnings fail) and no unapplied migration\n"
    "  manage     run a manage.py command\n"
)


def _server_url(database: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{database}"


def _admin():
    return psycopg.connect(_server_url("postgres"), autocommit=True)


@pytest.fixture(scope="module")
def database_url():
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        sql.Identifier(DATABASE)
    )
    with _admin() as admin:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    yield _server_url(DATABASE)
    with _admin() as admin:
        admin.execute(drop)


@pytest.fixture(scope="module")
def production_env(database_url):
    """The production settings with what they require, and placeholders."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "STRIPE_", "MARKET_", "ELASTICSEARCH_"))
        and key not in {"DATABASE_URL", "CACHE_URL", "REDIS_URL", "PORT", "HOST"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="market.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        DJANGO_ALLOWED_HOSTS=HOST,
        REDIS_URL="rediscache://127.0.0.1:6379/7",
        STRIPE_SECRET_KEY="sk_test_placeholder",
        STRIPE_WEBHOOK_SECRET="whsec_placeholder",
        MARKET_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        # No TLS-terminating proxy in front of this test.
        DJANGO_SECURE_SSL_REDIRECT="false",
    )
    return env


def _run(env, *args):
    return subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [str(ENTRYPOINT), *args],
        env=env,
        cwd="/",  # the script finds the project from its own path
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _applied(database_url) -> int:
    with psycopg.connect(database_url) as conn:
        return conn.execute("SELECT count(*) FROM django_migrations").fetchone()[0]


@pytest.fixture(scope="module")
def released(production_env, database_url):
    """`release` once on the fresh database (migrating takes about a minute)."""
    return _run(production_env, "release")


@pytest.mark.postgres
def test_release_migrates_a_fresh_database(released, production_env):
    assert released.returncode == 0, released.stderr
    assert "Applying contenttypes.0001_initial... OK" in released.stdout
    pending = _run(production_env, "manage", "migrate", "--check")
    assert pending.returncode == 0, pending.stdout + pending.stderr


@pytest.mark.postgres
def test_release_again_changes_nothing(released, production_env, database_url):
    before = _applied(database_url)
    again = _run(production_env, "release")
    assert again.returncode == 0, again.stderr
    assert "No migrations to apply." in again.stdout
    assert "Applying" not in again.stdout
    assert _applied(database_url) == before


@pytest.mark.postgres
def test_check_passes_behind_tls_and_fails_without_it(released, production_env):
    secure = _run(production_env | {"DJANGO_SECURE_SSL_REDIRECT": "true"}, "check")
    assert secure.returncode == 0, secure.stdout + secure.stderr
    assert "System check identified no issues (2 silenced)." in secure.stdout
    # The same settings without the HTTPS redirect: a warning, and a failure.
    plain = _run(production_env, "check")
    assert plain.returncode == 1
    assert "(security.W008)" in plain.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(env, tmp_path, *args):
    path = tmp_path / "process.log"
    with path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 (our own script, fixed arguments)
            [str(ENTRYPOINT), *args],
            env=env,
            cwd="/",
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return process, path


def _wait_for(predicate, process, log):
    deadline = time.monotonic() + START_DEADLINE
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"exited with {process.returncode}:\n{log.read_text()}")
        if predicate():
            return
        time.sleep(0.2)
    process.kill()
    pytest.fail(f"did not start:\n{log.read_text()}")


def _command_line(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]


def _connected_to_postgres(process) -> bool:
    """Whether the process holds a TCP connection to PostgreSQL's port."""
    port = int(settings.DATABASES["default"].get("PORT") or 5432)
    sockets = set()
    for fd in Path(f"/proc/{process.pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            sockets.add(target[len("socket:[") : -1])
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            remote_port = int(fields[2].rsplit(":", 1)[1], 16)
            if remote_port == port and fields[9] in sockets:
                return True
    return False


def _stop(process, log) -> int:
    """SIGTERM to the process the entrypoint started (exec: the same pid)."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=STOP_DEADLINE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(f"still running after SIGTERM:\n{log.read_text()}")


def _get(port, path, host):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.mark.postgres
def test_web_serves_then_stops_on_sigterm(released, production_env, tmp_path):
    port = _free_port()
    env = production_env | {"PORT": str(port), "WEB_CONCURRENCY": "1"}
    process, log = _start(env, tmp_path, "web")

    def listening():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    try:
        _wait_for(listening, process, log)
        # exec: the pid the shell had is now gunicorn's master.
        assert _command_line(process.pid)[1:3] == ["-m", "gunicorn"]
        # Bound on every interface (a container's port), not only loopback.
        assert f"Listening at: http://0.0.0.0:{port}" in log.read_text()

        status, headers, body = _get(port, "/healthz", "10.0.0.1")
        assert (status, json.loads(body)) == (200, {"status": "ok"})
        assert headers["Content-Type"] == "application/json"

        # A freshly migrated site: Wagtail's root page, served at "/".
        status, headers, body = _get(port, "/", HOST)
        assert status == 200, body[:2000]
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        # Not an allowed host: refused.
        status, _, _ = _get(port, "/", "elsewhere.example")
        assert status == 400
    finally:
        returncode = _stop(process, log)
    assert returncode == 0, log.read_text()
    assert "Shutting down: Master" in log.read_text()


@pytest.mark.postgres
def test_worker_starts_and_stops_on_sigterm(released, production_env, tmp_path):
    process, log = _start(production_env, tmp_path, "worker")
    try:
        _wait_for(lambda: "Starting worker" in log.read_text(), process, log)
        assert _command_line(process.pid)[1:4] == [
            "manage.py",
            "db_worker",
            "--no-reload",
        ]
    finally:
        returncode = _stop(process, log)
    assert returncode == 0, log.read_text()


@pytest.mark.postgres
def test_scheduler_starts_and_stops_on_sigterm(released, production_env, tmp_path):
    """Needs `manage.py run_scheduler` (market/ops, branch i18-sched)."""
    process, log = _start(production_env, tmp_path, "scheduler")
    try:
        # Started: still running, and it has said something or connected to
        # PostgreSQL (a missing or broken command exits, which fails the wait).
        _wait_for(
            lambda: log.read_text().strip() != "" or _connected_to_postgres(process),
            process,
            log,
        )
        assert _command_line(process.pid)[1:3] == ["manage.py", "run_scheduler"]
    finally:
        returncode = _stop(process, log)
    assert returncode == 0, log.read_text()


@pytest.mark.parametrize("args", [["bogus"], []])
def test_unknown_command_prints_usage_and_exits_2(args):
    result = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [str(ENTRYPOINT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    expected = USAGE.format(ENTRYPOINT)
    if args:
        expected = f"{ENTRYPOINT}: unknown command: bogus\n" + expected
    assert result.stderr == expected
