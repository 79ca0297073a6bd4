"""--explain-file: checked like an output before it is opened, since opening it empties it."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path
from typing import Any

import click

from cleanup.cli.messages import Messages
from cleanup.input.sources import InputGuard, reason
from cleanup.output.render import is_explain_line

LOG_HEAD_BYTES = 4096  # enough for the first line of a log (a snippet is at most ~100 characters)


def open_explain_file(messages: Messages, target: Any, named: list[Path], output: Path | None, flags: Any) -> None:
    """--explain-file, opened once the output is checked: a usage error before must leave it as it was."""
    if flags["explain_file"] is None:
        return
    try:
        append = bool(flags.get("skip_existing"))
        messages.explain_to = _explain_file(flags["explain_file"], named, output, append)
        messages.explain_path = str(flags["explain_file"])
        if append and messages.explain_to not in (sys.stdout, sys.stderr) and _is_file(flags["explain_file"]):
            messages.explain_kept = messages.explain_to.tell()  # a failed write cuts the log back to here
    except click.UsageError:
        target.close(ok=False)
        raise


def _explain_file(path: Path, inputs: list[Path], output: Path | None, append: bool = False) -> Any:
    """The --explain-file, opened for writing (a usage error when it cannot be, or when it is an input or -o).

    With ``append`` (--skip-existing: a resumed run) an earlier log is added to, not replaced: the
    removals of the run that was cut short are not written again, so replacing lost them.

    Opening it empties it: an input (``inputs``: those named, the --files-from list, the rule
    files), a file a link names inside an input directory, another hard link of the same file,
    or the output named there would be lost; inside the -o directory an output would replace it,
    or --prune remove it. A path that is this process's stdout or stderr (/dev/stdout, or the
    file they are redirected to) is written through that stream: a second opening would write
    over it. A FIFO nobody reads is refused: opening it would wait for ever.
    """
    problem = InputGuard.of(inputs).problem(path)
    if problem is not None:
        inside = "inside the input directory" in problem
        why = "it lies inside an input directory" if inside else "it is an input, and opening it would empty it"
        raise click.UsageError(f"--explain-file {path}: {why}")
    if output is not None and str(output) != "-":
        if same_path(path, output):
            raise click.UsageError(f"--explain-file {path}: it is also the output (-o)")
        if os.path.isdir(output) and _inside_dir(path, output):
            raise click.UsageError(f"--explain-file {path}: it lies inside the output directory (-o)")
    stream = _standard_stream(path)
    if stream is not None:
        return stream
    _check_kind(path)
    _check_is_a_log(path)
    try:
        if append and _is_file(path):
            return _appended(path)
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise click.UsageError(f"--explain-file {path}: {reason(exc)}") from None


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _appended(path: Path) -> Any:
    """An existing log opened at its end; a last line cut short (a killed run) is ended first."""
    with open(path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        cut = size > 0 and handle.seek(size - 1) >= 0 and handle.read(1) != b"\n"
    log = open(path, "a", encoding="utf-8")  # noqa: SIM115 (Messages closes it)
    if cut:
        log.write("\n")
        log.flush()
    return log


def _check_kind(path: Path) -> None:
    """A usage error for a file with other hard links (opening it empties them too) or a FIFO with no reader."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return  # a new file
    if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
        raise click.UsageError(f"--explain-file {path}: it has other hard links, and opening it would empty them too")
    if stat.S_ISFIFO(st.st_mode):
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            why = "a FIFO that nothing reads (start its reader first)"
            raise click.UsageError(f"--explain-file {path}: {why}") from None


def _check_is_a_log(path: Path) -> None:
    """A usage error for an existing file that holds something other than an --explain log.

    ``cleanup --explain-file pages/*.html.gz`` takes the first page for the log's name
    (a new-user trial lost a page so): a file is replaced only when it is empty or its
    first line is a line of a log of removals.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return  # a new file, or one that open() then reports on
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return  # a device or a FIFO: written to, nothing to lose
        head = handle.read(LOG_HEAD_BYTES)
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    if head and not is_explain_line(first):
        why = "it exists and holds no --explain log (a page?), and opening it would empty it"
        raise click.UsageError(f"--explain-file {path}: {why}; name a new file, or remove this one first")


def _inside_dir(path: Path, directory: Path) -> bool:
    top = os.path.realpath(directory).rstrip(os.sep) + os.sep
    return os.path.realpath(path).startswith(top)


def _standard_stream(path: Path) -> Any:
    """sys.stdout or sys.stderr when ``path`` is the file either writes to, else None."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        with contextlib.suppress(OSError, ValueError):
            mine = os.fstat(fd)
            if (mine.st_dev, mine.st_ino) == (st.st_dev, st.st_ino) and stream is not None:
                return stream
    return None


def same_path(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name one file (whether or not it exists yet; a hard link too)."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False
