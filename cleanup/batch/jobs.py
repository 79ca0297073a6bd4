"""Run one function over many items in worker processes, each under a time limit; results in input order.

Workers only compute; the caller writes, so the output is the same bytes
whatever the number of workers. Each worker holds one item at a time, so the
pool knows which item a worker is on and since when:

* an item past the time limit gets ``timed_out(item)``; its worker is killed
  (SIGKILL stops a page stuck inside libxml2 too) and replaced;
* an item whose worker died (a crash in a C library, the memory cap, the OOM
  killer) gets ``crashed(item)``, and only that item;
* closing the generator (Ctrl-C, SIGTERM, an error) kills every worker at once:
  they hold nothing that needs finishing, so no signal waits for a slow page.

At most ``window`` items are in flight or waiting for their turn, and each
worker is replaced after MAX_TASKS_PER_CHILD items, so memory stays flat over
runs of any length. The main process starts no thread here: a signal it blocks
around an atomic write then really waits (with a helper thread, the kernel
hands the signal to that thread and Python runs the handler in the main thread
anyway, in the middle of the write).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar, cast

from cleanup.batch.worker import RAISED, STOP_SIGNALS, TOO_BIG, serve

T = TypeVar("T")
R = TypeVar("R")

# A worker is replaced after this many items: lxml and the allocator keep some
# memory per page they have seen; a fresh worker from the fork server is cheap.
MAX_TASKS_PER_CHILD = 1000
WINDOW_PER_JOB = 8  # items in flight or waiting for their turn, per worker
# Imported once in the fork server, so a new worker starts with them loaded.
PRELOAD = ("cleanup.batch.work", "cleanup.pipeline", "cleanup.html.extract")
# Inputs in a row whose worker died: past this the cause is not the pages
# (workers that cannot start, a memory cap too low to import anything).
MAX_CRASHES_IN_A_ROW = 8
DEFAULT_SECONDS = 30.0  # per page, as trafilatura's default
DEFAULT_MEMORY_MB = 1024  # per page: address space a worker may add to what it holds at start
# The largest limits taken (a week; a petabyte): past them the OS's timer and rlimit overflow.
MAX_TIMEOUT = 7 * 24 * 3600.0
MAX_MEMORY_MB = 1 << 30
JOIN_SECONDS = 5.0  # a killed worker is gone long before this


class WorkerError(Exception):
    """Worker processes cannot be started (they die at once); the batch cannot go on.

    ``errno``: the OSError's when starting one failed (EMFILE: too few file descriptors).
    """

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno


@dataclass(frozen=True)
class Limits:
    """What one item may cost in a worker: seconds of wall time, bytes of memory (None: no limit)."""

    seconds: float | None = DEFAULT_SECONDS
    memory: int | None = DEFAULT_MEMORY_MB << 20

    @classmethod
    def given(cls, seconds: float, memory_mb: int) -> Limits:
        """The limits as --timeout and --max-memory give them (0 turns a limit off)."""
        return cls(seconds=seconds or None, memory=(memory_mb << 20) or None)


NO_LIMITS = Limits(None, None)


def why_failed(limits: Limits) -> tuple[str, str, str]:
    """Why a page failed in a worker, as every command says it: the worker died, past the time limit,
    past the memory limit."""
    return (
        "the worker process cleaning it died (a crash or out of memory)",
        f"took longer than {limits.seconds or 0:g} s (the limit per page; see --timeout)",
        f"needed more than {(limits.memory or 0) >> 20} MB (the limit per page; see --max-memory)",
    )


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    crashed: Callable[[T], R],
    timed_out: Callable[[T], R] | None = None,
    limits: Limits = NO_LIMITS,
    too_big: Callable[[T], R] | None = None,
) -> Generator[tuple[T, R], None, None]:
    """Yield ``(item, fn(item))`` in the order of ``items``.

    With ``jobs`` <= 1 and no limits, everything runs in this process, without
    a pool; any limit needs a worker (even for -j 1), as only a separate
    process can be stopped in the middle of C code. An item past the time
    limit gets ``timed_out(item)``, one past the memory limit ``too_big(item)``
    (both default to ``crashed``). Close the generator (``contextlib.closing``)
    to stop early.
    """
    if jobs <= 1 and limits == NO_LIMITS:
        for item in items:
            yield item, fn(item)
        return
    pool: _Pool[T, R] = _Pool(fn, max(jobs, 1), limits)
    try:
        yield from pool.map(items, _Failures(crashed, timed_out or crashed, too_big or crashed))
    finally:
        pool.close()


def _flush_std_streams() -> None:
    """Flush stdout and stderr: a forked worker flushes its copy of their buffers when it exits."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # closed or broken: the writer will find out itself
            stream.flush()


def _context() -> Any:
    """How to start a worker: a fork of this process when it runs no other thread, else the fork server.

    A fork costs a millisecond and starts with every module loaded; the fork
    server (a clean process started once, modules preloaded) is safe when a
    thread (a progress bar's) might hold a lock at the moment of the fork.
    """
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(list(PRELOAD))
    return ctx


@dataclass(frozen=True)
class _Failures(Generic[T, R]):
    """The results standing in for an item whose worker died, ran out of time or of memory."""

    crashed: Callable[[T], R]
    timed_out: Callable[[T], R]
    too_big: Callable[[T], R]


