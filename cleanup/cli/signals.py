"""SIGINT and SIGTERM as exceptions while a batch runs, never in the middle of an output write.

The writer blocks both signals in the main thread around each atomic write
(cleanup.output.write.signals_deferred). That alone is not enough when the
process has another thread (a progress bar's): the kernel hands a
process-wide signal to that thread, and Python then runs the handler in the
main thread anyway, inside the write, leaving a temporary file behind. So the
handlers here check the main thread's mask first: while it blocks the signal,
they send it again to the main thread alone, where it waits until the write
is done.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so no partial output is left behind."""


def _raiser(exception: type[BaseException]) -> Callable[[int, FrameType | None], None]:
    def handle(signum: int, frame: FrameType | None) -> None:
        if signum in signal.pthread_sigmask(signal.SIG_BLOCK, ()):  # inside a write: after it
            signal.pthread_kill(threading.get_ident(), signum)
            return
        raise exception

    return handle


@contextlib.contextmanager
def signals() -> Iterator[None]:
    """Turn SIGINT into KeyboardInterrupt and SIGTERM into Terminated (main thread only).

    A signal the caller ignores (``nohup``, a background job) stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = {signal.SIGINT: KeyboardInterrupt, signal.SIGTERM: Terminated}
    previous = {signum: signal.getsignal(signum) for signum in wanted}
    for signum, exception in wanted.items():
        if previous[signum] is not signal.SIG_IGN:
            signal.signal(signum, _raiser(exception))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
