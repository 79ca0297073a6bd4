"""SIGTERM as an exception while a batch runs, so no partial output is left behind."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so no partial output is left behind."""


@contextlib.contextmanager
def signals() -> Iterator[None]:
    """Turn SIGTERM into an exception while a batch runs (the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
