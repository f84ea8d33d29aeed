"""A real local HTTP receiver for webhook tests: http.server in a thread on
127.0.0.1 (a free port), verifying each signature and recording what came."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.market.export.conftest import berlin  # noqa: F401 (a fixture)


class Receiver:
    def __init__(self):
        self.secret = ""
        self.secrets: dict[str, str] = {}  # per path, when endpoints differ
        self.statuses: list[int] = []  # answers to give, in order; then 200
        self.hang_seconds = 0.0
        self.received: list[dict] = []
        self.lock = threading.Lock()

    def verify(self, path: str, header: str, body: bytes) -> bool:
        secret = self.secrets.get(path, self.secret)
        parts = dict(item.split("=", 1) for item in header.split(","))
        expected = hmac.new(
            secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256
        ).hexdigest()
        return hmac.compare_digest(expected, parts["v1"])


def _handler(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if receiver.hang_seconds:
                time.sleep(receiver.hang_seconds)
            with receiver.lock:
                receiver.received.append(
                    {
                        "path": self.path,
                        "event": self.headers["Creative-Market-Event"],
                        "delivery": self.headers["Creative-Market-Delivery"],
                        "verified": receiver.verify(
                            self.path, self.headers["Creative-Market-Signature"], body
                        ),
                        "body": json.loads(body),
                    }
                )
                status = receiver.statuses.pop(0) if receiver.statuses else 200
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok" if status < 300 else b"nope " * 2000)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def receiver(settings):
    """The receiver, and the settings that let webhooks reach it (plain http
    to a loopback address: refused everywhere else)."""
    settings.MARKET_WEBHOOKS_ALLOW_HTTP = True
    settings.MARKET_WEBHOOKS_ALLOW_PRIVATE = True
    settings.MARKET_WEBHOOKS_TIMEOUT = 1.0
    receiver = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    yield receiver
    receiver.hang_seconds = 0
    server.shutdown()
    server.server_close()
