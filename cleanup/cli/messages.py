"""What the command says on stderr: messages, errors, the progress bar and colour."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import click

from cleanup.model import hide_passwords, one_line
from cleanup.output.render import counted, quote_name


class ExplainFileError(Exception):
    """The --explain-file cannot be written (a full disk, /dev/full): the batch stops, as for any output."""


@dataclass
class Messages:
    """Everything the command says on stderr, in one place (errors even under -q)."""

    color: bool | None
    quiet: bool = False
    verbose: bool = False
    console: Any = None  # a rich Console while a progress bar is shown
    explain_to: Any = None  # the --explain-file (None: stderr)
    explain_path: str = ""  # its path as given
    explain_kept: int | None = None  # --skip-existing: the size of the earlier log it was opened at
    name_changes: bool = False  # --check with --diff: a 'would change:' line beside each diff

    def say(self, text: str, *, always: bool = False) -> None:
        """One line on stderr; under -q only when ``always``."""
        if self.quiet and not always:
            return
        text = hide_passwords(text)  # a URL's password never reaches the terminal or a log
        try:
            if self.console is not None:
                self.console.print(text, markup=False, highlight=False, soft_wrap=True)
            else:
                click.echo(text, err=True, color=self.color)
        except OSError:  # stderr itself cannot be written (a full disk behind 2>log): the exit code still says
            pass

    def explain(self, line: str) -> None:
        """One --explain line: on stderr, or in the --explain-file."""
        if self.explain_to is None:
            self.say(line, always=True)
        else:
            try:
                self.explain_to.write(line + "\n")
                self.explain_to.flush()
            except OSError as exc:
                raise ExplainFileError(self._drop_explain_file(exc)) from None

    def _drop_explain_file(self, exc: OSError) -> str:
        """Close the --explain-file that a write failed on, remove it when it is a regular file (no
        partial log is left; an earlier log appended to is cut back to what it held), and say why:
        ``--explain-file PATH: cannot write it: No space left``."""
        handle, self.explain_to = self.explain_to, None
        name = str(self.explain_path or getattr(handle, "name", ""))
        if handle not in (sys.stdout, sys.stderr):  # /dev/stdout or /dev/stderr: the stream stays open
            with contextlib.suppress(OSError):
                handle.close()
            if self.explain_kept is not None:
                with contextlib.suppress(OSError):
                    os.truncate(name, self.explain_kept)
            elif os.path.isfile(name) and not os.path.islink(name):
                with contextlib.suppress(OSError):
                    os.unlink(name)
        return f"--explain-file {quote_name(name)}: cannot write it: {exc.strerror or exc}"

    def error(self, name: str, why: str) -> None:
        """``error: name: reason``, one line (a name with a newline or control character is quoted)."""
        label = click.style("error", fg="red", bold=True) if self.color and self.console is None else "error"
        self.say(f"{label}: {quote_name(name)}: {one_line(why)}", always=True)

    def status(self, name: str, status: str) -> None:
        """Per-input status under -v."""
        if self.verbose:
            self.say(f"{quote_name(name)}: {one_line(status)}")


@contextlib.contextmanager
def progress_bar(
    messages: Messages, enabled: bool, total: Any = None, status: Callable[[], str] | None = None
) -> Iterator[Any]:
    """A transient rich progress bar on stderr when it is a terminal; yields ``advance()``.

    ``total`` is called for the number of inputs (None when it cannot be known
    up front, as for the records of JSON Lines files): the bar then shows
    'n/total' and the time left. ``status`` adds a column read at each refresh
    (a cluster's 'tasks done/total') and a pages-per-second rate.
    """
    if not shows_progress(messages, enabled):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True, no_color=messages.color is False)
    columns: tuple[Any, ...] = (
        TextColumn("cleaning"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    if status is not None:
        columns = (*columns, _Column(lambda task: status()), _Column(lambda task: f"{task.speed or 0:,.0f} pages/s"))
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("cleaning", total=total() if total is not None else None)
        messages.console = console
        try:
            yield lambda: bar.advance(task)
        finally:
            messages.console = None


def shows_progress(messages: Messages, enabled: bool) -> bool:
    """True when a progress bar is drawn: stderr is a terminal, and nothing else prints there."""
    return enabled and not messages.quiet and sys.stderr is not None and sys.stderr.isatty()


class _Column:
    """A rich progress column showing ``text(task)`` (duck-typed: rich calls it per refresh)."""

    def __init__(self, text: Callable[[Any], str]) -> None:
        self.text = text
        self.max_refresh = None

    def __call__(self, task: Any) -> Any:
        from rich.text import Text

        return Text(self.text(task))

    def get_table_column(self) -> Any:
        from rich.table import Column

        return Column(no_wrap=True)


def colour_flag(value: str) -> bool | None:
    """click's colour argument: None lets click decide (TTY), honouring NO_COLOR/FORCE_COLOR."""
    if value == "always":
        return True
    if value == "never" or os.environ.get("NO_COLOR"):
        return False
    return True if os.environ.get("FORCE_COLOR") else None


def colour_diff(diff: str) -> str:
    styles = (
        ("+++", {"bold": True}),
        ("---", {"bold": True}),
        ("+", {"fg": "green"}),
        ("-", {"fg": "red"}),
        ("@@", {"fg": "cyan"}),
    )
    out = []
    for line in diff.splitlines(keepends=True):
        style = next((s for prefix, s in styles if line.startswith(prefix)), None)
        out.append(click.style(line, **style) if style else line)
    return "".join(out)


STANDARD_FDS = (0, 1, 2)


def reopen_closed_streams() -> frozenset[int]:
    """Put /dev/null on stdin, stdout or stderr when the shell closed them (``>&-``, ``2>&-``).

    A closed descriptor would otherwise be taken by the next file opened, so
    messages for stderr could land in an output file; Python also leaves
    ``sys.stdout``/``sys.stderr`` as None, and the first message would crash.
    Returns the descriptors that were closed.
    """
    closed = set()
    for fd in STANDARD_FDS:
        try:
            os.fstat(fd)
        except OSError:
            closed.add(fd)
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        if fd in closed and getattr(sys, name) is None:
            setattr(sys, name, open(fd, mode, encoding="utf-8", closefd=False))  # noqa: SIM115
    return frozenset(closed)


def echo_error(text: str) -> None:
    """An ``error: ...`` line on stderr from a command that has no Messages, passwords hidden as ``say`` hides them."""
    click.echo(hide_passwords(f"error: {one_line(text)}"), err=True)


def out_of_descriptors(exc: OSError) -> bool:
    """True for EMFILE/ENFILE, and for tempfile's 'No usable temporary directory' that EMFILE causes."""
    return exc.errno in (errno.EMFILE, errno.ENFILE) or "No usable temporary directory" in str(exc)


# Even -j 1 cleans in a worker process while --timeout or --max-memory is set (the defaults are).
IN_PROCESS = "clean in this process, with no worker: -j 1 --timeout 0 --max-memory 0"


def too_many_files() -> str:
    """The message for a batch out of file descriptors: the limit, and the two ways out."""
    import resource

    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return f"too many open files (ulimit -n is {limit}): raise the limit, or {IN_PROCESS}"


def kept_note(kept: list[Any]) -> str:
    """--prune, --check: the outputs left alone since no input directory of theirs is there to tell."""
    kept = sorted(kept)
    where = ", ".join(quote_name(str(p)) for p in kept[:3]) + (", ..." if len(kept) > 3 else "")
    why = "no input of this run mirrors (their directory was not given, or gave no page)"
    return f"note: kept {counted(len(kept), 'file')} below -o that {why}: {where}"
