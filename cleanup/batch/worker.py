"""The worker side of the pool: one process that cleans items sent down a pipe, one at a time.

A worker only computes; it never writes outputs, so the main process may kill
it at any moment (a page past the time limit, Ctrl-C, SIGTERM) without leaving
a partial file. It must never outlive the batch: it ignores SIGINT and SIGTERM
(the main process decides when to stop) but dies with its parent, through the
kernel's parent-death signal on Linux and a watchdog thread everywhere.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import resource
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
OK, RAISED, TOO_BIG = "ok", "raised", "too big"  # what a worker's answer holds
STOP_SIGNALS = frozenset((signal.SIGINT, signal.SIGTERM))  # the main process decides when to stop
MEMORY_ERROR = MemoryError("out of memory")  # made beforehand: raising one may need memory there is none of


def serve(
    conn: Connection,
    fn: Callable[[Any], Any],
    memory: int | None,
    alive: Connection,
    inherited: tuple[Connection, ...],
    preload: tuple[str, ...],
) -> None:
    """Answer each item received on ``conn`` with ``(True, fn(item))`` or ``(False, exception)``.

    Returns when the main process has gone (end of file on the pipe); the
    main process otherwise kills its workers when it is done with them.
    ``alive`` reaches end of file when the main process dies. A forked worker
    first closes its copies of the main process's pipe ends (``inherited``),
    or those ends of file would never come.
    """
    for end in inherited:
        end.close()
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # blocked while the worker started
    die_with_main(alive)
    for module in preload:  # before the memory cap is measured: the modules are not the page's
        importlib.import_module(module)
    near_cap = cap_memory(memory) - memory // 10 if memory is not None else None
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        _answer(conn, fn, item, near_cap)


def _answer(conn: Connection, fn: Callable[[Any], Any], item: Any, near_cap: int | None) -> None:
    """Send ``(OK, result)``, ``(RAISED, exception)`` or ``(TOO_BIG, None)`` for one item.

    A page that took the worker's address space to a new peak within a tenth
    of the memory limit failed for lack of memory, whatever error it reports
    (libxml2 says "unknown error" when an allocation fails). A new peak, as a
    forked worker starts with its parent's. So did a page that raised
    MemoryError, or whose result says it did (``out_of_memory``), under the
    cap: one allocation too large for the room left fails without a new peak.
    """
    before = _peak_address_space()
    try:
        reply: tuple[str, Any] = (OK, fn(item))
    except MemoryError:  # not kept: its traceback holds the page's memory
        reply = (RAISED, MEMORY_ERROR)
    except Exception as exc:  # the main process decides what it means (SiteRuleError stops the run)
        reply = (RAISED, exc.with_traceback(None))
    after = _peak_address_space()
    out_of_memory = reply[1] is MEMORY_ERROR or getattr(reply[1], "out_of_memory", False) is True
    if near_cap is not None and (out_of_memory or (after > before and after >= near_cap)):
        reply = (TOO_BIG, None)
    try:
        conn.send(reply)
    except (EOFError, OSError):
        sys.exit(0)  # the main process has gone
    except Exception as exc:  # a result or exception that cannot be pickled
        conn.send((RAISED, RuntimeError(f"{type(exc).__name__} sending the result back: {exc}")))


def die_with_main(alive: Connection) -> None:
    """Exit when the main process dies, even in the middle of a page.

    On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG),
    which stops a page stuck in C code too. The parent is the main process, or
    the fork server, which exits when the main process does. Everywhere, a
    daemon thread waits for end of file on ``alive``, a pipe whose writing end
    only the main process holds; it also catches a main process that died
    before the kernel was asked.
    """
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if alive.poll(0):  # end of file already: the main process is gone
        os._exit(1)
    threading.Thread(target=_watch, args=(alive,), name="main-watchdog", daemon=True).start()


def _watch(alive: Connection) -> None:
    with contextlib.suppress(OSError):
        wait([alive])
    os._exit(1)


def cap_memory(limit: int) -> int:
    """Let the address space grow by at most ``limit`` bytes over what the worker holds now; the cap.

    Past it, allocations fail: Python raises MemoryError, which fails that one
    page instead of the machine swapping. What the worker holds at start
    (interpreter, lxml, readability: ~100 MB of mappings) does not count
    against the page's budget.
    """
    cap = _address_space() + limit
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return cap


def _address_space() -> int:
    """The bytes of address space this process maps now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * resource.getpagesize()


def _peak_address_space() -> int:
    """The most address space this process has mapped so far, in bytes (VmPeak; 0 without /proc)."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0
