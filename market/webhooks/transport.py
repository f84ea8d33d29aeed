"""One POST to a checked target: no redirects followed (http.client never
follows them), a timeout on every socket operation and on the whole
exchange, and the answer's body read only up to a cap."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass

from .addresses import Target

RESPONSE_CAP = 4096


@dataclass(frozen=True)
class Answer:
    status: int
    excerpt: str


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(
            target.host,
            target.port,
            timeout=timeout,
            context=ssl.create_default_context(),
        )
        self._address = target.address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(*, target: Target, body: bytes, headers: dict, timeout: float) -> Answer:
    """POST `body`; raises OSError (timeouts included) or HTTPException when
    no answer came in time."""
    deadline = time.monotonic() + timeout
    connection_class = (
        _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    )
    connection = connection_class(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        chunks, size = [], 0
        while size < RESPONSE_CAP:
            if time.monotonic() > deadline:
                raise TimeoutError("the answer took too long")
            chunk = response.read1(RESPONSE_CAP - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        excerpt = b"".join(chunks)[:RESPONSE_CAP].decode("utf-8", "replace")
        return Answer(status=response.status, excerpt=excerpt[:500])
    finally:
        connection.close()
