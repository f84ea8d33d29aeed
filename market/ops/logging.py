"""How the site's log lines look: JSON for machines (production and `make
serve`), readable text for people (development and tests), each line with
the request id of the request (or task) that wrote it.

Settings build LOGGING with `logging_config()`; DJANGO_LOG_FORMAT (``json`` or
``plain``) and DJANGO_LOG_LEVEL choose.
"""

import logging

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from . import requestid

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record written inside a request or a task
    enqueued by one (None elsewhere)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = requestid.current()
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object a line: timestamp (UTC), level, logger, message, the
    request id, and whatever `extra` the caller gave (the access log's
    method, path, status, duration_ms)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", True)
        # Azerbaijani and Russian stay readable ("Şəki", not one escape per letter).
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(**kwargs)


class PlainFormatter(logging.Formatter):
    """`LEVEL logger [request id]: message` for people reading a terminal."""

    def __init__(self, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s%(request_tag)s: %(message)s")
        super().__init__(**kwargs)

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802
        request_id = getattr(record, "request_id", None)
        record.request_tag = f" [{request_id}]" if request_id else ""
        return super().formatMessage(record)


def logging_config(*, log_format: str, level: str) -> dict:
    """LOGGING for Django: every record through one console handler, at
    `level` and above, as JSON when `log_format` is ``json``."""
    level = level.upper()
    if level not in LEVELS:
        level = "INFO"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "market.ops.logging.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "market.ops.logging.JsonFormatter"},
            "plain": {"()": "market.ops.logging.PlainFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if log_format.lower() == "json" else "plain",
                "filters": ["request_id"],
                "level": level,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # APScheduler logs each firing at INFO; our own line per run
        # (market.ops.jobs) says more, and the runs are in /cms/jobs/.
        "loggers": {
            "apscheduler": {"level": "WARNING" if level != "DEBUG" else "DEBUG"}
        },
    }
