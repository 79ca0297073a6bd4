"""Atomic file output: a reader never sees a half-written file, a failure leaves none."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
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
    """Create the temporary file for ``path`` in its directory (made if missing), with the mode of the file
    it replaces, or the usual one.

    Its name holds our process id (``.page.txt.4242.k3j9x_q1.tmp``), so a later
    run can tell a file left by a killed run from one a running process still writes.
    """
    prefix = f".{path.name}.{os.getpid()}."
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    except FileNotFoundError:  # the first file in this directory
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    os.fchmod(fd, _mode_of(path))
    return fd, tmp


def _mode_of(path: Path) -> int:
    """The permissions the file at ``path`` has (a 0600 output stays 0600 when rewritten), else FILE_MODE."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except (OSError, ValueError):
        return FILE_MODE


# Our temporary files: '.' + output name + '.' + process id + '.' + mkstemp's 8 characters + '.tmp'.
TEMP_NAME_RE = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.tmp")


def remove_stale_temp_files(directory: Path) -> list[Path]:
    """Remove the temporary files that runs killed mid-write (kill -9) left in ``directory``.

    Only files named as ours, whose process is gone, are removed: a run still
    writing into the same directory keeps its own. Returns what was removed.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".a.txt.999999999.abcd_123.tmp").write_text("half")
    >>> [p.name for p in remove_stale_temp_files(d)]
    ['.a.txt.999999999.abcd_123.tmp']
    >>> d.rmdir()
    """
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return []
    removed = []
    for entry in entries:
        found = TEMP_NAME_RE.fullmatch(entry.name)
        if found is None or _alive(int(found["pid"])) or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    """True when process ``pid`` exists (or cannot be checked: then its files are left alone)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


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
