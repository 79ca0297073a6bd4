"""Inputs: files, directory trees (sorted), lists of paths, standard input, and the
pages inside JSON Lines and WARC files (``records.py``).

Everything comes out as ``Source`` items in a fixed order; an input that cannot
be used is a ``Source`` with ``error`` set, so one bad path never stops a batch.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

STDIN = "-"
COMPRESSED_SUFFIXES = (".gz",)
INPUT_FORMATS = ("auto", "page", "jsonl", "warc")


class SourceError(Exception):
    """The inputs as given cannot be used at all (the output would be read as input)."""


@dataclass(frozen=True)
class Source:
    """One page to clean, or one input that failed (``error`` set).

    ``name`` is shown in messages and as ``source`` in JSON; ``rel`` is where the
    output goes under -o DIR (before the suffix). A file is read from ``path``
    by the worker; standard input and records carry their page in ``data``.
    ``url`` and ``extra`` (fields passed through to the JSON record) come from
    JSON Lines and WARC records.
    """

    name: str
    rel: Path
    path: Path | None = None
    data: bytes | str | None = None
    url: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()
    error: str | None = None
    kind: str = "page"  # 'jsonl' or 'warc': a container file left unopened (Selection.open_containers)

    def read(self) -> bytes | str:
        """The raw page."""
        if self.data is not None:
            return self.data
        if self.path is None:
            raise OSError(errno.ENOENT, "no data")
        return self.path.read_bytes()


def failed(name: str, reason: str) -> Source:
    """An input that cannot be cleaned, reported as ``error: name: reason``."""
    return Source(name, Path(), error=reason)


@dataclass(frozen=True)
class Selection:
    """Which files to take from directories, how to read them, and where output goes."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    input_format: str = "auto"
    fields: Any = None  # records.Fields; None means the defaults
    output: Path | None = None  # -o: never read it as input
    open_containers: bool = True  # False: JSON Lines / WARC files come out whole, for cluster workers to open


def reason(exc: BaseException) -> str:
    """One-line reason for an OSError ('Permission denied') or another error."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _matches(name: str, globs: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def _inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _stat_error(path: Path) -> str | None:
    """Why ``path`` is not a readable regular file, or None when it is one."""
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return "broken symbolic link" if path.is_symlink() else "no such file or directory"
        return reason(exc)
    if stat.S_ISDIR(st.st_mode):
        return "is a directory"
    return None if stat.S_ISREG(st.st_mode) else "not a regular file"


def _file(path: Path, rel: Path, sel: Selection) -> Iterator[Source]:
    """The page in one file, or the records of a JSON Lines / WARC file."""
    from cleanup.input import records

    problem = _stat_error(path)
    if problem:
        yield failed(str(path), problem)
        return
    if sel.output is not None and path.name == sel.output.name and path.resolve() == sel.output.resolve():
        yield failed(str(path), "is the output file; refusing to read it as input")
        return
    kind = records.kind_of(path.name, sel.input_format)
    if kind == "page" or not sel.open_containers:
        yield Source(str(path), rel, path=path, kind=kind)
        return
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield failed(str(path), reason(exc))
        return
    with stream:
        yield from records.expand(kind, str(path), stream, rel, sel.fields)


def _walk(root: Path, rel: Path, sel: Selection, below: str = "") -> Iterator[Source]:
    """Files under ``root``, sorted by name, depth first; links to directories are not followed.

    ``below`` is the path of ``root`` under the directory given, which --exclude globs see.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield failed(str(root), reason(exc))
        return
    for entry in entries:
        path, sub, inner = Path(entry.path), rel / entry.name, f"{below}{entry.name}"
        if _matches(entry.name, sel.exclude) or _matches(inner, sel.exclude):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir and entry.is_symlink():
            if _inside(root, path):
                yield failed(str(path), "symbolic link loop (points to a directory above it)")
            continue
        if is_dir:
            yield from _walk(path, sub, sel, f"{inner}/")
        elif _matches(entry.name, sel.include):
            yield from _file(path, sub, sel)


def _stdin(sel: Selection) -> Iterator[Source]:
    from cleanup.input import records

    stream: BinaryIO = sys.stdin.buffer
    if sel.input_format in ("jsonl", "warc"):
        yield from records.expand(sel.input_format, "<stdin>", stream, Path("stdin"), sel.fields)
    else:
        yield Source("<stdin>", Path("stdin"), data=stream.read())


