"""The request id: one per request, in every log line and error report the
request causes, and carried into the tasks it enqueues.

A proxy or load balancer that already names the request (X-Request-ID) is
believed when the id is sane (1 to 64 of ``A-Z a-z 0-9 . _ -``); otherwise a
new one is made. The id is answered in the X-Request-ID response header.

Tasks: the immediate backend runs a task inside the request, so the id is
simply still set. The database backend (django_tasks_db) runs it in a worker
process later: the id rides in the task row's JSON (``args_kwargs`` gets a
``request_id`` key beside ``args`` and ``kwargs``, which the worker never
passes to the task) and the worker sets it again while the task runs.
"""

import contextvars
import re
import uuid
from contextlib import contextmanager

_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "market_request_id", default=None
)
# Tokens of the ids set while a task of the database backend runs.
_task_tokens: dict[str, contextvars.Token] = {}


def current() -> str | None:
    """The id of the request (or of the request that enqueued this task)."""
    return _current.get()


def accepted(value: str | None) -> str:
    """`value` when it is a sane id, else a new one (a uuid4, as hex)."""
    if value and _SANE.fullmatch(value):
        return value
    return uuid.uuid4().hex


@contextmanager
def bound(request_id: str | None):
    """Run a block under `request_id` (a request, a task, a command)."""
    token = _current.set(request_id)
    try:
        yield request_id
    finally:
        _current.reset(token)


# --- tasks (connected in OpsConfig.ready) ----------------------------------


def stamp_task_row(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of django_tasks_db's DBTaskResult: a new row enqueued while a
    request id is set carries it."""
    request_id = current()
    if raw or not instance._state.adding or request_id is None:
        return
    if isinstance(instance.args_kwargs, dict):
        instance.args_kwargs["request_id"] = request_id


def task_started(sender, task_result, **kwargs) -> None:
    """A worker starts a task of the database backend: set its request id."""
    row = getattr(task_result, "db_result", None)
    payload = getattr(row, "args_kwargs", None)
    if not isinstance(payload, dict) or not payload.get("request_id"):
        return
    _task_tokens[str(task_result.id)] = _current.set(accepted(payload["request_id"]))


def task_finished(sender, task_result, **kwargs) -> None:
    token = _task_tokens.pop(str(task_result.id), None)
    if token is not None:
        _current.reset(token)


def connect() -> None:
    from django.db.models.signals import pre_save
    from django_tasks.signals import task_finished as finished
    from django_tasks.signals import task_started as started

    started.connect(task_started, dispatch_uid="market.ops.requestid.started")
    finished.connect(task_finished, dispatch_uid="market.ops.requestid.finished")
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # the database backend is not installed
        return
    pre_save.connect(
        stamp_task_row, sender=DBTaskResult, dispatch_uid="market.ops.requestid.row"
    )
