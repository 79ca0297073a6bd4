"""Inputs: files, directory trees (sorted), and standard input."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
COMPRESSED_SUFFIXES = (".gz",)


class SourceError(Exception):
    """An input that cannot be read as given (missing, a broken link, not a file)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Source:
    """One input. ``rel`` is where its output goes under -o DIR (before the suffix)."""

    name: str
    path: Path | None
    rel: Path

    def read(self) -> bytes:
        """The raw bytes of the input (standard input is read once, here)."""
        if self.path is None:
            return sys.stdin.buffer.read()
        return self.path.read_bytes()


def _matches(name: str, globs: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def _walk(root: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Path | SourceError]:
    """Files under ``root`` in sorted order; symbolic links to directories are not followed."""
    for dirpath, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _matches(d, exclude))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            rel = str(path.relative_to(root))
            if not _matches(name, include) or _matches(name, exclude) or _matches(rel, exclude):
                continue
            if path.is_symlink() and not path.exists():
                yield SourceError(str(path), "broken symbolic link")
                continue
            yield path


def _inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
    except ValueError:
        return False
    return True


def iter_sources(sources: Iterable[Path], include: tuple[str, ...], exclude: tuple[str, ...],
                 out_dir: Path | None) -> Iterator[Source | SourceError]:
    """Every input to clean, in order; bad ones come as SourceError items.

    Raises SourceError at once when the output directory is an input or lies
    inside an input directory (cleaning would read its own output).
    """
    sources = list(sources)
    single = len(sources) == 1
    for src in sources:
        if str(src) != STDIN and out_dir is not None and src.is_dir() and _inside(out_dir, src):
            raise SourceError(str(out_dir), f"output directory {out_dir} is inside the input directory {src}")
    for src in sources:
        if str(src) == STDIN:
            yield Source("<stdin>", None, Path("stdin"))
        elif src.is_dir():
            for item in _walk(src, include, exclude):
                if isinstance(item, SourceError):
                    yield item
                    continue
                rel = item.relative_to(src)
                yield Source(str(item), item, rel if single else Path(src.name) / rel)
        elif src.is_symlink() and not src.exists():
            yield SourceError(str(src), "broken symbolic link")
        elif not src.exists():
            yield SourceError(str(src), "no such file or directory")
        elif not src.is_file():
            yield SourceError(str(src), "not a regular file")
        else:
            yield Source(str(src), src, Path(src.name))


def output_path(source: Source, out_dir: Path, suffix: str) -> Path:
    """Where the output of ``source`` goes: ``page.html`` -> ``out_dir/page.txt``."""
    name = source.rel.name
    for comp in COMPRESSED_SUFFIXES:
        if name.endswith(comp):
            name = name[: -len(comp)]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return out_dir / source.rel.parent / (stem + suffix)
