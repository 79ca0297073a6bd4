"""``Source``: one input to clean (a file, standard input or a record), or one that failed.

Its own module so that ``sources`` (files, directories, lists) and ``records``
(JSON Lines, JSON arrays, WARC) both build Sources without importing each other.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.model import DecodeError


@dataclass(frozen=True)
class Source:
    """One page to clean, or one input that failed (``error`` set).

    ``name`` is shown in messages and as ``source`` in JSON; ``rel`` is where the
    output goes under -o DIR (before the suffix). A file is read from ``path``
    by the worker; standard input and records carry their page in ``data``.
    ``url`` and ``extra`` (fields passed through to the JSON record) come from
    JSON Lines and WARC records; ``charset`` from a WARC record's HTTP Content-Type.
    """

    name: str
    rel: Path
    path: Path | None = None
    data: bytes | str | None = None
    url: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()
    error: str | None = None
    skip: str | None = None  # a record that is no article (HTTP 404, an image): left out and counted
    kind: str = "page"  # 'jsonl', 'json' or 'warc': a container file left unopened (Selection.open_containers)
    charset: str | None = None  # declared by the transport (HTTP Content-Type): Options.charset
    record: bool = False  # one record of a JSON Lines, JSON or WARC file: -f json makes an array of them

    def read(self, max_bytes: int | None = None) -> bytes | str:
        """The raw page; never more than ``max_bytes`` of a file is read (DecodeError past it)."""
        if self.data is not None:
            return self.data
        if self.path is None:
            raise OSError(errno.ENOENT, "no data")
        with self.path.open("rb") as handle:
            return read_at_most(handle, max_bytes)


READ_CHUNK = 1 << 20


def read_at_most(handle: BinaryIO, max_bytes: int | None) -> bytes:
    """What ``handle`` holds; DecodeError when that is more than ``max_bytes``.

    A regular file is read in one call sized to it, and not at all when its size is
    over the limit: ``read(max_bytes + 1)`` allocated the whole limit first (50 MB for
    every page; 7 times slower on a 100 KB file). A pipe or device is read in chunks.
    """
    if max_bytes is None:
        return handle.read()
    st = os.fstat(handle.fileno())
    if stat.S_ISREG(st.st_mode):
        if st.st_size > max_bytes:
            raise DecodeError(over_limit(max_bytes))
        data = handle.read(st.st_size + 1)
        if len(data) <= st.st_size:
            return data
        return data + read_chunks(handle, max_bytes - len(data), max_bytes)  # it grew since the stat
    return read_chunks(handle, max_bytes, max_bytes)


def read_chunks(handle: BinaryIO, room: int, max_bytes: int) -> bytes:
    """The rest of ``handle``, read in chunks; DecodeError past ``room`` more bytes (the input past ``max_bytes``)."""
    chunks, total = [], 0
    while total <= room and (chunk := handle.read(min(READ_CHUNK, room + 1 - total))):
        chunks.append(chunk)
        total += len(chunk)
    if total > room:
        raise DecodeError(over_limit(max_bytes))
    return b"".join(chunks)


def over_limit(max_bytes: int) -> str:
    """The message for an input or record larger than --max-bytes."""
    return f"input is over the limit of {max_bytes:,} bytes (--max-bytes)"


DEFAULT_MAX_BYTES = 50_000_000  # Options.max_bytes: no record is read whole past it
TRUNCATED = "truncated gzip data: the last record is cut off or missing"


def container_failed(name: str, base: Path, reason: str) -> Source:
    """A records file (JSON Lines, JSON, WARC) that failed as a whole (or from some record on): kind
    "container", ``rel`` the directory of its records' outputs, which --prune then leaves alone."""
    return Source(name, base, error=reason, kind="container")


def file_identity(where: Path | str | int) -> tuple[int, int] | None:
    """(device, inode) of the regular file a path (links followed) or descriptor is; None for anything else."""
    try:
        st = os.stat(where)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def output_is_input(writes_to: tuple[tuple[tuple[int, int], str], ...], identity: tuple[int, int] | None) -> str | None:
    """Why the file ``identity`` is no input: stdout or stderr goes there (``writes_to``: (identity, stream) pairs).

    ``cleanup -f jsonl in.jsonl >> in.jsonl`` (or ``2>> in.jsonl`` with a bad line) read what it appended, without end.
    """
    for where, stream in writes_to:
        if identity is not None and identity == where:
            return f"is the file {stream} is written to; refusing to read it as input"
    return None


def failed(name: str, reason: str) -> Source:
    """An input that cannot be cleaned, reported as ``error: name: reason``."""
    return Source(name, Path(), error=reason)


# A line of a --files-from list longer than this is no path (PATH_MAX is 4096): the list is refused.
MAX_LISTED_LINE = 65_536


def bounded_lines(stream: Iterable[bytes] | BinaryIO) -> Iterator[bytes]:
    """The lines of ``stream``, each read at most MAX_LISTED_LINE bytes at a time (``/dev/zero`` as a list)."""
    readline = getattr(stream, "readline", None)
    if readline is None:
        yield from stream
        return
    while line := readline(MAX_LISTED_LINE + 1):
        if len(line) > MAX_LISTED_LINE:
            raise OSError(errno.E2BIG, f"a line over {MAX_LISTED_LINE:,} bytes: not a list of paths")
        yield line


def listed_paths(stream: Iterable[bytes] | BinaryIO, null: bool = False) -> Iterator[Path]:
    """Paths from ``--files-from``, one per line (blank lines skipped), or NUL-separated (``-0``).

    >>> import io
    >>> [str(p) for p in listed_paths(io.BytesIO(b"a b.html\\0c\\nd.html\\0"), null=True)]
    ['a b.html', 'c\\nd.html']

    A UTF-8 byte order mark before the first path (a list saved by Notepad) is no part of it.

    >>> [str(p) for p in listed_paths(io.BytesIO(b"\\xef\\xbb\\xbfa.html\\r\\nb.html\\n"))]
    ['a.html', 'b.html']
    """
    if null:
        items = _null_separated(stream)  # type: ignore[arg-type]
        yield from (Path(os.fsdecode(raw)) for raw in _without_bom(items) if raw)
        return
    for raw in _without_bom(bounded_lines(stream)):
        line = os.fsdecode(raw.rstrip(b"\r\n"))
        if line.strip():
            yield Path(line)


def _without_bom(items: Iterator[bytes]) -> Iterator[bytes]:
    """``items``, the first one without a leading UTF-8 byte order mark."""
    for n, raw in enumerate(items):
        yield raw.removeprefix(codecs.BOM_UTF8) if n == 0 else raw


def _null_separated(stream: BinaryIO) -> Iterator[bytes]:
    """NUL-separated items of a byte stream, read a block at a time."""
    rest = b""
    while block := stream.read(1 << 16):
        *items, rest = (rest + block).split(b"\0")
        yield from items
    yield rest
