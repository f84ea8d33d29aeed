"""The development server and the test server leave no PostgreSQL connection
behind a request. Both serve each request on a new thread; a persistent
connection (CONN_MAX_AGE > 0) outlived its thread, and they piled up until
PostgreSQL refused everyone. Persistent connections are production's."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = 30


def _count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )
        return cursor.fetchone()[0]


def _backends(at_most: int = 0) -> int:
    """Connections to the test database other than this test's own.

    A server thread closes its connection just after the client has read the
    response, and PostgreSQL drops the backend a moment later: wait up to two
    seconds for the count to settle at `at_most` or below. A leak does not
    settle (30 requests would leave up to 30 connections)."""
    deadline = time.monotonic() + 2
    while (count := _count()) > at_most and time.monotonic() < deadline:
        time.sleep(0.05)
    return count


def _get(url: str, times: int) -> list[int]:
    """`times` requests, each on a connection of its own (so a new server
    thread each)."""
    statuses = []
    for _ in range(times):
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            response.read()
            statuses.append(response.status)
    return statuses


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    given = connection.settings_dict
    password = f":{given['PASSWORD']}" if given["PASSWORD"] else ""
    return (
        f"postgres://{given['USER']}{password}@{given['HOST'] or '127.0.0.1'}:"
        f"{given['PORT'] or 5432}/{given['NAME']}"
    )


def test_settings_outside_production_keep_no_connection():
    assert connection.settings_dict["CONN_MAX_AGE"] == 0


def test_the_test_server_leaves_no_connection_per_request(live_server):
    url = live_server.url + reverse("basket:summary")
    _get(url, 1)
    before = _backends()

    statuses = _get(url, REQUESTS)

    assert statuses == [200] * REQUESTS
    # Before is 0 unless an earlier test's thread still holds a connection.
    assert _backends(at_most=before) == before


@pytest.fixture
def runserver():
    """`manage.py runserver` (development settings) on the test database."""
    port = _free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "market.settings.dev",
        "DATABASE_URL": _database_url(),
    }
    process = subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
        [
            sys.executable,
            "manage.py",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--skip-checks",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=5)  # noqa: S310
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"runserver did not start: {process.stderr.read()}")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_the_development_server_leaves_no_connection_per_request(runserver):
    url = runserver + reverse("basket:summary")
    _get(url, 3)
    # The server's main thread may keep the one connection of its start-up.
    before = _backends(at_most=1)

    statuses = _get(url, REQUESTS)
    after = _backends(at_most=before)
    statuses += _get(url, REQUESTS)

    assert statuses == [200] * 2 * REQUESTS
    assert before <= 1
    assert after == before
    assert _backends(at_most=before) == before
