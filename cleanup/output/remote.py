"""Outputs on fsspec filesystems (-o s3://bucket/clean/, -o gs://bucket/all.jsonl): written atomically there.

Object stores (S3, GCS, Azure, memory://) make an object visible only once it
is complete, so each page's output is one ``pipe_file``. Elsewhere (HDFS, SFTP,
a file:// URL) it goes to a temporary name beside the target and is moved into
place. A JSON Lines output is always written under a temporary name and moved
into place when the run finishes (removed when it does not). The client writes,
in input order, exactly as the local targets in ``modes.py`` do.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path
from typing import Any

from cleanup.input.remote import RemoteError, as_url, filesystem
from cleanup.input.sources import Source
from cleanup.model import without_password
from cleanup.output.modes import Directory, JsonLinesFile, OutputError

OBJECT_STORES = frozenset(("s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "oci", "memory"))
READ_ONLY = frozenset(("http", "https"))


def _protocols(fs: Any) -> set[str]:
    protocol = fs.protocol
    return set(protocol) if isinstance(protocol, (tuple, list)) else {protocol}


def _temp_name(path: str) -> str:
    head, _, name = path.rpartition("/")
    return f"{head}/.{name}.{uuid.uuid4().hex[:12]}.tmp" if head else f".{name}.{uuid.uuid4().hex[:12]}.tmp"


def write_atomic(fs: Any, path: str, data: bytes) -> None:
    """``data`` at ``path`` on ``fs``; a reader sees the old file or the whole new one, never a part."""
    if _protocols(fs) & OBJECT_STORES:
        fs.pipe_file(path, data)
        return
    fs.makedirs(path.rpartition("/")[0] or ".", exist_ok=True)
    tmp = _temp_name(path)
    try:
        fs.pipe_file(tmp, data)
        fs.mv(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            fs.rm(tmp)
        raise


class RemoteDirectory(Directory):
    """``Directory`` on an fsspec filesystem: one output file per input, mirroring the input tree."""

    def __init__(self, url: str, fmt: str) -> None:
        self.fs, root = filesystem(url)
        super().__init__(Path(root), fmt)

    def _url(self, target: Path) -> str:
        return str(without_password(self.fs.unstrip_protocol(str(target))))

    def exists(self, source: Source) -> bool:
        """True when the output of ``source`` is already there (--skip-existing)."""
        return bool(self.fs.exists(str(self.target(source))))

    def _read(self, source: Source, target: Path) -> str | None:
        try:
            old = self.fs.cat_file(str(target))
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise OutputError(f"its output {self._url(target)} is a directory") from None
        return bytes(old).decode("utf-8", "replace")

    def emit(self, source: Source, text: str) -> bool:
        """Write the output unless the file already holds it; True when it changed."""
        target = self.target(source)
        if self._read(source, target) == text:
            return False
        write_atomic(self.fs, str(target), text.encode("utf-8"))
        return True

    def old(self, source: Source) -> tuple[str | None, str]:
        """The golden output under the root (None when there is none)."""
        target = self.target(source)
        return self._read(source, target), self._url(target)


class _RemotePath:
    """Just enough of ``Path`` for ``JsonLinesFile`` to read an existing remote file."""

    def __init__(self, fs: Any, path: str, url: str) -> None:
        self.fs, self.path, self.url = fs, path, url

    def open(self, mode: str = "rb") -> Any:
        return self.fs.open(self.path, mode)

    def __str__(self) -> str:
        return self.url


class RemoteJsonLines(JsonLinesFile):
    """One JSON Lines file on an fsspec filesystem, moved into place only once complete."""

    def __init__(self, url: str) -> None:
        fs, path = filesystem(url)
        super().__init__(_RemotePath(fs, path, url))  # type: ignore[arg-type]
        self.fs, self.remote = fs, path
        self.stream: Any = None

    def emit(self, source: Source, text: str) -> bool:
        """Append one record to the temporary file."""
        if self.stream is None:
            self.tmp = _temp_name(self.remote)
            if not _protocols(self.fs) & OBJECT_STORES:
                self.fs.makedirs(self.remote.rpartition("/")[0] or ".", exist_ok=True)
            self.stream = self.fs.open(self.tmp, "wb")
        self.stream.write(text.encode("utf-8"))
        return True

    def close(self, ok: bool) -> None:
        """Move the finished file into place, or remove it when the run did not finish."""
        if self.stream is None or self.tmp is None:
            return
        try:
            self.stream.close()
            if ok:
                self.fs.mv(self.tmp, self.remote)
                self.tmp = None
        finally:
            if self.tmp is not None:
                with contextlib.suppress(OSError):
                    self.fs.rm(self.tmp)


def remote_output(output: Path, fmt: str) -> RemoteDirectory | RemoteJsonLines:
    """The target for ``-o URL``; RemoteError for a read-only scheme or a missing backend."""
    url = as_url(output)
    assert url is not None
    if url.split("://", 1)[0] in READ_ONLY:
        raise RemoteError(f"-o {url}: http(s):// is read-only; write to a local path or an object store")
    return RemoteJsonLines(url) if fmt == "jsonl" else RemoteDirectory(url, fmt)
