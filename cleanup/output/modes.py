"""Where outputs go: stdout, one file per page under a directory, or one JSON Lines file.

Each target can write an output (``emit``) or give the text a new output is
compared with under --check/--diff (``old``). Files are written atomically, in
input order, by the main process only; an existing file is read only if it is
a regular file (``files.read_regular``), and never written if it is an input.
"""

from __future__ import annotations

import contextlib
import enum
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from cleanup.input.sources import InputGuard, Source, output_path, output_stem
from cleanup.output.files import OutputError, destination, not_a_directory, open_stream, read_regular, streams_to
from cleanup.output.jsonl import JsonLinesFile
from cleanup.output.render import SUFFIX, quote_name
from cleanup.output.write import atomic_write, remove_stale_temp_files

__all__ = ["Directory", "JsonLinesFile", "Mode", "OutputError", "Stdout", "make_output"]

# An existing output or golden file is read up to this many times the input limit (JSON escapes grow text).
READ_FACTOR = 4


class Mode(enum.Enum):
    """What to do with each output: write it, or only compare it (--check, --diff)."""

    WRITE = "write"
    CHECK = "check"
    DIFF = "diff"


class Stdout:
    """Outputs one after the other on standard output (or a stream); --check/--diff compare with the input.

    Text pages are separated by a blank line (split them back with -f jsonl,
    not by blank lines: pages hold them too). With -f json, one page is one
    JSON object and several pages are one JSON array, so ``json.load`` reads
    the whole output. ``many``: the command names several inputs (or a
    directory, a list of files): the output is an array however many of them
    come out clean, none or one included, so its shape depends on the command, not on the data.
    """

    name = None

    def __init__(self, fmt: str = "text", stream: BinaryIO | None = None, many: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stdout.buffer
        self.separate = fmt == "text"  # JSON records are lines of their own already
        self.array = fmt == "json"
        self.many = many
        self.held: str | None = None  # -f json: the first record, until a second one makes an array
        self.count = 0
        self.written = False

    def exists(self, source: Source) -> bool:
        """Always False: there is nothing to skip on stdout."""
        return False

    def emit(self, source: Source, text: str) -> bool:
        """Write one output; every output counts as cleaned."""
        if self.array:
            self.many = self.many or source.record  # records piped to stdin: an array, as from a .jsonl named
            self._element(text)
            return True
        if self.separate and self.written and text:
            self._write("\n")
        self._write(text)
        self.written = self.written or bool(text)
        return True

    def _element(self, record: str) -> None:
        """One -f json record: held back while it is the only one, then written as an array element."""
        self.count += 1
        if self.count == 1 and not self.many:
            self.held = record
            return
        if self.count == 1:
            self._write("[" + record.rstrip("\n"))
            return
        if self.count == 2 and self.held is not None:
            self._write("[" + self.held.rstrip("\n"))
            self.held = None
        self._write(",\n" + record.rstrip("\n"))

    def _write(self, text: str) -> None:
        self.stream.write(text.encode("utf-8"))
        self.stream.flush()

    def old(self, source: Source) -> tuple[str | None, str]:
        """The input's own text, decoded, for --check/--diff without -o."""
        from cleanup.input.decode import read_page

        return read_page(source.read()).text, source.name

    def close(self, ok: bool) -> None:
        """Finish a -f json array (or write its only record); a stream opened for -o is closed."""
        if self.held is not None:
            self._write(self.held)
        elif self.array and (self.count > 1 or self.many):
            self._write("]\n" if self.count else "[]\n")
        if self.stream is not sys.stdout.buffer:
            self.stream.close()


class Directory:
    """One output file per input under ``root``, mirroring the input tree (``a/b.html`` -> ``a/b.txt``)."""

    def __init__(self, root: Path, fmt: str, guard: InputGuard | None = None, limit: int = 200_000_000) -> None:
        self.root = root
        self.suffix = SUFFIX[fmt]
        self.guard = guard or InputGuard()
        self.limit = limit  # bytes read of an existing output or golden file
        self.owners: dict[Path, str] = {}  # output path -> the input that wrote it
        self.record_owners: dict[Path, str] = {}  # output directory of a records file -> that file
        self.kept_dirs: list[Path] = []  # output directories of records files that failed: no orphans there
        self.swept: set[Path] = set()  # directories cleared of stale temporary files
        self.bases: set[Path] = set()  # the directories inputs' output paths are relative to (``orphans``)
        self.page_dirs: set[Path] = set()  # the directories this run cleaned a page file of
        self.record_dirs: set[Path] = set()  # output directories of records files (their records are listed)
        self.kept: list[Path] = []  # outputs ``orphans`` left since no input directory of theirs is there

    def target(self, source: Source) -> Path:
        """The output path of ``source``; OutputError if another input already has it."""
        target = output_path(source, self.root, self.suffix)
        self._remember(source, target)
        if source.record:  # a records file claims its whole directory: a record of another would fill a gap
            file = source.name.rpartition(":")[0]
            owner = self.record_owners.setdefault(target.parent, file)
            if owner != file:
                raise OutputError(f"its output {quote_name(str(target))} is also the output of {quote_name(owner)}")
        owner = self.owners.setdefault(target, source.name)
        if owner != source.name:
            raise OutputError(f"its output {quote_name(str(target))} is also the output of {quote_name(owner)}")
        return target

    def _remember(self, source: Source, target: Path) -> None:
        """Where the inputs of this run lie: an output whose input is gone is looked for there."""
        if source.record:
            self.record_dirs.add(target.parent)
        elif source.path is not None and source.rel.parts:
            depth = len(source.rel.parts)
            path = Path(os.path.abspath(source.path))
            if path.parts[-depth:] == source.rel.parts:
                self.bases.add(Path(*path.parts[:-depth]))
                if path.parent not in self.page_dirs and self._walked(path.parent):
                    self.page_dirs.add(path.parent)

    def _walked(self, directory: Path) -> bool:
        """True when ``directory`` lies in a directory given as input: this run listed it whole.

        A file named on its own (or in --files-from) says nothing of its siblings: with
        ``--prune -o golden/ pages/sub/x.html`` the outputs of ``pages/*.html`` mirrored
        onto golden/ are not orphans (a new-user trial saw them removed "as their input is gone").
        """
        real = Path(os.path.realpath(directory))
        return any(real.is_relative_to(named) for named in self.guard.dirs)

    def exists(self, source: Source) -> bool:
        """True when the output of ``source`` is already there (--skip-existing).

        The output path is claimed as for a write, so two inputs sharing one
        output are reported on a resumed run too (OutputError). Only a regular file is an output:
        a directory, FIFO or link in its place is refused by the write, not skipped.
        """
        try:
            return stat.S_ISREG(os.lstat(self.target(source)).st_mode)
        except OSError:  # missing, or a parent that is no directory
            return False

    def _read(self, source: Source, target: Path) -> str | None:
        """The current output file (None if there is none); OutputError if it is an input or not a file."""
        problem = self.guard.problem(target)
        if problem is not None:
            raise OutputError(problem)
        existing = read_regular(target, self.limit, root=self.root)
        if existing is None:
            return None
        if source.path is not None and _identity(source.path) == (existing.device, existing.inode):
            raise OutputError(f"refusing to overwrite the input with its output ({quote_name(str(target))})")
        text = existing.data.decode("utf-8", "replace")
        return text if existing.complete else text + "\n[... the file goes on]\n"

    def emit(self, source: Source, text: str) -> bool:
        """Write the output unless the file already holds it; True when it changed."""
        target = self.target(source)
        if self._read(source, target) == text:
            return False
        if target.parent not in self.swept:
            self.swept.add(target.parent)
            remove_stale_temp_files(target.parent)
        atomic_write(target, text)
        return True

    def old(self, source: Source) -> tuple[str | None, str]:
        """The golden output under ``root`` (None when there is none)."""
        target = self.target(source)
        return self._read(source, target), str(target)

    def close(self, ok: bool) -> None:
        """Nothing to finish: every file was complete when written."""

    def claim(self, source: Source) -> None:
        """Count the output of ``source`` as planned though it failed (its file is no orphan).

        A records file that failed as a whole (or from some record on) plans every output
        under its records' directory: a truncated crawl.jsonl.gz keeps crawl/000001.txt ….
        """
        if source.kind == "container":
            self.kept_dirs.append(self.root / source.rel)
            return
        with contextlib.suppress(OutputError):
            self.target(source)

    def orphans(self) -> list[Path]:
        """Output files under ``root`` that no input of this run has (their input is gone), sorted.

        Only files with this format's suffix count; hidden files (our
        temporary files among them) and linked directories are left alone, and
        so are inputs and files inside an input directory (an input may lie under
        -o: ``cleanup --prune -o . pages/``), and the outputs of a records file that failed.
        """
        found, stems = [], _StemCache()
        for top, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            if any(Path(top).is_relative_to(kept) for kept in self.kept_dirs):
                continue
            for name in names:
                path = Path(top) / name
                ours = name.endswith(self.suffix) and not name.startswith(".") and path not in self.owners
                if ours and self.guard.problem(path) is None and self._input_gone(path, stems):
                    found.append(path)
        return sorted(found)

    def _input_gone(self, path: Path, stems: _StemCache) -> bool:
        """True when ``path`` mirrors a directory this run cleaned a page of, and no file there has it as output.

        Only a directory this run read pages from can tell: an output whose directory mirrors
        none (``docs/todo.txt`` the user keeps below -o, a ``.txt`` at the top of -o over several
        input directories, the outputs of a directory emptied or unmounted) is kept and listed in
        ``kept``. The outputs of a records file are told by the records it holds now.
        """
        if any(path.is_relative_to(d) for d in self.record_dirs):
            return True
        rel = path.relative_to(self.root)
        stem, seen = rel.name[: -len(self.suffix)], False
        for base in sorted(self.bases):
            if (base / rel.parent) in self.page_dirs:
                if stem in (stems[base / rel.parent] or {stem}):
                    return False  # its input is there (a run on one file of the directory, a filter)
                seen = True
        if not seen:
            self.kept.append(path)
        return seen


class _StemCache(dict[Path, set[str] | None]):
    """The output stems of the files of each input directory (``output_stem``), listed once a prune;
    None for a directory that cannot be listed."""

    def __missing__(self, directory: Path) -> set[str] | None:
        try:
            stems: set[str] | None = {output_stem(name) for name in os.listdir(directory)}
        except OSError:
            stems = None
        self[directory] = stems
        return stems


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def make_output(
    output: Path | None,
    fmt: str,
    guard: InputGuard | None = None,
    max_bytes: int = 50_000_000,
    resume: bool = False,
    many: bool = False,
) -> Stdout | Directory | JsonLinesFile:
    """The target for -o: none or ``-``: stdout; a device, FIFO or /dev/stdout: that stream, in any format;
    with --format jsonl: one file; else a directory.

    OutputError when ``-o FILE`` is neither a file, a link to one, a device nor a FIFO.
    ``many``: several inputs are named (``Stdout``: -f json is then always an array).
    """
    if output is None or str(output) == "-":
        return Stdout(fmt, many=many)
    if fmt == "jsonl" or streams_to(output):
        where = destination(output)
        if where.stream:
            return Stdout(fmt, stream=open_stream(where.path), many=many)  # closed by close()
        return JsonLinesFile(where.path, resume=resume, given=str(output))
    if (blocked := not_a_directory(output)) is not None:  # each output would fail alone, and say 'cannot read'
        raise OutputError(f"-o {quote_name(str(output))}: {blocked}")
    return Directory(output, fmt, guard, limit=READ_FACTOR * max_bytes)
