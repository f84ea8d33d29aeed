"""Error reports through Sentry's SDK when SENTRY_DSN is set: sent to a real
HTTP server standing in for Sentry, from a process of their own (the SDK
patches Django process-wide), with `make serve`'s settings."""

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

RAISE = """
import sys
import threading
import types
import urllib.error
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server

import django

django.setup()
import sentry_sdk
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from django.urls import path


class LedgerOutOfBalance(Exception):
    pass


def broken(request, token):
    raise LedgerOutOfBalance("the ledger does not sum to zero")


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


urls = types.ModuleType("broken_urls")
urls.urlpatterns = [path("broken/<str:token>/", broken)]
sys.modules["broken_urls"] = urls
# No collectstatic here: the error page's stylesheet by its plain name.
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
storages = {**settings.STORAGES, "staticfiles": plain}
# No database here: sessions in the (local memory) cache.
with override_settings(
    ROOT_URLCONF="broken_urls",
    STORAGES=storages,
    SESSION_ENGINE="django.contrib.sessions.backends.cache",
):
    # The WSGI application gunicorn serves, over real HTTP.
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
    threading.Thread(target=server.handle_request, daemon=True).start()
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.server_port}/broken/P4thSecret/?next=Qu3rySecret",
        headers={
            "X-Request-ID": "req-sentry-1",
            "Cookie": "sessionid=C00kieSecret; csrftoken=Csrf5ecret",
            "Authorization": "Bearer Auth0rizationSecret",
        },
    )
    try:
        urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        status, request_id = error.code, error.headers["X-Request-ID"]
sentry_sdk.flush(timeout=10)
print(status, request_id)
"""
SECRETS = (
    "P4thSecret",
    "Qu3rySecret",
    "C00kieSecret",
    "Csrf5ecret",
    "Auth0rizationSecret",
)


class _Sentry(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]]

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.server.received.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Sentry)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _run(tmp_path: Path, **env: str) -> str:
    ours = ("DJANGO_", "SENTRY_", "DATABASE_", "REDIS_", "CACHE_", "MARKET_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    result = subprocess.run(  # noqa: S603 (our interpreter, fixed code)
        [sys.executable, "-c", RAISE],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "market.settings.serve",
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "DJANGO_LOG_LEVEL": "CRITICAL",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _items(envelope: bytes) -> list[tuple[dict, dict]]:
    """An envelope: a header line, then (item header, payload) line pairs."""
    lines = envelope.split(b"\n")
    items = []
    index = 1
    while index + 1 < len(lines):
        header = json.loads(lines[index])
        length = header.get("length")
        payload = lines[index + 1]
        if length is not None and len(payload) != length:
            raise AssertionError("an envelope item's length does not match")
        items.append((header, json.loads(payload)))
        index += 2
    return items


def test_an_error_reaches_sentry_with_the_request_id_and_no_secrets(
    tmp_path, sentry_server
):
    port = sentry_server.server_address[1]

    answer = _run(
        tmp_path,
        SENTRY_DSN=f"http://public@127.0.0.1:{port}/1",
        SENTRY_ENVIRONMENT="staging",
        SENTRY_RELEASE="market@1.2.3",
    )

    assert answer == "500 req-sentry-1"
    assert {path for path, _body in sentry_server.received} == {"/api/1/envelope/"}
    raw = b"\n".join(body for _path, body in sentry_server.received)
    items = [item for _path, body in sentry_server.received for item in _items(body)]
    # One error event (beside the SDK's session and client reports).
    [event] = [payload for header, payload in items if header["type"] == "event"]
    [exception] = event["exception"]["values"]
    assert exception["type"] == "LedgerOutOfBalance"
    assert exception["value"] == "the ledger does not sum to zero"
    assert event["tags"]["request_id"] == "req-sentry-1"
    assert (event["environment"], event["release"]) == ("staging", "market@1.2.3")
    request = event["request"]
    assert (
        request["url"]
        == f"http://127.0.0.1:{request['env']['SERVER_PORT']}/broken/[redacted]/"
    )
    assert request["method"] == "GET"
    assert request["headers"]["X-Request-Id"] == "req-sentry-1"
    assert "cookies" not in request
    assert "query_string" not in request
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert "cookie" not in headers or headers["cookie"] in ("", "[Filtered]")
    assert "authorization" not in headers or headers["authorization"] in (
        "",
        "[Filtered]",
    )
    assert "user" not in event
    frames = exception["stacktrace"]["frames"]
    assert frames
    assert [frame for frame in frames if "vars" in frame] == []
    for secret in SECRETS:
        assert secret.encode() not in raw


def test_without_a_dsn_nothing_is_sent(tmp_path, sentry_server):
    answer = _run(tmp_path)

    assert answer == "500 req-sentry-1"
    assert sentry_server.received == []
