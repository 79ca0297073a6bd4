"""Atomic file output: a reader never sees a half-written file, a failure leaves none."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

STOP_SIGNALS = frozenset((signal.SIGINT, signal.SIGTERM))


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM until the block is done (main thread only).

    Python runs a signal handler between any two bytecodes, even inside
    ``tempfile.mkstemp`` after the file exists but before its name is returned;
    a Ctrl-C there would leave a stray temporary file. Blocking the two signals
    for the few system calls of one write closes that gap; a signal that came
    meanwhile is delivered right after.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes files 0600; outputs get what open() would give them (0644 under umask 022).
FILE_MODE = 0o666 & ~_umask()


def temp_file(path: Path) -> tuple[int, str]:
    """Create the temporary file for ``path`` in its directory (made if missing), with the usual mode."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:  # the first file in this directory
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(fd, FILE_MODE)
    return fd, tmp


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file in the same directory.

    The temporary file is renamed over ``path`` only once it is complete; on
    any error (disk full, read-only directory) it is removed and the error
    propagates. SIGINT and SIGTERM wait until the file is in place.
    """
    with signals_deferred():
        fd, tmp = temp_file(path)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8"))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
