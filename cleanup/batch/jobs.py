"""Run one function over many items in worker processes; results come back in input order.

Workers only compute; the caller writes, so the output is the same bytes
whatever the number of workers. At most ``window`` items are in flight, and
each worker is replaced after ``MAX_TASKS_PER_CHILD`` items, so memory stays
flat over runs of any length. Workers ignore SIGINT and SIGTERM: the main
process decides when to stop and shuts them down.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# A worker is replaced after this many items: lxml and the allocator keep some
# memory per page they have seen; a fresh worker from the fork server is cheap.
MAX_TASKS_PER_CHILD = 1000
WINDOW_PER_JOB = 8  # items in flight per worker: enough to keep each one busy
# Imported once in the fork server, so a new worker starts with them loaded.
PRELOAD = ("cleanup.batch.work", "cleanup.pipeline", "cleanup.html.extract")
MAX_RESTARTS = 3  # new pools in a row that break before taking work: give up
# Inputs in a row whose worker died: past this the cause is not one bad page
# (a crash blames the head of the queue, so one bad page may cost a few).
MAX_CRASHES_IN_A_ROW = 8


class WorkerError(Exception):
    """Worker processes cannot be started (they die at once); the batch cannot go on."""


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _ignore_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _pool(jobs: int) -> ProcessPoolExecutor:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(list(PRELOAD))
    return ProcessPoolExecutor(
        jobs, mp_context=ctx, initializer=_ignore_signals, max_tasks_per_child=MAX_TASKS_PER_CHILD
    )


def ordered_map(
    fn: Callable[[T], R], items: Iterable[T], jobs: int, crashed: Callable[[T], R]
) -> Generator[tuple[T, R], None, None]:
    """Yield ``(item, fn(item))`` in the order of ``items``.

    ``jobs`` <= 1 runs everything in this process, without a pool. When a worker
    dies (a crash in a C library, the OOM killer) the item at the head of the
    queue gets ``crashed(item)``, a new pool is started and the rest go on.
    Close the generator (``contextlib.closing``) to stop early: queued items are
    cancelled and the workers shut down.
    """
    if jobs <= 1:
        for item in items:
            yield item, fn(item)
        return
    window = jobs * WINDOW_PER_JOB
    crashes = [0]  # inputs in a row whose worker died
    pending: collections.deque[tuple[T, Future[R]]] = collections.deque()
    pool = _pool(jobs)
    try:
        for item in items:
            pending.append((item, pool.submit(fn, item)))
            # Hand back finished results at once (a slow --files-from - stream
            # still sees its outputs appear); wait only when the window is full.
            while pending and (len(pending) >= window or pending[0][1].done()):
                pool = yield from _take(pool, pending, fn, crashed, jobs, crashes)
        while pending:
            pool = yield from _take(pool, pending, fn, crashed, jobs, crashes)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _take(
    pool: ProcessPoolExecutor,
    pending: collections.deque[tuple[T, Future[R]]],
    fn: Callable[[T], R],
    crashed: Callable[[T], R],
    jobs: int,
    crashes: list[int],
) -> Generator[tuple[T, R], None, ProcessPoolExecutor]:
    """Yield the result at the head of the queue; restart the pool if a worker died."""
    item, future = pending.popleft()
    try:
        result = future.result()
        crashes[0] = 0
    except BrokenProcessPool:
        crashes[0] += 1
        if crashes[0] > MAX_CRASHES_IN_A_ROW:
            raise WorkerError(f"worker processes died on {crashes[0]} inputs in a row") from None
        pool = _restart(pool, pending, fn, jobs)
        result = crashed(item)
    yield item, result
    return pool


def _restart(
    pool: ProcessPoolExecutor, pending: collections.deque[tuple[T, Future[R]]], fn: Callable[[T], R], jobs: int
) -> ProcessPoolExecutor:
    """A new pool, with the queued items submitted to it again; WorkerError if pools keep dying."""
    for _ in range(MAX_RESTARTS):
        pool.shutdown(wait=True, cancel_futures=True)
        pool = _pool(jobs)
        retry = [queued for queued, _ in pending]
        pending.clear()
        try:
            pending.extend((queued, pool.submit(fn, queued)) for queued in retry)
        except BrokenProcessPool:
            continue
        return pool
    pool.shutdown(wait=False, cancel_futures=True)
    raise WorkerError("worker processes die as soon as they start")
