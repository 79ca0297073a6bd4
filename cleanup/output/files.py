"""Opening files we did not create: never follow a planted link, never hang, never read without bound.

A golden file or an existing output may be a symbolic link to ``/proc/self/environ``
(a --diff would print the CI's secrets), a FIFO (a read blocks forever) or a link
to ``/dev/zero`` (a read never ends). Every such file is opened here, once,
without following a final link and without blocking, checked with ``fstat`` to be
a regular file, and read up to a limit.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cleanup.output.render import quote_name

# O_NOFOLLOW: a final symbolic link fails with ELOOP; O_NONBLOCK: opening a FIFO does not wait for a writer.
SAFE_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
# Paths that name an open descriptor (/dev/stdout -> /proc/self/fd/1): written to as they are, never replaced.
DESCRIPTOR_PATHS = ("/dev/fd/", "/proc/", "/dev/stdin", "/dev/stdout", "/dev/stderr")
MAX_LINKS = 40  # as the kernel's own limit on links followed in one lookup


class OutputError(Exception):
    """This one output cannot be written or compared where it should go; the batch goes on."""


@dataclass(frozen=True)
class Existing:
    """An existing regular file, read up to a limit: its bytes and its identity."""

    data: bytes
    device: int
    inode: int
    complete: bool  # False when the file is larger than the limit (data holds the start)
    owner: int = -1  # the file's uid and mode, as read (fstat of the descriptor the data came from)
    mode: int = 0


def read_regular(path: Path, limit: int, root: Path | None = None) -> Existing | None:
    """The regular file at ``path`` (None when there is none); OutputError for anything else.

    ``root``: the file must lie inside this directory once every link of its
    parent directories is resolved (a linked directory in a golden tree may not
    point outside it).
    """
    if root is not None and not _inside(path.parent, root):
        raise OutputError(f"{quote_name(str(path))} lies outside {quote_name(str(root))} (a linked directory)")
    try:
        fd = os.open(path, SAFE_READ)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(_refusal(path, exc)) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # before fdopen, which fails on a directory: 'cannot write output'
        os.close(fd)
        raise OutputError(f"{quote_name(str(path))} is {kind_of(st.st_mode)}, not a regular file; refusing it")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    return Existing(data[:limit], st.st_dev, st.st_ino, len(data) <= limit, st.st_uid, st.st_mode)


def _refusal(path: Path, exc: OSError) -> str:
    name = quote_name(str(path))
    if exc.errno == errno.ELOOP:
        return f"{name} is a symbolic link; refusing to follow it"
    if exc.errno == errno.EISDIR:
        return f"{name} is a directory"
    return f"cannot read {name}: {exc.strerror or exc}"


def _inside(directory: Path, root: Path) -> bool:
    real, top = os.path.realpath(directory), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def not_a_directory(path: Path) -> str | None:
    """Why ``-o DIR`` cannot be made a directory: the nearest of it and the directories above it that
    exists is no directory ('afile is a regular file'); None when it can be (or is one)."""
    for place in (path, *path.parents):
        try:
            mode = os.stat(place).st_mode
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                continue  # missing, or below a file: a place higher up says which
            return None  # unreadable: the write names the problem
        return None if stat.S_ISDIR(mode) else f"{quote_name(str(place))} is {kind_of(mode)}, not a directory"
    return None


def kind_of(mode: int) -> str:
    """What a file is, for messages: 'a directory', 'a FIFO', 'a character device'...

    >>> kind_of(stat.S_IFIFO)
    'a FIFO'
    """
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((what for test, what in kinds if test(mode)), "a regular file")


def _names_a_descriptor(path: Path) -> bool:
    """True when ``path``, or a link it goes through, names an open descriptor (/dev/stdout, /proc/self/fd/1)."""
    current = os.path.abspath(path)
    for _ in range(MAX_LINKS):
        if current.startswith(DESCRIPTOR_PATHS):
            return True
        try:
            link = os.readlink(current)
        except OSError:
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return False


def streams_to(path: Path) -> bool:
    """True when ``-o path`` is a stream in any format: /dev/stdout (wherever it goes), a device, a FIFO.

    >>> streams_to(Path("/dev/null")), streams_to(Path("/dev/stdout")), streams_to(Path("clean/"))
    (True, True, False)
    """
    if _names_a_descriptor(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def open_stream(path: Path) -> BinaryIO:
    """``path`` opened to write a stream to: appended to, never emptied.

    /dev/stdout redirected with ``>>`` to a file is that file: opening it anew
    with O_TRUNC (as ``open(path, "wb")`` does) would empty it, and without
    O_APPEND the writes would start over its first bytes. A FIFO is waited on
    until its reader opens it, as by any writer (Ctrl-C ends the wait).
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise OutputError(f"-o {quote_name(str(path))}: cannot write it: {exc.strerror or exc}") from None
    return os.fdopen(fd, "wb")


@dataclass(frozen=True)
class Destination:
    """Where one output file really goes: a regular file (written atomically) or a stream."""

    path: Path  # the file to write: a link is resolved to its target
    stream: bool  # write straight to it (a device, a FIFO, /dev/stdout); no atomic rename


def destination(path: Path) -> Destination:
    """Where ``-o FILE`` writes; OutputError for a directory or anything that is not a file or stream.

    A symbolic link is written through (the file it points to is replaced,
    atomically, beside it); a character device, a FIFO or a path under /dev or
    /proc is streamed to; a missing file is created.
    """
    if _names_a_descriptor(path):
        return Destination(path, stream=True)
    real = Path(os.path.realpath(path))
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return Destination(real, stream=False)
    except OSError as exc:
        blocked = not_a_directory(path.parent) if exc.errno == errno.ENOTDIR else None  # '-o afile/all.jsonl'
        raise OutputError(f"-o {quote_name(str(path))}: {blocked}" if blocked else _refusal(path, exc)) from None
    if stat.S_ISREG(mode):
        return Destination(real, stream=False)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return Destination(path, stream=True)
    raise OutputError(f"-o {quote_name(str(path))} is {kind_of(mode)}; it takes a file, a device or a FIFO")
