"""Remote inputs through fsspec (s3://, gs://, hdfs://, http(s)://, memory://...).

A cluster run lists remote files on the client and has the workers read them.
The listing follows the local rules: directories are walked depth first in
sorted order, --include/--exclude apply, and under -o DIR each output mirrors
the input's path below the directory given. fsspec and its backends (s3fs,
gcsfs...) load only when a URL is given.
"""

from __future__ import annotations

import fnmatch
import io
import posixpath
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.input.sources import Selection, Source, failed

# click's Path type folds 's3://bucket/key' into 's3:/bucket/key'; both spellings are URLs.
URL_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):/+(.*)$", re.S)
GLOB_CHARS = frozenset("*?[")


class RemoteError(Exception):
    """A URL cannot be used: fsspec or the backend for its scheme is not installed."""


def as_url(path: Path | str | None) -> str | None:
    """The URL a command-line path stands for, or None for a local path.

    >>> as_url(Path("s3://bucket/crawl/"))
    's3://bucket/crawl'
    >>> as_url("memory://in/a.html"), as_url(Path("crawl/a.html"))
    ('memory://in/a.html', None)
    """
    if path is None:
        return None
    match = URL_RE.match(str(path))
    if not match:
        return None
    scheme, rest = match.group(1).lower(), match.group(2)
    return f"file:///{rest}" if scheme == "file" else f"{scheme}://{rest}"


def local_path(path: Path | None) -> Path | None:
    """A ``file://`` URL as the local path it names (every local guard then applies to it); else ``path``.

    >>> local_path(Path("file:///tmp/out/")), local_path(Path("s3://bucket/out"))
    (PosixPath('/tmp/out'), PosixPath('s3:/bucket/out'))
    """
    url = as_url(path)
    if url is None or not url.startswith("file:///"):
        return path
    from urllib.parse import unquote

    return Path(unquote(url[len("file://") :]))


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``url`` and the path on it; RemoteError says what to install."""
    scheme = url.split("://", 1)[0]
    try:
        import fsspec
    except ImportError:
        raise RemoteError(f"{scheme}:// paths need fsspec: pip install dask distributed fsspec") from None
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as exc:
        raise RemoteError(f"{scheme}:// paths need an fsspec backend that is not installed: {exc}") from None
    except ValueError as exc:
        raise RemoteError(f"{scheme}:// is not a filesystem fsspec knows: {exc}") from None


def read_bytes(url: str) -> bytes:
    """The whole file at ``url``."""
    fs, path = filesystem(url)
    data: bytes = fs.cat_file(path)
    return data


def open_url(url: str) -> BinaryIO:
    """A buffered binary stream on ``url`` (seekable where the filesystem is)."""
    fs, path = filesystem(url)
    stream = fs.open(path, "rb")
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)


def size(url: str) -> int:
    """The size of the file at ``url`` in bytes (0 when unknown)."""
    fs, path = filesystem(url)
    return int(fs.size(path) or 0)


def _matches(name: str, globs: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, g) for g in globs)


def _excluded(below: str, sel: Selection) -> bool:
    """True when the file or any directory on its way down matches an --exclude glob."""
    parts = below.split("/")
    for i in range(1, len(parts) + 1):
        if _matches(parts[i - 1], sel.exclude) or _matches("/".join(parts[:i]), sel.exclude):
            return True
    return False


def _listing(fs: Any, path: str) -> tuple[str, list[str]]:
    """The directory the entries are below and the files (sorted depth first by name)."""
    if GLOB_CHARS & set(path):
        found = [p for p, info in fs.glob(path, detail=True).items() if info.get("type") != "directory"]
        static = path[: min(path.find(c) for c in GLOB_CHARS if c in path)]
        base = static.rsplit("/", 1)[0] if "/" in static else ""
    elif fs.isdir(path):
        found, base = list(fs.find(path)), path
    else:
        return posixpath.dirname(path.rstrip("/")), [path] if fs.exists(path) else []
    return base.rstrip("/"), sorted(found, key=lambda p: p.split("/"))


def iter_remote(url: str, root: Path | None, sel: Selection) -> Iterator[Source]:
    """The inputs under one URL (a file, a directory or a glob), in the local batch's order.

    ``root`` is where the URL's outputs go under -o DIR when several inputs are
    given; alone, a directory's (or glob's) files go below -o DIR and a file to
    its name, as in a local batch.
    """
    from cleanup.input.records import kind_of

    fs, path = filesystem(url)
    many = bool(GLOB_CHARS & set(path)) or fs.isdir(path)
    base, files = _listing(fs, path)
    if not files:
        yield failed(url, "no such file or directory")
        return
    for file in files:
        name = posixpath.basename(file)
        if not many:
            yield Source(url, root if root is not None else Path(name), kind=kind_of(name, sel.input_format))
            continue
        below = file[len(base) :].lstrip("/") if file.startswith(base) else name
        if _excluded(below, sel) or not (_matches(name, sel.include) or _matches(below, sel.include)):
            continue
        shown = f"{url.rstrip('/')}/{below}" if fs.isdir(path) else fs.unstrip_protocol(file)
        yield Source(shown, (root or Path()) / below, kind=kind_of(name, sel.input_format))


def iter_urls(args: Sequence[Path], sel: Selection) -> Iterator[Source]:
    """Inputs from command-line arguments of which some are URLs (local ones read as usual)."""
    from cleanup.input.sources import iter_sources

    paths = [as_url(a) or str(a) for a in args]
    keys = [p.split("://", 1)[-1].rstrip("/") for p in paths]
    common = posixpath.commonpath([posixpath.dirname(k) or "." for k in keys]) if len(keys) > 1 else None
    for arg, url, key in zip(args, paths, keys, strict=True):
        root = None if common is None else Path(posixpath.relpath(key, common or "."))
        if as_url(arg) is None:
            for source in iter_sources([arg], sel):
                yield source if root is None else _rerooted(source, root, arg)
        else:
            try:
                yield from iter_remote(url, root, sel)
            except RemoteError as exc:
                yield failed(url, str(exc))


def _rerooted(source: Source, root: Path, arg: Path) -> Source:
    import dataclasses

    return dataclasses.replace(source, rel=root / source.rel if arg.is_dir() else root)
