"""Where outputs go: stdout, one file per page under a directory, or one JSON Lines file.

Each target can write an output (``emit``) or give the text a new output is
compared with under --check/--diff (``old``). Files are written atomically, in
input order, by the main process only.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
from pathlib import Path
from typing import BinaryIO

from cleanup.input.sources import Source, output_path
from cleanup.output.render import SUFFIX
from cleanup.output.write import atomic_write, signals_deferred, temp_file


class Mode(enum.Enum):
    """What to do with each output: write it, or only compare it (--check, --diff)."""

    WRITE = "write"
    CHECK = "check"
    DIFF = "diff"


class OutputError(Exception):
    """This one output cannot be written where it should go; the batch goes on."""


class Stdout:
    """Outputs one after the other on standard output; --check/--diff compare with the input."""

    name = None

    def __init__(self, fmt: str = "text", stream: BinaryIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout.buffer
        self.separate = fmt == "text"  # JSON records are lines of their own already
        self.written = False

    def exists(self, source: Source) -> bool:
        """Always False: there is nothing to skip on stdout."""
        return False

    def emit(self, source: Source, text: str) -> bool:
        """Write one output; every output counts as cleaned.

        Text pages after the first are preceded by a blank line, so pages never
        run together (each JSON record is a line of its own anyway).
        """
        if self.separate and self.written and text:
            self.stream.write(b"\n")
        self.stream.write(text.encode("utf-8"))
        self.stream.flush()
        self.written = self.written or bool(text)
        return True

    def old(self, source: Source) -> tuple[str, str]:
        """The input's own text, decoded, for --check/--diff without -o."""
        from cleanup.input.decode import read_page

        return read_page(source.read()).text, source.name

    def close(self, ok: bool) -> None:
        """Nothing to finish."""


class Directory:
    """One output file per input under ``root``, mirroring the input tree (``a/b.html`` -> ``a/b.txt``)."""

    def __init__(self, root: Path, fmt: str) -> None:
        self.root = root
        self.suffix = SUFFIX[fmt]
        self.owners: dict[Path, str] = {}  # output path -> the input that wrote it

    def target(self, source: Source) -> Path:
        """The output path of ``source``; OutputError if another input already has it."""
        target = output_path(source, self.root, self.suffix)
        owner = self.owners.setdefault(target, source.name)
        if owner != source.name:
            raise OutputError(f"its output {target} is also the output of {owner}")
        return target

    def exists(self, source: Source) -> bool:
        """True when the output of ``source`` is already there (--skip-existing).

        The output path is claimed as for a write, so two inputs sharing one
        output are reported on a resumed run too (OutputError).
        """
        return self.target(source).exists()

    def _read(self, source: Source, target: Path) -> str | None:
        """The current output file (None if there is none); OutputError if it is the input itself."""
        try:
            old = target.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise OutputError(f"its output {target} is a directory") from None
        if source.path is not None and os.path.samefile(target, source.path):
            raise OutputError(f"refusing to overwrite the input with its output ({target})")
        return old.decode("utf-8", "replace")

    def emit(self, source: Source, text: str) -> bool:
        """Write the output unless the file already holds it; True when it changed."""
        target = self.target(source)
        if self._read(source, target) == text:
            return False
        atomic_write(target, text)
        return True

    def old(self, source: Source) -> tuple[str, str]:
        """The golden output under ``root`` ('' when there is none)."""
        target = self.target(source)
        return self._read(source, target) or "", str(target)

    def close(self, ok: bool) -> None:
        """Nothing to finish: every file was complete when written."""


class JsonLinesFile:
    """All outputs as one JSON Lines file, renamed into place only once complete.

    Under --check/--diff the existing file is the golden set: each new record
    is compared with the record of the same ``source`` in it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: BinaryIO | None = None
        self.tmp: str | None = None
        self.index: dict[str, tuple[int, int]] | None = None  # source -> (offset, length)

    def exists(self, source: Source) -> bool:
        """Always False: --skip-existing works per file, with -o DIR."""
        return False

    def emit(self, source: Source, text: str) -> bool:
        """Append one record to the temporary file."""
        if self.handle is None:
            with signals_deferred():
                fd, self.tmp = temp_file(self.path)
                self.handle = os.fdopen(fd, "wb")
        self.handle.write(text.encode("utf-8"))
        return True

    def old(self, source: Source) -> tuple[str, str]:
        """The record for ``source`` in the existing file ('' when it has none)."""
        if self.index is None:
            self.index = _index(self.path)
        where = self.index.get(source.name)
        if where is None:
            return "", str(self.path)
        with self.path.open("rb") as handle:
            handle.seek(where[0])
            return handle.read(where[1]).decode("utf-8", "replace"), str(self.path)

    def close(self, ok: bool) -> None:
        """Rename the finished file into place, or remove it when the run did not finish."""
        if self.handle is None or self.tmp is None:
            return
        try:
            self.handle.close()
            if ok:
                os.replace(self.tmp, self.path)
                self.tmp = None
        finally:
            if self.tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self.tmp)


def _index(path: Path) -> dict[str, tuple[int, int]]:
    """Byte offset and length of each record of a JSON Lines file, by its ``source``."""
    import json

    index: dict[str, tuple[int, int]] = {}
    try:
        handle = path.open("rb")
    except OSError:
        return index
    with handle:
        offset = 0
        for line in handle:
            try:
                source = json.loads(line).get("source")
            except (ValueError, AttributeError):
                source = None
            if isinstance(source, str):
                index.setdefault(source, (offset, len(line)))
            offset += len(line)
    return index


def make_output(output: Path | None, fmt: str) -> Stdout | Directory | JsonLinesFile:
    """The target for -o (none: stdout; with --format jsonl: one file; else a directory)."""
    if output is None:
        return Stdout(fmt)
    if fmt == "jsonl":
        return JsonLinesFile(output)
    return Directory(output, fmt)
