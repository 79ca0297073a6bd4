"""One JSON Lines file for every output (``-o all.jsonl``, or ``all.jsonl.gz`` compressed).

The records go to a temporary file beside the target, renamed into place only
when the run ends: complete, or interrupted (the records written are whole, so
a rerun with --skip-existing finishes the file). A write that failed (a full
disk) means the file is never renamed into place.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from cleanup.input.sources import Source
from cleanup.output.files import SAFE_READ, OutputError, kind_of
from cleanup.output.render import counted, quote_name
from cleanup.output.write import remove_stale_temp_files, signals_deferred, temp_file


def compressed(path: Path) -> bool:
    """True for ``-o all.jsonl.gz``: the file is written gzip-compressed."""
    return path.name.lower().endswith(".gz")


class JsonLinesFile:
    """All outputs as one JSON Lines file, renamed into place once the run ends.

    Under --check/--diff the existing file is the golden set: each new record
    is compared with the record of the same ``source`` in it. With ``resume``
    (--skip-existing) its records are kept and their sources are not cleaned again.
    """

    def __init__(self, path: Path, resume: bool = False, given: str | None = None) -> None:
        self.path = path  # a link resolved to its target (files.destination)
        self.given = str(path) if given is None else given  # -o as the user gave it, for messages
        self.resume = resume
        self.handle: BinaryIO | None = None
        self.raw: BinaryIO | None = None  # the file under a gzip handle
        self.tmp: str | None = None
        self.failed = False  # a write failed: the file must never be committed
        self.index: dict[str, bytes] | None = None  # source -> its record in the existing file
        self.layout = Layout()  # what else the existing file holds: lines no record, repeats, its order
        self.compared: dict[str, None] = {}  # sources looked up under --check/--diff, in input order

    def exists(self, source: Source) -> bool:
        """With --skip-existing: True when the existing file already holds a record of ``source``."""
        return self.resume and source.name in self._existing()

    def check_resumable(self) -> None:
        """With --skip-existing: OutputError when the existing file holds lines that are no record
        (an application log named by mistake): the resumed file would leave them out."""
        if not self.resume:
            return
        self._existing()
        if self.layout.junk:
            lines = f"{counted(self.layout.junk, 'line')} that {_is(self.layout.junk)} no record of cleanup"
            why = f"it holds {lines}, which --skip-existing would drop; name another file"
            raise OutputError(f"-o {quote_name(self.given)}: {why}")

    def check_replaceable(self) -> None:
        """OutputError when the existing file does not start with a record of cleanup (notes.md,
        data.csv named by mistake): a run replaces -o FILE whole, so only an earlier output may be there.
        Its first line is read, not the whole file: a record of cleanup has a ``source`` and an ``extractor``
        (a dataset's rows with a "source" field are no output), or is one cut short by a crash."""
        first = _first_line(self.path)
        if first is not None and not _ours(first):
            why = "it exists and its first line is no record of cleanup; name another file, or remove it first"
            raise OutputError(f"-o {quote_name(self.given)}: {why}")

    def _existing(self) -> dict[str, bytes]:
        if self.index is None:
            self.index = _index(self.path, self.layout)
        return self.index

    def _open(self) -> None:
        remove_stale_temp_files(self.path.parent)
        with signals_deferred():
            fd, self.tmp = temp_file(self.path)
            self.raw = os.fdopen(fd, "wb")
        handle: BinaryIO = self.raw
        if compressed(self.path):
            handle = gzip.GzipFile(fileobj=self.raw, mode="wb", mtime=0)  # type: ignore[assignment]
        self.handle = handle
        if self.resume:
            for record in self._existing().values():
                handle.write(record)

    def emit(self, source: Source, text: str) -> bool:
        """Append one record to the temporary file (flushed, so a full disk shows at this record)."""
        try:
            if self.handle is None:
                self._open()
            assert self.handle is not None
            self.handle.write(text.encode("utf-8"))
            if self.handle is self.raw:
                self.handle.flush()
        except OSError:
            self.failed = True
            raise
        return True

    def old(self, source: Source) -> tuple[str | None, str]:
        """The record for ``source`` in the existing file (None when it has none), and its name.

        The name says which record ('all.jsonl: the record of pages/a.html', as a
        record that would be removed is named): the file's name alone would be
        the same line for every input that changed.
        """
        self.compared[source.name] = None
        record = self._existing().get(source.name)
        name = f"{self.given}: the record of {source.name}"
        return None if record is None else record.decode("utf-8", "replace"), name

    def orphans(self) -> list[str]:
        """Under --check/--diff: the sources of records in the existing file that no input of this run has."""
        return sorted(set(self._existing()) - set(self.compared))

    def layout_problems(self) -> list[str]:
        """Under --check/--diff: how the existing file differs from what a run writes, besides its records.

        A run writes one record per input, in input order, each on a whole line: lines
        that are no record, a source twice, another order or a line cut short would
        all be rewritten, so a check that passed over them would pass a stale golden.
        """
        index = self._existing()
        found = []
        if self.layout.junk:
            found.append(f"{counted(self.layout.junk, 'line')} that {_is(self.layout.junk)} no record")
        if self.layout.repeats:
            found.append(
                f"{counted(self.layout.repeats, 'record')} of a source that {_is(self.layout.repeats)} there already"
            )
        if self.layout.cut:
            found.append("a last line cut short")
        kept = [s for s in self.layout.order if s in self.compared]
        if kept != [s for s in self.compared if s in index]:
            found.append("its records in another order than the inputs'")
        return found

    def close(self, ok: bool) -> None:
        """Rename the file into place when ``ok`` and no write failed; else remove it.

        OutputError when the last bytes cannot be written (a disk full at the
        final flush): the temporary file is removed, nothing is committed.
        """
        if self.tmp is None:
            return
        try:
            self._finish(ok and not self.failed)
        except OSError as exc:
            raise OutputError(f"cannot write {quote_name(str(self.path))}: {exc.strerror or exc}") from None
        finally:
            if self.tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self.tmp)
                self.tmp = None

    def _finish(self, commit: bool) -> None:
        assert self.handle is not None and self.raw is not None and self.tmp is not None
        with signals_deferred():
            try:
                self.handle.close()
            finally:
                self.raw.close()
            if commit:
                os.replace(self.tmp, self.path)
                self.tmp = None


