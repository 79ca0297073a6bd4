"""The batch on a Dask cluster (``cleanup --scheduler ADDRESS``) and ``clean_bag`` for Dask pipelines.

The client lists the inputs and groups them into tasks (``plan.py``); workers
read their own inputs and run the local batch's unit of work. Results come back
to the client, which hands them out in input order, so the caller writes the
same bytes as ``-j 1`` whatever the number of workers or the order tasks finish
in. At most a window of tasks is in flight, so the client's memory does not grow
with the number of inputs. Tasks have no side effects: the scheduler re-runs
those of a lost worker, and each result is taken once. Importing this module
does not import Dask; connecting and ``clean_bag`` do (only ``--scheduler`` and library users).
"""

from __future__ import annotations

import collections
import functools
import json
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleanup.batch.plan import Pages, Range, Task, plan, run_task, split_bytes, split_points
from cleanup.batch.work import Outcome, Settings, process
from cleanup.input.records import DEFAULT_MAX_BYTES, Fields, jsonl_record
from cleanup.input.remote import as_url, size
from cleanup.input.sources import Source, failed
from cleanup.model import DEFAULT_OPTIONS, Options

if TYPE_CHECKING:
    import dask.bag
    from distributed import Future

TASKS_PER_THREAD = 4  # tasks in flight per worker thread: enough to keep each one busy
CONNECT_TIMEOUT = "20s"
# A scheduler address: TCP, TLS or WebSocket, a host (name, IPv4 or [IPv6]) and a port.
SCHEDULER_RE = re.compile(r"(?:(?:tcp|tls|ws|wss)://)?(?:\[[0-9a-fA-F:.]+(?:%\w+)?\]|[\w.-]+):\d{1,5}/?", re.I)
WAIT_SLICE = 0.1  # seconds between looks at a pending signal while waiting for a task
WORKERS_TIMEOUT = 60  # seconds to wait for a first worker to join


class ClusterError(Exception):
    """The scheduler cannot be reached or has no workers; nothing was cleaned."""


def _on_worker(task: Task, work: Callable[[Source], Outcome]) -> tuple[str, list[tuple[Source, Outcome]]]:
    """Run one task; the worker's name comes back with the results (for 'N workers used')."""
    from distributed import get_worker

    return str(get_worker().name), run_task(task, work)


