"""A batch: inputs to workers, outputs written, compared or diffed in input order, the exit code."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from cleanup.cli.messages import Messages, colour_diff, colour_flag, progress_bar
from cleanup.cli.signals import Terminated, signals
from cleanup.input.sources import (
    STDIN,
    Selection,
    Source,
    iter_listed,
    iter_sources,
    listed_paths,
    reason,
)
from cleanup.model import Options, SiteRuleError
from cleanup.output.modes import Directory, JsonLinesFile, Mode, OutputError, Stdout, make_output
from cleanup.output.render import unified_diff
from cleanup.output.report import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_PIPE, EXIT_TERMINATED, EXIT_USAGE, Report

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
# Write errors that every later write would hit too: stop the batch at the first.
FATAL_WRITE_ERRNOS = frozenset((errno.ENOSPC, errno.EROFS, errno.EDQUOT))


def _inputs(sources: tuple[Path, ...], files_from: str | None, sel: Selection) -> Iterator[Source]:
    """Sources from the command line, then from --files-from."""
    yield from iter_sources(sources, sel)
    if files_from is None:
        return
    if files_from == STDIN:
        yield from iter_listed(listed_paths(sys.stdin.buffer), sel)
        return
    try:
        with open(files_from, "rb") as handle:
            yield from iter_listed(listed_paths(handle), sel)
    except OSError as exc:
        yield Source(files_from, Path(), error=f"cannot read the list of files: {reason(exc)}")


def _skipping(items: Iterator[Source], target: Any, report: Report, messages: Messages) -> Iterator[Source]:
    """Leave out inputs whose output already exists (--skip-existing)."""
    for source in items:
        try:
            exists = source.error is None and target.exists(source)
        except OutputError as exc:
            report.failed(source.name, str(exc))
            messages.error(source.name, str(exc))
            continue
        if exists:
            report.skip()
            messages.status(source.name, "skipped (output exists)")
            continue
        yield source


def _handle(source: Source, outcome: Any, mode: Mode, target: Any, messages: Messages) -> bool:
    """Write, compare or diff one output; True when it changed."""
    new = outcome.output or ""
    if mode is Mode.WRITE:
        return target.emit(source, new)
    old, old_name = target.old(source)
    if old == new:
        return False
    if mode is Mode.DIFF:
        diff = unified_diff(old, new, old_name, f"{source.name} (cleaned)")
        click.echo(colour_diff(diff) if messages.color is not False else diff, nl=False, color=messages.color)
    else:
        messages.say(f"would change: {old_name}")
    return True


def _run(
    items: Iterator[Source],
    settings: Any,
    jobs: int,
    mode: Mode,
    target: Any,
    report: Report,
    messages: Messages,
    limits: Any,
) -> None:
    """Clean every item (in workers when jobs > 1 or under a limit) and handle the outputs in input order."""
    from cleanup.batch.jobs import ordered_map
    from cleanup.batch.work import Outcome, process

    work = functools.partial(process, settings=settings)
    crashed = functools.partial(_crashed, outcome=Outcome)
    timed_out = functools.partial(_failed, outcome=Outcome, why=f"took longer than {limits.seconds or 0:g} s")
    too_big = functools.partial(_failed, outcome=Outcome, why=f"needed more than {(limits.memory or 0) >> 20} MB")
    mapped = ordered_map(work, items, jobs, crashed, timed_out, limits, too_big)
    with (
        progress_bar(messages, enabled=not _data_to_terminal(mode, target)) as advance,
        contextlib.closing(mapped) as results,
    ):
        for source, outcome in results:
            advance()
            for line in outcome.explain:
                messages.say(line, always=True)
            if outcome.error is not None:
                report.failed(source.name, outcome.error)
                messages.error(source.name, outcome.error)
                continue
            try:
                changed = _handle(source, outcome, mode, target, messages)
            except OutputError as exc:
                report.failed(source.name, str(exc))
                messages.error(source.name, str(exc))
                continue
            except OSError as exc:
                if isinstance(exc, BrokenPipeError):
                    raise
                report.failed(source.name, f"cannot write output: {reason(exc)}")
                messages.error(source.name, f"cannot write output: {reason(exc)}")
                if exc.errno in FATAL_WRITE_ERRNOS:
                    messages.say("stopping: every later output would fail the same way", always=True)
                    return
                continue
            report.done(changed, outcome.rules)
            messages.status(source.name, _status(changed, mode))


def _data_to_terminal(mode: Mode, target: Any) -> bool:
    """True when cleaned pages or diffs are printed to a terminal (a progress bar would garble them)."""
    prints = isinstance(target, Stdout) or mode is Mode.DIFF
    return prints and sys.stdout.isatty()


def _crashed(source: Source, outcome: Any) -> Any:
    return outcome(error="the worker process cleaning it died (a crash or out of memory)")


def _failed(source: Source, outcome: Any, why: str) -> Any:
    """A page past a limit: ``why`` names the limit, then how to change it."""
    flag = "--timeout" if why.startswith("took") else "--max-memory"
    return outcome(error=f"{why} (the limit per page; see {flag})")


def _status(changed: bool, mode: Mode) -> str:
    if not changed:
        return "unchanged"
    return "cleaned" if mode is Mode.WRITE else "would change"


def _limits(flags: dict[str, Any]) -> Any:
    """--timeout and --max-memory as the pool's Limits (0 turns a limit off)."""
    from cleanup.batch.jobs import Limits

    return Limits(seconds=flags["timeout"] or None, memory=(flags["max_memory"] << 20) or None)


