"""Release several pieces of work at the same moment, each in its own thread
with its own database connection (PostgreSQL tests of locks and races)."""

import threading
from collections.abc import Callable

from django.db import connections


def run_together(works: list[Callable[[], object]], *, timeout: float = 120) -> list:
    """Run every callable in its own thread, all released by one barrier.
    Returns their outcomes in the same order: a result, or the exception."""
    barrier = threading.Barrier(len(works))
    outcomes: list = [None] * len(works)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = works[index]()
        except Exception as error:  # noqa: BLE001 (the outcome is the result)
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes


def run_in_threads(count: int, work: Callable[[], object], **options) -> list:
    """The same work `count` times at once."""
    return run_together([work] * count, **options)