class _Deferred:
    """SIGINT/SIGTERM noted while Dask runs, acted on at safe points of the client loop.

    A signal handler that raises can fire inside a finaliser (``Future.__del__``),
    where Python ignores the exception: the run would go on. Here the signal is
    noted, and ``check()`` calls the handler that was in place (KeyboardInterrupt,
    the CLI's Terminated) from the loop itself.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.pending: int | None = None
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> _Deferred:
        if threading.current_thread() is threading.main_thread():
            self.previous = {sig: signal.signal(sig, self._note) for sig in self.SIGNALS}
        return self

    def _note(self, signum: int, frame: object) -> None:
        self.pending = signum

    def _restore(self) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous = {}

    def __exit__(self, *exc: object) -> None:
        self._restore()

    def check(self) -> None:
        """Act on a signal that came: call the handler that was in place before."""
        if self.pending is None:
            return
        signum, handler = self.pending, self.previous.get(self.pending)
        self._restore()
        if callable(handler):
            handler(signum, None)
        elif handler == signal.SIG_DFL:
            os.kill(os.getpid(), signum)


def _result(future: Future, stop: _Deferred) -> Any:
    """The future's result, waiting in short slices so a signal is acted on at once.

    (``Future.result(timeout=...)`` is not used: in distributed 2026.8 a timeout
    that races with the result can raise UnboundLocalError.)
    """
    finished = threading.Event()
    future.add_done_callback(lambda _: finished.set())
    while not finished.wait(WAIT_SLICE):
        stop.check()
    stop.check()
    return future.result()


class Cluster:
    """A connection to a Dask scheduler that runs batches: inputs, outputs and an ordered map."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        if SCHEDULER_RE.fullmatch(address) is None:
            raise ClusterError(
                f"{address}: not a scheduler address (tcp://HOST:PORT, tls://, ws://, wss:// or HOST:PORT)"
            )
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except Exception as exc:  # OSError, TimeoutError, and whatever a transport raises for a bad address
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except TimeoutError:
            self.client.close()
            raise ClusterError(f"the Dask scheduler at {address} has no workers") from None
        self.fields = Fields()  # the JSON Lines field names (--html-field...)
        self.max_bytes = DEFAULT_MAX_BYTES  # --max-bytes and --all-statuses: records are read as a local run reads them
        self.all_statuses = False
        self.keep: Callable[[Source], bool] = lambda source: True
        self.used: set[str] = set()
        self.done = self.total = 0
        self.planned = False
        self.split = split_bytes()
        self.stop = _Deferred()

    def status(self) -> str:
        """'12/40 tasks' (a '+' while inputs are still being listed)."""
        return f"{self.done}/{self.total}{'' if self.planned else '+'} tasks"

    def summary(self) -> str:
        """What the summary line adds: the workers that ran tasks."""
        return f" {len(self.used)} worker{'' if len(self.used) == 1 else 's'} used."

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster goes on running)."""
        self.client.close(timeout=10)

    def _size(self, source: Source) -> int:
        try:
            return source.path.stat().st_size if source.path is not None else size(source.name)
        except Exception:
            return 0

    def _points(self, source: Source) -> list[tuple[int, int]]:
        future = self.client.submit(split_points, source, self.split, pure=False)
        points: list[tuple[int, int]] = _result(future, self.stop)
        return points

    def _plan(self, items: Iterable[Source]) -> Iterator[Task]:
        reading = (self.split, self.max_bytes, self.all_statuses)
        return plan(iter(items), self.fields, self._size, self._points, self.keep, *reading)

    def _submit(self, task: Task, work: Callable[[Source], Outcome]) -> Future:
        self.total += 1
        return self.client.submit(_on_worker, task, work, pure=False)

    def map(
        self,
        work: Callable[[Source], Outcome],
        items: Iterable[Source],
        jobs: int,
        crashed: Callable[[Source], Outcome],
        *local: Any,
    ) -> Iterator[tuple[Source, Outcome]]:
        """``(source, outcome)`` for every input in input order, the records of containers included.

        Same contract as ``jobs.ordered_map``; ``jobs`` and the local pool's
        limits (``local``) are unused: the cluster has its own. Close the generator to cancel the tasks in flight.
        """
        window = max(8, TASKS_PER_THREAD * sum(self.client.nthreads().values()))
        pending: collections.deque[tuple[Task, Future]] = collections.deque()
        try:
            with self.stop:
                for task in self._plan(items):
                    pending.append((task, self._submit(task, work)))
                    self.stop.check()
                    while pending and (len(pending) >= window or pending[0][1].done()):
                        yield from self._take(pending, work, crashed)
                self.planned = True
                while pending:
                    yield from self._take(pending, work, crashed)
        finally:
            if pending:
                self.client.cancel([future for _, future in pending], force=True)

    def _take(
        self,
        pending: collections.deque[tuple[Task, Future]],
        work: Callable[[Source], Outcome],
        crashed: Callable[[Source], Outcome],
    ) -> Iterator[tuple[Source, Outcome]]:
        """The results of the task at the head of the queue, in order."""
        from distributed import KilledWorker

        task, future = pending.popleft()
        try:
            worker, pairs = _result(future, self.stop)
        except KilledWorker:
            pairs = self._killed(task, pending, work, crashed)
            if pairs is None:
                return
        else:
            self.used.add(worker)
        self.done += 1
        for source, outcome in pairs:
            if isinstance(task, Pages) or source.skip is not None or self.keep(source):
                yield source, outcome
            self.stop.check()

    def _killed(
        self,
        task: Task,
        pending: collections.deque[tuple[Task, Future]],
        work: Callable[[Source], Outcome],
        crashed: Callable[[Source], Outcome],
    ) -> list[tuple[Source, Outcome]] | None:
        """A task that killed every worker it ran on: retry its pages one by one, else report it."""
        if isinstance(task, Pages) and len(task.sources) > 1:
            for source in reversed(task.sources):
                pending.appendleft((Pages((source,)), self._submit(Pages((source,)), work)))
            self.total -= 1
            return None
        source = task.sources[0] if isinstance(task, Pages) else task.source
        return [(source, crashed(source))]


def connect(address: str) -> Cluster:
    """A Cluster on the scheduler at ``address``: ImportError without the dask extra, ClusterError when
    the scheduler cannot be used."""
    import dask.bag  # noqa: F401 - the whole extra, so a missing piece is named before any work
    import distributed  # noqa: F401

    return Cluster(address)


def clean_bag(
    bag: dask.bag.Bag,
    html_field: str = "html",
    text_field: str = "text",
    url_field: str = "url",
    id_field: str = "id",
    options: Options = DEFAULT_OPTIONS,
    *,
    paths: bool = False,
) -> dask.bag.Bag:
    """A Bag of plain dicts, the JSON Lines records of ``cleanup -f jsonl``, one per page.

    ``bag`` holds records: dicts, or JSON Lines strings as ``dask.bag.read_text``
    gives them (a blank line gives nothing; a line that is not a JSON object gives
    an error). With ``paths=True`` it holds paths and URLs of pages, JSON Lines and
    WARC files instead (each of their records is one result; a WARC record the
    command leaves out, a 404 or an image, gives none). A string is never taken
    for a path unless ``paths`` says so: a crawled line reading "/etc/passwd" is a
    bad record, not a file to read. A page that cannot be cleaned gives
    ``{"source": ..., "error": reason}``. A record's ``source`` is its URL, else
    its id, else ``<record>``; a file's is its path, as on the command line.
    """
    fields = Fields(html_field, text_field, url_field, id_field)
    settings = Settings(options, "jsonl")
    return bag.map_partitions(_clean_partition, fields, settings, paths)


def _clean_partition(part: Iterable[Any], fields: Fields, settings: Settings, paths: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for element in part:
        task = _file_task(element, fields, settings.options) if paths else _record_task(element, fields)
        for source, outcome in run_task(task, _work(settings)):
            if source.skip is not None:  # a WARC 404, an image: left out, as by the command
                continue
            if outcome.error is not None or outcome.output is None:
                out.append({"source": source.name, "error": outcome.error})
            else:
                out.append(json.loads(outcome.output))
    return out


def _work(settings: Settings) -> Callable[[Source], Outcome]:
    return functools.partial(process, settings=settings)


def _record_task(element: Any, fields: Fields) -> Task:
    """One bag element as a record: a dict, or a JSON Lines line (str or bytes); anything else fails."""
    if isinstance(element, dict):
        return Pages((_record(json.dumps(element).encode("utf-8"), fields),))
    if not isinstance(element, (bytes, str)):
        return Pages((failed(repr(element)[:80], "not a record (a dict or a JSON Lines line)"),))
    if not element.strip():
        return Pages(())  # a blank line of a JSON Lines file, as the command skips it
    return Pages((_record(element.encode("utf-8") if isinstance(element, str) else element, fields),))


def _file_task(element: Any, fields: Fields, options: Options) -> Task:
    """One bag element as a file (page or container) by path or URL."""
    from cleanup.input.records import kind_of

    if not isinstance(element, (str, os.PathLike)):
        return Pages((failed(repr(element)[:80], "not a path or a URL"),))
    name = os.fspath(element)
    url = as_url(name)
    kind = kind_of(name, "auto")
    path = None if url else Path(os.path.abspath(name))
    source = Source(url or name, Path(Path(name).name), path=path, kind=kind)
    return Pages((source,)) if kind == "page" else Range(source, fields, max_bytes=options.max_bytes)


def _record(raw: bytes, fields: Fields) -> Source:
    try:
        obj = json.loads(raw)
    except ValueError:
        obj = None
    ident = obj.get(fields.url) or obj.get(fields.id) if isinstance(obj, dict) else None
    return jsonl_record(str(ident) if ident else "<record>", raw, Path("record"), fields)