def _one(src: Path, rel: Path, sel: Selection) -> Iterator[Source]:
    if str(src) == STDIN:
        yield from _stdin(sel)
    elif src.is_dir():
        if sel.output is not None and _inside(sel.output, src):
            yield failed(str(src), f"the output {sel.output} is inside this input directory; refusing to read it")
            return
        yield from _walk(src, rel, sel)
    else:
        yield from _file(src, rel, sel)


def check_output(sources: Iterable[Path], output: Path | None) -> None:
    """Raise SourceError when the output is an input or lies inside an input directory.

    ``sources`` are every input named: the command line's and --files-from's.
    """
    if output is None or str(output) == STDIN:
        return
    for src in sources:
        if str(src) == STDIN:
            continue
        if src.is_dir() and _inside(output, src):
            raise SourceError(f"the output {output} is inside the input directory {src}")
        if src.exists() and not src.is_dir() and src.resolve() == output.resolve():
            raise SourceError(f"the output {output} is also an input")


@dataclass(frozen=True)
class InputGuard:
    """Every input named, known before the first write, so that no output ever lands on one.

    ``files``: (device, inode) of each file named; ``dirs``: the real path of
    each directory named (every file under it is an input, or may be one).
    Real paths and inodes see through links: a linked directory in the output
    tree that points into the inputs is caught too.
    """

    files: frozenset[tuple[int, int]] = frozenset()
    dirs: tuple[str, ...] = ()

    @classmethod
    def of(cls, sources: Iterable[Path]) -> InputGuard:
        """The guard for these inputs (names that do not exist are left out: they are no input)."""
        files, dirs = set(), []
        for src in sources:
            if str(src) == STDIN:
                continue
            try:
                st = src.stat()
            except (OSError, ValueError):
                continue
            if stat.S_ISDIR(st.st_mode):
                dirs.append(os.path.realpath(src))
            else:
                files.add((st.st_dev, st.st_ino))
        return cls(frozenset(files), tuple(dirs))

    def problem(self, target: Path) -> str | None:
        """Why writing ``target`` would hit an input, or None when it is safe."""
        parent = os.path.realpath(target.parent)
        for top in self.dirs:
            if parent == top or parent.startswith(top.rstrip(os.sep) + os.sep):
                return f"its output {target} would be written inside the input directory {top}"
        try:
            st = target.stat()
        except (OSError, ValueError):
            return None
        if (st.st_dev, st.st_ino) in self.files:
            return f"refusing to overwrite the input {target} with an output"
        return None


def iter_sources(sources: Iterable[Path], sel: Selection) -> Iterator[Source]:
    """Every input to clean, in order: command-line order, then sorted within directories.

    Under -o DIR, one directory's files go to ``DIR/<path below it>`` and one
    file to ``DIR/<its name>``; several inputs keep their paths below the
    directory they share (``a/x.html`` and ``b/x.html`` do not collide).
    """
    sources = list(sources)
    paths = [Path(os.path.abspath(src)) for src in sources if str(src) != STDIN]
    base = Path(os.path.commonpath([p.parent for p in paths])) if paths else Path()
    for src in sources:
        if len(sources) == 1:
            rel = Path() if src.is_dir() else Path(src.name)
        elif str(src) == STDIN:
            rel = Path("stdin")
        else:
            rel = Path(os.path.abspath(src)).relative_to(base)
        yield from _one(src, rel, sel)


def _relative(path: Path) -> Path:
    """``path`` without its root, '.' and '..' parts: where it goes under -o DIR."""
    parts = [p for p in path.parts if p not in (path.anchor, "..", ".")]
    return Path(*parts) if parts else Path(path.name)


def listed_paths(stream: Iterable[bytes]) -> Iterator[Path]:
    """Paths from ``--files-from``, one per line (blank lines skipped)."""
    for raw in stream:
        line = os.fsdecode(raw.rstrip(b"\r\n"))
        if line.strip():
            yield Path(line)


def iter_listed(paths: Iterable[Path], sel: Selection) -> Iterator[Source]:
    """Inputs named in a list: each keeps its own relative path under -o DIR."""
    for path in paths:
        yield from _one(path, _relative(path), sel)


def output_path(source: Source, out_dir: Path, suffix: str) -> Path:
    """Where the output of ``source`` goes: ``page.html`` -> ``out_dir/page.txt``."""
    name = source.rel.name
    for comp in COMPRESSED_SUFFIXES:
        if name.endswith(comp):
            name = name[: -len(comp)]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return out_dir / source.rel.parent / (stem + suffix)