@dataclass
class Layout:
    """What an existing JSON Lines file holds besides its first record of each source."""

    order: list[str] = field(default_factory=list)  # the sources, in file order (first records)
    junk: int = 0  # lines that are no record with a source
    repeats: int = 0  # records of a source seen before
    cut: bool = False  # a last line without its newline


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _index(path: Path, layout: Layout | None = None) -> dict[str, bytes]:
    """Each record of an existing JSON Lines file by its ``source`` (the first one wins).

    The file is opened without blocking and must be a regular file (a FIFO or
    a device would hang or never end); a last line without its newline was cut
    short and is left out.
    """
    raw = _open_regular(path)
    if raw is None:
        return {}
    with raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if compressed(path) else raw  # type: ignore[assignment]
        try:
            return _records(stream, layout if layout is not None else Layout())
        except (OSError, EOFError) as exc:
            raise OutputError(f"cannot read {quote_name(str(path))}: {exc}") from None


# How every record of cleanup starts (render.record): a line cut short by a crash still does.
RECORD_START = b'{"source": '


def _records(stream: BinaryIO, layout: Layout) -> dict[str, bytes]:
    index: dict[str, bytes] = {}
    for line in stream:
        source = _source_of(line)
        if not line.endswith(b"\n") and (source is not None or line.startswith(RECORD_START)):
            layout.cut = True  # a record cut short; a whole line of something else ('{"config": 1}') is junk
            break
        if not isinstance(source, str):
            layout.junk += 1
        elif source in index:
            layout.repeats += 1
        else:
            index[source] = line
            layout.order.append(source)
    return index


def _open_regular(path: Path) -> BinaryIO | None:
    """``path`` opened to read without blocking (a FIFO or a device would hang or never end), None when
    there is no file; OutputError when it cannot be read or is no regular file."""
    try:
        fd = os.open(path, SAFE_READ)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot read {quote_name(str(path))}: {exc.strerror or exc}") from None
    raw = os.fdopen(fd, "rb")
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        raw.close()
        raise OutputError(f"{quote_name(str(path))} is {kind_of(mode)}, not a regular file; refusing it")
    return raw


def _first_line(path: Path) -> bytes | None:
    """The first line of an existing file (gunzipped for .gz: as much as can be read of one cut short),
    None when there is no file; OutputError when it is no regular file."""
    raw = _open_regular(path)
    if raw is None:
        return None
    with raw:
        if not compressed(path):
            return raw.readline(MAX_FIRST_LINE)
        parts: list[bytes] = []
        unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)  # what a file cut short holds, up to its cut
        with contextlib.suppress(zlib.error):
            while sum(map(len, parts)) < MAX_FIRST_LINE and (chunk := raw.read(FIRST_LINE_CHUNK)):
                parts.append(unzip.decompress(chunk, MAX_FIRST_LINE))
                if b"\n" in parts[-1] or unzip.eof:
                    break
        line = b"".join(parts).partition(b"\n")
        return line[0] + line[1] if any(parts) or raw.seek(0, 2) == 0 else b"\0"  # unreadable gzip: no record


MAX_FIRST_LINE = 50_000_000
FIRST_LINE_CHUNK = 1 << 16


def _ours(line: bytes) -> bool:
    """True for an empty first line, a record of cleanup, or one cut short (it starts as a record does)."""
    if not line.strip():
        return True
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # '{"sou' is cut too
        return not line.endswith(b"\n") and (line.startswith(RECORD_START) or RECORD_START.startswith(line))
    return isinstance(record, dict) and isinstance(record.get("source"), str) and "extractor" in record


def _source_of(line: bytes) -> str | None:
    """The ``source`` of a JSON Lines record, or None when the line is none."""
    try:
        source = json.loads(line).get("source")
    except (ValueError, AttributeError, RecursionError):
        return None
    return source if isinstance(source, str) else None