def run_batch(
    sources: tuple[Path, ...], output: Path | None, fmt: str, mode: Mode, options: Options, flags: dict[str, Any]
) -> int:
    """Run the batch; return the exit code."""
    from cleanup.batch.jobs import WorkerError, default_jobs
    from cleanup.batch.work import Settings
    from cleanup.input.records import Fields

    messages = Messages(colour_flag(flags["color"]), flags["quiet"], flags["verbose"])
    fields = Fields(flags["html_field"], flags["text_field"], flags["url_field"], flags["id_field"])
    sel = Selection(flags["include"] or DEFAULT_INCLUDE, flags["exclude"], flags["input_format"], fields, output)
    target: Stdout | Directory | JsonLinesFile = make_output(output, fmt)
    report = Report(check=mode is not Mode.WRITE)
    items = _inputs(sources, flags["files_from"], sel)
    if flags["skip_existing"]:
        items = _skipping(items, target, report, messages)
    jobs = flags["jobs"] or default_jobs()
    if len(sources) == 1 and flags["files_from"] is None and not Path(sources[0]).is_dir():
        jobs = 1  # one file (or stdin): a pool would only add start-up time
    finished = False
    try:
        with signals():
            settings = Settings(options, fmt, flags["explain"])
            _run(items, settings, jobs, mode, target, report, messages, _limits(flags))
        finished = True
    except SiteRuleError as exc:
        messages.error("site rules", str(exc))
        return EXIT_USAGE
    except WorkerError as exc:
        messages.error("-j", f"{exc}; try -j 1")
        return EXIT_FAILED
    except KeyboardInterrupt:
        messages.say("interrupted: every output written is complete; rerun with --skip-existing to finish", always=True)
        return EXIT_INTERRUPTED
    except Terminated:
        messages.say("terminated: every output written is complete; rerun with --skip-existing to finish", always=True)
        return EXIT_TERMINATED
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE
    finally:
        target.close(ok=finished and mode is Mode.WRITE)
    total = report.cleaned + report.unchanged + report.skipped + len(report.failures)
    if flags["verbose"] or total > 1 or output is not None:
        messages.say(str(report))
    if flags["verbose"]:
        for line in report.rule_lines():
            messages.say(line)
    return report.return_code
