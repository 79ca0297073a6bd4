"""Cluster work units: inputs grouped into tasks on the client, tasks run on workers.

The client only lists inputs: a task names its page files (a path or URL each)
or a record range of one JSON Lines / WARC file, and the worker reads the bytes
itself, so no page passes through the client. Every task runs the local batch's
unit of work (``cleanup.batch.work.process``) and returns ``(source, outcome)``
pairs in input order; tasks have no side effects, so a task that is run twice
(its worker died) gives the same pairs. Nothing here imports Dask.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.batch.work import Outcome
from cleanup.input import records
from cleanup.input.records import Fields
from cleanup.input.sources import Source, failed, reason

MAX_PAGES_PER_TASK = 16  # pages per task once the run is going: ~0.2 s of work against ~2 ms of task overhead
# JSON Lines / WARC files larger than this are split into record ranges of about this many bytes
# (environment CLEANUP_DASK_SPLIT_BYTES, read on the client when a run starts).
SPLIT_BYTES = 16 << 20
SEEK_NONE = -1  # a range of a gzipped JSON Lines file: decompress from the start and skip lines

Work = Callable[[Source], Outcome]


@dataclass(frozen=True)
class Pages:
    """Page files (or failed inputs) cleaned in one task; the worker reads each one."""

    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Range:
    """Lines (WARC records) ``first`` .. ``first + limit - 1`` of one container file.

    ``offset`` is where line ``first`` starts in the raw file (SEEK_NONE: read
    from the start and skip); ``limit`` None reads to the end of the file.
    ``max_bytes`` and ``all_statuses`` are the run's --max-bytes and
    --all-statuses: each record is read as a local batch reads it.
    """

    source: Source
    fields: Fields
    first: int = 1
    offset: int = 0
    limit: int | None = None
    max_bytes: int = records.DEFAULT_MAX_BYTES
    all_statuses: bool = False


Task = Pages | Range


def run_task(task: Task, work: Work) -> list[tuple[Source, Outcome]]:
    """Run one task (on a worker): each input's Source, without its page bytes, and its Outcome.

    A record a local batch leaves out (a WARC 404, an image) comes back with its
    ``skip`` and an empty Outcome, uncleaned: the client counts it as left out.
    """
    if isinstance(task, Pages):
        return [(source, _page(source, work)) for source in task.sources]
    return [(dataclasses.replace(s, data=None), Outcome() if s.skip else work(s)) for s in _records(task)]


def _page(source: Source, work: Work) -> Outcome:
    """Clean one page file; a remote one (a URL and no path) is read through fsspec here."""
    if source.error is None and source.data is None and source.path is None:
        from cleanup.input.remote import RemoteError, read_bytes

        try:
            source = dataclasses.replace(source, data=read_bytes(source.name))
        except (OSError, RemoteError) as exc:
            return Outcome(error=reason(exc))
    return work(source)


def open_input(source: Source) -> BinaryIO:
    """A buffered binary stream on a local path or a URL (fsspec)."""
    if source.path is not None:
        return source.path.open("rb")
    from cleanup.input.remote import open_url

    return open_url(source.name)


def _records(task: Range) -> Iterator[Source]:
    """The Sources of one record range, exactly as a local batch reads them."""
    src = task.source
    try:
        stream = open_input(src)
    except Exception as exc:
        yield failed(src.name, reason(exc))
        return
    with stream:
        if task.offset == SEEK_NONE:
            stream = _skip_lines(stream, task.first - 1)
        elif task.offset:
            stream.seek(task.offset)
        yield from records.expand(
            src.kind, src.name, stream, src.rel, task.fields, task.max_bytes, task.all_statuses, task.first, task.limit
        )


def _skip_lines(stream: BinaryIO, count: int) -> BinaryIO:
    """The decompressed stream of a gzipped JSON Lines file, past its first ``count`` lines."""
    unzipped: BinaryIO = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    for _ in itertools.islice(unzipped, count):
        pass
    return unzipped


def split_bytes() -> int:
    """The split size for this run: CLEANUP_DASK_SPLIT_BYTES, else SPLIT_BYTES."""
    return int(os.environ.get("CLEANUP_DASK_SPLIT_BYTES") or SPLIT_BYTES)


def split_points(source: Source, split_bytes: int) -> list[tuple[int, int]]:
    """Where the ranges of one container file start: ``(line, offset)`` about every ``split_bytes``.

    Runs on a worker (it reads the file once, without parsing records). On any
    error the points found so far are kept: the last range reads to the end
    and reports the error exactly as a local batch would.
    """
    points = [(1, 0)]
    try:
        with open_input(source) as stream:
            if source.kind == "warc":
                _warc_points(stream, split_bytes, points)
            else:
                _jsonl_points(stream, split_bytes, points)
    except Exception:
        pass
    return points


def _jsonl_points(stream: BinaryIO, split_bytes: int, points: list[tuple[int, int]]) -> None:
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    zipped = head == b"\x1f\x8b"
    lines: Any = gzip.GzipFile(fileobj=stream) if zipped else stream
    offset = last = 0
    for no, raw in enumerate(lines, 1):
        if offset - last >= split_bytes:
            points.append((no, SEEK_NONE if zipped else offset))
            last = offset
        offset += len(raw)


def _warc_points(stream: BinaryIO, split_bytes: int, points: list[tuple[int, int]]) -> None:
    from warcio.archiveiterator import ArchiveIterator

    records_ = ArchiveIterator(stream)
    last = 0
    for no, _record in enumerate(records_, 1):
        offset = records_.get_record_offset()
        if offset - last >= split_bytes:
            points.append((no, offset))
            last = offset


def ranges(
    source: Source,
    fields: Fields,
    points: list[tuple[int, int]],
    max_bytes: int = records.DEFAULT_MAX_BYTES,
    all_statuses: bool = False,
) -> Iterator[Range]:
    """The Range tasks of one container file, from its split points (--max-bytes and --all-statuses in each)."""
    for (first, offset), after in itertools.zip_longest(points, points[1:]):
        limit = None if after is None else after[0] - first
        yield Range(source, fields, first, offset, limit, max_bytes, all_statuses)


def plan(
    sources: Iterator[Source],
    fields: Fields,
    size: Callable[[Source], int],
    points: Callable[[Source], list[tuple[int, int]]],
    keep: Callable[[Source], bool] = lambda s: True,
    split: int = SPLIT_BYTES,
    max_bytes: int = records.DEFAULT_MAX_BYTES,
    all_statuses: bool = False,
) -> Iterator[Task]:
    """Tasks in input order: runs of page files, and the record ranges of each container file.

    Page tasks start with one page and double up to MAX_PAGES_PER_TASK, so a
    short run still spreads over every worker. ``keep`` drops page files
    before any work (--skip-existing); ``points`` (run on a worker) splits a
    container larger than ``split`` bytes. Its records are read under
    ``max_bytes`` and ``all_statuses`` (--max-bytes, --all-statuses).
    """
    batch: list[Source] = []
    most = 1
    for source in sources:
        if source.kind == "page" or source.error is not None:
            if source.error is None and not keep(source):
                continue
            batch.append(_absolute(source))
            if len(batch) >= most:
                yield Pages(tuple(batch))
                batch, most = [], min(most * 2, MAX_PAGES_PER_TASK)
            continue
        if batch:
            yield Pages(tuple(batch))
            batch = []
        src = _absolute(source)
        yield from ranges(src, fields, points(src) if size(src) > split else [(1, 0)], max_bytes, all_statuses)
    if batch:
        yield Pages(tuple(batch))


def _absolute(source: Source) -> Source:
    """The Source with an absolute path: workers may run in another directory."""
    if source.path is None or source.path.is_absolute():
        return source
    return dataclasses.replace(source, path=Path(os.path.abspath(source.path)))


def buffered(stream: Any) -> BinaryIO:
    """A stream with ``peek`` (gzip is recognised by peeking at its first bytes)."""
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)