@dataclass
class _Worker(Generic[T]):
    """One worker process, the pipe to it, and the item it is on (None when idle)."""

    process: Any
    conn: Connection
    tasks: int = 0
    index: int = -1
    item: T | None = None
    started: float = 0.0


class _Pool(Generic[T, R]):
    """Worker processes fed one item at a time, each item under ``limits``."""

    def __init__(self, fn: Callable[[T], R], jobs: int, limits: Limits) -> None:
        self.fn, self.jobs, self.limits = fn, jobs, limits
        # Workers wait for end of file on this pipe: only this process holds the writing end.
        self.alive, self.alive_writer = multiprocessing.Pipe(duplex=False)
        self.workers: list[_Worker[T]] = []
        self.crashes = 0  # inputs in a row whose worker died
        self.sent = 0  # items handed to workers so far

    def map(self, items: Iterable[T], failures: _Failures[T, R]) -> Iterator[tuple[T, R]]:
        """Yield results in input order while feeding idle workers and watching the clock."""
        source = iter(items)
        done: dict[int, tuple[T, R]] = {}
        head = 0  # the index to yield next
        more = True
        while True:
            while head in done:
                yield done.pop(head)
                head += 1
            more = more and self._feed(source, head + self.jobs * WINDOW_PER_JOB)
            if not more and not self._busy() and not done:
                return
            done.update(self._collect(failures))

    def _busy(self) -> list[_Worker[T]]:
        return [worker for worker in self.workers if worker.index >= 0]

    def _feed(self, source: Iterator[T], limit: int) -> bool:
        """Hand items to idle workers, up to index ``limit``; False once ``source`` is exhausted."""
        while self.sent < limit and len(self._busy()) < self.jobs:
            try:
                item = next(source)
            except StopIteration:
                return False
            worker = self._idle() or self._start()
            worker.index, worker.item, worker.started = self.sent, item, time.monotonic()
            self.sent += 1
            with contextlib.suppress(OSError):  # it died while idle: _collect sees the end of its pipe
                worker.conn.send(item)
        return True

    def _idle(self) -> _Worker[T] | None:
        """A live worker with no item (one found dead is reaped: the next item must not be blamed)."""
        for worker in [w for w in self.workers if w.index < 0]:
            if worker.process.is_alive():
                return worker
            self._stop(worker)
        return None

    def _collect(self, failures: _Failures[T, R]) -> dict[int, tuple[T, R]]:
        """Wait for a result or the next deadline; the results of finished, dead or overdue workers."""
        busy = self._busy()
        ready = wait([worker.conn for worker in busy], timeout=self._time_left(busy))
        results: dict[int, tuple[T, R]] = {}
        for worker in busy:
            item, index = cast(T, worker.item), worker.index
            if worker.conn in ready:
                results[index] = (item, self._receive(worker, failures))
            elif self._overdue(worker):
                self._stop(worker)
                results[index] = (item, failures.timed_out(item))
        return results

    def _time_left(self, busy: list[_Worker[T]]) -> float | None:
        """Seconds until the first busy worker passes the time limit (None: no limit)."""
        if self.limits.seconds is None or not busy:
            return None
        first = min(worker.started for worker in busy)
        return max(0.0, first + self.limits.seconds - time.monotonic())

    def _overdue(self, worker: _Worker[T]) -> bool:
        seconds = self.limits.seconds
        return seconds is not None and time.monotonic() - worker.started >= seconds

    def _receive(self, worker: _Worker[T], failures: _Failures[T, R]) -> R:
        """The result a worker sent, or the failure standing in for it; its exception raised here."""
        item = cast(T, worker.item)
        try:
            status, value = worker.conn.recv()
        except (EOFError, OSError):
            self._stop(worker)
            self.crashes += 1
            if self.crashes > MAX_CRASHES_IN_A_ROW:
                raise WorkerError(f"worker processes died on {self.crashes} inputs in a row") from None
            return failures.crashed(item)
        self.crashes = 0
        worker.index, worker.item, worker.tasks = -1, None, worker.tasks + 1
        if status == TOO_BIG or worker.tasks >= MAX_TASKS_PER_CHILD:
            self._stop(worker)  # a fresh worker: its peak memory counts from zero again
        if status == RAISED:
            raise value
        return failures.too_big(item) if status == TOO_BIG else cast(R, value)

    def _start(self) -> _Worker[T]:
        """A new worker process; WorkerError if the system refuses one."""
        ctx = _context()
        mine, theirs = ctx.Pipe()
        inherited = (mine, self.alive_writer) if ctx.get_start_method() == "fork" else ()
        args = (theirs, self.fn, self.limits.memory, self.alive, inherited, PRELOAD)
        process = ctx.Process(target=serve, args=args, daemon=True)
        _flush_std_streams()
        # Blocked until the worker ignores them: a Ctrl-C now must not print its traceback.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            process.start()
        except OSError as exc:
            mine.close()
            raise WorkerError(f"cannot start a worker process: {exc.strerror or exc}", exc.errno) from None
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            theirs.close()
        worker: _Worker[T] = _Worker(process, mine)
        self.workers.append(worker)
        return worker

    def _stop(self, worker: _Worker[T]) -> None:
        """Kill a worker and wait for it: it holds no output, so nothing is lost."""
        self.workers.remove(worker)
        worker.conn.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(JOIN_SECONDS)

    def close(self) -> None:
        """Kill every worker at once, then reap them; the fork server exits with this process."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.kill()
        for worker in list(self.workers):
            self._stop(worker)
        self.alive.close()
        self.alive_writer.close()
