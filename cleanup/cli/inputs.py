"""Which inputs a batch takes: sources, --files-from lists, the selection flags, inputs left out."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import itertools
import math
import sys
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from cleanup.cli.messages import Messages
from cleanup.input.remote import as_url, iter_urls
from cleanup.input.source import file_identity, listed_paths
from cleanup.input.sources import (
    INPUT_FORMATS,
    STDIN,
    Selection,
    Source,
    iter_listed,
    iter_sources,
    reason,
)
from cleanup.model import DEFAULT_OPTIONS, MAX_INPUT_BYTES, Options
from cleanup.output.render import quote_name
from cleanup.output.report import Report, singular

DEFAULT_INCLUDE = (
    "*.html",
    "*.htm",
    "*.xhtml",
    "*.txt",
    "*.html.gz",
    "*.htm.gz",
    "*.txt.gz",
    "*.jsonl",
    "*.jsonl.gz",
    "*.warc",
    "*.warc.gz",
)


def _stacked(*options: Any) -> Any:
    """One decorator applying ``options`` in order (the first is listed first in --help)."""

    def apply(f: Any) -> Any:
        for option in reversed(options):
            f = option(f)
        return f

    return apply


# How records are read (JSON Lines, JSON, WARC): the batch's flags, and cleanup learn's.
RECORD_OPTIONS = _stacked(
    click.option(
        "--input-format",
        type=click.Choice(INPUT_FORMATS),
        default="auto",
        show_default=True,
        help="page: each file is one page. jsonl, json (an array of objects), warc: files hold records. "
        "auto: by suffix (*.jsonl[.gz], *.warc[.gz]), else by content (WARC header, JSON object or array).",
    ),
    click.option(
        "--all-statuses",
        is_flag=True,
        help="WARC: also clean responses whose HTTP status is not 2xx (left out and counted by default).",
    ),
    click.option("--html-field", default="html", show_default=True, help="JSON Lines field holding the page HTML."),
    click.option(
        "--text-field",
        default="text",
        show_default=True,
        help="JSON Lines field holding plain text (used when there is no HTML field).",
    ),
    click.option("--url-field", default="url", show_default=True, help="JSON Lines field holding the page URL."),
    click.option(
        "--id-field",
        default="id",
        show_default=True,
        help="JSON Lines field holding the record id (output as 'id'; other fields pass through).",
    ),
)
# How files are read and which files of a directory are taken.
FILE_OPTIONS = _stacked(
    click.option("--encoding", help="Decode inputs with this codec instead of guessing."),
    click.option(
        "--max-bytes",
        type=click.IntRange(min=1, max=MAX_INPUT_BYTES),
        default=DEFAULT_OPTIONS.max_bytes,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    ),
    click.option(
        "--include",
        multiple=True,
        metavar="GLOB",
        help=(
            "In directories, clean files matching GLOB by name or path below the directory "
            f"(repeatable; default: {' '.join(DEFAULT_INCLUDE)})."
        ),
    ),
    click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="In directories, skip files and directories matching GLOB (by name or path below the directory).",
    ),
)


def record_fields(flags: dict[str, Any]) -> Any:
    """The record fields the flags name (--html-field, --text-field, --url-field, --id-field)."""
    from cleanup.input.records import Fields

    return Fields(
        flags["html_field"], flags["text_field"], flags["url_field"], flags["id_field"], flags.get("encoding")
    )


def inputs(sources: tuple[Path, ...], listed: Iterable[Path], problem: str | None, sel: Selection) -> Iterator[Source]:
    """Sources from the command line (URLs through fsspec), then from --files-from (``problem``: why the list
    cannot be read)."""
    seen: set[str] = set()  # a file both among the arguments and in the list is cleaned once
    if any(as_url(src) for src in sources):
        yield from iter_urls(sources, sel)
    else:
        yield from subcommand_hint(iter_sources(sources, sel, seen), str(sources[0]) if sources else None)
    if problem is not None:
        yield Source("--files-from", Path(), error=problem)
    try:
        yield from iter_listed(listed, sel, seen)
    except OSError as exc:  # a list read as it comes (stdin) that turns out to be none ("a line over …")
        yield Source("--files-from", Path(), error=f"cannot read the list of files: {reason(exc)}")


SUBCOMMANDS = ("learn", "rules")  # cleanup learn, cleanup rules (cli/learn_cmd.py, cli/rules_cmd.py)
MISSING = "no such file or directory"


def subcommand_hint(items: Iterator[Source], first: str | None) -> Iterator[Source]:
    """``items``, the first one's error saying which subcommand was meant when it is a missing input named
    like one (``cleanup lern pages -o x``: ``error: lern: no such file or directory; did you mean 'cleanup
    learn'?``). The batch goes on as before: a missing input fails on its own."""
    for source in items:
        if first is not None and source.name == first and source.error == MISSING:
            close = difflib.get_close_matches(first, SUBCOMMANDS, n=1, cutoff=0.75)
            if close:
                source = dataclasses.replace(source, error=f"{MISSING}; did you mean 'cleanup {close[0]}'?")
        first = None
        yield source


def count(sources: tuple[Path, ...], listed: Iterable[Path], sel: Selection) -> int | None:
    """How many inputs there are, for the progress bar; None when that is not known up front.

    Files are counted without being read; a JSON Lines or WARC file holds an
    unknown number of records, and stdin or a list still arriving is unknown.
    """
    if not isinstance(listed, list | tuple) or any(str(s) == STDIN for s in sources):
        return None
    pages = dataclasses.replace(sel, input_format="page")  # names only: no container is opened
    count = 0
    seen: set[str] = set()
    for source in itertools.chain(iter_sources(sources, pages, seen), iter_listed(listed, pages, seen)):
        if sel.input_format != "page" and source.name.lower().endswith(CONTAINER_SUFFIXES):
            return None
        count += 1
    return count


# Inputs that hold many pages: a count of files says nothing about the number of pages.
CONTAINER_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".warc", ".warc.gz", ".arc", ".arc.gz")


def listed_paths_of(files_from: str | None, whole: bool, null: bool = False) -> tuple[Iterable[Path], str | None]:
    """The paths of --files-from (NUL-separated with -0), and why the list cannot be read (None when it can).

    With ``whole`` the list is read to its end first: outputs can only be
    checked against every input once every input is known. Otherwise a list
    on stdin is read as it comes (a slow producer sees its outputs appear).
    """
    if files_from is None:
        return (), None
    try:
        if files_from == STDIN:
            paths = listed_paths(sys.stdin.buffer, null)
            return (list(paths) if whole else paths), None
        with open(files_from, "rb") as handle:
            return list(listed_paths(handle, null)), None
    except OSError as exc:
        return (), f"cannot read the list of files {quote_name(files_from)}: {reason(exc)}"


def leaving_out(items: Iterator[Source], report: Report, messages: Messages) -> Iterator[Source]:
    """Count and leave out records that are no article (WARC 404s, images)."""
    for source in items:
        if source.skip is None:
            yield source
        else:
            leave_out(source, report, messages)


def left_out_there(
    results: Generator[tuple[Source, Any], None, None], report: Report, messages: Messages
) -> Generator[tuple[Source, Any], None, None]:
    """The ``(source, outcome)`` pairs of a batch, but records a cluster worker left out (a WARC 404):
    those are counted as a local run counts them. Closing this closes ``results`` (cancels the tasks)."""
    with contextlib.closing(results):
        for source, outcome in results:
            if source.skip is None:
                yield source, outcome
            else:
                leave_out(source, report, messages)


def leave_out(source: Source, report: Report, messages: Messages) -> None:
    """Count one input that is no article (``source.skip``), and name it under -v."""
    report.leave_out(source.skip or "")
    messages.status(source.name, f"left out ({singular(source.skip or '')})")  # one input: 'a link to a directory'


def selection(
    flags: dict[str, Any], fields: Any, output: Path | None, options: Options, open_containers: bool = True
) -> Selection:
    """Which inputs to take and how to read them, from the flags (on a cluster, workers open containers)."""
    return Selection(
        flags["include"] or DEFAULT_INCLUDE,
        flags["exclude"],
        flags["input_format"],
        fields,
        output,
        writes_to=_written_files(output),
        max_bytes=options.max_bytes,
        all_statuses=flags["all_statuses"],
        sniff_unlisted=not flags["include"],
        open_containers=open_containers,
    )


def _written_files(output: Path | None) -> tuple[tuple[tuple[int, int], str], ...]:
    """The regular files pages stream to (stdout, or ``-o /dev/stdout``) and messages go to (stderr)."""
    from cleanup.output.files import streams_to

    if output is None or str(output) == STDIN:
        pages = file_identity(1)
    else:
        pages = file_identity(output) if streams_to(output) else None
    found = ((pages, "standard output"), (file_identity(2), "standard error"))
    return tuple((identity, stream) for identity, stream in found if identity is not None)


class FiniteFloatRange(click.FloatRange):
    """A FloatRange that refuses nan: click's bounds let it through (nan compares false), and a
    --timeout of nan turned the limit off, a --min-share of nan crashed ``learn``."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number.", param, ctx)
        return number


class NonEmptyPath(click.Path):
    """A path that may not be empty: "" is the working directory to the OS, so ``cleanup "$IN"`` or
    ``--explain-file "$LOG"`` with the variable unset walked or wrote there; refused instead."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:
            self.fail("an empty path (an unset shell variable?)", param, ctx)
        return super().convert(value, param, ctx)


class OutputPath(NonEmptyPath):
    """-o's path: an empty one is refused, not read as the working directory (``-o "$OUT"`` with OUT unset)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.endswith("/") and ctx is not None:
            ctx.meta[OUTPUT_SLASH] = True  # a Path drops it: "-o out/" names a directory
        return super().convert(value, param, ctx)


OUTPUT_SLASH = "cleanup.output_slash"
